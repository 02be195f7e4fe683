"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (rdflib-endpoint, answered by Oxigraph,
or by an existing SPARQL server with okg's limits in front of it).

rdflib-endpoint speaks the protocol (GET and POST, content negotiation for JSON,
XML, CSV/TSV and Turtle, updates refused with 403). It hands each query to an
rdflib processor; ours runs the query text on an in-memory Oxigraph copy of the
store instead of rdflib's own engine, within a time limit.
"""

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import FastAPI
from oxrdflib import OxigraphStore
from rdflib import Dataset, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib_endpoint import SparqlEndpoint

from graph.errors import QueryError
from graph.namespaces import PREFIXES
from graph.remote import rdflib_term, remote_construct, remote_query
from graph.query import in_memory

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000


class OxigraphProcessor(Processor):
    """Answers rdflib's query calls with Oxigraph, over the union of all named graphs, within a time limit."""

    def __init__(self, graph: Dataset, timeout: float, max_results: int) -> None:
        self.graph = graph
        self.timeout = timeout
        self.max_results = max_results
        self._workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="okg-query")

    def query(  # type: ignore[override]
        self,
        strOrQuery: str | Query,
        initBindings: Mapping[str, Any] | None = None,
        initNs: Mapping[str, Any] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, Any]:
        # rdflib-endpoint hands over a prepared query; Oxigraph wants the text it came from.
        text = strOrQuery._original_args[0] if isinstance(strOrQuery, Query) else strOrQuery
        namespaces = {**PREFIXES, **{k: str(v) for k, v in (initNs or {}).items()}}

        def answer() -> Mapping[str, Any]:
            result = self._evaluate(text, namespaces, dict(initBindings or {}))
            rows = None
            if result.type == "SELECT":  # evaluated now, within the time limit, and never past the size limit
                rows = list(islice(result.bindings, self.max_results + 1))
                if len(rows) > self.max_results:
                    raise QueryError(f"the result has more than {self.max_results} rows; narrow the query or add a LIMIT")
            elif result.type in ("CONSTRUCT", "DESCRIBE") and len(result.graph) > self.max_results:
                raise QueryError(f"the result has more than {self.max_results} triples; narrow the query")
            # rdflib wraps what a processor returns in a SPARQLResult, built from this mapping.
            return {"type_": result.type, "vars_": result.vars, "bindings": rows, "askAnswer": result.askAnswer,
                    "graph": result.graph}

        future = self._workers.submit(answer)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryError(f"the query took longer than the {self.timeout:g} s limit") from None

    def _evaluate(self, text: str, namespaces: dict[str, str], bindings: dict) -> Result:
        store: OxigraphStore = self.graph.store  # type: ignore[assignment]
        # The default graph: the union of the documents' graphs, each triple once.
        return store.query(text, namespaces, bindings, DATASET_DEFAULT_GRAPH_ID)


class RemoteProcessor(OxigraphProcessor):
    """Answers with an existing SPARQL 1.1 server instead, within the same time and size limits."""

    def __init__(self, endpoint: str, timeout: float, max_results: int) -> None:
        prefixes = Dataset()  # holds no data: rdflib-endpoint reads the predeclared prefixes from it
        for prefix, namespace in PREFIXES.items():
            prefixes.bind(prefix, namespace)
        super().__init__(prefixes, timeout, max_results)
        self.endpoint = endpoint

    def _evaluate(self, text: str, namespaces: dict[str, str], bindings: dict) -> Result:
        if bindings:
            raise QueryError("parameters are bound by the embedded engine; a query sent to an endpoint takes none")
        declared = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in namespaces.items() if f"{prefix}:" in text)
        kind = prepareQuery(declared + text).algebra.name
        if kind in ("ConstructQuery", "DescribeQuery"):
            result = Result("CONSTRUCT")
            result.graph = remote_construct(self.endpoint, declared + text)
            return result
        answer = remote_query(self.endpoint, declared + text)
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        result.bindings = ({v: rdflib_term(value) for v, value in zip(result.vars, row) if value is not None} for row in answer)
        return result


def serving_dataset(store: Path) -> Dataset:
    """An in-memory Oxigraph copy of the store's graphs, so the endpoint never locks the build's store."""
    dataset = Dataset(store=OxigraphStore(store=in_memory(store)))
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


def create_app(store: Path, timeout: float = DEFAULT_TIMEOUT, max_results: int = DEFAULT_MAX_RESULTS,
               endpoint: str | None = None) -> FastAPI:
    """The endpoint application: SPARQL at /sparql, read-only, with a time and a size limit per query.

    With ``endpoint``, the answers come from that existing SPARQL 1.1 server instead of the store.
    """
    if endpoint:
        processor: OxigraphProcessor = RemoteProcessor(endpoint, timeout, max_results)
    else:
        dataset = serving_dataset(store)
        processor = OxigraphProcessor(dataset, timeout, max_results)
    return SparqlEndpoint(
        graph=processor.graph,
        path="/sparql",
        title="okg SPARQL endpoint",
        description="ILO oversight recommendations and Governing Body documents as one knowledge graph (read-only).",
        processor=processor,
        enable_update=False,
        cors_enabled=False,
    )
