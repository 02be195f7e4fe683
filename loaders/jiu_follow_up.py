"""Loader for JIU follow-up status tables (reference documents to "Matters relating to the JIU").

The table has nine tab-separated columns: report, recommendation number, text,
addressee, intended impact, acceptance, implementation, impact achieved, remarks.
PDF conversion split rows across page breaks: a page break repeats the header
row, and the rest of a row continues in rows whose number cell is empty. Those
continuation rows also carry the status columns' header text ("“Accepted”;
“Not accepted”; …"), which is debris, never a value. One row's tail can even
come out as a bare line with no tabs ("report.").
"""

import re
from dataclasses import dataclass, field

from loaders.errors import SourceError
from loaders.spans import SourceSpan
from loaders.text import cited_symbols, clean_cell, collapse_spaces, normalize_lines

COLUMNS = (
    "Report",
    "Rec. No",
    "Recommendation",
    "Addressee",
    "Intended impact",
    "Acceptance",
    "Implementation",
    "Impact achieved",
    "Remarks",
)
REPORT, NUMBER, TEXT, ADDRESSEE, IMPACT, ACCEPTANCE, IMPLEMENTATION, IMPACT_ACHIEVED, REMARKS = range(9)

_STATUS_VALUES = (
    "Accepted|Not accepted|Under consideration|Not relevant"
    "|Not started|In progress|Implemented|Yes|Partially|No"
)
_QUOTED_STATUS = rf"[“\"]\s*(?:{_STATUS_VALUES})\s*[”\"]"
# Two or more quoted status values in a row: the column headers' legend leaking into cells.
_STATUS_LEGEND = re.compile(rf"{_QUOTED_STATUS}(?:\s*;?\s*(?:and\s+)?{_QUOTED_STATUS})+\s*;?")
# Words a scrambled legend line can be made of once quotes and separators are gone.
_LEGEND_WORDS = frozenset(
    w.casefold() for w in _STATUS_VALUES.replace("|", " ").split() + ["and"]
)
_REPORT_CELL = re.compile(r"^(JIU/[A-Z]+/\d{4}/\d+)\s*:\s*(.+)$")
_AS_OF = re.compile(r"\bas of ([A-Z][a-z]+ \d{4})")
# Phrases in the impact column run together in one cell: "...accountability Enhanced control...".
_PHRASE_BOUNDARY = re.compile(r"(?<=[a-z])\s+(?=[A-Z])")
_CROSS_REFERENCE = re.compile(
    r"\b[Rr]ecommendations?\s+(?P<numbers>\d+(?:\s*(?:,|and|&)\s*\d+)*)(?:\s+(?P<direction>above|below))?"
)
_TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"')


@dataclass(frozen=True)
class CrossReference:
    """A remark's pointer to other recommendations of the same report."""

    numbers: tuple[int, ...]
    direction: str | None  # "above", "below", or None when the text gives none
    phrase: str


@dataclass(frozen=True)
class JiuRecommendation:
    """One row of the follow-up table: a JIU recommendation and the ILO's status of it."""

    report_symbol: str
    report_title: str
    number: int
    text: str
    addressee: str
    intended_impacts: tuple[str, ...]
    acceptance: str
    implementation: str | None
    impact_achieved: str | None
    remarks: str | None
    cross_references: tuple[CrossReference, ...]
    cited_symbols: tuple[str, ...]
    span: SourceSpan


@dataclass(frozen=True)
class JiuFollowUpTable:
    """A JIU follow-up status document: its table's recommendations and their as-of date."""

    source: str
    parent_symbol: str | None
    as_of: str | None  # as printed, e.g. "July 2022"
    recommendations: tuple[JiuRecommendation, ...]


@dataclass
class _Row:
    """A table row being assembled from its first line and its continuation lines."""

    first_line: int
    cells: list[list[str]] = field(default_factory=lambda: [[] for _ in COLUMNS])
    span: SourceSpan = field(init=False)

    def __post_init__(self) -> None:
        self.span = SourceSpan(self.first_line, self.first_line)

    def add(self, column: int, fragment: str, line: int) -> None:
        if fragment:
            self.cells[column].append(fragment)
        self.span = self.span.widen(line)

    def joined(self, column: int) -> str:
        return collapse_spaces(" ".join(self.cells[column]))


