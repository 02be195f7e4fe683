"""The shapes are standard SHACL: a second, independent engine (rudof, in Rust) finds what pySHACL finds."""

import pyrudof
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from okg.graph.check import check_graph, load_shapes, union_graph

OKG = "https://w3id.org/okg/ontology#"
ID = "https://w3id.org/okg/id/"


def _rudof(data: Graph, shapes: Graph) -> set[tuple[str, str]]:
    engine = pyrudof.Rudof(pyrudof.RudofConfig())
    engine.read_data(data.serialize(format="turtle"))
    engine.read_shacl(shapes.serialize(format="turtle"))
    return {(str(e.focus_node), str(e.severity)) for e in engine.validate_shacl()}


def _pyshacl(data: Graph, shapes: Graph) -> set[tuple[str, str]]:
    return {(f.focus, f.severity) for f in check_graph(data, shapes).findings}


@pytest.fixture(scope="module")
def corpus(built_corpus) -> Graph:
    return union_graph(built_corpus.store)


def test_both_engines_agree_on_the_bundled_corpus(corpus) -> None:
    shapes = load_shapes()
    found = _rudof(corpus, shapes)
    assert len(found) == 30
    assert found == _pyshacl(corpus, shapes)


def test_both_engines_agree_on_violations(corpus) -> None:
    shapes = load_shapes()
    broken = Graph()
    broken += corpus
    paragraph = URIRef(f"{ID}document/GB.347/PFA/14/paragraph/5")
    broken.set((paragraph, URIRef(f"{OKG}text"), Literal("Left <b>bold</b> in.")))
    status = URIRef(f"{ID}document/JIU/REP/2020/8/recommendation/5/status/gb346-pfa9-jiu-follow-up")
    broken.add((status, URIRef(f"{OKG}implementationStatus"), URIRef("https://w3id.org/okg/vocab/implementation/implemented")))
    broken.remove((URIRef(f"{ID}document/JIU/REP/2020/7/recommendation/1"), URIRef(f"{OKG}recommendationNumber"), None))
    found = _rudof(broken, shapes)
    violations = {focus for focus, severity in found if severity == "Violation"}
    assert violations == {str(paragraph), str(status), f"{ID}document/JIU/REP/2020/7/recommendation/1"}
    assert found == _pyshacl(broken, shapes)


def test_every_shape_has_a_label_and_an_explicit_severity() -> None:
    shapes = load_shapes()
    node_shapes = set(shapes.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SH.NodeShape))
    named = {s for s in node_shapes if isinstance(s, URIRef)}
    assert len(named) >= 30
    for shape in named:
        assert shapes.value(shape, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) is not None, shape
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
