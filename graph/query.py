"""Running SPARQL against the store: its default graph is the union of every document's named graph, each triple once."""

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.namespaces import PREFIXES
from graph.store import TRIG_EXPORT, TURTLE_EXPORT, open_store

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def in_memory(store: Path) -> ox.Store:
    """The store's graphs, loaded into memory from its TriG export.

    For many queries in one process (a notebook, a service, the benchmarks): an
    in-memory Oxigraph answers the named queries about ten times faster than the
    store on disk (measured at 1M triples), after a load of a few seconds.
    """
    open_store(store)  # a clear error when there is no store
    exports = {TRIG_EXPORT: ox.RdfFormat.TRIG, TURTLE_EXPORT: ox.RdfFormat.TURTLE}
    database = ox.Store()
    # The TriG export holds the documents' named graphs, the Turtle export their union (the default graph).
    for name, format in exports.items():
        if not (store / name).is_file():
            raise StoreError(f"{store}: the store has no {name} export; run `okg build` again")
        database.bulk_load(path=store / name, format=format)
    return database


def run_query(store: Path | ox.Store, query: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Results:
    """Run ``query`` over ``store`` (a store folder, or a store from :func:`in_memory`).

    The default graph is the union of the documents' graphs, each triple once; ``GRAPH ?g``
    reaches each document's own statements.

    The common prefixes (okg, skos, dcterms, prov, org, ...) are predeclared.
    ``bindings`` are passed to the engine as RDF terms, never pasted into the text
    (Oxigraph's substitutions: a bound variable must be in the SELECT projection).
    """
    database = store if isinstance(store, ox.Store) else open_store(store)
    substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
    try:
        return database.query(query, prefixes=PREFIXES, substitutions=substitutions)
    except SyntaxError as error:
        raise QueryError(_syntax_message(str(error))) from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"the query failed: {error}") from None


def iri_values(nodes: Iterable[str]) -> str:
    """IRIs as the inside of a VALUES block."""
    return " ".join(f"<{node}>" for node in sorted(nodes))


_CHUNK = 2000  # IRIs per VALUES block: a query text of a few hundred kilobytes at most


def rows_about(database: ox.Store, query: str, nodes: Iterable[str]) -> Iterator[ox.QuerySolution]:
    """The rows of ``query`` for ``nodes``, given in place of its NODES a chunk at a time, over the default graph.

    Reading many nodes' facts in one query keeps the filtering in Oxigraph: only
    the rows wanted become Python objects (measured: ~10 µs each).
    """
    ordered = sorted(nodes)
    for start in range(0, len(ordered), _CHUNK):
        yield from database.query(query.replace("NODES", iri_values(ordered[start:start + _CHUNK])))


def _syntax_message(message: str) -> str:
    match = _POSITION.match(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, reason = match.groups()
    # Oxigraph lists every character class it expected; the first line says enough.
    return f"SPARQL syntax error at line {line}, column {column}: {reason.splitlines()[0]}"
