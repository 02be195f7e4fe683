"""The check asks Oxigraph which nodes could violate each shape and lets pySHACL validate those:
its findings must be exactly those of pySHACL validating every node, on the corpus and on damaged graphs."""

import random
from collections import Counter

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from benchmarks.synthetic import generate
from okg.graph.build.pipeline import build_corpus
from okg.graph.check import check_graph, check_store, load_shapes, union_graph
from okg.graph.check.candidates import Untranslatable, candidate_query
from okg.graph.store import DATABASE
from tests.shapes.w3c import report_results

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
    assert len(expected) == 30  # 28 warnings and 2 infos (tests/graph/check/test_check.py names each)
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
    targeted = {
        s
        for s in shapes.subjects()
        if isinstance(s, URIRef)
        and any(shapes.value(s, t) is not None for t in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode))
    }
    assert len(targeted) == 40
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


EX = "http://example.org/"


def _graph(turtle: str) -> Graph:
    prefixes = (
        f"@prefix ex: <{EX}> . @prefix sh: <http://www.w3.org/ns/shacl#> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    return Graph().parse(data=prefixes + turtle, format="turtle")


def _plain_pyshacl(data: Graph, shapes: Graph) -> Counter:
    """pySHACL's results on every node, as (focus, path, component, severity) - the messages spell prefixes as the graph binds them."""
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_infos=True)
    return report_results(report)


def _focus_and_components(report: Graph) -> set[tuple]:
    return {(report.value(r, SH.focusNode), report.value(r, SH.sourceConstraintComponent)) for r in report.objects(None, SH.result)}


def test_blank_node_and_literal_focus_nodes_are_candidates() -> None:
    # Regression: the candidate query kept only IRIs, so these focus nodes were never validated.
    data = _graph('ex:a ex:knows [ a ex:Person ] ; ex:age "old", 30 . [] a ex:Person ; ex:name "Ann" .')
    shapes = _graph(
        "ex:PersonShape sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
        "ex:AgeShape sh:targetObjectsOf ex:age ; sh:datatype xsd:integer ."
    )
    report = check_graph(data, shapes)
    anonymous = next(s for s in data.subjects(RDF.type, URIRef(f"{EX}Person")) if data.value(s, URIRef(f"{EX}name")) is None)
    assert _focus_and_components(report.report) == {(anonymous, SH.MinCountConstraintComponent), (Literal("old"), SH.DatatypeConstraintComponent)}
    assert report.fallbacks == []
    assert report_results(report.report) == _plain_pyshacl(data, shapes)


def test_a_pattern_oxigraphs_regex_engine_refuses_still_finds_its_violations() -> None:
    # Regression: Oxigraph's REGEX fails on a look-ahead; the error dropped every value from the candidates.
    data = _graph('ex:a ex:code "AB-1" . ex:b ex:code "XY-1" .')
    shapes = _graph('ex:CodeShape sh:targetSubjectsOf ex:code ; sh:property [ sh:path ex:code ; sh:pattern "^(?=AB)" ] .')
    report = check_graph(data, shapes)
    assert _focus_and_components(report.report) == {(URIRef(f"{EX}b"), SH.PatternConstraintComponent)}
    assert report_results(report.report) == _plain_pyshacl(data, shapes)


def test_a_query_oxigraph_refuses_validates_every_target_of_its_shape() -> None:
    # Regression: a function Oxigraph lacks in the candidate query stopped the whole check.
    data = _graph('ex:a ex:age 200 . ex:b ex:name "B" .')
    shapes = _graph(
        "ex:AgeShape sh:targetSubjectsOf ex:age, ex:name ; sh:property [ sh:path ex:age ; sh:minCount 1 ] ;\n"
        '  sh:sparql [ sh:select "SELECT $this WHERE { $this ex:age ?age FILTER (xsd:int(?age) > 150) }" ] .\n'
        'ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] , '
        '[ sh:prefix "xsd" ; sh:namespace "http://www.w3.org/2001/XMLSchema#"^^xsd:anyURI ] .'
    )
    for shape in shapes.subjects(SH.sparql, None):
        shapes.add((shape, SH.prefixes, URIRef(EX)))
    report = check_graph(data, shapes)
    assert _focus_and_components(report.report) == {(URIRef(f"{EX}b"), SH.MinCountConstraintComponent)}
    assert [f.shape for f in report.fallbacks] == [f"{EX}AgeShape"]
    assert report.fallbacks[0].reason.startswith("Oxigraph refused the candidate query (The custom function")
    assert report_results(report.report) == _plain_pyshacl(data, shapes)


def test_a_recursive_shape_is_validated_on_every_target() -> None:
    # Regression: translating a shape that reaches itself never ended (RecursionError).
    data = _graph("ex:a a ex:Person ; ex:knows ex:b . ex:b a ex:Person ; ex:knows ex:c .")
    shapes = _graph(
        "ex:PersonShape sh:targetClass ex:Person ; sh:property [ sh:path ex:knows ; sh:minCount 1 ] ;\n"
        "  sh:property [ sh:path ex:knows ; sh:node ex:PersonShape ] ."
    )
    report = check_graph(data, shapes)
    assert [(f.shape, f.reason) for f in report.fallbacks] == [(f"{EX}PersonShape", f"a recursive shape (<{EX}PersonShape>)")]
    assert report_results(report.report) == _plain_pyshacl(data, shapes)
    # ex:c (no target) knows nobody, so ex:b knows someone who does not conform, and so does ex:a.
    assert {key[0] for key in report_results(report.report)} == {URIRef(f"{EX}a"), URIRef(f"{EX}b")}


def test_a_simple_literal_read_from_the_store_is_the_one_the_shapes_name(built_corpus) -> None:
    # Regression: oxrdflib returns "Convention" as "Convention"^^xsd:string, which rdflib (and so pySHACL
    # reading the store) found outside sh:in ("Convention" "Recommendation").
    shapes = _graph(
        "ex:Standard sh:targetClass <https://w3id.org/okg/ontology#InternationalLabourStandard> ;\n"
        "  sh:closed false ; "
        'sh:property [ sh:path <https://w3id.org/okg/ontology#instrumentType> ; sh:in ( "Convention" "Recommendation" ) ] .'
    )
    report = check_store(built_corpus.store, shapes)
    assert [f.reason for f in report.fallbacks] == ["sh:closed is not translated"]  # all three standards validated
    assert report.findings == []


LEXICAL_FORMS = [
    "2020",
    "-0044",
    "20200",
    "2020Z",
    "2020+01:00",
    "2020-05",
    "2020-13",
    " 2020",
    "abc",
    "",
    "2020-05-01",
    "2020-02-30",
    "2021-02-29",
    "2020-05-01Z",
    "2020-05-01T10:00:00",
    "2020-05-01T24:00:00",
    "2020-05-01T10:00:00.5+14:00",
    "1",
    "01",
    "+1",
    "-0",
    "1.0",
    "1e3",
    "INF",
    "NaN",
    "1.",
    ".5",
    "true",
    "TRUE",
    "0",
    " 1",
    "P1Y",
    "P1Y2M3DT4H5M6S",
    "PT",
    "-P1D",
    "10:00:00",
    "24:00:00",
    "10:00",
    "99999999999999999999999",
]
DATATYPES = [
    "string",
    "boolean",
    "integer",
    "decimal",
    "float",
    "double",
    "date",
    "dateTime",
    "time",
    "duration",
    "yearMonthDuration",
    "dayTimeDuration",
    "gYear",
    "gYearMonth",
    "gMonth",
    "gDay",
    "gMonthDay",
    "byte",
    "anyURI",
]


@pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning", "ignore:Serializing weird numerical:UserWarning")
def test_ill_formed_literals_are_candidates_for_every_datatype() -> None:
    # Regression: Oxigraph's casts accept "T24:00:00" in a dateTime and any text as a boolean, which rdflib (and
    # so pySHACL) refuse; those values were not candidates, their violations were dropped.
    data, shapes = Graph(), Graph()
    for datatype in DATATYPES:
        predicate, shape = URIRef(f"{EX}{datatype}"), URIRef(f"{EX}{datatype}Shape")
        shapes.add((shape, SH.targetSubjectsOf, predicate))
        shapes.add((shape, SH.property, URIRef(f"{EX}{datatype}Values")))
        shapes.add((URIRef(f"{EX}{datatype}Values"), SH.path, predicate))
        shapes.add((URIRef(f"{EX}{datatype}Values"), SH.datatype, XSD[datatype]))
        for number, form in enumerate(LEXICAL_FORMS):
            data.add((URIRef(f"{EX}{datatype}/{number}"), predicate, Literal(form, datatype=XSD[datatype])))
    report = check_graph(data, shapes)
    assert report.fallbacks == []
    expected = _plain_pyshacl(data, shapes)
    assert report_results(report.report) == expected
    assert 300 < sum(expected.values()) < len(DATATYPES) * len(LEXICAL_FORMS)  # many forms are ill-formed, not all


def test_a_graph_oxigraph_cannot_hold_is_validated_on_every_target() -> None:
    # Regression: copying the data into Oxigraph stopped the check on an IRI rdflib holds and Oxigraph refuses.
    data = _graph("ex:a a ex:Person . ex:b a ex:Person ; ex:name 'B' .")
    data.add((URIRef(f"{EX}c"), URIRef(f"{EX}homepage"), URIRef("http://example.org/a page")))
    shapes = _graph("ex:PersonShape sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .")
    report = check_graph(data, shapes)
    assert [(f.shape, f.reason) for f in report.fallbacks] == [("every shape", "Oxigraph cannot hold the data graph (Invalid IRI code point ' ')")]
    assert _focus_and_components(report.report) == {(URIRef(f"{EX}a"), SH.MinCountConstraintComponent)}
    assert report_results(report.report) == _plain_pyshacl(data, shapes)


def test_blank_node_and_literal_focus_nodes_read_from_the_store(tmp_path) -> None:
    # The store path names blank nodes as oxrdflib reads them back: the candidates must be the same nodes.
    store = ox.Store(str(tmp_path / DATABASE))
    store.load(
        f'<{EX}a> <{EX}knows> [ a <{EX}Person> ] ; <{EX}age> "old", 30 . [] a <{EX}Person> ; <{EX}name> "Ann" .', format=ox.RdfFormat.TURTLE
    )  # the default graph: the union of the documents' graphs, as okg build writes it
    store.flush()
    del store
    shapes = _graph(
        "ex:PersonShape sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
        "ex:AgeShape sh:targetObjectsOf ex:age ; sh:datatype xsd:integer ."
    )
    report = check_store(tmp_path, shapes)
    assert report.fallbacks == []
    assert {(key[0] if not isinstance(key[0], frozenset) else "a blank node", key[2]) for key in report_results(report.report)} == {
        ("a blank node", SH.MinCountConstraintComponent),
        (Literal("old"), SH.DatatypeConstraintComponent),
    }
    assert report_results(report.report) == _plain_pyshacl(union_graph(tmp_path), shapes)
