"""Every result format the endpoint promises, asked for by Accept header (SPARQLWrapper) and by `format` parameter."""

import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from tests.conftest import okg_serve, select

SELECT = 'SELECT ?x ?y WHERE { BIND(<https://example.org/a> AS ?x) BIND("b, \\"c\\"" AS ?y) }'
RESULTS = "{http://www.w3.org/2005/sparql-results#}"
LETTER = "https://w3id.org/okg/ontology#Letter"


def _xml_row(body: bytes) -> list[tuple[str, str, str]]:
    root = ET.fromstring(body)
    return [(binding.get("name"), value.tag.removeprefix(RESULTS), value.text) for binding in root.iter(f"{RESULTS}binding") for value in binding]


# How each format writes SELECT's one row and ASK's true, checked as the format's own parser reads it.
SELECT_EXPECTED = {
    "tsv": ("text/tab-separated-values; charset=utf-8", lambda body: body.decode(), '?x\t?y\n<https://example.org/a>\t"b, \\"c\\""\n'),
    "csv": ("text/csv; charset=utf-8", lambda body: body.decode(), 'x,y\r\nhttps://example.org/a,"b, ""c"""\r\n'),
    "json": (
        "application/sparql-results+json",
        json.loads,
        {
            "head": {"vars": ["x", "y"]},
            "results": {"bindings": [{"x": {"type": "uri", "value": "https://example.org/a"}, "y": {"type": "literal", "value": 'b, "c"'}}]},
        },
    ),
    "xml": ("application/sparql-results+xml", _xml_row, [("x", "uri", "https://example.org/a"), ("y", "literal", 'b, "c"')]),
}
ASK_EXPECTED = {
    "tsv": ("text/tab-separated-values; charset=utf-8", lambda body: body.decode(), "true"),
    "csv": ("text/csv; charset=utf-8", lambda body: body.decode(), "true"),
    "json": ("application/sparql-results+json", json.loads, {"head": {}, "boolean": True}),
    "xml": ("application/sparql-results+xml", lambda body: ET.fromstring(body).find(f"{RESULTS}boolean").text, "true"),
}
CLIENT_FORMATS = {"tsv": TSV, "csv": CSV, "json": JSON, "xml": XML}


@pytest.fixture(scope="module")
def endpoint(built_corpus):
    with okg_serve("--store", str(built_corpus.store)) as url:
        yield url


