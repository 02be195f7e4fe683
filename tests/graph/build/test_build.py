"""Building the bundled corpus: named graphs, provenance, stable IRIs, exports other parsers read."""

import re

import pyoxigraph as ox
from rdflib import Dataset, Graph

from okg.graph.build import iris
from okg.graph.build.pipeline import build_corpus
from okg.graph.store import TRIG_EXPORT, TURTLE_EXPORT, open_store
from tests.conftest import MANIFEST, document_quads

CORPUS_IDS = [
    "gb346-pfa9-jiu-follow-up",
    "mopan-2020-21-management-response",
    "gb340-ins6-un-reform-update",
    "hle-covid19-response-recommendations",
    "gb347-pfa14-hr-strategy-progress",
]


def test_every_document_is_built_and_every_unit_name_resolves(built_corpus) -> None:
    assert built_corpus.built == CORPUS_IDS
    assert built_corpus.failed == []
    assert built_corpus.unresolved_units == []
    assert built_corpus.entities["okg:Recommendation"] == 20 + 8
    assert built_corpus.entities["okg:StatusAssessment"] == 20
    assert built_corpus.entities["okg:JiuReport"] == 4


def test_each_document_has_its_own_named_graph(built_corpus) -> None:
    graphs = {g.value for g in open_store(built_corpus.store).named_graphs()}
    assert graphs == {str(iris.ONTOLOGY_GRAPH), str(iris.SHARED_GRAPH), str(iris.STATUS_HISTORY_GRAPH)} | {
        str(graph) for i in CORPUS_IDS for graph in (iris.named_graph(i), iris.inferred_graph(i))
    }


def test_every_extracted_node_carries_its_source_lines(built_corpus) -> None:
    store = open_store(built_corpus.store)
    missing = list(
        store.query(
            """SELECT ?node WHERE {
             ?node a ?class .
             FILTER(?class IN (okg:Recommendation, okg:StatusAssessment, okg:JiuReport, okg:CrossReference))
             FILTER NOT EXISTS { ?node prov:wasDerivedFrom/okg:startLine ?line }
           }""",
            prefixes={"okg": "https://w3id.org/okg/ontology#", "prov": "http://www.w3.org/ns/prov#"},
        )
    )
    assert missing == []
    lines = list(
        store.query(
            """SELECT ?start ?end WHERE {
             <https://w3id.org/okg/id/document/JIU/REP/2021/3/recommendation/1> prov:wasDerivedFrom ?span .
             ?span okg:startLine ?start ; okg:endLine ?end ;
                   okg:sourceDocument <https://w3id.org/okg/id/document/gb346-pfa9-jiu-follow-up> .
           }""",
            prefixes={"okg": "https://w3id.org/okg/ontology#", "prov": "http://www.w3.org/ns/prov#"},
        )
    )
    assert [(int(r["start"].value), int(r["end"].value)) for r in lines] == [(108, 119)]


def test_building_twice_gives_the_same_iris_and_triples(built_corpus, tmp_path) -> None:
    again = build_corpus(MANIFEST, tmp_path / "again")
    assert again.triples == built_corpus.triples
    assert document_quads(tmp_path / "again") == document_quads(built_corpus.store)


def test_a_rebuild_replaces_the_store_in_place(tmp_path) -> None:
    first = build_corpus(MANIFEST, tmp_path / "store")
    second = build_corpus(MANIFEST, tmp_path / "store")
    assert first.triples == second.triples == len(document_quads(tmp_path / "store"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.releases", "store"]
    # no staging or retired folders left, and the first release, which nothing reads, is gone
    assert list((tmp_path / ".store.releases").iterdir()) == [(tmp_path / "store").resolve()]


def test_trig_export_parses_in_two_independent_parsers(built_corpus) -> None:
    trig = built_corpus.store / TRIG_EXPORT
    with_rdflib = Dataset()
    with_rdflib.parse(trig, format="trig")
    with_oxigraph = list(ox.parse(path=trig, format=ox.RdfFormat.TRIG))
    assert len(list(with_rdflib.quads())) == len(with_oxigraph) == built_corpus.triples


def test_turtle_export_is_the_union_of_the_named_graphs(built_corpus) -> None:
    turtle = built_corpus.store / TURTLE_EXPORT
    with_rdflib = Graph().parse(turtle, format="turtle")
    distinct_triples = {(q.subject, q.predicate, q.object) for q in document_quads(built_corpus.store)}
    assert len(with_rdflib) == len(list(ox.parse(path=turtle, format=ox.RdfFormat.TURTLE))) == len(distinct_triples)


def test_no_literal_keeps_a_conversion_escape_or_a_broken_word(built_corpus) -> None:
    """ "US\\$73 million" is printed "US$73 million"; "face-to-" at a page's end and "face" after it are one word."""
    literals = {quad.object.value for quad in document_quads(built_corpus.store) if isinstance(quad.object, ox.Literal)}
    assert not [text for text in literals if re.search(r"\\[$*_`#{}|~\[\]]", text)]
    assert not [text for text in literals if re.search(r"[^\W\d_]- +[a-z]", re.sub(r"- +(?:and|or|to|nor) ", " ", text))]
    assert any("a budget gap of approximately US$73 million remains" in text for text in literals)
    assert any("As all group activities moved from face-to-face to an online format" in text for text in literals)
    assert any(
        "career fairs in regions with a large number of non- and under-represented countries" in text for text in literals
    )  # a suspended hyphen stays
