"""The JIU follow-up loader against the reference document to GB.346/PFA/9, row by row."""

import re

import pytest

from okg.errors import SourceError
from okg.loaders.jiu_follow_up import CrossReference, JiuRecommendation, parse
from tests.conftest import REPO

SOURCE = REPO / "data" / "corpus" / "gb346-pfa9-jiu-follow-up.txt"
HEADER = "Report\tRec. No\tRecommendation\tAddressee\tIntended impact\tAcceptance\tImplementation\tImpact achieved\tRemarks"

# (report, number, addressee, intended impacts, acceptance, implementation, source lines,
#  first words of the text, last words of the text, first words of the remarks, last words)
# read off the source file by hand.
EXPECTED = [
    (
        "JIU/REP/2020/7",
        1,
        "L",
        ("Strengthened coherence and harmonisation",),
        "Accepted",
        "Implemented",
        (42, 42),
        "The governing bodies of the United",
        "adopted by their respective organizations.",
        "The Governing Body endorsed the ILO",
        "digital technologies that drive innovation.",
    ),
    (
        "JIU/REP/2020/7",
        2,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (43, 46),
        "The executive heads of the United",
        "cybersecurity, system integrity, and reputation.",
        "The ILO's IT Governance Framework includes",
        "their use in the organization.",
    ),
    (
        "JIU/REP/2020/7",
        4,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (47, 47),
        "The executive heads of the United",
        "as guidance a decision-making matrix.",
        "The ILO has institutionalized IT governance",
        "and project risks are managed.",
    ),
    (
        "JIU/REP/2020/7",
        6,
        "L",
        ("Dissemination of good/best practices",),
        "Under consideration",
        None,
        (48, 51),
        "The governing bodies of the United",
        "legal insecurity in that field.",
        None,
        None,
    ),
    (
        "JIU/REP/2020/7",
        8,
        "E",
        ("Strengthened coherence and harmonisation",),
        "Accepted",
        "In progress",
        (52, 56),
        "The executive heads of the United",
        "involve multiple United Nations organizations.",
        "The ILO takes active part in",
        "non-binding inter-agency blockchain governance framework.",
    ),
    (
        "JIU/REP/2020/8",
        1,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (57, 57),
        "The executive heads of United Nations",
        "areas of internal management functions.",
        "The ILO Director-General has announced the",
        "the headquarters and field offices.",
    ),
    (
        "JIU/REP/2020/8",
        2,
        "L",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (58, 61),
        "The legislative organs and governing bodies",
        "management functions of the organization.",
        "The ILO Governing Body adopted a",
        "Governing Body biennially, not annually.",
    ),
    (
        "JIU/REP/2020/8",
        3,
        "E",
        ("Enhanced transparency and accountability",),
        "Accepted",
        "Implemented",
        (62, 62),
        "The executive heads of the United",
        "and governing bodies from 2023.",
        "To date, as the ILO seeks",
        "budget plans for environmental sustainability.",
    ),
    (
        "JIU/REP/2020/8",
        4,
        "E",
        ("Enhanced transparency and accountability",),
        "Accepted",
        "Implemented",
        (65, 68),
        "The executive heads of the United",
        "relevant inter-agency mechanisms, as necessary.",
        "The Office is committed to making",
        "tender documents and subsequent contracts.",
    ),
    (
        "JIU/REP/2020/8",
        5,
        "E",
        ("Enhanced coordination and cooperation",),
        "Not accepted",
        None,
        (69, 69),
        "The executive heads of the United",
        "and governing bodies from 2023.",
        "Environmental sustainability understanding and behaviours will",
        "processes are subject to negotiation.",
    ),
    (
        "JIU/REP/2020/8",
        6,
        "E",
        ("Enhanced efficiency",),
        "Accepted",
        "In progress",
        (70, 77),
        "The executive heads of the United",
        "and governing bodies from 2023.",
        "The ILO has a network of",
        "end of 2022 and beyond.",
    ),
    (
        "JIU/REP/2020/8",
        7,
        "E",
        ("Strengthened coherence and harmonization",),
        "Accepted",
        "Implemented",
        (78, 81),
        "The executive heads of the United",
        "and governing bodies from 2023.",
        "Since the 2016-17 biennium, in the",
        "official correspondence, and conference services.",
    ),
    (
        "JIU/REP/2020/8",
        8,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (82, 82),
        "The executive heads of the United",
        "relevant inter-agency mechanisms, as necessary.",
        "Policies and practices relating to key",
        "in the ILO field offices.",
    ),
    (
        "JIU/REP/2020/8",
        9,
        "E",
        ("Enhanced efficiency",),
        "Not accepted",
        None,
        (83, 91),
        "The executive heads of organizations of",
        "on Climate Change Paris agreement.",
        "With respect to the greenhouse gas",
        "do more than already established.",
    ),
    (
        "JIU/REP/2020/8",
        10,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "Implemented",
        (92, 92),
        "The executive heads of the United",
        "and governing bodies from 2023.",
        "Since the 2016-17 biennium, the ILO",
        "associated documentation were available online.",
    ),
    (
        "JIU/REP/2021/2",
        1,
        "E",
        ("Enhanced coordination and cooperation",),
        "Not accepted",
        None,
        (93, 99),
        "The executive heads of United Nations",
        "action for landlocked developing countries.",
        "The ILO does not use the",
        "a framework for ILO’s action.",
    ),
    (
        "JIU/REP/2021/2",
        3,
        "E",
        ("Enhanced transparency and accountability", "Enhanced control and compliance"),
        "Not accepted",
        None,
        (100, 103),
        "The executive heads of United Nations",
        "outputs strategy and core activities.",
        "The ILO has a strategic framework",
        "the biennial Programme and Budget.",
    ),
    (
        "JIU/REP/2021/2",
        7,
        "L",
        ("Enhanced control and compliance", "Enhanced effectiveness"),
        "Not accepted",
        None,
        (104, 107),
        "The legislative organs and governing bodies",
        "report periodically on its implementation.",
        "See comments on Recommendations 1 and",
        "the ILO Development Cooperation Strategy.",
    ),
    (
        "JIU/REP/2021/3",
        1,
        "E",
        ("Enhanced effectiveness",),
        "Accepted",
        "In progress",
        (108, 119),
        "The executive heads of the United",
        "examined in the present report.",
        "The Office presents “Review of the",
        "Governing Body session, October-November 2022.",
    ),
    (
        "JIU/REP/2021/3",
        2,
        "L",
        ("Enhanced effectiveness",),
        "Under consideration",
        None,
        (121, 121),
        "The legislative and governing bodies of",
        "their respective organizations, as necessary.",
        "See comments on Recommendation 1 above.",
        "comments on Recommendation 1 above.",
    ),
]

TITLES = {
    "JIU/REP/2020/7": "Blockchain applications in the United Nations system: towards a state of readiness",
    "JIU/REP/2020/8": "Review of mainstreaming environmental sustainability across organizations of the United Nations system",
    "JIU/REP/2021/2": "Review of United Nations system support for landlocked developing countries to implement the Vienna Programme of Action",
    "JIU/REP/2021/3": "Cybersecurity in the United Nations system organizations",
}


@pytest.fixture(scope="module")
def recommendations() -> dict[tuple[str, int], JiuRecommendation]:
    table = parse(SOURCE.read_text(encoding="utf-8"), str(SOURCE))
    return {(r.report_symbol, r.number): r for r in table.recommendations}


def test_the_table_has_exactly_the_twenty_recommendations_in_order() -> None:
    table = parse(SOURCE.read_text(encoding="utf-8"), str(SOURCE))
    assert [(r.report_symbol, r.number) for r in table.recommendations] == [(e[0], e[1]) for e in EXPECTED]
    assert table.parent_symbol == "GB.346/PFA/9"
    assert table.as_of == "July 2022"


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{e[0]}#{e[1]}" for e in EXPECTED])
def test_each_recommendation_field_by_field(recommendations, expected) -> None:
    (report, number, addressee, impacts, acceptance, implementation, lines, text_start, text_end, remarks_start, remarks_end) = expected
    row = recommendations[(report, number)]
    assert row.report_title == TITLES[report]
    assert row.addressee == addressee
    assert row.intended_impacts == impacts
    assert row.acceptance == acceptance
    assert row.implementation == implementation
    assert row.impact_achieved is None  # no impact was assessed in this document
    assert (row.span.first, row.span.last) == lines
    assert row.text.startswith(text_start) and row.text.endswith(text_end)
    if remarks_start is None:
        assert row.remarks is None
    else:
        assert row.remarks.startswith(remarks_start) and row.remarks.endswith(remarks_end)


def test_text_is_joined_across_page_breaks(recommendations) -> None:
    assert recommendations[("JIU/REP/2020/7", 6)].text == (
        "The governing bodies of the United Nations system organizations should encourage Member States to "
        "engage with the United Nations Commission on International Trade Law in its exploratory and preparatory "
        "work on legal issues that relate to blockchain in the broader context of the digital economy and digital "
        "trade, including on dispute resolution, which is aimed at reducing legal insecurity in that field."
    )
    # The last word of this text survived the conversion as a bare line after a scrambled header.
    assert recommendations[("JIU/REP/2021/3", 1)].text.endswith(
        "covering the elements contributing to improved cyberresilience examined in the present report."
    )
    assert recommendations[("JIU/REP/2020/8", 9)].remarks.count("rendering it extremely difficult") == 1


def test_remarks_lose_html_but_keep_their_words(recommendations) -> None:
    remarks = recommendations[("JIU/REP/2020/8", 2)].remarks
    assert "requested the Director-General to inter alia continue to pursue carbon neutrality" in remarks
    assert remarks.endswith("presented to the Governing Body biennially, not annually.")


def test_no_text_or_remark_carries_header_debris_or_html(recommendations) -> None:
    debris = re.compile(r"“(Accepted|Not accepted|Not started|Yes)”|<[a-z/]|Rec\. No|Impact achieved")
    for row in recommendations.values():
        for value in (row.report_title, row.text, row.remarks or "", *row.intended_impacts):
            assert not debris.search(value), (row.report_symbol, row.number, value)


def test_cross_references_point_within_the_report(recommendations) -> None:
    assert recommendations[("JIU/REP/2021/2", 7)].cross_references == (CrossReference((1, 3), "above", "Recommendations 1 and 3 above"),)
    assert recommendations[("JIU/REP/2021/3", 2)].cross_references == (CrossReference((1,), "above", "Recommendation 1 above"),)
    referring = {key for key, row in recommendations.items() if row.cross_references}
    assert referring == {("JIU/REP/2021/2", 7), ("JIU/REP/2021/3", 2), ("JIU/REP/2020/8", 8)}


def test_a_remark_naming_its_own_recommendation_is_a_self_reference(recommendations) -> None:
    assert recommendations[("JIU/REP/2020/8", 8)].cross_references == (CrossReference((8,), None, "recommendation 8", to_itself=True),)
    assert not any(c.to_itself for key, row in recommendations.items() if key != ("JIU/REP/2020/8", 8) for c in row.cross_references)


def test_cited_document_symbols(recommendations) -> None:
    cited = {key: row.cited_symbols for key, row in recommendations.items() if row.cited_symbols}
    assert cited == {("JIU/REP/2021/3", 1): ("GB.346/PFA/3",)}


def _table(*rows: str) -> str:
    return "\n".join(["Status as of July 2022", "", HEADER, *rows]) + "\n"


def test_a_document_without_the_table_is_refused_with_its_name() -> None:
    with pytest.raises(SourceError, match=r"^notes\.txt: no JIU follow-up table found"):
        parse("Just some notes.\n", "notes.txt")


def test_a_missing_column_is_named_with_its_line() -> None:
    header = HEADER.replace("\tAddressee", "")
    with pytest.raises(SourceError, match=r"^t\.txt:3: table header column 4 should be 'Addressee'"):
        parse(f"x\n\n{header}\n", "t.txt")


def _notes(table) -> list[tuple[str, int | None]]:
    return [(note.message, note.span.first if note.span else None) for note in table.notes]


# The rows below are test data written for these tests: one ILO table, each with one cell as other tables print it.
ROW = "JIU/REP/2020/7: A report\t1\tText.\tE\tEnhanced effectiveness\tAccepted\tIn progress\t\tWork is ongoing."
SECOND = "JIU/REP/2020/7: A report\t2\tMore text.\tL\tEnhanced effectiveness\tAccepted\tImplemented\tYes\tDone."


def test_a_row_whose_number_is_no_number_is_not_read_and_the_others_are() -> None:
    table = parse(_table(ROW.replace("\t1\t", "\t1(a)\t"), SECOND), "t.txt")
    assert [r.number for r in table.recommendations] == [2]
    assert _notes(table) == [("the row at line 4 not read: its number '1(a)' is no number", 4)]


def test_a_row_with_more_cells_than_the_header_is_not_read() -> None:
    table = parse(_table(ROW + "\tstray", SECOND), "t.txt")
    assert [r.number for r in table.recommendations] == [2]
    assert _notes(table) == [("the row at line 4 not read: it has 10 cells, the header 9", 4)]


def test_a_number_with_a_footnote_mark_is_the_number() -> None:
    table = parse(_table(ROW.replace("\t1\t", "\t1*\t"), SECOND.replace("\t2\t", "\tRec. 2¹\t")), "t.txt")
    assert [r.number for r in table.recommendations] == [1, 2]


@pytest.mark.parametrize("cell", ["", "Accepted.", "accepted"])
def test_an_acceptance_cell_empty_or_with_a_full_stop(cell: str) -> None:
    table = parse(_table(ROW.replace("\tAccepted\t", f"\t{cell}\t"), SECOND), "t.txt")
    first = table.recommendations[0]
    assert (first.acceptance, first.unrecognised) == (("Accepted", ()) if cell else (None, ()))
    assert _notes(table) == ([] if cell else [("recommendation 1 of JIU/REP/2020/7 has an empty 'Acceptance' cell", 4)])


def test_statuses_worded_with_other_hyphens_are_the_profile_s() -> None:
    (first,) = parse(_table(ROW.replace("In progress", "In-progress")), "t.txt").recommendations
    assert (first.implementation, first.unrecognised) == ("In progress", ())


@pytest.mark.parametrize(
    ("cell", "symbol", "title"),
    [
        ("JIU/REP/2020/7", "JIU/REP/2020/7", ""),
        ("A report (JIU/REP/2020/7)", "JIU/REP/2020/7", "A report"),
        ("JIU/REP/97/2: An old report", "JIU/REP/97/2", "An old report"),
        ("JIU/REP/2021/5/Rev.1: A revised report", "JIU/REP/2021/5/Rev.1", "A revised report"),
    ],
)
def test_a_report_cell_in_other_forms(cell: str, symbol: str, title: str) -> None:
    (first,) = parse(_table(ROW.replace("JIU/REP/2020/7: A report", cell)), "t.txt").recommendations
    assert (first.report_symbol, first.report_title) == (symbol, title)


