"""Every output format is a sink of one registry (graph/sinks.py): the registry lists them all, and each writes its
subject, built from the bundled corpus, in a form read back here."""

import csv
import io
import json
import urllib.request

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import SH

from okg.errors import UsageProblem
from okg.graph.analytics import entity_network
from okg.graph.analytics.diff import diff_releases, read_release
from okg.graph.check import check_store
from okg.graph.query import run_query
from okg.graph.query.library import find_query
from okg.graph.query.serve import negotiate, offered
from okg.graph.sinks import names, sink, sinks
from okg.graph.store.backends import open_backend
from okg.viz.view import Selection, build_view

EVERY_SINK = {
    "graph": {"trig", "turtle", "jsonld", "nquads", "graph-store"},
    "network": {"graphml", "nodes-csv", "edges-csv"},
    "findings": {"text", "json", "turtle"},
    "results": {"table", "csv", "tsv", "json", "xml"},
    "triples": {"turtle", "ntriples", "rdfxml", "jsonld"},
    "changes": {"text", "json", "markdown"},
    "page": {"html"},
}


def written(kind: str, name: str, subject: object) -> bytes:
    out = io.BytesIO()
    sink(kind, name).write(subject, out)
    return out.getvalue()


def test_the_registry_lists_every_format() -> None:
    found: dict[str, set[str]] = {}
    for registered in sinks():
        found.setdefault(registered.kind, set()).add(registered.name)
    assert found == EVERY_SINK
    assert set(names("results")) == EVERY_SINK["results"]


def test_an_unknown_format_is_named_with_the_known_ones() -> None:
    with pytest.raises(UsageProblem, match=r"no results format named 'yaml' \(known: csv, json, table, tsv, xml\)"):
        sink("results", "yaml")


def test_the_formats_a_client_may_ask_for_name_their_media_types() -> None:
    # what the SPARQL endpoint negotiates (graph/query/serve.py): a sink's own media type first, then its aliases
    answering = {(found.kind, found.name): found.media_types for found in sinks() if found.media_types}
    assert answering == {
        ("results", "csv"): ("text/csv",),
        ("results", "json"): ("application/sparql-results+json", "application/json"),
        ("results", "tsv"): ("text/tab-separated-values",),
        ("results", "xml"): ("application/sparql-results+xml", "application/xml", "text/xml"),
        ("triples", "jsonld"): ("application/ld+json", "application/json"),
        ("triples", "ntriples"): ("application/n-triples", "text/plain"),
        ("triples", "rdfxml"): ("application/rdf+xml", "application/xml"),
        ("triples", "turtle"): ("text/turtle", "application/x-turtle"),
    }


def test_the_endpoint_offers_the_formats_in_the_order_it_prefers() -> None:
    # regression: the order came from the installed entry points (sorted by name): application/* got JSON-LD, not N-Triples
    assert list(offered("results")) == [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
        "application/json",
        "application/xml",
        "text/xml",
    ]
    assert list(offered("triples")) == [
        "text/turtle",
        "application/n-triples",
        "application/rdf+xml",
        "application/ld+json",
        "application/x-turtle",
        "text/plain",
        "application/xml",
        "application/json",
    ]
    assert (negotiate("application/*", offered("triples")).name, negotiate("text/*", offered("results")).name) == ("ntriples", "csv")


@pytest.fixture(scope="module")
def database(built_corpus) -> ox.Store:
    return open_backend(built_corpus.store).database()


def _named(database: ox.Store) -> set[ox.Quad]:
    return {q for q in database.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)}


@pytest.mark.parametrize(("name", "form"), [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)])
def test_the_graph_sinks_with_named_graphs_write_every_documents_graph(database: ox.Store, name: str, form: ox.RdfFormat) -> None:
    read_back = set(ox.parse(written("graph", name, database), format=form))
    assert read_back == _named(database)
    assert len(read_back) > 5000


