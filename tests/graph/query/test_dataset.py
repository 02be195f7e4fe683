"""The dataset a query runs on (graph/query: run_query): several default graphs are one graph, their merge."""

import pyoxigraph as ox
import pytest

from okg.graph.query import run_query

S, P = ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p")


@pytest.fixture
def database() -> ox.Store:
    # two documents stating the same triple, one stating another of its own
    store = ox.Store()
    for graph in ("http://e.org/g/1", "http://e.org/g/2"):
        store.add(ox.Quad(S, P, ox.Literal("o"), ox.NamedNode(graph)))
    store.add(ox.Quad(S, P, ox.Literal("only in 2"), ox.NamedNode("http://e.org/g/2")))
    return store


def _values(results: object) -> list[str]:
    assert isinstance(results, ox.QuerySolutions)
    return sorted(row["o"].value for row in results)


def test_the_protocol_s_default_graphs_are_merged(database: ox.Store) -> None:
    graphs = ["http://e.org/g/1", "http://e.org/g/2", "http://e.org/g/2"]
    assert _values(run_query(database, "SELECT ?o WHERE { ?s ?p ?o }", default_graphs=graphs)) == ["o", "only in 2"]


def test_the_query_s_from_clauses_are_merged_prefixed_and_relative_names_resolved(database: ox.Store) -> None:
    query = "BASE <http://e.org/g/> PREFIX g: <http://e.org/g/> SELECT ?o FROM g:1 FROM <2> # FROM <3>\n WHERE { ?s ?p ?o }"
    assert _values(run_query(database, query)) == ["o", "only in 2"]


def test_named_graphs_stay_apart_beside_merged_default_graphs(database: ox.Store) -> None:
    query = "SELECT ?g ?o FROM <http://e.org/g/1> FROM <http://e.org/g/2> FROM NAMED <http://e.org/g/1> WHERE { GRAPH ?g { ?s ?p ?o } }"
    results = run_query(database, query)
    assert isinstance(results, ox.QuerySolutions)
    assert [(row["g"].value, row["o"].value) for row in results] == [("http://e.org/g/1", "o")]


def test_graph_names_of_every_form_are_read_or_left_to_the_engine() -> None:
    # prefixed names with colons and escapes in their local part; a relative IRI under a URN base (left unmerged)
    store = ox.Store()
    for graph in ("http://e.org/g:1", "http://e.org/g-2", "urn:a", "urn:b"):
        store.add(ox.Quad(S, P, ox.Literal(graph), ox.NamedNode(graph)))
    prefixed = "PREFIX g: <http://e.org/> SELECT ?o FROM g:g:1 FROM g:g\\-2 WHERE { ?s ?p ?o }"
    assert _values(run_query(store, prefixed)) == ["http://e.org/g-2", "http://e.org/g:1"]
    assert _values(run_query(store, "BASE <urn:x> SELECT ?o FROM <urn:a> FROM <urn:b> WHERE { ?s ?p ?o }")) == ["urn:a", "urn:b"]
