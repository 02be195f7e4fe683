"""The management response loader against the ILO's response to the 2020-21 MOPAN assessment."""

import pytest

from okg.loaders.errors import SourceError
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
        (93, "ILO management notes with satisfaction t"),
        (95, "MOPAN's observations about our commitmen"),
        (97, "The report acknowledges the challenges a"),
    ]


def test_the_five_areas_for_improvement(response) -> None:
    assert [(a.number, a.title, a.span.first, a.span.last) for a in response.areas_for_improvement] == [
        (1, "field capacity", 105, 107),
        (2, "sexual exploitation and abuse and sexual harassment", 109, 115),
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
    assert any(c.outcome_references == ("Output 3.3",) and c.text.startswith("Through Output 3.3 of the Programme and Budget")
               for c in environment.commitments)
    accountability = [c.text for c in areas[2].commitments]
    assert any("Environmental and Social Sustainability Framework, foreseen in the Programme and Budget for 2022-23" in c
               for c in accountability)
    assert all(area.commitments for area in areas)
    assert "MOPAN's observations will be duly considered" in " ".join(c.text for c in areas[1].commitments)


def test_text_carries_no_markup(response) -> None:
    for area in response.areas_for_improvement:
        assert "*" not in area.text and "*" not in area.title


def test_a_text_without_areas_for_improvement_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^m\.txt:1: no 'Areas for improvement' section found"):
        parse("# An assessment\n\n## Introduction\n\nText.\n", "m.txt")
