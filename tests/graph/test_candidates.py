"""The check asks Oxigraph which nodes could violate each shape and lets pySHACL validate those:
its findings must be exactly those of pySHACL validating every node, on the corpus and on damaged graphs."""

import random

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from benchmarks.synthetic import generate
from graph.build import build_corpus
from graph.candidates import Untranslatable, candidate_query, candidates
from graph.check import check_graph, check_store, load_shapes, union_graph
from graph.store import open_store

SHAPE = "https://w3id.org/okg/shapes#"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _rdf11(term):
    """RDF 1.1 has one simple literal: oxrdflib writes it with xsd:string, rdflib without."""
    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term


def _results(report: Graph) -> set[tuple]:
    """Every result of a validation report, as (focus, severity, path, value, message)."""
    return {
        tuple(_rdf11(report.value(result, p)) for p in (SH.focusNode, SH.resultSeverity, SH.resultPath, SH.value, SH.resultMessage))
        for validation in report.subjects(RDF.type, SH.ValidationReport)
        for result in report.objects(validation, SH.result)
    }


def _pyshacl_alone(data: Graph, shapes: Graph) -> set[tuple]:
    copy = Graph()
    copy += data
    _, report, _ = validate(copy, shacl_graph=shapes, inference="none", allow_infos=True, inplace=True)
    return _results(report)


def test_on_the_corpus_the_store_check_finds_what_pyshacl_alone_finds(built_corpus, shapes) -> None:
    report = check_store(built_corpus.store)
    expected = _pyshacl_alone(union_graph(built_corpus.store), shapes)
    assert len(expected) == 27  # 25 warnings and 2 infos (tests/graph/test_check.py names each)
    assert _results(report.report) == expected


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Graph:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder / "corpus", scale=2, seed=3)
    build_corpus(folder / "corpus" / "manifest.toml", folder / "store")
    return union_graph(folder / "store")


@pytest.mark.parametrize("seed", range(6))
def test_on_randomly_damaged_graphs_the_findings_are_pyshacls_own(synthetic, shapes, seed) -> None:
    damaged = Graph()
    damaged += synthetic
    chance = random.Random(seed)
    triples = sorted(damaged)
    for s, p, o in chance.sample(triples, len(triples) // 25):  # drop 4% of the triples
        damaged.remove((s, p, o))
    for s, p, o in chance.sample(triples, 40):  # and give some objects a wrong kind of value
        damaged.add((s, p, Literal("1a") if isinstance(o, URIRef) else URIRef(f"{s}-other")))
    expected = _pyshacl_alone(damaged, shapes)
    assert sum(1 for r in expected if r[1] == SH.Violation) > 20  # the damage is found, so the comparison means something
    assert _results(check_graph(damaged, shapes).report) == expected


def test_every_shipped_shape_is_translated(shapes) -> None:
    targeted = {s for s in shapes.subjects() if isinstance(s, URIRef) and any(
        shapes.value(s, t) is not None for t in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode))}
    assert len(targeted) == 37
    for shape in targeted:
        assert candidate_query(shapes, shape, lambda c: [c]).startswith("PREFIX")


def test_a_constraint_without_translation_makes_every_target_a_candidate(built_corpus, shapes) -> None:
    closed = Graph()
    shape = URIRef(f"{SHAPE}ClosedRecommendation")
    closed.add((shape, RDF.type, SH.NodeShape))
    closed.add((shape, SH.targetClass, URIRef("https://w3id.org/okg/ontology#Recommendation")))
    closed.add((shape, SH.closed, Literal(True)))
    with pytest.raises(Untranslatable, match="sh:closed is not translated"):
        candidate_query(closed, shape, lambda c: [c])
    report = check_graph(union_graph(built_corpus.store), closed)
    assert {f.rule for f in report.findings} == {str(shape)} and len({f.focus for f in report.findings}) == 28
    assert [(f.shape, f.reason) for f in report.fallbacks] == [(str(shape), "sh:closed is not translated")]