def parse(text: str, source: str) -> JiuFollowUpTable:
    """Read a JIU follow-up status table; ``source`` names the file in error messages."""
    lines = normalize_lines(text)
    header_index = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if header_index is None:
        raise SourceError(source, "no JIU follow-up table found (no header row starting 'Report', 'Rec. No')")
    _check_header(lines[header_index], source, header_index + 1)

    preamble = " ".join(lines[:header_index])
    as_of = _AS_OF.search(preamble)
    parent = re.search(r"\((GB\.\d{3}/[A-Z]+/\d+)\)", preamble)

    rows: list[_Row] = []
    for index in range(header_index + 1, len(lines)):
        line, number = lines[index], index + 1
        if not line.strip() or _is_header(line) or _is_rule(line):
            continue
        if "\t" not in line:
            if _is_legend_debris(line):
                continue
            if not rows:
                raise SourceError(source, f"text outside any table row: {line.strip()!r}", number)
            _attach_loose_fragment(rows[-1], clean_cell(line), number)
            continue
        cells = line.split("\t")
        if len(cells) > len(COLUMNS) and any(c.strip() for c in cells[len(COLUMNS):]):
            raise SourceError(source, f"row has {len(cells)} cells, the header has {len(COLUMNS)}", number)
        cells = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
        number_cell = clean_cell(cells[NUMBER])
        if number_cell:
            if not number_cell.isdigit():
                raise SourceError(source, f"recommendation number {number_cell!r} is not a number", number)
            rows.append(_Row(number))
        elif not rows:
            raise SourceError(source, "continuation row before the first recommendation", number)
        for column, cell in enumerate(cells):
            rows[-1].add(column, _without_legend(clean_cell(cell)), number)

    if not rows:
        raise SourceError(source, "the follow-up table has no recommendation rows", header_index + 1)
    return JiuFollowUpTable(
        source=source,
        parent_symbol=parent.group(1) if parent else None,
        as_of=as_of.group(1) if as_of else None,
        recommendations=tuple(_recommendation(row, source) for row in rows),
    )


def _is_header(line: str) -> bool:
    cells = [clean_cell(c) for c in line.split("\t")]
    return len(cells) > 1 and cells[0] == COLUMNS[REPORT] and cells[1].startswith("Rec")


def _check_header(line: str, source: str, number: int) -> None:
    cells = [clean_cell(c) for c in line.split("\t")]
    for position, name in enumerate(COLUMNS):
        if position >= len(cells) or not cells[position].startswith(name):
            found = cells[position] if position < len(cells) else "nothing"
            raise SourceError(source, f"table header column {position + 1} should be {name!r}, found {found!r}", number)


def _is_rule(line: str) -> bool:
    """A Markdown table rule such as ``--------\\t---------``."""
    return set(line.strip()) <= {"-", "\t", " ", "|"} and "-" in line


def _is_legend_debris(line: str) -> bool:
    """A line made only of the status legend's words, quotes and separators."""
    words = re.sub(r"[“”\"';,]", " ", clean_cell(line)).split()
    return bool(words) and all(w.casefold() in _LEGEND_WORDS for w in words)


def _without_legend(cell: str) -> str:
    return collapse_spaces(_STATUS_LEGEND.sub(" ", cell))


def _attach_loose_fragment(row: _Row, fragment: str, line: int) -> None:
    """Give a bare line to the cell it completes: the text if unfinished, else the remarks."""
    if not row.joined(TEXT).endswith(_TERMINAL):
        row.add(TEXT, fragment, line)
    else:
        row.add(REMARKS, fragment, line)


def _recommendation(row: _Row, source: str) -> JiuRecommendation:
    report = _REPORT_CELL.match(row.joined(REPORT))
    if report is None:
        raise SourceError(source, f"report cell {row.joined(REPORT)!r} does not start with a JIU symbol", row.first_line)
    number = int(row.joined(NUMBER))
    text = row.joined(TEXT)
    remarks = row.joined(REMARKS) or None
    impacts = tuple(
        phrase for fragment in row.cells[IMPACT] for phrase in _PHRASE_BOUNDARY.split(fragment) if phrase
    )
    for column in (TEXT, ADDRESSEE, ACCEPTANCE):
        if not row.joined(column):
            raise SourceError(source, f"recommendation {number} has an empty {COLUMNS[column]!r} cell", row.first_line)
    return JiuRecommendation(
        report_symbol=report.group(1),
        report_title=collapse_spaces(report.group(2)),
        number=number,
        text=text,
        addressee=row.joined(ADDRESSEE),
        intended_impacts=impacts,
        acceptance=row.joined(ACCEPTANCE),
        implementation=row.joined(IMPLEMENTATION) or None,
        impact_achieved=row.joined(IMPACT_ACHIEVED) or None,
        remarks=remarks,
        cross_references=_cross_references(remarks or "", number),
        cited_symbols=cited_symbols(f"{text} {remarks or ''}"),
        span=row.span,
    )


def _cross_references(remarks: str, own_number: int) -> tuple[CrossReference, ...]:
    references = []
    for match in _CROSS_REFERENCE.finditer(remarks):
        numbers = tuple(int(n) for n in re.findall(r"\d+", match.group("numbers")))
        # "to address recommendation 8" inside recommendation 8's own remarks is no cross-reference.
        if numbers == (own_number,):
            continue
        references.append(CrossReference(numbers, match.group("direction"), match.group(0)))
    return tuple(references)
