"""The JSON-LD export: the same named graphs as the TriG export, its names compacted by okg's context."""

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from okg.graph.store import JSONLD_EXPORT, TRIG_EXPORT
from okg.graph.store.jsonld import compact, kept_whole, pieces, write_jsonld

JIU_RECOMMENDATION = "id:document/JIU/REP/2020/8/recommendation/9"


@pytest.fixture(scope="module")
def exports(built_corpus) -> tuple[Dataset, Dataset]:
    trig, jsonld = Dataset(), Dataset()
    trig.parse(built_corpus.store / TRIG_EXPORT, format="trig")
    jsonld.parse(built_corpus.store / JSONLD_EXPORT, format="json-ld")
    return trig, jsonld


def test_the_jsonld_export_parses_back_to_the_trig_exports_graphs(exports, built_corpus) -> None:
    trig, jsonld = exports
    names = {graph.identifier for graph in trig.graphs() if len(graph)}
    assert names == {graph.identifier for graph in jsonld.graphs() if len(graph)}
    assert URIRef("https://w3id.org/okg/id/graph/gb346-pfa9-jiu-follow-up") in names
    for name in names:
        assert isomorphic(trig.graph(name), jsonld.graph(name)), name
    assert len(list(jsonld.quads())) == built_corpus.triples
    # a second, independent parser reads the same number of quads
    assert len(list(ox.parse(path=built_corpus.store / JSONLD_EXPORT, format=ox.RdfFormat.JSON_LD))) == built_corpus.triples


def test_the_jsonld_export_is_compacted_with_okgs_prefixes(built_corpus) -> None:
    document = json.loads((built_corpus.store / JSONLD_EXPORT).read_text(encoding="utf-8"))
    assert {name: document["@context"][name] for name in ("okg", "vocab", "skos", "org", "prov", "dcterms")} == {
        "okg": "https://w3id.org/okg/ontology#",
        "vocab": "https://w3id.org/okg/vocab/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "org": "http://www.w3.org/ns/org#",
        "prov": "http://www.w3.org/ns/prov#",
        "dcterms": "http://purl.org/dc/terms/",
    }
    graph = next(g for g in document["@graph"] if g["@id"] == "id:graph/gb346-pfa9-jiu-follow-up")
    recommendation = next(node for node in graph["@graph"] if node["@id"] == JIU_RECOMMENDATION)
    assert recommendation["rdf:type"] == [{"@id": "okg:Recommendation"}]
    assert recommendation["okg:madeIn"] == [{"@id": "id:document/JIU/REP/2020/8"}]
    assert recommendation["rdfs:label"] == [{"@value": "JIU/REP/2020/8 recommendation 9"}]
    assert recommendation["okg:recommendationNumber"] == [{"@value": "9", "@type": "xsd:integer"}]
    assert recommendation["prov:wasDerivedFrom"][0]["@id"].startswith("id:source/gb346-pfa9-jiu-follow-up/lines/")


def test_literals_and_iris_json_ld_would_misread_are_kept_whole() -> None:
    expanded = json.dumps(
        [
            {
                "@id": "https://w3id.org/okg/id/graph/x",
                "@graph": [
                    {
                        "@id": "https://w3id.org/okg/id/a",
                        "https://w3id.org/okg/ontology#text": [
                            {"@value": "https://w3id.org/okg/ontology#notAName"},
                            {"@value": '{"https://w3id.org/okg/ontology#x'},
                        ],
                        "https://w3id.org/okg/ontology#refersTo": [{"@id": "https://example.org/b"}, {"@id": "https://w3id.org/okg/vocab/"}],
                        "http://www.w3.org/2004/02/skos/core#related": [{"@id": "https://w3id.org/okg/vocab/c"}],
                    }
                ],
            }
        ],
        separators=(",", ":"),
    ).encode()
    assert json.loads(compact(expanded)) == [
        {
            "@id": "id:graph/x",
            "@graph": [
                {
                    "@id": "id:a",
                    "okg:text": [{"@value": "https://w3id.org/okg/ontology#notAName"}, {"@value": '{"https://w3id.org/okg/ontology#x'}],
                    # the bare namespace stays whole, and so does every vocab: IRI after "@id" in this document
                    "okg:refersTo": [{"@id": "https://example.org/b"}, {"@id": "https://w3id.org/okg/vocab/"}],
                    "skos:related": [{"@id": "https://w3id.org/okg/vocab/c"}],
                }
            ],
        }
    ]


def test_a_small_document_compacts_and_parses_back_to_the_same_graph(tmp_path) -> None:
    store = ox.Store()
    graph = ox.NamedNode("https://w3id.org/okg/id/graph/x")
    store.extend(
        [
            ox.Quad(
                ox.NamedNode("https://w3id.org/okg/id/a"),
                ox.NamedNode("https://w3id.org/okg/ontology#text"),
                ox.Literal("https://w3id.org/okg/ontology#notAName"),
                graph,
            ),
            ox.Quad(
                ox.NamedNode("https://w3id.org/okg/id/a"),
                ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                ox.Literal("a", language="en"),
                graph,
            ),
            ox.Quad(
                ox.BlankNode("b"),
                ox.NamedNode("https://w3id.org/okg/ontology#value"),
                ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
                graph,
            ),
        ]
    )
    store.dump(tmp_path / "x.expanded", format=ox.RdfFormat.JSON_LD)
    write_jsonld(tmp_path / "x.expanded", tmp_path / "x.jsonld")
    back = Dataset().parse(tmp_path / "x.jsonld", format="json-ld")
    expected = Dataset().parse(data=store.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    assert isomorphic(back.graph(URIRef(graph.value)), expected.graph(URIRef(graph.value)))
    assert len(list(back.quads())) == 3


def test_compacted_a_piece_at_a_time_as_a_whole() -> None:
    # The namespace kept whole (vocab: after "@id", for the bare namespace) shows only in the last piece.
    expanded = json.dumps(
        [
            {
                "@id": "https://w3id.org/okg/id/graph/x",
                "@graph": [
                    {
                        "@id": f"https://w3id.org/okg/id/a{n}",
                        "https://w3id.org/okg/ontology#refersTo": [{"@id": "https://w3id.org/okg/vocab/c"}],
                        "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": '}{"https://w3id.org/okg/ontology#x'}],
                    }
                    for n in range(5)
                ]
                + [{"@id": "https://w3id.org/okg/id/b", "https://w3id.org/okg/ontology#refersTo": [{"@id": "https://w3id.org/okg/vocab/"}]}],
            }
        ],
        separators=(",", ":"),
    ).encode()
    whole = compact(expanded)
    assert b'"@id":"https://w3id.org/okg/vocab/c"' in whole and b'"okg:refersTo"' in whole and b'"@id":"id:a0"' in whole
    for size in range(1, 120):
        cut = list(pieces(io.BytesIO(expanded), size))
        assert b"".join(cut) == expanded and all(piece.endswith(b"}") for piece in cut[:-1] if piece)
        assert b"".join(compact(piece, kept_whole(cut)) for piece in cut) == whole, size
