"""The bundled documents rendered as HTML, Word, PDF and pdftotext output load to the same records as the text.

The renderings are committed (tests/fixtures/renderings/, made by make.py there, as its README says).
Records are compared field by field, provenance aside (lines, pages and rows differ by format),
with a unified diff of the two on failure.
"""

import difflib
import functools
import json
import re
from dataclasses import asdict
from pathlib import Path

import pdfplumber
import pytest

from okg.graph.build.families import FAMILIES
from okg.loaders.coverage import coverage
from okg.loaders.readers import read_document
from okg.loaders.readers.model import Document, Heading
from okg.loaders.spans import SourceSpan
from tests.conftest import REPO

CORPUS = REPO / "data" / "corpus"
RENDERINGS = REPO / "tests" / "fixtures" / "renderings"
DOCUMENTS = {  # rendering name: (family, bundled text)
    "jiu-follow-up": ("jiu-follow-up", "gb346-pfa9-jiu-follow-up.txt"),
    "evaluation-recommendations": ("evaluation-recommendations", "hle-covid19-response-recommendations.txt"),
    "un-reform-update": ("governing-body-report", "gb340-ins6-un-reform-update.txt"),
    "hr-strategy-progress": ("governing-body-report", "gb347-pfa14-hr-strategy-progress.txt"),
    "mopan-management-response": ("management-response", "mopan-2020-21-management-response.txt"),
}
PROVENANCE = {"span", "source", "units_line", "repeated_at"}  # where the records (and copies of a letter) stand
UNPLACED_CELLS = (
    "pdftotext without -layout writes a page's cells in an order that does not follow the rows (a "
    "page's statuses, impacts and remarks after all its recommendations, a row's acceptance before "
    "its report cell, two impacts of one row as two blocks like one impact of each of two rows): "
    "the rows cannot be rebuilt without guessing, so the table is not read"
)
# pdftotext's plain text keeps no type: what was bold is lost. Its prose is read (headings, wrapped paragraphs,
# pages; test_pdftotext_prose_gives_the_facts_of_the_text_read_as_plain_words), but for these (the build names
# the paragraphs they stand in: test_pdftotext_names_the_paragraphs_whose_bold_it_lost):
NO_BOLD_DELIVERABLES = (
    "the key deliverables, set in bold inside paragraphs, are plain words in pdftotext's text "
    "(the outcomes' list is read from its own form: test_without_bold_the_listed_outcomes_are_read)"
)
NO_BOLD_AREAS = (
    "the phrases naming the areas for improvement, set in bold inside paragraphs, are plain words in "
    "pdftotext's text (no area is read; their paragraphs are reported not understood)"
)
WHY_NOT = {  # what pdftotext loses that each document needs
    "jiu-follow-up": {"pdftotext.txt": UNPLACED_CELLS},
    "evaluation-recommendations": {},
    "un-reform-update": {},
    "hr-strategy-progress": {"pdftotext.txt": NO_BOLD_DELIVERABLES, "pdftotext-layout.txt": NO_BOLD_DELIVERABLES},
    "mopan-management-response": {"pdftotext.txt": NO_BOLD_AREAS, "pdftotext-layout.txt": NO_BOLD_AREAS},
}
CASES = [
    pytest.param(
        name,
        rendering,
        id=f"{name}-{rendering}",
        marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=WHY_NOT[name][rendering])] if rendering in WHY_NOT[name] else [],
    )
    for name in sorted(DOCUMENTS)
    for rendering in ("html", "docx", "pdf", "pdftotext.txt", "pdftotext-layout.txt")
]


@functools.cache
def loaded(family: str, path: Path):
    """A rendering's records, read once per test run (PDFs take seconds)."""
    return FAMILIES[family].read(read_document(path))


def facts(records) -> list[str]:
    """The records as indented JSON lines, provenance left out."""

    def without_provenance(value):
        if isinstance(value, dict):
            return {k: without_provenance(v) for k, v in value.items() if k not in PROVENANCE}
        if isinstance(value, (list, tuple)):
            return [without_provenance(v) for v in value]
        return value

    return json.dumps(without_provenance(asdict(records)), indent=1, ensure_ascii=False).splitlines()


@pytest.mark.parametrize(("name", "rendering"), CASES)
def test_a_rendering_loads_to_the_facts_of_the_text(name: str, rendering: str) -> None:
    family, text_file = DOCUMENTS[name]
    expected = facts(FAMILIES[family].parse((CORPUS / text_file).read_text(encoding="utf-8"), text_file))
    path = RENDERINGS / f"{name}.{rendering}"
    try:
        found = facts(loaded(family, path))
    except Exception as error:  # a rendering the loader refuses is a difference too, reported as one
        raise AssertionError(f"{path.name}: {error}") from error
    diff = "\n".join(difflib.unified_diff(expected, found, "text build", path.name, lineterm="", n=1))
    assert not diff, f"{path.name} differs from the text build:\n{diff}"


