"""Running SPARQL against the store: the union of every document's named graph."""

import re
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError
from graph.namespaces import PREFIXES
from graph.store import open_store

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def run_query(store: Path, query: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Results:
    """Run ``query`` over the union of the store's graphs.

    The common prefixes (okg, skos, dcterms, prov, org, ...) are predeclared.
    ``bindings`` are passed to the engine as RDF terms, never pasted into the text
    (Oxigraph's substitutions: a bound variable must be in the SELECT projection).
    """
    database = open_store(store)
    substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
    try:
        return database.query(query, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=substitutions)
    except SyntaxError as error:
        raise QueryError(_syntax_message(str(error))) from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"the query failed: {error}") from None


def _syntax_message(message: str) -> str:
    match = _POSITION.match(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, reason = match.groups()
    # Oxigraph lists every character class it expected; the first line says enough.
    return f"SPARQL syntax error at line {line}, column {column}: {reason.splitlines()[0]}"
