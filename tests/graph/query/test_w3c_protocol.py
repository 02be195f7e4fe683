"""The W3C SPARQL 1.1 Protocol tests, performed against a running `okg serve` on the suite's own small dataset.

The manifest (``tests/fixtures/w3c-sparql-protocol/manifest.ttl``, copied unchanged
from w3c/rdf-tests with its licence notice) describes each test as HTTP requests
and the response expected. Every query test and every bad-request test is
performed as written (method, path, headers, body in its encoding); the update
tests must be refused with a 4xx by this read-only endpoint and leave the store
as it was.
"""

import http.client
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from okg.graph.store import write_release
from tests.conftest import FIXTURES, okg_serve

MANIFEST = FIXTURES / "w3c-sparql-protocol" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
DATA = "http://kasei.us/2009/09/sparql/data/"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"

RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml", "text/html"}


@dataclass(frozen=True)
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # acceptable status classes: 2, 3, 4
    boolean: bool | None
    form: str | None  # "boolean", "tabular" or "RDF"


def _tests() -> dict[str, list[Exchange]]:
    manifest = Graph().parse(MANIFEST, format="turtle", publicID="http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/")
    root = next(manifest.subjects(RDF.type, MF.Manifest))
    tests = {}
    for entry in Collection(manifest, manifest.value(root, MF.entries)):
        action = manifest.value(entry, MF.action)
        exchanges = []
        for request in Collection(manifest, manifest.value(action, HT.requests)):
            response = manifest.value(request, HT.resp)
            headers = {}
            if (listed := manifest.value(request, HT.headers)) is not None:
                for header in Collection(manifest, listed):
                    headers[str(manifest.value(header, HT.fieldName))] = str(manifest.value(header, HT.fieldValue))
            body = None
            if (content := manifest.value(request, HT.body)) is not None:
                encoding = str(manifest.value(content, CNT.characterEncoding) or "UTF-8")
                body = str(manifest.value(content, CNT.chars)).encode(encoding)  # UTF-16 with its byte-order mark
            boolean = manifest.value(response, MF.expectedBoolean)
            form = manifest.value(response, MF.expectedFormat)
            exchanges.append(
                Exchange(
                    method=str(manifest.value(request, HT.methodName)),
                    path=str(manifest.value(request, HT.absolutePath)),
                    headers=headers,
                    body=body,
                    statuses={int(str(code).rsplit("StatusCode", 1)[1][0]) for code in manifest.objects(response, MF.expectedStatus)},
                    boolean=None if boolean is None else boolean.toPython(),
                    form=None if form is None else str(form),
                )
            )
        tests[str(entry).rsplit("#", 1)[1]] = exchanges
    return tests


TESTS = _tests()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`okg serve` over a store of the suite's own: data1.rdf … data3.rdf, each a foaf:Document in its own graph."""
    store = tmp_path_factory.mktemp("w3c") / "store"
    graphs = []
    for n in (1, 2, 3):
        name = ox.NamedNode(f"{DATA}data{n}.rdf")
        quad = ox.Quad(name, ox.NamedNode(str(RDF.type)), ox.NamedNode(FOAF_DOCUMENT), name)
        graphs.append((URIRef(name.value), ox.serialize([quad], format=ox.RdfFormat.N_QUADS)))
    write_release(graphs, store)
    with okg_serve("--store", str(store), "--timeout", "10") as url:
        yield url, store


def perform(url: str, exchange: Exchange) -> tuple[int, str, bytes]:
    """Send the request exactly as the manifest writes it (http.client adds no Content-Type of its own)."""
    connection = http.client.HTTPConnection(url.split("/")[2], timeout=30)
    try:
        connection.request(exchange.method, exchange.path, body=exchange.body, headers=exchange.headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def boolean_answer(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    if media_type == "application/sparql-results+xml":
        found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return found.text.strip() == "true"
    raise AssertionError(f"a boolean answer in {media_type}")


def _quads(store: Path) -> set[str]:
    from okg.graph.store import open_store

    return {str(quad) for quad in open_store(store)}


@pytest.mark.parametrize("name", sorted(TESTS))
def test_w3c_protocol(endpoint, name: str) -> None:
    url, store = endpoint
    exchanges = TESTS[name]
    if name.startswith("update_"):
        # a read-only endpoint: the update (the first request) is refused, and nothing changed
        before = _quads(store)
        status, _, body = perform(url, exchanges[0])
        assert status // 100 == 4, body
        assert body.decode().count("\n") == 1
        assert _quads(store) == before
        return
    for exchange in exchanges:
        status, content_type, body = perform(url, exchange)
        assert status // 100 in exchange.statuses, (status, body)
        if status // 100 == 4:
            assert body.decode().count("\n") == 1 and body.decode().endswith("\n")  # a one-line reason
        media_type = content_type.split(";")[0].strip()
        if exchange.form == "boolean":
            assert media_type in {"application/sparql-results+xml", "application/sparql-results+json"}
        elif exchange.form == "tabular":
            assert media_type in RESULT_TYPES
        elif exchange.form == "RDF":
            assert media_type in RDF_TYPES
        if exchange.boolean is not None:
            assert boolean_answer(media_type, body) is exchange.boolean


def test_the_suite_has_every_query_and_bad_request_test() -> None:
    assert len(TESTS) == 34
    assert sum(name.startswith(("query_", "bad_")) for name in TESTS) == 27