def test_an_empty_report_cell_is_the_report_the_last_report_cell_names_read_or_not() -> None:
    unread = SECOND.replace("JIU/REP/2020/7: A report", "JIU/REP/2021/1: Another report").replace("\t2\t", "\t2(a)\t")
    third = SECOND.replace("JIU/REP/2020/7: A report", "").replace("\t2\t", "\t3\t")
    table = parse(_table(ROW, unread, third), "t.txt")
    assert [(r.report_symbol, r.number) for r in table.recommendations] == [("JIU/REP/2020/7", 1), ("JIU/REP/2021/1", 3)]


def test_an_empty_report_cell_is_the_report_of_the_row_above() -> None:
    # a report cell spanning its rows, printed once
    table = parse(_table(ROW, SECOND.replace("JIU/REP/2020/7: A report", "")), "t.txt")
    assert [(r.report_symbol, r.report_title, r.number) for r in table.recommendations] == [
        ("JIU/REP/2020/7", "A report", 1),
        ("JIU/REP/2020/7", "A report", 2),
    ]


def test_a_report_cell_naming_no_report_is_not_read() -> None:
    table = parse(_table(ROW.replace("JIU/REP/2020/7: A report", "A report"), SECOND), "t.txt")
    assert [r.number for r in table.recommendations] == [2]
    assert _notes(table) == [("recommendation 1 not read: its report cell 'A report' names no JIU report", 4)]


def test_impacts_separated_by_semicolons() -> None:
    (first,) = parse(_table(ROW.replace("Enhanced effectiveness", "Enhanced efficiency; enhanced effectiveness")), "t.txt").recommendations
    assert first.intended_impacts == ("Enhanced efficiency", "enhanced effectiveness")


@pytest.mark.parametrize(
    ("before", "as_of"),
    [
        ("Status as of 31 July 2023", "31 July 2023"),
        ("Status as at Sept. 2023", "Sept. 2023"),
        ("This updates the information presented as of July 2022.\n\nStatus as of July 2023", "July 2023"),
    ],
)
def test_the_date_the_statuses_stand_at(before: str, as_of: str) -> None:
    table = parse(_table(ROW).replace("Status as of July 2022", before), "t.txt")
    assert (table.as_of, table.notes) == (as_of, ())


def test_an_as_of_that_is_no_date_is_noted() -> None:
    table = parse(_table(ROW).replace("Status as of July 2022", "Status as of End 2023"), "t.txt")
    assert table.as_of is None
    assert _notes(table) == [
        ("the statuses stand 'as of' 'End 2023', which is no date okg reads; the manifest's date, if it gives one, is used", None)
    ]


def test_a_report_named_by_its_symbol_alone_with_its_title_on_the_next_line() -> None:
    six = "No.\tRecommendation\tAddressed to\tAccepted\tStatus\tComments"
    text = f"Progress report as of June 2024\n\nJIU/REP/2021/5\n\nReview of the ethics function\n\n{six}\n1\tDo it.\tE\tYes\tClosed\tDone.\n"
    (first,) = parse(text, "t.txt").recommendations
    assert (first.report_symbol, first.report_title, first.number) == ("JIU/REP/2021/5", "Review of the ethics function", 1)


@pytest.mark.parametrize(
    ("remark", "numbers"),
    [
        ("See comments on Recommendations 1 to 3 above.", [(1, 2, 3)]),
        ("See Recommendations 1-3 above.", [(1, 2, 3)]),
        ("See recommendation 3 of JIU/REP/2019/6.", []),
        ("As for recommendation 12 of the External Auditor, see recommendation 2 above.", [(2,)]),
        ("See recommendation 3 of A/75/123 and recommendation 2 of JIU report JIU/REP/2019/6.", []),
        ("Recommendation 2 of the ILO field offices review is done.", [(2,)]),
        ("Work on recommendation 4 to 2024 is planned.", [(4,)]),
    ],
)
def test_cross_references_in_ranges_and_to_other_reports(remark: str, numbers: list[tuple[int, ...]]) -> None:
    (first,) = parse(_table(ROW.replace("Work is ongoing.", remark)), "t.txt").recommendations
    assert [reference.numbers for reference in first.cross_references] == numbers
