"""An existing SPARQL server: the graph built into Virtuoso (Debian's package) answers as the embedded store does."""

import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from okg.errors import QueryError
from okg.graph.cli import main
from okg.graph.query import check_syntax
from okg.graph.query.library import find_query
from okg.graph.store.remote import remote_query
from tests.conftest import MANIFEST, named, okg_serve, select


def _rows(results) -> list[dict[str, str]]:
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def test_build_into_virtuoso_and_ask_it_the_named_queries(virtuoso, built_corpus) -> None:
    endpoint, graph_store = virtuoso
    result = CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    assert result.exit_code == 0, result.output
    assert f"graph store: {graph_store}" in result.output
    for name in ("recommendations-by-acceptance", "recommendations-by-status", "unit-workload"):
        there = _rows(remote_query(endpoint, find_query(name).text))
        here = named(built_corpus.store, name)
        # Same rows; SPARQL leaves the order of plain and language-tagged labels among ties to the engine.
        key = lambda row: sorted(row.items())  # noqa: E731
        assert sorted(there, key=key) == sorted(here, key=key), name
        assert len(there) == len(here) > 0


def test_a_rebuild_replaces_each_document_graph_whole(virtuoso) -> None:
    endpoint, graph_store = virtuoso
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/okg/id/graph/gb346-pfa9-jiu-follow-up> { ?s ?p ?o } }"
    CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    first = _rows(remote_query(endpoint, count))
    CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    assert _rows(remote_query(endpoint, count)) == first
    assert int(first[0]["n"]) > 400


def test_okg_query_against_the_server(virtuoso, built_corpus) -> None:
    endpoint, graph_store = virtuoso
    CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    result = CliRunner().invoke(main, ["query", "recommendations-by-acceptance", "--endpoint", endpoint, "--format", "csv"])
    assert result.output.splitlines() == ["as_of,acceptance,recommendations", ",Accepted,13", ",Not accepted,5", ",Under consideration,2"]
    # a parameter goes to the server written into the query as its term (graph/query/substitution.py)
    unit = ["query", "unit-everything", "--param", "unit=Human Resources and Development Department", "--format", "csv"]
    there = CliRunner().invoke(main, [*unit, "--endpoint", endpoint])
    here = CliRunner().invoke(main, [*unit, "--store", str(built_corpus.store)])
    assert there.exit_code == 0, there.output
    assert sorted(there.output.splitlines()) == sorted(here.output.splitlines())
    assert "Human Resources and Development Department,author of,GB.347/PFA/14,GB.347/PFA/14" in there.output.splitlines()
    # the dataset goes to the server as the protocol's default-graph-uri
    recommendation = "https://w3id.org/okg/id/document/JIU/REP/2020/8/recommendation/9"
    for graph, found in (("gb346-pfa9-jiu-follow-up", 1), ("hle-covid19-response-recommendations", 0)):
        counted = CliRunner().invoke(
            main,
            ["query", "-", "--endpoint", endpoint, "--format", "csv", "--default-graph", f"https://w3id.org/okg/id/graph/{graph}"],
            input=f"SELECT (COUNT(*) AS ?n) WHERE {{ <{recommendation}> a okg:Recommendation }}",
        )
        assert counted.output.splitlines() == ["n", str(found)]


def test_okg_check_against_the_server(virtuoso) -> None:
    endpoint, graph_store = virtuoso
    CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    result = CliRunner().invoke(main, ["check", "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 violations, 28 warnings, 2 infos in ")


def test_okg_serve_in_front_of_the_server(virtuoso, built_corpus) -> None:
    endpoint, graph_store = virtuoso
    CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--graph-store", graph_store])
    with okg_serve("--endpoint", endpoint, "--timeout", "20", "--max-results", "50") as url:
        client = SPARQLWrapper(url)
        client.setQuery(find_query("recommendations-by-acceptance").text)
        client.setReturnFormat(JSON)
        over_http = client.query().convert()["results"]["bindings"]
        assert [(row["acceptance"]["value"], row["recommendations"]["value"]) for row in over_http] == [
            ("Accepted", "13"),
            ("Not accepted", "5"),
            ("Under consideration", "2"),
        ]
        client.setQuery("CONSTRUCT { ?l ?p ?o } WHERE { ?l a okg:Letter ; ?p ?o }")
        client.setReturnFormat(TURTLE)
        letter = Graph().parse(data=client.query().convert(), format="turtle")
        assert len(letter) == len(select(built_corpus.store, "SELECT * WHERE { ?l a okg:Letter ; ?p ?o }"))
        too_many = urllib.request.Request(
            f"{url}?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o } LIMIT 51'})}",
            headers={"Accept": "application/sparql-results+json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(too_many, timeout=20)
        assert refused.value.code == 400 and "more than 50 rows" in refused.value.read().decode()
        # a variable bound by a $name field reaches the server written into the query as its term
        bound = urllib.request.Request(
            url,
            data=urllib.parse.urlencode([("query", find_query("unit-everything").text), ("$unit", '"HRD"')]).encode(),
            headers={"Accept": "text/csv"},
        )
        with urllib.request.urlopen(bound, timeout=20) as response:
            rows = response.read().decode().splitlines()
        local = CliRunner().invoke(main, ["query", "unit-everything", "--param", "unit=HRD", "--format", "csv", "--store", str(built_corpus.store)])
        assert sorted(rows) == sorted(local.output.splitlines()) and len(rows) == 11
        update = urllib.request.Request(url, data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode())
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=20)
        assert refused.value.code == 403
    assert _rows(remote_query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }")) == [{"n": "28"}]


def test_a_query_in_the_servers_own_terms_is_asked_of_the_server_not_refused_by_okg(corpus_on_server: str) -> None:
    # foaf: is declared by Virtuoso, not by okg (Oxigraph alone finds the query malformed): the server answers it
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s foaf:name ?o }"
    answered = CliRunner().invoke(main, ["query", "-", "--store", corpus_on_server, "--format", "csv"], input=query)
    assert (answered.exit_code, answered.output.splitlines()) == (0, ["n", "0"])
    # a query the server refuses as malformed: okg's line and column, then the server's words
    refused = CliRunner().invoke(main, ["query", "-", "--store", corpus_on_server], input="SELECT ?x\nWHERE { ?x ?y }")
    assert refused.exit_code == 2
    assert refused.output.startswith("okg: SPARQL syntax error at line 2, column ")
    assert f"; {corpus_on_server}: the server refused the query (400: " in refused.output


def test_the_syntax_check_of_a_refused_query_asks_nothing_of_another_server() -> None:
    # regression: Oxigraph answers an ASK at once, so the check called the SERVICE and reported its failure as syntax
    check_syntax("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")  # nothing raised, nothing asked
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 2, column "):
        check_syntax("ASK\n{ ?s ?p }")
