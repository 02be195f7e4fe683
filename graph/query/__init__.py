"""Running SPARQL against the store: its default graph is the union of every document's named graph, each triple once."""

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypedDict, cast
from urllib.parse import urljoin

import pyoxigraph as ox

from okg.errors import QueryError, StoreError
from okg.graph.namespaces import PREFIXES
from okg.graph.store import TRIG_EXPORT, TURTLE_EXPORT, hold_release, open_store

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
# A term a query's variable may be bound to (Oxigraph's substitutions).
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def in_memory(store: Path) -> ox.Store:
    """The store's graphs, loaded into memory from its TriG export.

    For many queries in one process (a notebook, a service, the benchmarks): an
    in-memory Oxigraph answers the named queries about ten times faster than the
    store on disk (measured at 1M triples), after a load of a few seconds.
    """
    exports = {TRIG_EXPORT: ox.RdfFormat.TRIG, TURTLE_EXPORT: ox.RdfFormat.TURTLE}
    database = ox.Store()
    with hold_release(store) as release:  # read from one release, even if a build replaces it meanwhile
        # The TriG export holds the documents' named graphs, the Turtle export their union (the default graph).
        for name, format in exports.items():
            if not (release.path / name).is_file():
                raise StoreError(f"{store}: the store has no {name} export; run `okg build` again")
            database.bulk_load(path=release.path / name, format=format)
    return database


def run_query(
    store: Path | ox.Store,
    query: str,
    bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    base_iri: str | None = None,
) -> Results:
    """Run ``query`` over the graphs of ``store`` (a store folder, or a store from :func:`in_memory`).

    The dataset is, as the SPARQL 1.1 Protocol says: ``default_graphs`` and
    ``named_graphs`` when either is given (they replace the query's own FROM and
    FROM NAMED); else the query's FROM and FROM NAMED when it has any; else the
    union of all the store's graphs as the default graph, and every graph by name.
    The common prefixes (okg, skos, dcterms, prov, org, ...) are predeclared.
    ``bindings`` are passed to the engine as RDF terms, never pasted into the text
    (Oxigraph's substitutions: a bound variable must be in the SELECT projection).
    """
    database = store if isinstance(store, ox.Store) else open_store(store)
    substitutions: dict[ox.Variable, Term] = {ox.Variable(name): term for name, term in (bindings or {}).items()}
    try:
        dataset = _dataset(default_graphs, named_graphs)
        if dataset:
            default, named = default_graphs, named_graphs
        else:
            default, named = _from_clauses(query, base_iri) if "from" in query.casefold() else (None, None)
        if default is not None and len(default) > 1 and all(_ABSOLUTE.match(graph) for graph in [*default, *(named or [])]):
            # Several graphs make one default graph, their merge: a triple two of them state is in it once (Oxigraph
            # would match it once per graph), so the query runs on a copy holding their merge.
            database, dataset = _merged(database, default, named or [])
        return database.query(query, prefixes=PREFIXES, substitutions=substitutions, base_iri=base_iri, **dataset)
    except SyntaxError as error:
        raise QueryError(syntax_message(str(error), query)) from None
    except (OSError, RuntimeError) as error:
        raise QueryError(f"the query failed: {error}") from None


def check_syntax(query: str) -> None:
    """Raise :class:`QueryError` naming the line and column when ``query`` is not SPARQL 1.1 as Oxigraph reads it.

    Read by Oxigraph on an empty store, which answers an ASK at once: a query naming a SERVICE is not read, so that
    nothing is asked of another server, and only a syntax error counts.
    """
    if uses_keyword(query, "SERVICE"):
        return
    try:
        ox.Store().query(query, prefixes=PREFIXES)
    except SyntaxError as error:
        raise QueryError(syntax_message(str(error), query)) from None
    except (OSError, RuntimeError, ValueError):  # not a syntax error: the server's refusal stands alone
        return