def test_the_turtle_sink_writes_the_union(database: ox.Store) -> None:
    read_back = {quad.triple for quad in ox.parse(written("graph", "turtle", database), format=ox.RdfFormat.TURTLE)}
    assert read_back == {quad.triple for quad in database.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_the_graph_store_sink_puts_each_named_graph_on_a_server(database: ox.Store, virtuoso: tuple[str, str]) -> None:
    endpoint, graph_store = virtuoso
    sink("graph", "graph-store").write(database, graph_store)
    graph = "https://w3id.org/okg/id/graph/gb346-pfa9-jiu-follow-up"
    expected = sum(1 for _ in database.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    ask = f"{endpoint}?query=" + urllib.request.quote(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    with urllib.request.urlopen(urllib.request.Request(ask, headers={"Accept": "text/csv"})) as answer:
        assert answer.read().decode().split() == ['"n"', str(expected)]


def test_the_network_sinks(built_corpus, tmp_path) -> None:
    network = entity_network(built_corpus.store)
    (tmp_path / "network.graphml").write_bytes(written("network", "graphml", network))
    assert nx.read_graphml(tmp_path / "network.graphml").number_of_nodes() == network.number_of_nodes()
    nodes = list(csv.reader(io.StringIO(written("network", "nodes-csv", network).decode())))
    edges = list(csv.reader(io.StringIO(written("network", "edges-csv", network).decode())))
    assert nodes[0] == ["id", "label", "kind"] and len(nodes) == network.number_of_nodes() + 1
    assert edges[0] == ["source", "target", "relation", "predicate", "inferred"] and len(edges) == network.number_of_edges() + 1


def test_the_findings_sinks(built_corpus) -> None:
    report = check_store(built_corpus.store)
    assert written("findings", "text", report).decode().splitlines()[-1].startswith("0 violations, 28 warnings, 2 infos in ")
    assert json.loads(written("findings", "json", report))["counts"] == {"Violation": 0, "Warning": 28, "Info": 2}
    validation = Graph().parse(data=written("findings", "turtle", report).decode(), format="turtle")
    assert len(set(validation.subjects(SH.resultSeverity, None))) == 30


def test_the_results_sinks(built_corpus) -> None:
    def results() -> ox.QuerySolutions:
        answer = run_query(built_corpus.store, find_query("recommendations-by-acceptance").text)
        assert isinstance(answer, ox.QuerySolutions)
        return answer

    assert written("results", "csv", results()).decode().splitlines() == [
        "as_of,acceptance,recommendations",
        ",Accepted,13",
        ",Not accepted,5",
        ",Under consideration,2",
    ]
    assert written("results", "tsv", results()).decode().splitlines()[1:] == [
        '\t"Accepted"@en\t13',
        '\t"Not accepted"@en\t5',
        '\t"Under consideration"@en\t2',
    ]
    rows = json.loads(written("results", "json", results()))["results"]["bindings"]
    assert [(row["acceptance"]["value"], row["recommendations"]["value"]) for row in rows] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]
    table = written("results", "table", results()).decode()
    assert "Under consideration" in table and table.splitlines()[-1] == "3 rows"
    xml = ox.parse_query_results(written("results", "xml", results()), format=ox.QueryResultsFormat.XML)
    assert isinstance(xml, ox.QuerySolutions)
    assert [(row["acceptance"].value, row["recommendations"].value) for row in xml] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


@pytest.mark.parametrize(
    ("name", "form"),
    [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES), ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)],
)
def test_the_triples_sinks_write_a_querys_graph(database: ox.Store, name: str, form: ox.RdfFormat) -> None:
    query = "CONSTRUCT { ?r ?p ?o } WHERE { ?r a okg:Recommendation ; okg:recommendationNumber 3 ; ?p ?o }"
    graph = set(run_query(database, query))
    assert len(graph) > 10
    assert {quad.triple for quad in ox.parse(written("triples", name, run_query(database, query)), format=form)} == graph


def test_the_changes_sinks(built_corpus) -> None:
    same = diff_releases(read_release(built_corpus.store), read_release(built_corpus.store))
    assert written("changes", "text", same).decode().startswith("no differences")
    assert json.loads(written("changes", "json", same))["changes"] == []
    assert written("changes", "markdown", same).decode().startswith("# Changes")


def test_the_page_sink(built_corpus) -> None:
    page = written("page", "html", build_view(built_corpus.store, Selection(overview=True))).decode()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script src=" not in page  # one file: the scripts are inlined
    assert '"mode": "overview"' in page
