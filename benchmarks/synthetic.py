"""A synthetic corpus in the real text formats, with the truth of what it holds.

    python benchmarks/synthetic.py OUT_FOLDER --scale 10 [--seed 1]

Scale 1 is about the bundled corpus: a JIU follow-up table (20 recommendations
over 4 reports, rows split across page breaks under repeated headers with the
status legend leaking into cells), an evaluation's 8 recommendations with
responsible-unit tables (units named by any of their registry names), and two
Governing Body reports (numbered paragraphs, some as list items or bold, some
split around footnotes at a page break; one with an action-plan appendix).
Each scale step adds that much again, with new symbols; ``--snapshots N`` follows
each follow-up table with N-1 later tables of the same recommendations. The loaders
read it like the real documents; ``Truth`` says exactly what they must find.
"""

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import ORG, RDF, SKOS

from okg.graph.build.pipeline import load_ontology
from okg.graph.namespaces import OKG

WORDS = [
    "organization",
    "policy",
    "capacity",
    "framework",
    "support",
    "constituents",
    "programme",
    "review",
    "national",
    "regional",
    "country",
    "development",
    "system",
    "coordination",
    "resources",
    "strategy",
    "reporting",
    "governance",
    "partnership",
    "implementation",
    "guidance",
    "assessment",
    "evaluation",
    "workforce",
    "protection",
    "dialogue",
    "employment",
    "enterprise",
    "standards",
    "training",
    "field",
    "offices",
    "budget",
    "results",
    "monitoring",
    "mechanisms",
    "analysis",
    "cooperation",
    "design",
    "services",
    "agencies",
]
LEGEND = (
    "“Accepted”; “Not accepted”; “Under consideration”; and “Not relevant”",
    "“Not started”; “In progress”; and “Implemented”",
    "“Yes”; “Partially”; and “No”",
)
HEADER = "Report\tRec. No\tRecommendation\tAddressee\tIntended impact\tAcceptance\tImplementation\tImpact achieved\tRemarks"
IMPACTS = (
    "Enhanced transparency and accountability",
    "Dissemination of good/best practices",
    "Enhanced coordination and cooperation",
    "Strengthened coherence and harmonisation",
    "Strengthened coherence and harmonization",
    "Enhanced control and compliance",
    "Enhanced effectiveness",
    "Significant financial savings",
    "Enhanced efficiency",
    "Other",
)
ACCEPTANCE = ("Accepted",) * 6 + ("Not accepted",) * 2 + ("Under consideration", "Not relevant")
IMPLEMENTATION = ("Implemented", "In progress", "Not started", None)
TIMES = ("Short-term", "Medium-term", "Long-term", "Medium-to-long-term")
RESOURCES = ("Low", "Medium", "High")
DUE = (
    ("By end 2019", "2019-12-31"),
    ("By mid-2020", "2020-06-30"),
    ("2019–20", "2020-12-31"),
    ("By October 2019", "2019-10-31"),
    ("By end March 2019", "2019-03-31"),
)
STATUS = ("Ongoing", "Completed", "Starting 2020", "Completed/ongoing")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class Truth:
    """What the generated documents hold, as the loaders must find it."""

    jiu: list[dict] = field(default_factory=list)  # one per table row
    latest_jiu: list[dict] = field(default_factory=list)  # the rows of each table's latest snapshot
    evaluation: list[dict] = field(default_factory=list)  # one per evaluation recommendation
    paragraphs: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # document -> (number, text)
    action_items: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # document -> (number, due, status)
    documents: list[str] = field(default_factory=list)


