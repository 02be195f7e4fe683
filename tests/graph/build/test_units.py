"""Resolving unit names against the registry, spelling variants and typos included."""

import pytest

from okg.graph.build.pipeline import load_ontology
from okg.graph.build.units import UnitRegistry

UNIT = "https://w3id.org/okg/id/unit/"


@pytest.fixture(scope="module")
def registry() -> UnitRegistry:
    return UnitRegistry(load_ontology())


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Human Resources Development Department (HRD)", "HRD"),
        ("Human Resources and Development Department", "HRD"),
        ("HRD", "HRD"),
        ("Turin Centre", "ITCILO"),
        ("International Training Centre of the ILO", "ITCILO"),
        ("International Training Centre in Turin", "ITCILO"),
        ("ITCILO", "ITCILO"),
        ("Bureau for Employers' Activites (ACT/EMP)", "ACT-EMP"),
        ("Bureau for Employers’ Activities", "ACT-EMP"),
        ("Deputy Director-General for Field Operations (DDG/FOP)", "DDG-FOP"),
        ("DDG/FOP", "DDG-FOP"),
        ("Treasurer and Financial Comptroller", "TR-CF"),
        ("Governance and Tripartism Department (GOVERNANCE)", "GOVERNANCE"),
        ("COs", "CO"),
    ],
)
def test_variants_resolve_to_one_unit(registry, name, unit) -> None:
    assert [str(u) for u in registry.resolve(name)] == [UNIT + unit]


def test_two_units_in_one_entry_are_split(registry) -> None:
    assert [str(u) for u in registry.resolve("DWTs and country offices (COs)")] == [UNIT + "DWT", UNIT + "CO"]


def test_an_unknown_name_is_not_turned_into_a_unit(registry) -> None:
    assert registry.resolve("Department of Imaginary Affairs") is None
    assert registry.resolve("Human Resources Development Department (PROGRAM)") is None  # name and acronym disagree


def test_running_text_matches_names_as_written(registry) -> None:
    text = "the creation of an independent UN system-wide evaluation office, with HRD and the ILO Evaluation Office"
    assert [(str(u), words) for u, words in registry.in_text.find(text)] == [
        (UNIT + "HRD", "HRD"),
        (UNIT + "EVAL", "ILO Evaluation Office"),
    ]
