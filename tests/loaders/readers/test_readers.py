"""The readers: format found from the bytes, and each format's structure in the one document model."""

import shutil
import subprocess
from io import BytesIO

import docx
import pytest
from docx.oxml import OxmlElement

from okg.errors import SourceError
from okg.loaders.readers import file_format, read_bytes
from okg.loaders.readers.model import Footnote, Heading, Paragraph
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from tests.conftest import REPO

RENDERINGS = REPO / "tests" / "fixtures" / "renderings"


def test_the_format_is_found_from_the_bytes_before_the_name() -> None:
    assert file_format((RENDERINGS / "jiu-follow-up.pdf").read_bytes(), "report.txt") == "pdf"
    assert file_format((RENDERINGS / "jiu-follow-up.docx").read_bytes(), "report.bin") == "docx"
    assert file_format(b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "page.txt") == "html"
    assert file_format(b"Plain words.\n", "page.htm") == "html"  # nothing in the bytes: the extension decides
    assert file_format(b"Plain words.\n", "notes") == "text"


def test_numbered_paragraphs_with_the_number_on_its_own_line_or_not() -> None:
    # test data written for this test: a paragraph numbering as some converters give it
    text = "12.\nThe Office will report\nin March.\n\n13. The Governing Body may wish to\ntake note.\n"
    blocks = read_text(text, "p.txt").blocks
    assert blocks == (
        Paragraph("The Office will report in March.", "12", SourceSpan(1, 3)),
        Paragraph("The Governing Body may wish to take note.", "13", SourceSpan(5, 6)),
    )


def test_a_word_hyphenated_at_the_wrap_is_joined_with_its_hyphen() -> None:
    # test data: a paragraph as pdftotext -layout wraps it, "Director-" at a line's end
    text = "The Office, driven by the Director-\nGeneral, will report - in March.\n"
    (paragraph,) = read_text(text, "p.txt").blocks
    assert paragraph.text == "The Office, driven by the Director-General, will report - in March."


def test_text_footnotes_and_a_table_continued_after_its_header_repeats() -> None:
    text = "\n".join(
        [
            "¹ GB.340/INS/6.",
            "No.\tRecommendation",
            "1\tReview the charter.",
            "",
            "No.\tRecommendation",  # a page break printed the header again
            "2\tPublish the report.",
            "-----\t-----",
        ]
    )
    footnote, first, second = read_text(text, "t.txt").blocks
    assert footnote == Footnote(1, "GB.340/INS/6.", SourceSpan(1, 1))
    assert (first.header.cells, [r.cells for r in first.rows], first.continues) == (("No.", "Recommendation"), [("1", "Review the charter.")], False)
    assert ([r.cells for r in second.rows], second.continues) == ([("2", "Publish the report.")], True)
    assert second.rows[0].span == SourceSpan(6, 6)


def test_word_headings_paragraphs_and_a_table_whose_header_row_repeats() -> None:
    word = docx.Document()
    word.add_heading("Progress report", level=1)
    word.add_paragraph("5. The Office reports progress.")
    table = word.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("No.", "Recommendation"), ("No.", "Recommendation"), ("1", "Review the charter.")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for row in table.rows[:2]:  # Word's "repeat as header row" flag
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    saved = BytesIO()
    word.save(saved)
    document = read_bytes(saved.getvalue(), "w.docx")
    heading, paragraph, table_block = document.blocks
    assert heading == Heading("Progress report", 1, SourceSpan(1, 1))
    assert paragraph == Paragraph("The Office reports progress.", "5", SourceSpan(2, 2))
    assert table_block.header.cells == ("No.", "Recommendation")
    assert [(r.cells, r.span) for r in table_block.rows] == [(("1", "Review the charter."), SourceSpan(4, 4, None, 1))]
    assert document.lines[2:] == ("No.\tRecommendation", "1\tReview the charter.")


def test_html_ordered_lists_keep_their_numbers_and_footnotes_are_footnotes() -> None:
    page = (
        '<html><body><ol start="7"><li>Seventh.</li><li>Eighth.</li></ol>'
        '<section role="doc-endnotes"><ol><li>See GB.335/INS/10.</li></ol></section></body></html>'
    )
    blocks = read_bytes(page.encode(), "p.html").blocks
    assert [(type(b).__name__, getattr(b, "number", None), b.text) for b in blocks] == [
        ("Paragraph", "7", "Seventh."),
        ("Paragraph", "8", "Eighth."),
        ("Footnote", 1, "See GB.335/INS/10."),
    ]