def unit_names(ontology: Graph) -> list[tuple[str, str]]:
    """(name as a document may print it, unit IRI) for every unit of the registry."""
    names = []
    for unit in sorted(ontology.subjects(RDF.type, ORG.OrganizationalUnit)):
        pref = str(ontology.value(unit, SKOS.prefLabel))
        acronym = ontology.value(unit, OKG.acronym)
        names.append((pref, str(unit)))
        names += [(str(alt), str(unit)) for alt in ontology.objects(unit, SKOS.altLabel)]
        if acronym:
            names += [(str(acronym), str(unit)), (f"{pref} ({acronym})", str(unit))]
    return names


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.units = [(n, u) for n, u in unit_names(load_ontology()) if " and " not in n]

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def sentence(self, low: int = 12, high: int = 30) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def jiu_rows(self, index: int) -> list[dict]:
        """The rows of one follow-up table: four reports of five recommendations each, with their first status."""
        rows = []
        for report in range(4):
            symbol = f"JIU/REP/{2030 + index // 1000}/{(index % 1000) * 4 + report + 1}"
            title = self.sentence(4, 9).rstrip(".")
            numbers = sorted(self.rng.sample(range(1, 12), 5))
            for position, number in enumerate(numbers):
                text, remarks = self.sentence(20, 45), self.sentence(10, 40)
                if position and self.rng.random() < 0.2:
                    target = self.rng.choice(numbers[:position])
                    remarks = f"See comments on Recommendation {target} above. {remarks}"
                acceptance = self.rng.choice(ACCEPTANCE)
                implementation = self.rng.choice(IMPLEMENTATION) if acceptance == "Accepted" else None
                rows.append(
                    {
                        "report": symbol,
                        "title": title,
                        "number": number,
                        "text": text,
                        "addressee": self.rng.choice("LEI"),
                        "impacts": tuple(self.rng.sample(IMPACTS, self.rng.choice((1, 1, 1, 2)))),
                        "acceptance": acceptance,
                        "implementation": implementation,
                        "remarks": remarks,
                    }
                )
        return rows

    def next_snapshot(self, rows: list[dict]) -> list[dict]:
        """The same recommendations a year later: undecided ones decided, accepted ones a step further, new remarks."""
        later = []
        for row in rows:
            acceptance, implementation = row["acceptance"], row["implementation"]
            if acceptance == "Under consideration" and self.rng.random() < 0.5:
                acceptance = self.rng.choice(("Accepted", "Not accepted"))
            if acceptance == "Accepted" and self.rng.random() < 0.6:
                implementation = {None: "Not started", "Not started": "In progress", "In progress": "Implemented"}.get(implementation, implementation)
            later.append({**row, "acceptance": acceptance, "implementation": implementation, "remarks": self.sentence(10, 40)})
        return later

    def jiu_table(self, rows: list[dict], as_of: str) -> str:
        """A follow-up table "as of" a month, rows split over page breaks under repeated headers as converted PDFs have them."""
        lines = [
            "Reference document concerning “Matters relating to the Joint Inspection Unit (JIU)” (GB.399/PFA/9)",
            "",
            f"▶ ILO’s follow-up status on the JIU recommendations, as of {as_of}",
            "",
            "Report\tRec. No\tRecommendation\tAddressee\tIntended impact\t"
            + "\t".join(f"{name} {legend}" for name, legend in zip(("Acceptance", "Implementation", "Impact achieved"), LEGEND))
            + "\tRemarks",
        ]
        for row in rows:
            symbol, title, number, text, remarks = row["report"], row["title"], row["number"], row["text"], row["remarks"]
            impacts, addressee, acceptance, implementation = row["impacts"], row["addressee"], row["acceptance"], row["implementation"]
            if self.rng.random() < 0.35:  # the row runs over a page break
                cut_text, cut_remarks = (self.rng.randint(3, len(s.split()) - 2) for s in (text, remarks))
                cut_title = self.rng.randint(1, len(title.split()) - 1)
                first = [
                    f"{symbol}: {' '.join(title.split()[:cut_title])}",
                    str(number),
                    " ".join(text.split()[:cut_text]),
                    addressee,
                    impacts[0],
                    acceptance,
                    implementation or "",
                    "",
                    " ".join(remarks.split()[:cut_remarks]),
                ]
                rest = [
                    " ".join(title.split()[cut_title:]),
                    "",
                    " ".join(text.split()[cut_text:]),
                    "",
                    impacts[1] if len(impacts) > 1 else "",
                    *LEGEND,
                    " ".join(remarks.split()[cut_remarks:]),
                ]
                lines += ["\t".join(first), "", HEADER, "\t".join(rest)]
            else:
                lines.append(
                    "\t".join([f"{symbol}: {title}", str(number), text, addressee, " ".join(impacts), acceptance, implementation or "", "", remarks])
                )
        return "\n".join(lines) + "\n"

    def evaluation(self, index: int, truth: Truth) -> str:
        lines = ["▶ Recommendations", ""]
        for number in range(1, 9):
            units = self.rng.sample(self.units, self.rng.randint(1, 6))
            priority = self.rng.choice(("", "", "High", "Medium"))
            time, resource = self.rng.choice(TIMES), self.rng.choice(RESOURCES)
            headline, text = self.sentence(10, 25), self.sentence(40, 90)
            lines += [
                f"RECOMMENDATION {number}",
                "",
                headline,
                "",
                text,
                "",
                "Responsible units\tPriority\tTime implication\tResource implication",
                f"{', '.join(name for name, _ in units)}\t{priority}\t{time}\t{resource}",
                "",
            ]
            truth.evaluation.append(
                {
                    "document": f"evaluation-{index}",
                    "number": number,
                    "headline": headline,
                    "units": {unit for _, unit in units},
                    "priority": priority or None,
                    "time": time,
                    "resource": resource,
                }
            )
        return "\n".join(lines)

    def report(self, index: int, name: str, with_plan: bool, truth: Truth) -> str:
        lines = [
            "Governing Body",
            "",
            f"{400 + index % 500}th Session, Geneva, March 2031",
            "",
            "Programme, Financial and Administrative Section",
            "",
            "PFA",
            "",
            "Date: 12 October 2030",
            "",
            "Fifth item on the agenda",
            "",
            f"Progress report {index}",
            "",
            "Purpose of the document",
            "",
            f"{self.sentence()} (see the draft decision in paragraph 3)",
            "",
            "Author unit: Human Resources Development Department (HRD).",
            "",
            f"Related documents: GB.{300 + index % 99}/PFA/{index % 50 + 1}.",
            "",
            "▶ Introduction",
            "",
        ]
        paragraphs: list[tuple[int, str]] = []
        footnote = 0
        for number in range(1, self.rng.randint(25, 45)):
            text = " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))
            prefix = self.rng.choice(("", "- ", "- **", "**"))
            marker = f"{number}." if "**" not in prefix else f"{number}.**"
            words = text.split()
            cuts = [i for i in range(2, len(words) - 1) if not words[i - 1].endswith(".")]
            if cuts and self.rng.random() < 0.15:  # split at a page break, a footnote between the halves
                footnote += 1
                cut = self.rng.choice(cuts)
                head, tail = " ".join(words[:cut]), " ".join(words[cut:])
                mark = str(footnote).translate(SUPERSCRIPT)
                lines += [f"{prefix}{marker} {head}{mark}", "", f"{mark} GB.{300 + footnote % 99}/PFA/{footnote}.", "", tail, ""]
            else:
                lines += [f"{prefix}{marker} {text}", ""]
            paragraphs.append((number, text))
            if number % 10 == 0:
                lines += [f"{self.words(2, 5).capitalize()} and {self.words(1, 3)}", ""]
        truth.paragraphs[name] = paragraphs
        if with_plan:
            lines += ["► Appendix", "", f"Status of the Office Plan of Action {index}", "", "Action item\tDue by\tStatus"]
            items = []
            for component in range(1, 4):
                lines.append(f"Component {component}: {self.sentence(5, 12).rstrip('.')}\t\t\t")
                for item in range(4 * component - 3, 4 * component + 1):
                    due, _ = self.rng.choice(DUE)
                    status = self.rng.choice(STATUS)
                    lines.append(f"{item}. {self.sentence(6, 20).rstrip('.')}\t{due}\t{status}")
                    items.append((item, due, status))
            truth.action_items[name] = items
        return "\n".join(lines) + "\n"


