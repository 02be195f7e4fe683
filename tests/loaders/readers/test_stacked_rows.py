"""Tables of many rows whose cells pdftotext (without -layout) wrote one under another.

The excerpts are test data written for these tests, not real documents: a plan of action of a
Governing Body paper's appendix as pdftotext sets one out without -layout (each cell a block of
lines, blank lines between them), its columns named by the Governing Body profile's words and its
due dates of the profile's forms.
"""

from okg.loaders.governing_body_report import read
from okg.loaders.readers.model import Row, Table
from okg.loaders.readers.stacked_rows import find_stacked_row_tables
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan

HEADER = ("Action item", "Due by", "Status")
PLAN = [
    "Action item",
    "",
    "Due by",
    "",
    "Status",
    "",  # 1-6
    "Component 1: Developing the capacity of constituents",  # 7: a title across the columns,
    "1. Training materials on working with the UN, for",  # 8: no blank line before the row
    "employers and workers",
    "",
    "By end 2019",
    "",  # 11
    "Completed",
    "",
    "2. Support to constituents in national processes",
    "",  # 15
    "By October",
    "2019",
    "",  # 17-18: a date over two lines
    "Ongoing",
    "",
    "Action item",
    "",
    "Due by",
    "",
    "Status",
    "",  # 22-27: printed again on a new page
    "3. Review of job descriptions",
    "",  # 28
    "2019–20",
    "",
    "Starting 2020 following the revision of the",
    "framework",
    "",  # 32-33
]


def test_rows_are_placed_by_their_due_dates_and_a_title_is_a_row_of_its_own() -> None:
    (found,) = find_stacked_row_tables(PLAN)
    assert (found.first, found.last) == (1, 33)
    first, second = found.parts
    assert first == Table(
        Row(HEADER, SourceSpan(1, 5)),
        (
            Row(("Component 1: Developing the capacity of constituents", "", ""), SourceSpan(7, 7)),
            Row(("1. Training materials on working with the UN, for employers and workers", "By end 2019", "Completed"), SourceSpan(8, 13)),
            Row(("2. Support to constituents in national processes", "By October 2019", "Ongoing"), SourceSpan(15, 20)),
        ),
        False,
        SourceSpan(1, 20),
    )
    assert second == Table(
        Row(HEADER, SourceSpan(22, 26)),
        (Row(("3. Review of job descriptions", "2019–20", "Starting 2020 following the revision of the framework"), SourceSpan(28, 33)),),
        True,
        SourceSpan(22, 33),
    )


def test_a_row_whose_cells_cannot_be_told_apart_leaves_the_table_unread() -> None:
    # item 1 has no status: "2. Support …" would be taken for it, and item 2 would have no action item
    lines = PLAN[:11] + PLAN[14:20]
    assert find_stacked_row_tables(lines) == []


def test_a_governing_body_plan_without_layout_is_read_item_by_item() -> None:
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
            *PLAN,
        ]
    )
    plan = read(read_text(text, "plan.txt")).plan
    assert [(c.number, c.title) for c in plan.components] == [(1, "Developing the capacity of constituents")]
    assert [(i.number, i.component, i.due_by, i.status) for i in plan.items] == [
        (1, 1, "By end 2019", "Completed"),
        (2, 1, "By October 2019", "Ongoing"),
        (3, 1, "2019–20", "Starting 2020 following the revision of the framework"),
    ]
    assert plan.items[0].text == "Training materials on working with the UN, for employers and workers"