def _get(url: str, headers: dict[str, str] | None = None, **fields: str) -> tuple[int, str, bytes]:
    address = f"{url}?{urllib.parse.urlencode(fields)}" if fields else url
    try:
        with urllib.request.urlopen(urllib.request.Request(address, headers=headers or {}), timeout=30) as response:
            return response.status, response.headers["content-type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["content-type"], error.read()


@pytest.mark.parametrize("name", list(SELECT_EXPECTED))
def test_select_and_ask_in_each_format_by_accept_header(endpoint, name) -> None:
    for query, expected in ((SELECT, SELECT_EXPECTED), ("ASK { FILTER(true) }", ASK_EXPECTED)):
        media_type, parse, value = expected[name]
        client = SPARQLWrapper(endpoint)
        client.setOnlyConneg(True)  # the Accept header alone says the format
        client.setQuery(query)
        client.setReturnFormat(CLIENT_FORMATS[name])
        response = client.query().response
        assert response.headers["content-type"] == media_type
        assert parse(response.read()) == value


@pytest.mark.parametrize("name", list(SELECT_EXPECTED))
def test_select_and_ask_in_each_format_by_format_parameter(endpoint, name) -> None:
    for query, expected in ((SELECT, SELECT_EXPECTED), ("ASK { FILTER(true) }", ASK_EXPECTED)):
        media_type, parse, value = expected[name]
        # the parameter wins over an Accept header that asks for something else
        status, content_type, body = _get(endpoint, {"Accept": "application/sparql-results+xml"}, query=query, format=name)
        assert (status, content_type) == (200, media_type)
        assert parse(body) == value


def test_sparqlwrapper_sending_format_and_its_media_type_gets_tsv(endpoint) -> None:
    client = SPARQLWrapper(endpoint)  # sends format=tsv&format=text/tab-separated-values and the Accept header
    client.setQuery(SELECT)
    client.setReturnFormat(TSV)
    assert client.query().convert().decode() == SELECT_EXPECTED["tsv"][2]


@pytest.mark.parametrize(
    "name, media_type, parse_as",
    [
        ("turtle", "text/turtle; charset=utf-8", "turtle"),
        ("nt", "application/n-triples", "nt"),
        ("ntriples", "application/n-triples", "nt"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("json", "application/ld+json", "json-ld"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("rdfxml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_and_describe_as_graphs_by_format_parameter(endpoint, built_corpus, name, media_type, parse_as) -> None:
    letter = select(built_corpus.store, f"SELECT ?l WHERE {{ ?l a <{LETTER}> }}")[0]["l"]
    expected = len(select(built_corpus.store, f"SELECT * WHERE {{ <{letter}> ?p ?o }}"))
    for query in (f"DESCRIBE <{letter}>", f"CONSTRUCT WHERE {{ <{letter}> ?p ?o }}"):
        status, content_type, body = _get(endpoint, {"Accept": "text/csv"}, query=query, format=name)
        assert (status, content_type) == (200, media_type)
        graph = Graph().parse(data=body, format=parse_as)
        assert len(graph) == expected and set(graph.subjects()) == {URIRef(letter)}


def test_construct_by_accept_header_through_sparqlwrapper(endpoint) -> None:
    for client_format, parse_as in ((TURTLE, "turtle"), (JSONLD, "json-ld")):
        client = SPARQLWrapper(endpoint)
        client.setQuery(f"CONSTRUCT {{ ?l a <{LETTER}> }} WHERE {{ ?l a <{LETTER}> }}")
        client.setReturnFormat(client_format)
        graph = client.queryAndConvert()
        if isinstance(graph, bytes):
            graph = Graph().parse(data=graph, format=parse_as)
        assert len(graph) == 1 and next(graph.objects()) == URIRef(LETTER)


def test_an_unknown_format_is_refused_with_the_known_ones(endpoint) -> None:
    status, _, body = _get(endpoint, query="ASK {}", format="yaml")
    assert (status, body.decode()) == (
        400,
        "unknown format 'yaml'; the format parameter takes json, xml, csv, tsv, turtle, "
        "ttl, ntriples, nt, jsonld, json-ld, rdfxml, rdf+xml, rdf, n3 or a media type\n",
    )


def test_the_service_description_names_the_address_served(endpoint) -> None:
    status, content_type, body = _get(endpoint, {"Accept": "text/turtle"})
    assert (status, content_type) == (200, "text/turtle; charset=utf-8")
    description = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert set(description.objects(None, URIRef(sd + "endpoint"))) == {URIRef(endpoint)}
    assert endpoint.startswith("http://127.0.0.1:") and not endpoint.startswith("http://127.0.0.1:8000/")


def test_the_service_description_names_the_public_host(built_corpus) -> None:
    with okg_serve("--store", str(built_corpus.store), "--public-host", "okg.example.org", "--workers", "1") as url:
        status, _, body = _get(url, {"Accept": "text/turtle", "Host": "okg.example.org"})
    assert status == 200
    description = Graph().parse(data=body, format="turtle")
    assert set(description.objects(None, URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"))) == {
        URIRef("http://okg.example.org/sparql")
    }


def test_the_bare_address_leads_to_the_query_page(endpoint) -> None:
    root = endpoint.removesuffix("sparql")
    request = urllib.request.Request(root, method="GET")
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirected:
        opener.open(request, timeout=10)
    assert (redirected.value.code, redirected.value.headers["location"]) == (303, "/sparql")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None
