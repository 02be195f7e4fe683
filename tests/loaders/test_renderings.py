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

from okg.loaders import FAMILIES, LOADERS
from okg.loaders.readers import read_document
from okg.loaders.readers.model import Document, Heading
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
NO_CELLS = ("pdftotext writes a table's cells without their boundaries (one under another without -layout, set "
            "apart by spaces with it); telling the columns of wrapped cells apart from spacing is not implemented")
# pdftotext's plain text keeps no type: what was bold is lost. Its prose is read (headings, wrapped paragraphs,
# pages; test_pdftotext_prose_gives_the_facts_of_the_text_but_what_it_loses), but for these:
NO_BOLD_DELIVERABLES = "the key deliverables, set in bold inside paragraphs, are plain words in pdftotext's text"
NO_BOLD_AREAS = ("the phrases naming the areas for improvement, set in bold inside paragraphs, are plain words in "
                 "pdftotext's text (no area is read; their paragraphs are reported not understood)")
NO_PLAN_CELLS = "the appendix's plan of action is a table: " + NO_CELLS
DEHYPHENATED = "without -layout pdftotext joins a word hyphenated at a line's end without its hyphen ('inter-agency' → 'interagency')"
HYPHEN_APART = "with -layout a word hyphenated at a line's end ('inter-' / 'agency') is not joined yet"
WHY_NOT = {  # what pdftotext loses that each document needs
    "jiu-follow-up": {"pdftotext.txt": NO_CELLS, "pdftotext-layout.txt": NO_CELLS},
    "evaluation-recommendations": {"pdftotext.txt": NO_CELLS, "pdftotext-layout.txt": NO_CELLS},
    "un-reform-update": {"pdftotext.txt": f"{NO_PLAN_CELLS}; {DEHYPHENATED}",
                         "pdftotext-layout.txt": f"{NO_PLAN_CELLS}; {HYPHEN_APART}"},
    "hr-strategy-progress": {"pdftotext.txt": f"{NO_BOLD_DELIVERABLES}; {DEHYPHENATED}",
                             "pdftotext-layout.txt": f"{NO_BOLD_DELIVERABLES}; {HYPHEN_APART}"},
    "mopan-management-response": {"pdftotext.txt": f"{NO_BOLD_AREAS}; {DEHYPHENATED}",
                                  "pdftotext-layout.txt": NO_BOLD_AREAS},
}
CASES = [
    pytest.param(name, rendering, id=f"{name}-{rendering}",
                 marks=[pytest.mark.xfail(strict=True, raises=AssertionError, reason=WHY_NOT[name][rendering])]
                 if rendering in WHY_NOT[name] else [])
    for name in sorted(DOCUMENTS)
    for rendering in ("html", "docx", "pdf", "pdftotext.txt", "pdftotext-layout.txt")
]
# What each prose document loses in pdftotext's text, left out of the comparison below: fields of its records,
# and whether a word hyphenated at a line's end may have lost its hyphen or be split at it.
LOST = {
    "hr-strategy-progress": {"key_phrases", "deliverables"},
    "mopan-management-response": {"areas_for_improvement"},
    "un-reform-update": {"plan"},
}
_HYPHEN_AT_WRAP = re.compile(r"(?<=\w)- ?(?=\w)")


@functools.cache
def loaded(family: str, path: Path):
    """A rendering's records, read once per test run (PDFs take seconds)."""
    return FAMILIES[family](read_document(path))


def facts(records, lost: frozenset[str] = frozenset(), hyphens_lost: bool = False) -> list[str]:
    """The records as indented JSON lines, provenance (and the ``lost`` fields) left out.

    With ``hyphens_lost``, texts are compared with their hyphens between letters taken out.
    """
    def without_provenance(value):
        if isinstance(value, dict):
            return {k: without_provenance(v) for k, v in value.items() if k not in PROVENANCE | lost}
        if isinstance(value, (list, tuple)):
            return [without_provenance(v) for v in value]
        if isinstance(value, str) and hyphens_lost:
            return _HYPHEN_AT_WRAP.sub("", value)
        return value
    return json.dumps(without_provenance(asdict(records)), indent=1, ensure_ascii=False).splitlines()


@pytest.mark.parametrize(("name", "rendering"), CASES)
def test_a_rendering_loads_to_the_facts_of_the_text(name: str, rendering: str) -> None:
    family, text_file = DOCUMENTS[name]
    expected = facts(LOADERS[family]((CORPUS / text_file).read_text(encoding="utf-8"), text_file))
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


@pytest.mark.parametrize("rendering", ["pdftotext.txt", "pdftotext-layout.txt"])
@pytest.mark.parametrize("name", sorted(LOST))
def test_pdftotext_prose_gives_the_facts_of_the_text_but_what_it_loses(name: str, rendering: str) -> None:
    """Everything but what pdftotext's text cannot give (LOST, and hyphens at line ends) is read as from the text."""
    family, text_file = DOCUMENTS[name]
    document = read_document(RENDERINGS / f"{name}.{rendering}")
    if "plan" in LOST[name]:  # the loader refuses an appendix table it cannot read: the report is read without it
        appendix = next(i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.text == "Appendix")
        document = Document(document.source, document.format, document.blocks[:appendix], document.lines, document.pages)
    lost = frozenset(LOST[name])
    expected = facts(LOADERS[family]((CORPUS / text_file).read_text(encoding="utf-8"), text_file), lost, True)
    found = facts(FAMILIES[family](document), lost, True)
    diff = "\n".join(difflib.unified_diff(expected, found, "text build", rendering, lineterm="", n=1))
    assert not diff, f"{name}.{rendering} differs from the text build:\n{diff}"
    with pdfplumber.open(RENDERINGS / f"{name}.pdf") as pdf:  # the form feeds count the PDF's pages
        assert document.pages == len(pdf.pages)
    assert {b.span.page for b in document.blocks} <= set(range(1, len(pdf.pages) + 1))
