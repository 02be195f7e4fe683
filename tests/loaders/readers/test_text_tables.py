"""Tables laid out in columns by spacing (pdftotext -layout): columns from the header words and the rows' gaps.

The excerpt is test data written for these tests, not a real document: a six-column follow-up
table of an organization other than the ILO ("No. | Recommendation | Addressed to | Accepted |
Status | Comments"), as ``pdftotext -layout`` sets one out: the header's cells one space apart
("No. Recommendation") or wrapped ("Addressed" over "to"), a short cell set left of its header,
a page break (form feed) repeating the header and cutting a row in two, and prose after it.
"""

import pytest

from okg.errors import ProfileError
from okg.loaders import governing_body_report
from okg.loaders.jiu_follow_up import JiuProfile, read
from okg.loaders.readers.column_words import column_words
from okg.loaders.readers.model import Paragraph, Row, Table
from okg.loaders.readers.text import read_text
from okg.loaders.readers.text_tables import Column, find_columns, find_tables, header_cells
from okg.loaders.spans import SourceSpan

EXCERPT = (
    "\n".join(
        [
            "Progress report on the implementation of JIU recommendations, as of March 2024",
            "",
            "JIU/REP/2019/6: Review of audit and oversight committees in the United Nations system",
            "",
            "No. Recommendation                    Addressed    Accepted       Status        Comments",
            "                                      to",
            "",
            "1   The executive heads should      E              Yes            Implemented   The charter was revised",
            "    review the terms of reference                                               in March 2021.",
            "    of their audit committees by the",
            "    end of 2021.",
            "",
            "2   The legislative organs should     Legislative  Under                        See comments on",
            "    consider the annual reports of    organ        consideration                recommendation 1 above.",
            "    their audit committees at a",
            "\x0cNo. Recommendation                    Addressed    Accepted       Status        Comments",
            "                                      to",
            "    regular session.",
            "",
            "4   The executive heads should make  E             No                           A charter for the oversight",
            "    the oversight office's charter                                              office is in preparation.",
            "    public by the end of 2022.",
            "",
            "",
            "The Office will report again at the next session.",
        ]
    )
    + "\n"
)
LINES = EXCERPT.replace("\f", "").split("\n")
JIU_WORDS = next(w for w in column_words() if w.family == "jiu-follow-up")


def test_a_header_line_is_cut_into_cells_where_its_words_stop_being_one_column_name() -> None:
    cells = header_cells(LINES[4], JIU_WORDS)
    assert [(c.text, c.start) for c in cells] == [
        ("No.", 0),
        ("Recommendation", 4),
        ("Addressed", 38),
        ("Accepted", 51),
        ("Status", 66),
        ("Comments", 80),
    ]


def test_prose_is_no_header_even_when_it_opens_with_column_words() -> None:
    # a wrapped line of two cells, as a follow-up table's body has them: "report on the" is no column name
    assert header_cells("    report on the               implementation", JIU_WORDS) is None
    assert header_cells(LINES[0], JIU_WORDS) is None
    assert header_cells("Recommendation", JIU_WORDS) is None  # one column name is no table header


def test_column_edges_come_from_the_gaps_the_rows_share() -> None:
    columns = find_columns(header_cells(LINES[4], JIU_WORDS), LINES[7:14])
    # each edge is the first position past the text of the column before it: "Addressed" starts at 38,
    # but the first row's "E" at 36, where the recommendations' longest line stops
    assert columns == [Column(0, 3), Column(3, 36), Column(36, 49), Column(49, 64), Column(64, 77), Column(77, 104)]


def test_rows_and_a_row_cut_by_the_page_break() -> None:
    (table,) = find_tables(LINES)
    assert (table.first, table.last) == (5, 22)
    first, second = table.parts
    header = ("No.", "Recommendation", "Addressed to", "Accepted", "Status", "Comments")
    assert first == Table(
        Row(header, SourceSpan(5, 6)),
        (
            Row(
                (
                    "1",
                    "The executive heads should review the terms of reference of their audit committees by the end of 2021.",
                    "E",
                    "Yes",
                    "Implemented",
                    "The charter was revised in March 2021.",
                ),
                SourceSpan(8, 11),
            ),
            Row(
                (
                    "2",
                    "The legislative organs should consider the annual reports of their audit committees at a",
                    "Legislative organ",
                    "Under consideration",
                    "",
                    "See comments on recommendation 1 above.",
                ),
                SourceSpan(13, 15),
            ),
        ),
        False,
        SourceSpan(5, 15),
    )
    assert second == Table(
        Row(header, SourceSpan(16, 17)),
        (
            Row(("", "regular session.", "", "", "", ""), SourceSpan(18, 18)),  # the cut row's rest: no key cell
            Row(
                (
                    "4",
                    "The executive heads should make the oversight office's charter public by the end of 2022.",
                    "E",
                    "No",
                    "",
                    "A charter for the oversight office is in preparation.",
                ),
                SourceSpan(20, 22),
            ),
        ),
        True,
        SourceSpan(16, 22),
    )


def test_a_header_printed_again_after_blank_lines_continues_the_table() -> None:
    lines = LINES[4:15] + ["", ""] + LINES[15:]
    (table,) = find_tables(lines)
    assert [part.continues for part in table.parts] == [False, True]
    assert table.parts[1].header.span == SourceSpan(14, 15)


def test_the_text_reader_keeps_the_prose_around_the_table() -> None:
    blocks = read_text(EXCERPT, "excerpt.txt").blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Table", "Table", "Paragraph"]
    assert blocks[-1] == Paragraph("The Office will report again at the next session.", None, SourceSpan(25, 25, 2))  # page 2: after a form feed


