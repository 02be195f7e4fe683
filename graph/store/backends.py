"""Where the graph lives, behind one interface, chosen by one location (``--store``, or ``OKG_STORE``):

- a folder: the embedded store, Oxigraph on disk, whose releases a build swaps in atomically (graph/store/__init__.py);
- a file: a release's TriG or N-Quads export, read into memory (read-only);
- an ``http://`` or ``https://`` URL: the SPARQL 1.1 query endpoint of an existing server (Virtuoso, Fuseki,
  GraphDB...), read with queries and written with SPARQL 1.1 Update on the same URL, or with the Graph Store
  Protocol where the server offers it (``okg build --graph-store URL``).

Every backend gives the graph as okg reads it everywhere: each document's statements in its own named graph,
and the default graph their union, each triple once. Commands that read many facts (the check, analytics, the
page, diff) read an Oxigraph store (:meth:`Backend.database`); for a server, that is its okg graphs fetched
into memory once per command. Queries (:meth:`Backend.query`) are answered where the graph lives.
"""

import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import URIRef

from okg.errors import QueryError, QueryRefused, StoreError
from okg.graph.namespaces import ID
from okg.graph.query import Results, check_syntax, in_memory, run_query
from okg.graph.store import FINDINGS, HeldRelease, hold_release, open_store, write_release
from okg.graph.store.remote import n_triples, publish, remote_answer, remote_query

# What a build hands a backend: each named graph with its statements as N-Quads.
NamedGraphs = Sequence[tuple[URIRef, bytes]]
# Sees the complete graph before it replaces the old one, and refuses it by raising (okg build --check).
Acceptance = Callable[["Path | ox.Store"], None]

EXPORT_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


@dataclass(frozen=True)
class Written:
    """What writing the graph did."""

    quads: int
    load_seconds: float
    export_seconds: float = 0.0


