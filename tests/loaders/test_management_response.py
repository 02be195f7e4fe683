"""The management response loader against the ILO's response to the 2020-21 MOPAN assessment."""

import pytest

from okg.errors import SourceError
from okg.loaders import management_response
from okg.loaders.management_response import Addressee, parse
from tests.conftest import REPO

SOURCE = REPO / "data" / "corpus" / "mopan-2020-21-management-response.txt"


@pytest.fixture(scope="module")
def response():
    return parse(SOURCE.read_text(encoding="utf-8"), str(SOURCE))


def test_the_assessment(response) -> None:
    assert response.assessment == "2020-21 Institutional Assessment of the ILO by MOPAN"


def test_the_letter_printed_twice_is_one_letter(response) -> None:
    letter = response.letter
    assert letter.date == "16 November 2021"
    assert (letter.signatory, letter.signatory_role) == ("Guy Ryder", "The Director-General")
    assert letter.addressees == (
        Addressee("H.E. Mr Morten Jespersen", "Ambassador, Permanent Representative of Denmark to the UN in Geneva"),
        Addressee("H.E. Ms Anna Jardfelt", "Ambassador, Permanent Representative of Sweden to the UN in Geneva"),
    )
    assert letter.copy_to == ("MOPAN Secretariat",)
    assert (letter.span.first, letter.span.last) == (1, 37)
    assert [(s.first, s.last) for s in letter.repeated_at] == [(38, 73)]
    assert letter.text.startswith("On behalf of the International Labour Organization (ILO), I welcome")
    assert letter.text.count("\n\n") == 3  # four paragraphs


def test_positive_findings(response) -> None:
    assert [(f.span.first, f.text[:40]) for f in response.positive_findings] == [
        (25, "We note with satisfaction the positive a"),
        (93, "ILO management notes with satisfaction t"),
        (95, "MOPAN's observations about our commitmen"),
        (97, "The report acknowledges the challenges a"),
    ]


def test_the_five_areas_for_improvement(response) -> None:
    assert [(a.number, a.title, a.span.first, a.span.last) for a in response.areas_for_improvement] == [
        (1, "ILO's field capacity", 105, 107),
        (2, "sexual exploitation and abuse (SEA) and sexual harassment (SH)", 109, 115),
        (3, "accountability to end beneficiaries", 117, 117),
        (4, "frameworks for environmental sustainability and climate change into ILO's strategies, programmes, and operations", 119, 123),
        (5, "intervention design and monitoring practices", 125, 125),
    ]
    field_capacity = response.areas_for_improvement[0]
    assert "growing country-level collaboration with members of the UN Country Teams" in field_capacity.text


def test_commitments_and_what_they_name(response) -> None:
    areas = response.areas_for_improvement
    environment = areas[3]
    assert environment.outcome_references == ("Output 3.3",)
    assert any(
        c.outcome_references == ("Output 3.3",) and c.text.startswith("Through Output 3.3 of the Programme and Budget")
        for c in environment.commitments
    )
    accountability = [c.text for c in areas[2].commitments]
    assert any("Environmental and Social Sustainability Framework, foreseen in the Programme and Budget for 2022-23" in c for c in accountability)
    assert all(area.commitments for area in areas)
    assert "MOPAN's observations will be duly considered" in " ".join(c.text for c in areas[1].commitments)


def test_the_letter_s_positive_finding_is_a_finding(response) -> None:
    assert response.positive_findings[0].text == (
        "We note with satisfaction the positive assessment of the ILO in most dimensions of the MOPAN framework, "
        "reflecting steady progress made since the last MOPAN assessment in 2015-16."
    )
    assert (response.positive_findings[0].span.first, response.positive_findings[0].span.last) == (25, 25)


