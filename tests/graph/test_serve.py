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
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from graph.cli import main
from tests.conftest import REPO, okg_serve

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
        ("Accepted", "13"), ("Not accepted", "5"), ("Under consideration", "2"),
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
    from graph.serve import DEFAULT_HOST

    assert DEFAULT_HOST == "127.0.0.1"
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text