class Backend(ABC):
    """Where the graph lives: read as an Oxigraph store or with SPARQL queries, written whole by a build."""

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the graph lives, as the user names it (a folder, a file, a URL)."""

    @abstractmethod
    def database(self) -> ox.Store:
        """The graph as an Oxigraph store to read (named graphs per document, the default graph their union)."""

    def query(
        self,
        text: str,
        bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Results:
        """Run a SPARQL query where the graph lives (see :func:`okg.graph.query.run_query`)."""
        return run_query(self.database(), text, bindings, default_graphs, named_graphs)

    @abstractmethod
    def write(self, graphs: NamedGraphs, accept: Acceptance | None = None, jobs: int | None = None, keep_previous: bool = False) -> Written:
        """Replace the graph with ``graphs``; ``accept`` sees it complete first and may refuse it by raising."""

    def ensure_writable(self) -> None:  # noqa: B027 (a folder and a server take a build)
        """Refuse, before a build reads anything, a place a build cannot write."""

    def saved_findings(self) -> Path | None:
        """Where this release keeps the findings of the check a build ran on it (``okg build --check``), if anywhere."""
        return None

    def for_serving(self) -> "Backend":
        """This backend as the endpoint serves it: the release current now, held until the process ends."""
        return self

    def in_memory(self) -> ox.Store:
        """The graph in memory, for many queries in one process (the endpoint's workers)."""
        return self.database()

    def close(self) -> None:  # noqa: B027 (most backends hold nothing)
        """Let go of what :meth:`for_serving` holds."""

    def __str__(self) -> str:
        return self.location


@dataclass
class EmbeddedStore(Backend):
    """The embedded store: Oxigraph on disk in a folder, with the release exports beside its database."""

    folder: Path
    _held: HeldRelease | None = field(default=None, repr=False, compare=False)

    @property
    def location(self) -> str:
        return str(self.folder)

    def database(self) -> ox.Store:
        return open_store(self.folder)

    def write(self, graphs: NamedGraphs, accept: Acceptance | None = None, jobs: int | None = None, keep_previous: bool = False) -> Written:
        release = write_release(graphs, self.folder, accept=accept, jobs=jobs, keep_previous=keep_previous)
        return Written(release.quads, release.load_seconds, release.export_seconds)

    def saved_findings(self) -> Path:
        return self.folder / FINDINGS

    def for_serving(self) -> "EmbeddedStore":
        held = hold_release(self.folder)  # kept while the server runs: no build deletes the release it serves
        return EmbeddedStore(held.path, held)

    def in_memory(self) -> ox.Store:
        return in_memory(self.folder)

    def close(self) -> None:
        if self._held is not None:
            self._held.close()

    def __getstate__(self) -> dict[str, object]:  # the endpoint's workers read the release; the server holds it
        return {"folder": self.folder, "_held": None}


@dataclass
class ExportFile(Backend):
    """A release's TriG or N-Quads export, read into memory (read-only)."""

    path: Path
    _loaded: ox.Store | None = field(default=None, repr=False, compare=False)

    @property
    def location(self) -> str:
        return str(self.path)

    def database(self) -> ox.Store:
        if self._loaded is None:
            self._loaded = _with_union(self._read())
        return self._loaded

    def _read(self) -> ox.Store:
        database = ox.Store()
        try:
            database.bulk_load(path=self.path, format=EXPORT_FORMATS.get(self.path.suffix.lower(), ox.RdfFormat.TRIG))
        except (SyntaxError, OSError, ValueError) as error:
            raise StoreError(f"{self.path}: cannot read the {'N-Quads' if self.path.suffix.lower() == '.nq' else 'TriG'} export ({error})") from None
        return database

    def write(self, graphs: NamedGraphs, accept: Acceptance | None = None, jobs: int | None = None, keep_previous: bool = False) -> Written:
        raise self._read_only()

    def ensure_writable(self) -> None:
        raise self._read_only()

    def _read_only(self) -> StoreError:
        return StoreError(f"{self.location}: an export is read, not written; build into a store folder or a server")

    def saved_findings(self) -> Path:
        return self.path.parent / FINDINGS

    def __getstate__(self) -> dict[str, object]:  # the endpoint's workers each read the file themselves
        return {"path": self.path, "_loaded": None}


@dataclass
class SparqlServer(Backend):
    """An existing SPARQL 1.1 server: its query endpoint, and the Graph Store Protocol endpoint if one is given."""

    endpoint: str | None
    graph_store: str | None = None
    _loaded: ox.Store | None = field(default=None, repr=False, compare=False)

    @property
    def location(self) -> str:
        return self.endpoint or self.graph_store or ""

    def database(self) -> ox.Store:
        if self._loaded is None:
            self._loaded = _with_union(self._fetch())
        return self._loaded

    def _fetch(self) -> ox.Store:
        """The server's okg graphs, each fetched whole; refused when the server cuts an answer short."""
        endpoint = self._query_endpoint()
        listing = f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{ID}graph/")) }} GROUP BY ?g'
        database = ox.Store()
        for row in cast(ox.QuerySolutions, remote_query(endpoint, listing)):  # the rows of a SELECT
            graph, expected = row["g"], int(row["n"].value)
            triples = remote_answer(endpoint, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
            assert isinstance(triples, list)
            if len(triples) < expected:
                raise StoreError(
                    f"{endpoint}: the server answered {len(triples)} of the {expected} triples of {graph.value} "
                    "(its limit on result rows: Virtuoso's ResultSetMaxRows)"
                )
            database.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        return database

    def _query_endpoint(self) -> str:
        if self.endpoint is None:
            raise StoreError(
                f"{self.graph_store}: a Graph Store Protocol URL is written to, not queried; give the server's SPARQL endpoint as --store"
            )
        return self.endpoint

    def query(
        self,
        text: str,
        bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Results:
        try:
            return remote_query(
                self._query_endpoint(),
                text,
                bindings,
                list(default_graphs) if default_graphs is not None else None,
                list(named_graphs) if named_graphs is not None else None,
            )
        except QueryRefused as refused:
            # Found malformed: a query that is not SPARQL gets its line and column, as from the embedded store, and
            # the server's words after them. A server's own syntax (Virtuoso's DEFINE) is never refused here: the
            # server is asked first.
            if refused.status == 400:
                try:
                    check_syntax(text)
                except QueryError as malformed:
                    raise QueryError(f"{malformed}; {refused}") from None
            raise

    def write(self, graphs: NamedGraphs, accept: Acceptance | None = None, jobs: int | None = None, keep_previous: bool = False) -> Written:
        if accept is not None:  # checked before anything reaches the server
            staged = ox.Store()
            for _, statements in graphs:
                staged.bulk_load(statements, format=ox.RdfFormat.N_QUADS)
            accept(_with_union(staged))
        started = time.perf_counter()
        quads = publish(graphs, self.graph_store) if self.graph_store else _update(graphs, self._query_endpoint())
        if self.endpoint is not None:  # the Graph Store Protocol alone cannot list a server's graphs
            self._drop_other_graphs({str(name) for name, _ in graphs})
        return Written(quads, time.perf_counter() - started)

    def _drop_other_graphs(self, written: set[str]) -> None:
        """Drop the server's okg graphs this build did not write (documents no longer in the corpus, or that failed),
        once the new ones are in place: the server then holds what a release of the store folder would."""
        endpoint = self._query_endpoint()
        listing = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{ID}graph/")) }}'
        for row in cast(ox.QuerySolutions, remote_query(endpoint, listing)):  # the rows of a SELECT
            graph = row["g"].value
            if graph not in written:
                _send(endpoint, f"DROP SILENT GRAPH <{graph}>", URIRef(graph))

    def __getstate__(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "graph_store": self.graph_store, "_loaded": None}


def _with_union(database: ox.Store) -> ox.Store:
    """``database`` with the union of its named graphs as its default graph, each triple once (as in a release)."""
    database.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return database


# Statements per SPARQL Update request: a server turns each into a plan of its own (Virtuoso's has a size limit).
_UPDATE_BATCH = 2000
_TIMEOUT = 300


def _update(graphs: NamedGraphs, endpoint: str) -> int:
    """Replace each named graph on the server with SPARQL 1.1 Update: loaded into a graph of its own, then moved
    over the old one in one operation (MOVE), so a query never sees a document's graph half loaded."""
    total = 0
    for name, quads in graphs:
        lines = n_triples(quads).decode().splitlines()
        total += len(lines)
        if not lines:
            _send(endpoint, f"DROP SILENT GRAPH <{name}>", name)
            continue
        staging = f"urn:okg:staging:{uuid.uuid4()}"
        try:
            for start in range(0, len(lines), _UPDATE_BATCH):
                body = "\n".join(lines[start : start + _UPDATE_BATCH])
                _send(endpoint, f"INSERT DATA {{ GRAPH <{staging}> {{\n{body}\n}} }}", name)
            _send(endpoint, f"MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>", name)
        except StoreError:
            # if the server is gone, the staging graph stays under urn:okg:staging:, which okg never reads
            with suppress(StoreError):
                _send(endpoint, f"DROP SILENT GRAPH <{staging}>", name)
            raise
    return total


def _send(endpoint: str, update: str, graph: URIRef) -> None:
    request = urllib.request.Request(
        endpoint, data=urllib.parse.urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise StoreError(
            f"{endpoint}: the server refused to load graph {graph} ({error.code}: {error.read()[:300].decode(errors='replace')})"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        raise StoreError(f"{endpoint}: could not load graph {graph} ({error})") from None


def open_backend(location: "str | Path | Backend") -> Backend:
    """The backend at ``location``: an http(s) URL is a server's SPARQL endpoint, a file an export, anything else a
    store folder (made by the first build)."""
    if isinstance(location, Backend):
        return location
    if str(location).startswith(("http://", "https://")):
        return SparqlServer(str(location))
    path = Path(location)
    if path.is_file():  # an export: N-Quads by its .nq, else TriG
        return ExportFile(path)
    return EmbeddedStore(path)


StoreLike = Path | ox.Store | Backend


def database_of(store: StoreLike) -> ox.Store:
    """The Oxigraph store to read ``store`` from: an open store, a backend, or a location (:func:`open_backend`)."""
    return store if isinstance(store, ox.Store) else open_backend(store).database()
