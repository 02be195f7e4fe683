"""Plain text from a converter that marks no headings and wraps paragraphs (pdftotext and the like).

TEST DATA written for these tests (not real documents): short excerpts set as ``pdftotext`` sets a
Governing Body paper and a management response, one rule of reading at a time.
"""

from okg.loaders import governing_body_report, management_response
from okg.loaders.coverage import coverage
from okg.loaders.readers.model import Footnote, Heading, Paragraph
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan

WRAPPED = (
    "Governing Body\n"
    "Institutional Section\n"
    "\n"
    "Introduction\n"
    "1. The Office reviewed the plan of action that the Governing Body adopted\n"
    "in March 2019 and reports on each of the twelve items of the plan below.\n"
    "The review found that most items were completed on time.\n"
    "Update on the plan\n"
    "2. The second paragraph goes on over the foot of the page and the next\n"
    "\n"
    "\fGB.340/INS/6 2\n"
    "page's running header, as a paragraph cut by a page break does in a text.\n"
    "¹ See GB.335/INS/10, the document in which the Office first proposed the\n"
    "plan of action that this report follows up, item by item, for the Body.\n"
    "\n"
    "\fGB.340/INS/6 3\n"
    "3. The last paragraph stands on the third page.\n"
)


def test_a_heading_followed_by_its_paragraph_with_no_blank_line_between() -> None:
    blocks = read_text(WRAPPED, "w.txt").blocks
    assert blocks[2] == Heading("Introduction", None, SourceSpan(4, 4, 1), marked=False)
    assert blocks[4] == Heading("Update on the plan", None, SourceSpan(8, 8, 1), marked=False)
    assert blocks[0] == Heading("Governing Body", None, SourceSpan(1, 1, 1), marked=False)
    assert blocks[1] == Paragraph("Institutional Section", None, SourceSpan(2, 2, 1))  # a blank line below: no paragraph


def test_wrapped_lines_are_one_paragraph_and_a_line_that_stops_short_ends_it() -> None:
    paragraph = read_text(WRAPPED, "w.txt").blocks[3]
    # "below." ends a sentence but fills the line: the converter wrapped there, the paragraph goes on;
    # "on time." stops short of the width although "Update" would have fitted: the paragraph ends.
    assert paragraph == Paragraph(
        "The Office reviewed the plan of action that the Governing Body adopted in March 2019 and reports on each "
        "of the twelve items of the plan below. The review found that most items were completed on time.",
        "1",
        SourceSpan(5, 7, 1),
    )


def test_a_paragraph_cut_by_a_page_break_goes_on_and_running_headers_are_left_out() -> None:
    document = read_text(WRAPPED, "w.txt")
    assert document.blocks[5] == Paragraph(
        "The second paragraph goes on over the foot of the page and the next page's running header, as a "
        "paragraph cut by a page break does in a text.",
        "2",
        SourceSpan(9, 12, 1),
    )
    assert document.debris == (("GB.340/INS/6 2", SourceSpan(11, 11, 2)), ("GB.340/INS/6 3", SourceSpan(16, 16, 3)))
    assert document.pages == 3
    assert document.blocks[7] == Paragraph("The last paragraph stands on the third page.", "3", SourceSpan(17, 17, 3))


def test_a_footnote_wrapped_over_lines() -> None:
    assert read_text(WRAPPED, "w.txt").blocks[6] == Footnote(
        1,
        "See GB.335/INS/10, the document in which the Office first proposed the plan of action that this report "
        "follows up, item by item, for the Body.",
        SourceSpan(13, 14, 2),
    )


def test_a_bare_page_number_at_each_page_foot_is_furniture() -> None:
    text = "1. The Office reports.\n\n1\n\f2. The Body takes note.\n\n2\n\f3. The end.\n\n3\n\f"
    document = read_text(text, "n.txt")
    assert [b.text for b in document.blocks] == ["The Office reports.", "The Body takes note.", "The end."]
    assert [(words, span.page) for words, span in document.debris] == [("1", 1), ("2", 2), ("3", 3)]


def test_lines_indented_under_the_text_of_a_numbered_line_continue_its_paragraph() -> None:
    # as pdftotext -layout keeps a hanging indent: "The review…" ends a sentence and would have fitted,
    # but it stands under the paragraph's first word, not at the margin
    text = (
        "Introduction\n"
        "1.    The Office reviewed the plan of action that the Governing Body adopted\n"
        "      in March 2019 and reports on each of the twelve items of the plan below.\n"
        "      The review found that most items were completed on time.\n"
        "2.    The second paragraph.\n"
    )
    blocks = read_text(text, "l.txt").blocks
    assert [(type(b).__name__, getattr(b, "number", None), b.text, b.span.last) for b in blocks] == [
        ("Heading", None, "Introduction", 1),
        (
            "Paragraph",
            "1",
            "The Office reviewed the plan of action that the Governing Body adopted in March 2019 and "
            "reports on each of the twelve items of the plan below. The review found that most items "
            "were completed on time.",
            4,
        ),
        ("Paragraph", "2", "The second paragraph.", 5),
    ]