class _Dataset(TypedDict, total=False):
    """Oxigraph's keyword arguments naming a query's dataset."""

    default_graph: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    named_graphs: list[ox.NamedNode | ox.BlankNode]


def _dataset(default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None) -> _Dataset:
    """Oxigraph's dataset arguments for a query (see :func:`run_query`)."""
    if default_graphs is None and named_graphs is None:
        # The store's own default graph is the union of the documents' graphs (graph/store/);
        # a query's FROM and FROM NAMED, when it has them, replace it.
        return {}
    try:
        return {
            "default_graph": [ox.NamedNode(iri) for iri in default_graphs or ()],
            "named_graphs": [ox.NamedNode(iri) for iri in named_graphs or ()],
        }
    except ValueError as error:
        raise QueryError(f"a graph name is not an IRI ({error})") from None


def _merged(database: ox.Store, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> tuple[ox.Store, _Dataset]:
    """A store holding the merge of ``default_graphs`` as its default graph and ``named_graphs`` by name, and the
    dataset arguments that make a query see just these (its own FROM and FROM NAMED replaced by the same graphs)."""
    merged = ox.Store()
    try:
        merged.extend(
            ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
            for graph in dict.fromkeys(default_graphs)
            for quad in database.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        )
        merged.extend(quad for graph in dict.fromkeys(named_graphs) for quad in database.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    except ValueError as error:
        raise QueryError(f"a graph name is not an IRI ({error})") from None
    return merged, {"default_graph": [ox.DefaultGraph()], "named_graphs": [ox.NamedNode(graph) for graph in dict.fromkeys(named_graphs)]}


# A prefixed name's local part may hold colons, escapes (\-) and %-encoded bytes, as SPARQL's PN_LOCAL does.
_DATASET_CLAUSE = re.compile(
    r"(?<![\w:?$.\-])(?:(?P<base>BASE)|PREFIX\s+(?P<prefix>[\w.\-]*):|FROM(?P<named>\s+NAMED)?)\s*"
    r"(?P<name><[^<>\s]*>|[\w.\-]*:(?:[\w.\-:]|\\.|%[0-9A-Fa-f]{2})*)",
    re.IGNORECASE,
)
# An IRI with a scheme: a graph name resolved to one can be looked up; another (a relative IRI under a base that
# urljoin cannot resolve, such as a URN) leaves the query to the engine, unmerged.
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _from_clauses(query: str, base_iri: str | None) -> tuple[list[str] | None, list[str] | None]:
    """The graphs a query's FROM and FROM NAMED clauses name, as IRIs (prefixed names and relative IRIs resolved);
    (None, None) when it has none. A lexical look: strings and comments do not count."""
    code = NOT_SYNTAX.sub(lambda token: token.group() if token.group().startswith("<") else " " * len(token.group()), query)
    prefixes, base = dict(PREFIXES), base_iri or ""
    default: list[str] = []
    named: list[str] = []
    for clause in _DATASET_CLAUSE.finditer(code):
        name = clause.group("name")
        if name.startswith("<"):
            iri = urljoin(base, name[1:-1]) if base else name[1:-1]
        else:
            prefix, _, local = name.partition(":")
            iri = prefixes.get(prefix, f"{prefix}:") + re.sub(r"\\(.)", r"\1", local)
        if clause.group("base"):
            base = iri
        elif clause.group("prefix") is not None:
            prefixes[clause.group("prefix")] = iri
        else:
            (named if clause.group("named") else default).append(iri)
    return (default, named) if default or named else (None, None)


# What is not SPARQL syntax: strings (long ones first), IRIs and comments; keywords inside them do not count.
NOT_SYNTAX = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*',
    re.DOTALL,
)


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of the SPARQL text ``query`` (None when it has none of them).

    The first of these keywords is the form: only the prologue (BASE, PREFIX) comes before it.
    """
    found = re.search(r"(?<![\w:?$.\-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:\-])", NOT_SYNTAX.sub(" ", query), re.IGNORECASE)
    return found.group(1).upper() if found else None


def uses_keyword(query: str, keyword: str) -> bool:
    """Whether ``keyword`` (FROM, SERVICE, ...) is used as a keyword in the SPARQL text ``query``.

    A lexical look, fast on a query of megabytes: a variable (?service), a prefixed
    name (ex:service, service:x) or the inside of a string, IRI or comment is not the keyword.
    """
    code = NOT_SYNTAX.sub(" ", query)
    return re.search(rf"(?<![\w:?$.\-]){keyword}(?![\w:\-])", code, re.IGNORECASE) is not None


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
        rows = database.query(query.replace("NODES", iri_values(ordered[start : start + _CHUNK])))
        yield from cast(ox.QuerySolutions, rows)  # the rows of a SELECT


def numbered_values(nodes: Sequence[str]) -> str:
    """IRIs with their positions in ``nodes``, as the inside of a ``VALUES (?node ?n)`` block."""
    return " ".join(f"(<{node}> {position})" for position, node in enumerate(nodes))


def rows_by_node(database: ox.Store, query: str, nodes: Sequence[str]) -> Iterator[tuple[str, ox.QuerySolution]]:
    """The rows of ``query`` for ``nodes``, each with the node it is about, over the default graph.

    The query binds each node with its position, ``VALUES (?s ?n) { NODES }``, and
    selects ``?n`` first: the row's ``?n`` says which node it is about. Oxigraph reads
    each IRI in a row back from its dictionary (measured: about 4 µs an IRI at 1M
    triples), a number it holds in the row itself. Unpack the rows (``for node, (_, p,
    o) in ...``): a term taken by its variable's name costs 3 µs more than by position.
    All nodes go in one query, however many: parsing the VALUES costs the same in
    chunks (about 5 µs a node), and a query that also joins with all of them
    (graph.analytics._FACTS_AND_LINKS) would parse those once per chunk.
    """
    if not nodes:
        return
    rows = database.query(query.replace("NODES", numbered_values(nodes)))
    for row in cast(ox.QuerySolutions, rows):  # the rows of a SELECT
        yield nodes[int(row[0].value)], row


def syntax_message(message: str, query: str = "") -> str:
    """Oxigraph's syntax error as one line: where, and what was expected (or which prefix is unknown)."""
    match = _POSITION.match(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, reason = match.groups()
    where = f"SPARQL syntax error at line {line}, column {column}"
    if "Prefix not found" in reason:
        prefix = unknown_prefix(query, int(line), int(column))
        if prefix is not None:
            known = ", ".join(f"{name}:" for name in dict.fromkeys([*PREFIXES, *declared_prefixes(query)]))
            return f"{where}: unknown prefix '{prefix}:' (known: {known})"
    # Oxigraph lists every character class it expected; the first line says enough.
    return f"{where}: {reason.splitlines()[0]}"


_DECLARATION = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w?$.:<-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:(?!/)")


def declared_prefixes(query: str) -> list[str]:
    """The names of the prefixes the query text declares itself, in order."""
    return [found.group(1) or "" for found in _DECLARATION.finditer(NOT_SYNTAX.sub(" ", query))]


def unknown_prefix(query: str, line: int, column: int) -> str | None:
    """The undeclared prefix Oxigraph stopped at, ``line`` and ``column`` (1-based) being where it stopped.

    Oxigraph points just past the prefixed name; the last prefixed name before that
    point is the one. None when the text shows no undeclared prefix there.
    """
    known = {*PREFIXES, *declared_prefixes(query)}
    lines = query.splitlines() or [""]
    before = "\n".join(lines[: line - 1] + [lines[min(line, len(lines)) - 1][: max(column - 1, 0)]])
    code = NOT_SYNTAX.sub(lambda found: " " * len(found.group()), before)  # keep positions, drop strings and IRIs
    names = [found.group(1) or "" for found in _PREFIXED.finditer(code)]
    unknown = [name for name in names if name not in known]
    return unknown[-1] if unknown else None