def test_pdf_rows_cut_by_a_page_break_are_joined_and_keep_their_pages() -> None:
    table = loaded("jiu-follow-up", RENDERINGS / "jiu-follow-up.pdf")
    row = next(r for r in table.recommendations if (r.report_symbol, r.number) == ("JIU/REP/2020/8", 2))
    assert row.span.page == 2  # its first part; the rest is the first row of page 3
    assert row.text.endswith("internal management functions of the organization.")
    assert row.remarks.endswith("presented to the Governing Body biennially, not annually.")


def test_pdf_pages_and_repeated_headers() -> None:
    document = read_document(RENDERINGS / "jiu-follow-up.pdf")
    tables = [b for b in document.blocks if type(b).__name__ == "Table"]
    assert document.pages == 8
    assert [t.span.page for t in tables] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [t.continues for t in tables] == [False] + [True] * 7  # the header printed again on each page
    assert all(t.header.cells[:2] == ("Report", "Rec. No") for t in tables)
    assert sum(len(t.rows) for t in tables) == 20 + 3  # three rows cut by a page break continue on the next


def test_without_layout_the_responsible_units_tables_are_read_and_right() -> None:
    # the tables of the evaluation's pdftotext rendering, their cells one under another, placed by the profile's value shapes
    expected = FAMILIES["evaluation-recommendations"].parse((CORPUS / "hle-covid19-response-recommendations.txt").read_text(encoding="utf-8"), "text")
    found = loaded("evaluation-recommendations", RENDERINGS / "evaluation-recommendations.pdftotext.txt")

    def units(records) -> list[tuple]:
        return [(r.number, r.responsible_units, r.priority, r.time_implication, r.resource_implication) for r in records.recommendations]

    assert units(found) == units(expected)
    assert len(found.recommendations) == 8


def test_without_layout_the_follow_up_table_is_not_guessed_but_reported() -> None:
    document = read_document(RENDERINGS / "jiu-follow-up.pdftotext.txt")
    assert not [b for b in document.blocks if type(b).__name__ == "Table"]  # no row is made up
    expected = FAMILIES["jiu-follow-up"].parse((CORPUS / "gb346-pfa9-jiu-follow-up.txt").read_text(encoding="utf-8"), "text")
    table = FAMILIES["jiu-follow-up"].read(document)
    # the document is read in part: what it says before its table, and no recommendation
    assert (table.recommendations, table.as_of, table.parent_symbol) == ((), expected.as_of, expected.parent_symbol)
    assert [(n.message, n.span) for n in table.notes] == [
        (
            "the follow-up table's header words stand one under another at line 6, as pdftotext without -layout writes "
            "a table's cells without their columns: its rows cannot be rebuilt without guessing and are not read (read "
            "the PDF, or pdftotext -layout output, instead)",
            SourceSpan(6, len(document.lines)),
        )
    ]
    # regression: the note's own span (the table's lines) counted as understood, 99% of a text of which nothing was read
    understood = coverage(document, table)
    assert understood.share < 0.1
    assert any(span.first <= 6 <= span.last for _, span in understood.not_understood)  # the header's first line


def test_without_layout_the_plan_is_read_item_by_item() -> None:
    # its cells one under another, placed by the due dates' forms in the Governing Body profile
    expected = FAMILIES["governing-body-report"].parse((CORPUS / "gb340-ins6-un-reform-update.txt").read_text(encoding="utf-8"), "text").plan
    found = loaded("governing-body-report", RENDERINGS / "un-reform-update.pdftotext.txt").plan
    assert [(i.number, i.text, i.component, i.due_by, i.status) for i in found.items] == [
        (i.number, i.text, i.component, i.due_by, i.status) for i in expected.items
    ]
    assert len(found.items) == 12
    assert [(c.number, c.title, c.restored_from) for c in found.components] == [
        (c.number, c.title, c.restored_from) for c in expected.components
    ]  # "UN-supported", its hyphen restored
    assert found.title == expected.title


# Bold the bundled text marks with the ``**`` of its converter; read without them, the text is in plain words.
_BOLD_MARKS = re.compile(r"\*{2,3}")
PROSE = ["hr-strategy-progress", "mopan-management-response", "un-reform-update"]


