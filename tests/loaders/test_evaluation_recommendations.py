"""The evaluation loader against the eight recommendations of the COVID-19 response evaluation."""

import pytest

from okg.errors import SourceError
from okg.loaders.evaluation_recommendations import parse
from okg.loaders.text import LabourStandardMention
from tests.conftest import REPO

SOURCE = REPO / "data" / "corpus" / "hle-covid19-response-recommendations.txt"

# number: (responsible units as printed, time implication, resource implication, source lines, headline start)
EXPECTED = {
    1: (
        (
            "Deputy Director-General for Field Operations (DDG/FOP)",
            "Bureau for Workers' Activities",
            "Bureau for Employers' Activities",
            "DDG/P",
            "Partnerships and Field Support Department (PARDEV)",
            "Turin Centre",
        ),
        "Short-term",
        "Medium",
        (14, 22),
        "Continue to strengthen the capacity of the tripartite",
    ),
    2: (
        (
            "Senior Management Team",
            "DDG/MR",
            "Strategic Programming and Management Department (PROGRAM)",
            "DDG/P",
            "DDG/FOP",
            "Treasurer and Financial Comptroller",
        ),
        "Short-term",
        "High",
        (24, 32),
        "Develop an Organization-wide crisis response strategy",
    ),
    3: (("Senior Management Team", "PROGRAM"), "Short-term", "Medium", (34, 42), "Expand and mainstream more broadly the approach"),
    4: (
        ("DDG/MR", "DDG/FOP", "PROGRAM", "PARDEV", "Research Department", "EVAL"),
        "Medium-term",
        "Medium",
        (44, 52),
        "Enhance the ILO's capacity to monitor, report and evaluate",
    ),
    5: (
        ("Social Protection Department (SOCPRO)", "DDG/P", "DWTs and country offices (COs)", "DDG/FOP"),
        "Long-term",
        "Medium",
        (54, 64),
        "Strengthen the institutional capacity of governments",
    ),
    6: (
        (
            "International Labour Standards Department (NORMES)",
            "Sectoral Policies Department",
            "Governance and Tripartism Department (GOVERNANCE)",
            "SOCPRO",
            "COs",
            "Conditions of Work and Equality Department",
            "DDG/P",
        ),
        "Medium-to-long-term",
        "Medium",
        (66, 76),
        "Continue to strengthen the constituents’ capacities",
    ),
    7: (
        ("DDG/P", "ENTERPRISES", "Employment Policy Department", "GOVERNANCE", "Multilateral Cooperation Department (MULTILATERALS)", "SOCPRO"),
        "Long-term",
        "High",
        (78, 86),
        "The ILO should more clearly integrate a just transition",
    ),
    8: (
        ("MULTILATERALS", "PARDEV", "PROGRAM", "DDG/P", "DDG/FOP", "Human Resources Development Department (HRD)"),
        "Medium-to-long-term",
        "High",
        (88, 97),
        "The ILO should review its current capacity to deliver",
    ),
}


@pytest.fixture(scope="module")
def recommendations():
    return {r.number: r for r in parse(SOURCE.read_text(encoding="utf-8"), str(SOURCE)).recommendations}


def test_there_are_eight_recommendations(recommendations) -> None:
    assert sorted(recommendations) == list(range(1, 9))


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_each_recommendation_field_by_field(recommendations, number) -> None:
    units, time, resource, lines, headline = EXPECTED[number]
    row = recommendations[number]
    assert row.responsible_units == units
    assert row.time_implication == time
    assert row.resource_implication == resource
    assert row.priority is None  # the priority column is empty in all eight: missing, not invented
    assert (row.span.first, row.span.last) == lines
    assert row.headline.startswith(headline)
    assert row.text and not row.text.startswith(headline) and "Responsible units" not in row.text


def test_explanatory_text_keeps_its_paragraphs(recommendations) -> None:
    assert recommendations[5].text.count("\n\n") == 1
    assert recommendations[5].text.startswith("The Governing Body should re-emphasize the leadership role")
    assert recommendations[8].text.endswith("widespread use of short-term contract staff or consultancies.")


def test_labour_standards_are_recognised_as_standards(recommendations) -> None:
    assert recommendations[5].labour_standards == (
        LabourStandardMention("Recommendation", "Social Protection Floors Recommendation", 2012, 202),
        LabourStandardMention("Recommendation", "Employment and Decent Work for Peace and Resilience Recommendation", 2017, 205),
    )
    assert all(not r.labour_standards for n, r in recommendations.items() if n != 5)


