"""The read-only SPARQL endpoint, queried by a real SPARQL client over HTTP on loopback."""

import csv
import io
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from okg.graph.cli import main
from tests.conftest import REPO, okg_serve, select

ACCEPTANCE = (REPO / "queries" / "recommendations-by-acceptance.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def endpoint(built_corpus):
    with okg_serve("--store", str(built_corpus.store), "--timeout", "2", "--max-results", "1000") as url:
        yield url


def test_the_endpoint_answers_as_okg_query_does(endpoint, built_corpus) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX okg: <https://w3id.org/okg/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + ACCEPTANCE)
    client.setReturnFormat(JSON)
    over_http = client.query().convert()
    local = CliRunner().invoke(main, ["query", "recommendations-by-acceptance", "--format", "json", "--store", str(built_corpus.store)])
    assert over_http["head"]["vars"] == json.loads(local.output)["head"]["vars"]
    assert over_http["results"]["bindings"] == json.loads(local.output)["results"]["bindings"]
    assert [(b["acceptance"]["value"], b["recommendations"]["value"]) for b in over_http["results"]["bindings"]] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


def test_content_negotiation_csv_and_turtle(endpoint) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/okg/ontology#Recommendation> }")
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["n", "28"]
    query = urllib.parse.urlencode({"query": "CONSTRUCT { ?l ?p ?o } WHERE { ?l a <https://w3id.org/okg/ontology#Letter> ; ?p ?o }"})
    request = urllib.request.Request(f"{endpoint}?{query}", headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
    assert "Guy Ryder" in body and response.headers["content-type"].startswith("text/turtle")


def test_updates_are_refused(endpoint) -> None:
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(endpoint, data=data), timeout=10)
    assert refused.value.code == 403
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/okg/ontology#Recommendation> }")
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["n", "28"]  # nothing was dropped


def _post(endpoint: str, query: str, accept: str = "text/csv") -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(endpoint, data=data, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_query_over_the_time_limit_is_stopped(endpoint) -> None:
    started = time.monotonic()
    status, body = _post(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 400 and "took longer than the 2 s limit" in body
    assert time.monotonic() - started < 10
    assert _post(endpoint, "ASK { ?s a <https://w3id.org/okg/ontology#Letter> }", "application/sparql-results+json")[0] == 200


def test_an_answer_over_the_size_limit_is_refused(endpoint) -> None:
    status, body = _post(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and "more than 1000 rows" in body
    status, body = _post(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000")
    assert status == 200 and len(list(csv.reader(io.StringIO(body)))) == 1001  # cells may hold line breaks
    status, body = _post(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert (status, body) == (400, "the result has more than 1000 triples; narrow the query\n")
    status, body = _post(endpoint, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1000", "application/n-triples")
    assert status == 200 and len(body.splitlines()) == 1000


def test_the_endpoint_survives_a_client_that_disconnects(endpoint) -> None:
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1000"})
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(f"GET /sparql?{query} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
            client.recv(64)  # read the first bytes, then hang up mid-response
    status, body = _post(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/okg/ontology#Recommendation> }")
    assert (status, body.split()) == (200, ["n", "28"])


def test_the_endpoint_listens_on_loopback_only_by_default() -> None:
    from okg.graph.query.serve import DEFAULT_HOST

    assert DEFAULT_HOST == "127.0.0.1"
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text


JIU_GRAPH = "https://w3id.org/okg/id/graph/gb346-pfa9-jiu-follow-up"
EVALUATION_GRAPH = "https://w3id.org/okg/id/graph/hle-covid19-response-recommendations"
JIU_RECOMMENDATION = "https://w3id.org/okg/id/document/JIU/REP/2020/8/recommendation/9"


def _ask(endpoint: str, query: str, **dataset: list[str]) -> bool:
    fields = [("query", query)] + [(name.replace("_", "-"), iri) for name, iris in dataset.items() for iri in iris]
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["boolean"]


def test_the_dataset_of_a_request_is_honoured(endpoint) -> None:
    node = f"ASK {{ <{JIU_RECOMMENDATION}> ?p ?o }}"
    assert _ask(endpoint, node)  # the union of the documents by default
    assert _ask(endpoint, node, default_graph_uri=[JIU_GRAPH])
    assert not _ask(endpoint, node, default_graph_uri=[EVALUATION_GRAPH])  # only in another document's graph
    assert not _ask(endpoint, f"ASK FROM <{EVALUATION_GRAPH}> {{ <{JIU_RECOMMENDATION}> ?p ?o }}")
    assert _ask(endpoint, f"ASK FROM <{EVALUATION_GRAPH}> FROM <{JIU_GRAPH}> {{ <{JIU_RECOMMENDATION}> ?p ?o }}")
    in_a_graph = f"ASK {{ GRAPH ?g {{ <{JIU_RECOMMENDATION}> ?p ?o }} }}"
    assert not _ask(endpoint, in_a_graph, named_graph_uri=[EVALUATION_GRAPH])
    assert not _ask(endpoint, f"ASK FROM NAMED <{EVALUATION_GRAPH}> {{ GRAPH ?g {{ <{JIU_RECOMMENDATION}> ?p ?o }} }}")
    # the protocol's parameters replace the query's FROM and FROM NAMED
    assert _ask(endpoint, f"ASK FROM NAMED <{EVALUATION_GRAPH}> {{ GRAPH ?g {{ <{JIU_RECOMMENDATION}> ?p ?o }} }}", named_graph_uri=[JIU_GRAPH])
    assert not _ask(endpoint, f"ASK FROM <{JIU_GRAPH}> {{ <{JIU_RECOMMENDATION}> ?p ?o }}", named_graph_uri=[JIU_GRAPH])


def test_several_default_graphs_make_one_graph_their_merge(endpoint) -> None:
    # SPARQL's default graph of several graphs is their RDF merge: a triple is matched once, however many state it
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/okg/ontology#Recommendation> }"
    fields = [("query", count), ("default-graph-uri", JIU_GRAPH)]
    for listed in (
        fields,
        fields + [("default-graph-uri", JIU_GRAPH)],
        fields + [("default-graph-uri", JIU_GRAPH), ("default-graph-uri", EVALUATION_GRAPH)],
    ):
        request = urllib.request.Request(endpoint, data=urllib.parse.urlencode(listed).encode(), headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.read().decode().split() == ["n", "20" if len(listed) < 4 else "28"]


@pytest.mark.parametrize(
    "options, found",
    [
        ([], "true"),
        (["--default-graph", JIU_GRAPH], "true"),
        (["--default-graph", EVALUATION_GRAPH], "false"),
        (["--default-graph", EVALUATION_GRAPH, "--default-graph", JIU_GRAPH], "true"),
        (["--named-graph", JIU_GRAPH], "false"),  # named, so not in the (now empty) default graph
    ],
)
def test_okg_query_restricts_the_dataset(built_corpus, options, found) -> None:
    result = CliRunner().invoke(
        main, ["query", "-", "--format", "csv", "--store", str(built_corpus.store), *options], input=f"ASK {{ <{JIU_RECOMMENDATION}> ?p ?o }}"
    )
    assert (result.exit_code, result.output) == (0, found)


@pytest.mark.parametrize(
    "accept, media_type, parse_as",
    [
        ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("", "text/turtle; charset=utf-8", "turtle"),
    ],
)
def test_describe_and_construct_are_graphs_in_the_format_asked(endpoint, built_corpus, accept, media_type, parse_as) -> None:
    facts = len(select(built_corpus.store, f"SELECT * WHERE {{ <{JIU_RECOMMENDATION}> ?p ?o }}"))
    for query in (f"DESCRIBE <{JIU_RECOMMENDATION}>", f"CONSTRUCT {{ <{JIU_RECOMMENDATION}> ?p ?o }} WHERE {{ <{JIU_RECOMMENDATION}> ?p ?o }}"):
        status, body, headers = _request(endpoint, query, accept)
        assert (status, headers["Content-Type"]) == (200, media_type)
        graph = Graph().parse(data=body, format=parse_as)
        assert len(graph) == facts
        assert set(graph.subjects()) == {URIRef(JIU_RECOMMENDATION)}


def test_select_as_tsv_and_relative_iris_against_the_request_url(endpoint) -> None:
    status, body, headers = _request(
        endpoint, 'SELECT ?x ?y WHERE { BIND(<https://example.org/a> AS ?x) BIND("b" AS ?y) }', "text/tab-separated-values"
    )
    assert (status, headers["Content-Type"], body) == (200, "text/tab-separated-values; charset=utf-8", '?x\t?y\n<https://example.org/a>\t"b"\n')
    status, body, _ = _request(endpoint, "CONSTRUCT { <s> <p> <o> } WHERE {}", "application/n-triples")
    base = endpoint.rsplit("/", 1)[0]
    assert (status, body) == (200, f"<{base}/s> <{base}/p> <{base}/o> .\n")


def test_a_format_nobody_asked_for_is_406(endpoint) -> None:
    status, body, _ = _request(endpoint, "ASK {}", "image/png")
    assert (status, body) == (
        406,
        "no answer in the media types accepted (image/png); this query can be answered in "
        "application/sparql-results+json, application/sparql-results+xml, text/csv, "
        "text/tab-separated-values\n",
    )


def _request(endpoint: str, query: str, accept: str) -> tuple[int, str, dict]:
    data = urllib.parse.urlencode({"query": query}).encode()
    headers = {"Accept": accept} if accept else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(endpoint, data=data, headers=headers), timeout=30) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers
