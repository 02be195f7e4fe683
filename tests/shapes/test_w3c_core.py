"""okg's check is standard SHACL: on the W3C SHACL core test suite (tests/shapes/w3c-shacl-core) it reports
exactly what plain pySHACL reports, and what the suite expects wherever pySHACL does.

Results are compared as multisets of (focus node, result path, constraint component, severity), blank nodes
by structure (tests/shapes/w3c.py)."""

from collections import Counter

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

from okg.graph.check import CheckReport, check_graph
from tests.shapes.w3c import Case, cases, report_results

CASES = cases()

# Where pySHACL's report is not the suite's; each is pySHACL's, and okg's report (pySHACL's own) has it too.
DETAIL_DEVIATIONS = {"node/node-001", "property/node-001", "property/node-002"}  # the nested results added as sh:detail
RESULT_DEVIATIONS = {"property/uniqueLang-002"}  # sh:uniqueLang "1"^^xsd:boolean taken for true: one result too many


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    copy += graph
    return copy


def _okg(case: Case) -> CheckReport:
    return check_graph(_copy(case.data), case.shapes)


def _pyshacl(case: Case) -> Graph:
    _, report, _ = validate(_copy(case.data), shacl_graph=case.shapes, inference="none", allow_infos=True, inplace=True)
    return report


def test_the_suite_holds_the_98_core_tests() -> None:
    assert len(CASES) == 98
    assert len({case.name for case in CASES}) == 98
    assert sum(sum(case.expected.values()) for case in CASES) == 213


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_okg_reports_what_pyshacl_reports(case: Case) -> None:
    okg = report_results(_okg(case).report)
    assert okg == report_results(_pyshacl(case))
    if case.name not in RESULT_DEVIATIONS:
        assert okg == case.expected


def test_pyshacls_deviations_from_the_suite_are_still_there() -> None:
    by_name = {case.name: case for case in CASES}
    for name in DETAIL_DEVIATIONS:
        assert next(_pyshacl(by_name[name]).objects(None, SH.detail), None) is not None, name
    for name in RESULT_DEVIATIONS:
        case = by_name[name]
        assert report_results(_pyshacl(case)) != case.expected
        assert sum(report_results(_okg(case).report).values()) == 1 and case.expected == Counter()


def test_only_shapes_with_untranslated_constraints_are_validated_on_every_target() -> None:
    """The comparison above exercises the fast path: all but these shapes are validated on Oxigraph's candidates."""
    reasons = Counter(fallback.reason for case in CASES for fallback in _okg(case).fallbacks)
    assert reasons == Counter(
        {
            "sh:not is not translated": 5,
            "sh:qualifiedMaxCount is not translated": 4,
            "sh:closed is not translated": 3,
            "sh:xone is not translated": 3,
            "sh:disjoint is not translated": 2,
            "sh:equals is not translated": 2,
            "sh:languageIn is not translated": 2,
            "sh:uniqueLang is not translated": 2,
        }
    )