def test_a_table_header_printed_again_on_each_page_is_no_running_header() -> None:
    # words repeated at each page's top with no page number among them are the text's own
    text = "No.  Recommendation\n1    Review the charter.\n\fNo.  Recommendation\n2    Publish it.\n\f"
    document = read_text(text, "t.txt")
    assert document.debris == ()
    # the header is read as a table's, printed again on the second page (loaders.readers.text_tables)
    assert [(b.header.cells, [r.cells for r in b.rows], b.continues) for b in document.blocks] == [
        (("No.", "Recommendation"), [("1", "Review the charter.")], False),
        (("No.", "Recommendation"), [("2", "Publish it.")], True),
    ]


PAPER = """Governing Body
340th Session, Geneva, October-November 2020
Sixth item on the agenda

Update on the plan of action
Introduction
1. The Office reviewed the plan.
I. Developments in the reform
2. The reform moved ahead.
Funding of the system
3. Funding remains short.
Draft decision
4. The Governing Body takes note.
"""


def test_lines_standing_as_headings_are_sections_by_part_number_or_profile_name_and_sub_headings_otherwise() -> None:
    report = governing_body_report.parse(PAPER, "p.txt")
    assert report.front_matter.title == "Update on the plan of action"
    assert [(p.number, p.section, p.heading) for p in report.paragraphs] == [
        (1, "Introduction", None),  # a section name of the profile
        (2, "I. Developments in the reform", None),  # a part numbered in Roman numerals
        (3, "I. Developments in the reform", "Funding of the system"),  # any other: a sub-heading
        (4, "Draft decision", None),
    ]


LETTER = """International
Labour
Organization
The Director-General
H.E. Mr Jan Jansen
Ambassador, Permanent Representative of the Netherlands
16 November 2021
Excellencies,
We welcome the report.
Yours sincerely,
Guy Ryder
Copy : MOPAN Secretariat

Assessment of the ILO by MOPAN
Positive Findings
ILO management notes the progress made.
Areas for improvement
ILO management takes note of the observations on the ILO's field capacity.
Conclusions
ILO management agrees with the findings.
"""


def test_a_management_response_without_emphasis_reads_no_area_and_reports_their_paragraphs() -> None:
    document = read_text(LETTER, "m.txt")
    response = management_response.read(document)
    letter = response.letter
    assert (letter.date, letter.signatory, letter.text) == ("16 November 2021", "Guy Ryder", "We welcome the report.")
    # the position stands on the line below the name; the role is a line the profile names, not the letterhead's
    assert [(a.name, a.position) for a in letter.addressees] == [("H.E. Mr Jan Jansen", "Ambassador, Permanent Representative of the Netherlands")]
    assert letter.signatory_role == "The Director-General"
    assert response.assessment == "Assessment of the ILO by MOPAN"
    assert [f.text for f in response.positive_findings] == ["ILO management notes the progress made."]
    assert response.conclusions == "ILO management agrees with the findings."
    assert response.areas_for_improvement == ()  # no phrase names an area: none is guessed
    not_understood = [words for words, _ in coverage(document, response).not_understood]
    assert "ILO management takes note of the observations on" in not_understood  # its first eight words


def test_a_line_cut_mid_sentence_goes_on_though_the_next_word_would_just_have_fitted() -> None:
    # regression: "… showed the" / "ILO was …" was two paragraphs, since "ILO" fits the estimated width by a hair
    # (0.98 of it); a line that closes no sentence ends its paragraph only when it stops clearly short.
    text = (
        "5. The Office reviewed how each field office applied the plan in the biennium and\n"
        "found that most offices had applied it in full, with the results reported on time by\n"
        "their directors and by the regional offices in the course of the year, and it notes\n"
        "that the survey of constituents conducted at the end of the year showed the\n"
        "ILO was seen as a reliable partner in the countries where it works.\n"
        "Update on the plan\n"
        "6. The next paragraph.\n"
    )
    blocks = read_text(text, "w.txt").blocks
    assert blocks[0] == Paragraph(
        "The Office reviewed how each field office applied the plan in the biennium and found that most offices had "
        "applied it in full, with the results reported on time by their directors and by the regional offices in the "
        "course of the year, and it notes that the survey of constituents conducted at the end of the year showed the "
        "ILO was seen as a reliable partner in the countries where it works.",
        "5",
        SourceSpan(1, 5),
    )
    assert blocks[1] == Heading("Update on the plan", None, SourceSpan(6, 6), marked=False)  # short: it ends