def test_the_follow_up_loader_reads_the_laid_out_table_field_by_field() -> None:
    table = read(read_text(EXCERPT, "excerpt.txt"))
    assert table.as_of == "March 2024"
    rows = {r.number: r for r in table.recommendations}
    assert list(rows) == [1, 2, 4]
    assert {r.report_symbol for r in rows.values()} == {"JIU/REP/2019/6"}
    assert rows[1].report_title == "Review of audit and oversight committees in the United Nations system"
    assert (rows[1].addressee, rows[1].acceptance, rows[1].implementation, rows[1].remarks) == (
        "E",
        "Accepted",
        "Implemented",
        "The charter was revised in March 2021.",
    )
    assert rows[2].text == ("The legislative organs should consider the annual reports of their audit committees at a regular session.")
    assert (rows[2].addressee, rows[2].acceptance, rows[2].implementation) == ("Legislative organ", "Under consideration", None)
    assert [c.numbers for c in rows[2].cross_references] == [(1,)]
    assert rows[2].span == SourceSpan(13, 18, 1)  # both parts of the row the page break cut, from its first page
    assert (rows[4].acceptance, rows[4].implementation) == ("Not accepted", None)
    # the prose after the table is no part of it, and reported as not read
    assert [n.message for n in table.notes] == ["text after the follow-up table not read: 'The Office will report again at the next session.'"]


def test_row_keys_must_be_columns_of_the_profile(tmp_path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(
        'row_keys = ["symbol"]\n[columns]\nnumber = ["No."]\ntext = ["Recommendation"]\n[[layout]]\ncolumns = ["number", "text"]\n', encoding="utf-8"
    )
    with pytest.raises(ProfileError, match=r"broken\.toml: row_keys names symbol, which \[columns\] does not"):
        JiuProfile.load(broken)


def test_table_parts_in_text_stand_on_their_pages() -> None:
    # regression: parts found by spacing had no page, though the text's form feeds give one
    tables = [b for b in read_text(EXCERPT, "excerpt.txt").blocks if type(b).__name__ == "Table"]
    assert [(t.span.page, t.header.span.page, [r.span.page for r in t.rows]) for t in tables] == [
        (1, 1, [1, 1]),
        (2, 2, [2, 2]),
    ]


# Test data written for these tests (not a real document): a plan of action as pdftotext -layout sets one out,
# its columns named by the Governing Body profile's words, a component's title spanning the columns, an item
# whose text alone fills its row's first line, and prose after the table.
PLAN = [
    "Action item                                              Due by           Status",
    "",
    "Component 1: Developing the capacity of national constituents to engage in the reform processes",
    "",
    "1. Training materials on working with the UN             By end 2019      Completed",
    "",
    "Component 2: Advancing the Office's operational integration with the UN at the country level",
    "",
    "2. Review of job descriptions                            By end March     Ongoing",
    "                                                         2019",
    "",
    "",
    "The Office will report on the plan at the next session of the Governing Body, as requested.",
    "",
    "It will also report on its budget.",
]


def test_a_plan_is_read_from_its_header_words_and_a_row_may_span_its_columns() -> None:
    # regression: the plan's columns were no family's words, and a row of one run of text after a blank line
    # (a component's title) ended a table without row keys
    (table,) = find_tables(PLAN)
    (part,) = table.parts
    assert part.header.cells == ("Action item", "Due by", "Status")
    assert [row.cells for row in part.rows] == [
        ("Component 1: Developing the capacity of national constituents to engage in the reform processes", "", ""),
        ("1. Training materials on working with the UN", "By end 2019", "Completed"),
        ("Component 2: Advancing the Office's operational integration with the UN at the country level", "", ""),
        ("2. Review of job descriptions", "By end March 2019", "Ongoing"),
    ]
    assert (table.first, table.last) == (1, 10)  # the prose after it, followed by prose, is no row


def test_a_line_of_one_run_of_text_after_a_table_without_row_keys_ends_it_when_prose_follows() -> None:
    lines = PLAN[:5] + ["", "The Office will report on the plan.", "", "It will also report on its budget."]
    (table,) = find_tables(lines)
    assert (table.first, table.last) == (1, 5)
    assert [row.cells[0][:12] for row in table.parts[0].rows] == ["Component 1:", "1. Training "]


def test_a_plan_headed_in_other_words_of_the_profile_is_read_by_the_governing_body_loader() -> None:
    # the plan's header row is told by the profile's column words, not by one paper's "Due by" and "Status"
    text = "\n".join(
        [
            "Governing Body",
            "340th Session, Geneva, October-November 2020",
            "",
            "Institutional Section",
            "INS",
            "",
            "Sixth item on the agenda",
            "",
            "Update on the plan of action",
            "",
            "1. The appendix gives the status of the plan.",
            "",
            "Appendix",
            "Status of the plan of action",
            "",
            "Action                                                   Deadline         Status",
            "",
            "Component 1: Developing the capacity of national constituents to engage in the reform processes",
            "",
            "1. Training materials on working with the UN             By end 2019      Completed",
            "",
            "2. Review of job descriptions                            By end March     Ongoing",
            "                                                         2019",
        ]
    )
    plan = governing_body_report.read(read_text(text, "plan.txt")).plan
    assert [(c.number, c.title) for c in plan.components] == [
        (1, "Developing the capacity of national constituents to engage in the reform processes")
    ]
    assert [(i.number, i.text, i.due_by, i.status) for i in plan.items] == [
        (1, "Training materials on working with the UN", "By end 2019", "Completed"),
        (2, "Review of job descriptions", "By end March 2019", "Ongoing"),
    ]