def test_html_cells_spanning_rows_stand_in_each_row_they_span() -> None:
    # test data written for this test: a report cell spanning two rows, a cell spanning two columns and two rows
    page = (
        "<html><body><table><tr><th>Report</th><th>No.</th><th>Status</th><th>Remarks</th></tr>"
        '<tr><td rowspan="2">JIU/REP/2022/1</td><td>1</td><td colspan="2" rowspan="2">Pending</td></tr>'
        "<tr><td>2</td></tr>"
        "<tr><td>JIU/REP/2022/4</td><td>1</td><td>Closed</td><td>Done.</td></tr></table></body></html>"
    )
    (table,) = read_bytes(page.encode(), "p.html").blocks
    assert [row.cells for row in table.rows] == [
        ("JIU/REP/2022/1", "1", "Pending", ""),
        ("JIU/REP/2022/1", "2", "Pending", ""),
        ("JIU/REP/2022/4", "1", "Closed", "Done."),
    ]


def test_a_damaged_pdf_is_refused_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"^broken\.pdf: not a readable PDF"):
        read_bytes(b"%PDF-1.7\n garbage", "broken.pdf")


def test_a_damaged_word_file_is_refused_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"^broken\.docx: not a readable Word document"):
        read_bytes(b"PK\x03\x04 not really a zip", "broken.docx")


def test_word_footnotes_are_read_from_their_part_and_numbered_as_word_prints_them() -> None:
    document = read_bytes((REPO / "tests" / "fixtures" / "layouts" / "word-footnotes.docx").read_bytes(), "w.docx")
    assert document.blocks[-2:] == (
        Paragraph("The reform moved ahead. ¹ It went well.", "1", SourceSpan(5, 5), ("well",)),
        Footnote(1, "See GB.335/INS/10.", SourceSpan(6, 6)),
    )
    assert document.blocks[3] == Heading("Introduction", 1, SourceSpan(4, 4))


def test_html_footnote_calls_in_sup_are_superscript_digits() -> None:
    page = "<html><body><p>3. The reform<sup>4</sup> went ahead.</p><p><sup>4</sup> See GB.335/INS/10.</p></body></html>"
    paragraph, note = read_bytes(page.encode(), "p.html").blocks
    assert (paragraph.number, paragraph.text) == ("3", "The reform ⁴ went ahead.")
    assert (note.number, note.text) == (4, "See GB.335/INS/10.")


@pytest.mark.parametrize(
    "call",
    ['<sup><a href="#fn4">4</a></sup>', "<sup>[4]</sup>", '<a href="#_ftn4" name="_ftnref4"><sup>[4]</sup></a>'],
)
def test_html_footnote_calls_linked_or_bracketed_are_superscript_digits(call: str) -> None:
    # the forms web pages and Word's "save as web page" give a call (test data written for this test)
    page = f"<html><body><p>3. The reform{call} went ahead, in 2 steps<sup>a</sup>.</p><p><sup>4</sup> See GB.335/INS/10.</p></body></html>"
    paragraph, note = read_bytes(page.encode(), "p.html").blocks
    assert paragraph.text == "The reform ⁴ went ahead, in 2 stepsa."  # a superscript of letters is no call
    assert (note.number, note.text) == (4, "See GB.335/INS/10.")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_pdf_footnote_calls_set_small_and_raised_stay_in_their_line(tmp_path) -> None:
    # test data written for this test, printed by headless chromium: <sup> calls as a PDF sets them
    page = tmp_path / "calls.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><p>1. The reform<sup>2</sup> went ahead as '
        "planned.</p><p><sup>2</sup> See GB.335/INS/10.</p></body></html>",
        encoding="utf-8",
    )
    pdf = tmp_path / "calls.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    paragraph, note = read_bytes(pdf.read_bytes(), "calls.pdf").blocks
    assert (paragraph.number, paragraph.text, paragraph.span.page) == ("1", "The reform ² went ahead as planned.", 1)
    assert (note.number, note.text) == (2, "See GB.335/INS/10.")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_a_browser_s_header_and_footer_on_each_page_are_left_out_and_listed(tmp_path) -> None:
    # test data written for this test, printed by headless chromium with its header (date, title) and footer
    # (address, "1/2") on each page: no part of the text
    paragraphs = "".join(f"<p>{n}. Paragraph {n} of the paper, long enough to take some room on its page.</p>" for n in range(1, 41))
    page = tmp_path / "paper.html"
    page.write_text(
        f'<html><head><meta charset="utf-8"><title>GB.352/PFA/5 | Example</title></head><body>{paragraphs}</body></html>', encoding="utf-8"
    )
    pdf = tmp_path / "paper.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    document = read_bytes(pdf.read_bytes(), "paper.pdf")
    assert [block.text for block in document.blocks] == [
        f"Paragraph {n} of the paper, long enough to take some room on its page." for n in range(1, 41)
    ]
    assert document.pages == 2
    left_out = [(words, span.page) for words, span in document.debris]
    assert [page for _, page in left_out] == [1, 1, 2, 2]
    assert sum("GB.352/PFA/5 | Example" in words for words, _ in left_out) == 2
    assert sum(words.startswith("file://") and words.endswith(f"{page}/2") for words, page in left_out) == 2