def generate(folder: Path, scale: int, seed: int = 1, snapshots: int = 1) -> Truth:
    """Write ``scale`` times the bundled corpus's volume into ``folder`` with a manifest; return the truth.

    With ``snapshots`` above 1, each follow-up table is followed by that many less one later
    tables of the same recommendations, a year apart (as of July 2023, 2024, ...), whose
    statuses move on; the truth holds the first table's rows.
    """
    folder.mkdir(parents=True, exist_ok=True)
    writer, truth, entries = Writer(seed), Truth(), []
    for index in range(scale):
        rows = writer.jiu_rows(index)
        truth.jiu += rows
        tables = [(f"jiu-{index}", writer.jiu_table(rows, "July 2022"), "2022-07")]
        for later in range(1, snapshots):
            rows = writer.next_snapshot(rows)
            year = 2022 + later
            tables.append((f"jiu-{index}-{year}", writer.jiu_table(rows, f"July {year}"), f"{year}-07"))
        truth.latest_jiu += rows
        documents = [(document_id, "jiu-follow-up", text, None, date) for document_id, text, date in tables] + [
            (f"evaluation-{index}", "evaluation-recommendations", writer.evaluation(index, truth), None, "2022-07"),
            (
                f"report-{index}",
                "governing-body-report",
                writer.report(index, f"report-{index}", False, truth),
                f"GB.901/PFA/{index + 1}",
                "2020-10-12",
            ),
            (f"plan-{index}", "governing-body-report", writer.report(index, f"plan-{index}", True, truth), f"GB.902/INS/{index + 1}", "2020-10-12"),
        ]
        for document_id, family, text, symbol, date in documents:
            (folder / f"{document_id}.txt").write_text(text, encoding="utf-8")
            symbol_line = f'symbol = "{symbol}"\n' if symbol else ""
            entries.append(
                f'[[document]]\nid = "{document_id}"\nfile = "{document_id}.txt"\ntitle = "Synthetic {document_id}"\n'
                f'{symbol_line}date = "{date}"\nfamily = "{family}"\n'
            )
            truth.documents.append(document_id)
    (folder / "manifest.toml").write_text("# A synthetic corpus (benchmarks/synthetic.py).\n\n" + "\n".join(entries), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--snapshots", type=int, default=1, help="follow-up tables per set of recommendations, a year apart")
    options = parser.parse_args()
    truth = generate(options.folder, options.scale, options.seed, options.snapshots)
    print(f"{len(truth.documents)} documents in {options.folder}")


if __name__ == "__main__":
    main()