def test_a_block_without_its_table_is_refused_with_its_line() -> None:
    with pytest.raises(SourceError, match=r"^e\.txt:1: recommendation 1 has no 'Responsible units' table"):
        parse("RECOMMENDATION 1\n\nDo something.\n", "e.txt")


def test_a_number_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^e\.txt:1: recommendation number 'ONE' is not a number"):
        parse("RECOMMENDATION ONE\n\nDo.\n\nResponsible units\tPriority\tTime implication\tResource implication\nHRD\t\tShort-term\tHigh\n", "e.txt")


def test_a_text_without_recommendations_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^e\.txt: no evaluation recommendations found"):
        parse("Executive summary only.\n", "e.txt")


def test_a_table_with_other_columns_in_another_order() -> None:
    # test data written for this test: an evaluation printing "Recommendation 1" and a three-column table
    text = (
        "Recommendation 1\n\nStrengthen field capacity.\n\nReview the staffing of country offices.\n\n"
        "Timeframe\tResponsibility\tResources\nShort-term\tPARDEV, DDG/FOP\tLow\n"
    )
    (row,) = parse(text, "e.txt").recommendations
    assert (row.headline, row.text) == ("Strengthen field capacity.", "Review the staffing of country offices.")
    assert (row.responsible_units, row.priority, row.time_implication, row.resource_implication) == (("PARDEV", "DDG/FOP"), None, "Short-term", "Low")
    assert (row.span.first, row.span.last, row.units_line) == (1, 8, 8)


def test_values_are_spelled_as_the_profile_does_and_an_unknown_one_is_kept_as_printed_and_noted() -> None:
    # test data written for this test: a priority no wording of the profile names, values the profile spells otherwise
    text = (
        "RECOMMENDATION 1\n\nConsolidate the social protection portfolio.\n\n"
        "Responsible units\tPriority\tTime implication\tResource implication\n"
        "SOCPRO, PARDEV\tVery high\tshort to medium term\tFrom donors\n"
    )
    records = parse(text, "e.txt")
    (row,) = records.recommendations
    assert (row.priority, row.time_implication, row.resource_implication) == ("Very high", "Short-to-medium-term", "From donors")
    assert row.unrecognised == (("priority", "Very high"), ("resource-implication", "From donors"))
    assert [(note.message, note.span.first) for note in records.notes] == [
        ("recommendation 1: priority 'Very high' is no wording of loaders/profiles/evaluation-recommendations.toml; kept as printed", 1),
        (
            "recommendation 1: resource-implication 'From donors' is no wording of loaders/profiles/evaluation-recommendations.toml; kept as printed",
            1,
        ),
    ]


# Test data written for these tests: an evaluation that prints each recommendation's headline after its number and
# its responsibilities as labelled lines, on one line or one a line.
LABELLED = """Recommendations

Recommendation 1: Consolidate the social protection flagship into the core programme.

The Office should integrate its results framework into the programme and budget.

Responsible units: SOCPRO, PARDEV and PROGRAM; Priority: High; Timeframe: Short-term; Resource implications: Low.

Recommendation 2: Strengthen regional capacity on social protection financing.

Responsible units: DDG/FOP; Regional Office for Africa; SOCPRO
Priority: Medium
Timeframe: 2025-26
Resource implications: Medium
"""


def test_labelled_lines_instead_of_a_table_and_the_headline_after_the_number() -> None:
    records = parse(LABELLED, "e.txt")
    first, second = records.recommendations
    assert (first.number, first.headline, first.text) == (
        1,
        "Consolidate the social protection flagship into the core programme.",
        "The Office should integrate its results framework into the programme and budget.",
    )
    assert (first.responsible_units, first.priority, first.time_implication, first.resource_implication) == (
        ("SOCPRO", "PARDEV and PROGRAM"),
        "High",
        "Short-term",
        "Low",
    )
    assert (first.span.first, first.span.last, first.units_line) == (3, 7, 7)
    assert (second.headline, second.text) == ("Strengthen regional capacity on social protection financing.", "")
    assert second.responsible_units == ("DDG/FOP", "Regional Office for Africa", "SOCPRO")
    assert (second.priority, second.time_implication, second.resource_implication) == ("Medium", "2025-26", "Medium")
    assert (second.span.first, second.span.last, second.units_line) == (9, 14, 11)
    assert [note.message for note in records.notes] == [
        "recommendation 2: time-implication '2025-26' is no wording of loaders/profiles/evaluation-recommendations.toml; kept as printed"
    ]


def test_a_sentence_opening_with_the_word_opens_no_recommendation() -> None:
    text = LABELLED.replace("The Office should", "Recommendation 3 was accepted, and the Office should")
    assert [r.number for r in parse(text, "e.txt").recommendations] == [1, 2]