def _pdftotext_document(name: str, rendering: str) -> Document:
    """A prose document's pdftotext rendering, read; its pages are the PDF's (counted by the form feeds)."""
    document = read_document(RENDERINGS / f"{name}.{rendering}")
    with pdfplumber.open(RENDERINGS / f"{name}.pdf") as pdf:
        assert document.pages == len(pdf.pages)
    assert {b.span.page for b in document.blocks} <= set(range(1, document.pages + 1))
    return document


@pytest.mark.parametrize("rendering", ["pdftotext.txt", "pdftotext-layout.txt"])
@pytest.mark.parametrize("name", PROSE)
def test_pdftotext_prose_gives_the_facts_of_the_text_read_as_plain_words(name: str, rendering: str) -> None:
    """pdftotext's text keeps no bold: read in plain words, the bundled text gives exactly its records.

    So everything but what was bold (NO_BOLD_DELIVERABLES, NO_BOLD_AREAS) is read as from the text.
    """
    family, text_file = DOCUMENTS[name]
    document = _pdftotext_document(name, rendering)
    plain = _BOLD_MARKS.sub("", (CORPUS / text_file).read_text(encoding="utf-8"))
    expected = facts(FAMILIES[family].parse(plain, text_file))
    found = facts(FAMILIES[family].read(document))
    diff = "\n".join(difflib.unified_diff(expected, found, "text build in plain words", rendering, lineterm="", n=1))
    assert not diff, f"{name}.{rendering} differs from the text build in plain words:\n{diff}"


@pytest.mark.parametrize("rendering", ["pdftotext.txt", "pdftotext-layout.txt"])
def test_without_bold_the_listed_outcomes_are_read(rendering: str) -> None:
    # "(1) Diverse workforce with the right skills to face the future: Fostering ..." in plain words: the list's
    # own form (a number in brackets, a title ending in a colon, its description) gives title and description
    found = FAMILIES["governing-body-report"].read(_pdftotext_document("hr-strategy-progress", rendering))
    expected = FAMILIES["governing-body-report"].parse((CORPUS / "gb347-pfa14-hr-strategy-progress.txt").read_text(encoding="utf-8"), "text")

    def outcomes(report) -> list[tuple]:
        return [(o.number, o.title, o.description, [(w.title, w.description) for w in o.wordings]) for o in report.strategy_outcomes]

    assert outcomes(found) == outcomes(expected)
    assert [(w.title, w.description) for w in found.strategy_outcomes[2].wordings] == [
        (
            "Leveraging technology for efficient HR services through innovation and digitalization of the HR function",
            "HR technologies, digitalization and analytics.",
        ),
        ("Leveraging technology for efficient HR services through continued innovation and digitalization of the HR function", None),
    ]


@pytest.mark.parametrize("rendering", ["pdftotext.txt", "pdftotext-layout.txt"])
def test_pdftotext_names_the_paragraphs_whose_bold_it_lost(rendering: str) -> None:
    """What the plain text does not let be read is named, paragraph by paragraph, with its lines."""
    document = _pdftotext_document("hr-strategy-progress", rendering)
    report = FAMILIES["governing-body-report"].read(document)
    expected = {
        p.number
        for p in FAMILIES["governing-body-report"]
        .parse((CORPUS / "gb347-pfa14-hr-strategy-progress.txt").read_text(encoding="utf-8"), "text")
        .paragraphs
        if p.heading and "Focus area" in p.heading
    }
    notes = {int(n.message.split()[1]): n for n in report.notes}
    assert set(notes) == expected
    assert notes[4].message == "paragraph 4 stands under focus area 1.1, but the text marks no bold: its key deliverables are not read"
    assert [notes[p.number].span for p in report.paragraphs if p.number in notes] == [
        p.span for p in report.paragraphs if p.number in notes
    ]  # each note stands on its paragraph's lines

    document = _pdftotext_document("mopan-management-response", rendering)
    response = FAMILIES["management-response"].read(document)
    blocks = list(document.blocks)
    areas = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Areas for improvement")
    end = next(i for i, b in enumerate(blocks) if i > areas and isinstance(b, Heading))
    section = [(" ".join(b.text.split()[:8]), b.span) for b in blocks[areas + 1 : end]]
    not_understood = coverage(document, response).not_understood
    assert section and all(paragraph in not_understood for paragraph in section)
    # and no paragraph elsewhere (headings aside, whose words are no record)
    assert [
        words for words, span in not_understood if (words, span) not in section and not any(isinstance(b, Heading) and b.span == span for b in blocks)
    ] == []
