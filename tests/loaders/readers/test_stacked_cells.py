"""One-row tables whose cells pdftotext (without -layout) wrote one under another.

The excerpts are test data written for these tests, not real documents: an evaluation
recommendation's responsibility table as pdftotext sets one out, its header words and values in
runs, in the orders the bundled rendering shows.
"""

from okg.loaders.evaluation_recommendations import read
from okg.loaders.jiu_follow_up import PROFILE
from okg.loaders.readers.column_words import ColumnWords
from okg.loaders.readers.model import Row, Table
from okg.loaders.readers.stacked_cells import find_stacked_tables, stacked_header
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan

HEADER = ("Responsible units", "Priority", "Time implication", "Resource implication")


def test_header_words_and_values_in_runs_are_placed_by_the_values_shapes() -> None:
    lines = [
        "Responsible units",
        "Evaluation Office (EVAL), Regional Office for Africa",
        "",
        "Priority Time",
        "implication",
        "Short-to-mediumterm",
        "",
        "Resource",
        "implication",
        "Low",
        "",
        "RECOMMENDATION 2",
    ]
    (found,) = find_stacked_tables(lines)
    # "Low" is a priority or a resource implication: after the time implication, only the latter;
    # the time implication is given as the profile spells it (pdftotext dropped a hyphen at a line's end)
    assert found.table == Table(
        Row(HEADER, SourceSpan(1, 9)),
        (Row(("Evaluation Office (EVAL), Regional Office for Africa", "", "Short-to-medium-term", "Low"), SourceSpan(2, 10)),),
        False,
        SourceSpan(1, 10),
    )
    assert (found.first, found.last) == (1, 10)


def test_values_that_could_be_placed_two_ways_are_not_read() -> None:
    # no time implication to place it by: "Medium" may be the priority or the resource implication
    lines = [
        "Responsible units",
        "",
        "Priority",
        "",
        "Evaluation Office (EVAL)",
        "",
        "Time implication",
        "",
        "Resource implication",
        "",
        "Medium",
        "",
        "RECOMMENDATION 2",
    ]
    assert find_stacked_tables(lines) == []


def test_an_evaluation_recommendation_in_pdftotext_order_is_read_field_by_field() -> None:
    text = "\n".join(
        [
            "RECOMMENDATION 3",
            "Strengthen the evaluation function in the regions.",
            "",
            "The Office should plan its regional evaluations two years ahead.",
            "Responsible units",
            "",
            "Priority",
            "",
            "Evaluation Office (EVAL), Regional Office for Africa",
            "",
            "Time implication",
            "",
            "Resource implication",
            "",
            "Long-term",
            "",
            "High",
            "",
        ]
    )
    (recommendation,) = read(read_text(text, "excerpt.txt")).recommendations
    assert (recommendation.number, recommendation.headline, recommendation.text) == (
        3,
        "Strengthen the evaluation function in the regions.",
        "The Office should plan its regional evaluations two years ahead.",
    )
    assert recommendation.responsible_units == ("Evaluation Office (EVAL)", "Regional Office for Africa")
    assert (recommendation.priority, recommendation.time_implication, recommendation.resource_implication) == (None, "Long-term", "High")
    assert recommendation.units_line == 9


def test_a_header_whose_words_stand_one_under_another_is_found_to_be_reported() -> None:
    jiu = ColumnWords.of("jiu-follow-up", PROFILE.role_words)
    lines = ["Status as of July 2024", "No.", "", "Recommendation Addressed", "to", "Accepted", "", "1", "Do it."]
    assert stacked_header(lines, jiu, {"number", "text"}) == 2
    # words of the columns in prose, or a header without the recommendation's text, are not one
    assert stacked_header(["RECOMMENDATION 1", "Accepted", "No."], jiu, {"number", "text"}) is None
    assert stacked_header(["No.", "Accepted"], jiu, {"number", "text"}) is None