def test_each_commitment_of_an_area_is_its_own(response) -> None:
    field_capacity, harassment = ([c.text for c in area.commitments] for area in response.areas_for_improvement[:2])
    assert field_capacity == [
        "Efforts will continue in this regard yet there will be limits as to how far that process can be taken.",
        "Other options such as out posting of technical specialists have been pursued, as noted in the report.",
        "In view of the demand for services, along with the growing country-level collaboration with members of the "
        "UN Country Teams and other partners, a key priority for the ILO remains to strengthen its ability to bring "
        "together a critical mass of technical expertise at the right time and in the right places. This would also "
        "include leveraging resources in headquarters, to support Member States' efforts to advance a human-centred "
        "recovery with Decent Work. The Office will continue to look for innovative solutions and lessons learned from "
        "the experience of working under the conditions of COVID 19 will be useful in this regard.",
    ]  # three, as the issue counts them: the innovative solutions are sought "in this regard", for the critical mass;
    # "MOPAN's observations will help give impetus to these efforts." commits the ILO to nothing
    lines = [(c.span.first, c.span.last) for c in response.areas_for_improvement[0].commitments]
    assert lines == [(105, 105), (105, 105), (105, 107)]  # each commitment's own lines, across the page break
    assert harassment[3:8] == [
        "The ILO has been actively engaged in the wider UN SEA working group, it has developed its own SEA action plan "
        "and is currently internalizing the guidelines adopted in 2021 by Chief Executives Board (CEB) Task Force on "
        "Addressing SH within the UN system.",
        "The ILO has further endorsed the harmonized SEA and SH language as agreed recently between the UN "
        "Secretariat, certain Funds and Programmes and 15 Governments, and has committed to integrating it "
        "systematically in future funding agreements with the concerned donors.",
        "It is actively working towards full and timely compliance.",
        "a review and alignment of the ILO's approach to its assessment of implementing partners against the UN "
        "implementing partner PSEA capacity assessment and its accompanying protocol",
        "integration of the Minimum Operating Standards as applied to personnel",
    ]
    assert len(harassment) == 9 and harassment[8].startswith("MOPAN's observations will be duly considered in shaping")
    monitoring = [c.text for c in response.areas_for_improvement[4].commitments]
    assert monitoring == [
        "These efforts will be stepped up and pursued more systematically.",
        "Dedicated senior management discussions will focus on specific measures required to achieve the desired "
        "performance in this area, including the definition and clarification of associated responsibilities and "
        "accountability.",
    ]  # "This will be steadily pursued at all levels." commits to nothing of its own
    assert not any(
        c.text == "This will be steadily pursued at all levels." or c.text.startswith("MOPAN's observations will help")
        for area in response.areas_for_improvement
        for c in area.commitments
    )


def test_a_commitment_referring_back_continues_the_one_before() -> None:
    """Regression: "… in this regard" after a commitment was counted as a commitment of its own (issue 16, item 6)."""
    text = (
        "The Office will strengthen its field offices. It will also review their budgets. Other work will continue "
        "in this regard. Efforts will continue in this regard."
    )
    assert management_response._paragraph_commitments(text) == [
        "The Office will strengthen its field offices.",
        "It will also review their budgets. Other work will continue in this regard. Efforts will continue in this regard.",
    ]
    assert management_response._paragraph_commitments("Efforts will continue in this regard.") == [
        "Efforts will continue in this regard."
    ]  # nothing before it to continue: its own


def test_text_carries_no_markup(response) -> None:
    for area in response.areas_for_improvement:
        assert "*" not in area.text and "*" not in area.title


def test_a_text_without_areas_for_improvement_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^m\.txt:1: no 'Areas for improvement' section found"):
        parse("# An assessment\n\n## Introduction\n\nText.\n", "m.txt")


# Written for this test (not an ILO text): a letter in other forms than the MOPAN response's, and areas for
# improvement set as run-in headings.
OTHER_FORMS = """**The Director-General**

Geneva, June 2, 2024

Dear Co-Chairs,

On behalf of the ILO, I welcome the 2024 report.

Best regards,

Gilbert F. Houngbo

# 2024 Institutional Assessment of the ILO by MOPAN: Management response

## Areas for improvement

**Gender parity at senior levels.** The ILO is committed to reaching gender parity at P5 and above by 2027.

**Risk management in the field:** PROGRAM will roll out a risk register for all country offices by mid-2025.
"""


def test_a_letter_dated_month_first_after_its_place_and_closed_with_best_regards() -> None:
    response = parse(OTHER_FORMS, "other-forms.md")
    letter = response.letter
    assert (letter.date, letter.signatory, letter.signatory_role) == ("June 2, 2024", "Gilbert F. Houngbo", "The Director-General")
    assert response.notes == ()
    assert [area.title for area in response.areas_for_improvement] == ["Gender parity at senior levels", "Risk management in the field"]


def test_a_letter_without_date_or_signatory_is_read_and_said_to_lack_them() -> None:
    text = OTHER_FORMS.replace("Geneva, June 2, 2024\n\n", "").replace("Best regards,\n\nGilbert F. Houngbo\n\n", "")
    response = parse(text, "unsigned.md")
    assert (response.letter.date, response.letter.signatory) == (None, None)
    assert [(note.message, note.span.first) for note in response.notes] == [
        ("the covering letter has no date line okg reads; the response is read all the same", 3),
        ("the covering letter has no signatory (a name after a closing); the response is read all the same", 3),
    ]
    assert len(response.areas_for_improvement) == 2
