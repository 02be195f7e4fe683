"""An existing SPARQL 1.1 server instead of the embedded store (Virtuoso, Fuseki, GraphDB, ...).

Each document's named graph is loaded with the Graph Store Protocol: an HTTP PUT
of the whole graph, which the server applies as one replacement, so a rebuild
replaces a document's graph atomically. Queries go to the server's SPARQL 1.1
Protocol endpoint and come back as standard results.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from okg.errors import QueryError, QueryRefused, StoreError
from okg.graph.namespaces import PREFIXES
from okg.graph.query import query_form
from okg.graph.query.substitution import substituted

_TIMEOUT = 300


def publish(graphs: Iterable[tuple[URIRef, bytes]], graph_store: str) -> int:
    """PUT each named graph (given as N-Quads) to the Graph Store Protocol endpoint ``graph_store``; return the triple count."""
    total = 0
    for name, quads in graphs:
        body = n_triples(quads)
        total += body.count(b"\n")
        url = f"{graph_store}?{urllib.parse.urlencode({'graph': str(name)})}"
        request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"{graph_store}: could not load graph {name} ({error})") from None
    return total


def n_triples(quads: bytes) -> bytes:
    """One named graph's N-Quads as N-Triples, as a server loads a graph it is told the name of."""
    triples = (quad.triple for quad in ox.parse(quads, format=ox.RdfFormat.N_QUADS))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""  # without an output, bytes (typed bytes | None)


def remote_query(
    endpoint: str,
    query: str,
    bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> ox.QuerySolutions | ox.QueryBoolean:
    """Run a SELECT or ASK query on a SPARQL 1.1 Protocol endpoint, with okg's prefixes declared.

    A server takes the query's text alone, so ``bindings`` are written into it as terms
    (graph/query/substitution.py). ``default_graphs`` and ``named_graphs`` go to the
    server as the protocol's default-graph-uri and named-graph-uri.
    """
    data = urllib.parse.urlencode(_fields(substituted(query, bindings or {}), default_graphs, named_graphs)).encode()
    request = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise _refused(endpoint, error) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise QueryError(f"{endpoint}: no answer ({error})") from None
    return _results(answer)


def _refused(endpoint: str, error: urllib.error.HTTPError) -> QueryRefused:
    """The server's refusal, its status and the start of its reason."""
    return QueryRefused(f"{endpoint}: the server refused the query ({error.code}: {error.read()[:300].decode(errors='replace')})", error.code)


def _fields(query: str, default_graphs: list[str] | None, named_graphs: list[str] | None) -> list[tuple[str, str]]:
    """The protocol's form fields for ``query`` (okg's prefixes declared) and its dataset."""
    declared = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if f"{prefix}:" in query)
    return (
        [("query", declared + query)]
        + [("default-graph-uri", iri) for iri in default_graphs or ()]
        + [("named-graph-uri", iri) for iri in named_graphs or ()]
    )


def _results(answer: dict[str, Any]) -> ox.QuerySolutions | ox.QueryBoolean:
    """A SPARQL JSON results document (as json.loads reads it) as Oxigraph's results."""
    # Some servers (Virtuoso) still write the SPARQL 1.0 "typed-literal" type; it is a literal.
    for row in answer.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "typed-literal":
                value["type"] = "literal"
    return ox.parse_query_results(json.dumps(answer).encode(), format=ox.QueryResultsFormat.JSON)


def remote_answer(
    endpoint: str, query: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None, timeout: float = _TIMEOUT
) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """The answer to a query of any form on a SPARQL 1.1 Protocol endpoint, with okg's prefixes declared.

    ``default_graphs`` and ``named_graphs`` go to the server as the protocol's
    default-graph-uri and named-graph-uri. Results come back as SPARQL JSON, graphs as N-Triples.
    """
    fields = _fields(query, default_graphs, named_graphs)
    # Asked for one format only: some servers (Virtuoso) answer a CONSTRUCT in SPARQL JSON when they may.
    graph = query_form(query) in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph else "application/sparql-results+json"
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media_type = response.headers.get_content_type()
            body = response.read()
    except urllib.error.HTTPError as error:
        raise _refused(endpoint, error) from None
    except (urllib.error.URLError, OSError) as error:
        raise QueryError(f"{endpoint}: no answer ({error})") from None
    try:
        if graph:
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return _results(json.loads(body))
    except (ValueError, SyntaxError) as error:
        raise QueryError(f"{endpoint}: an answer okg cannot read ({media_type}: {error})") from None
