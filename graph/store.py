"""The embedded store (Oxigraph, on disk) and the release exports written beside it.

A build is written to a temporary folder next to the target and swapped in only
when complete, so a failed build leaves the previous store as it was.
"""

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.errors import StoreError
from graph.namespaces import PREFIXES

# The instance namespace makes unreadable prefixed names (id:graph\/ontology); exports spell those IRIs out.
_EXPORT_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}

DEFAULT_STORE = Path(".okg")
DATABASE = "oxigraph"
TRIG_EXPORT = "okg.trig"
TURTLE_EXPORT = "okg.ttl"


def write_release(
    graphs: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]],
    target: Path,
    accept: Callable[[Path], None] | None = None,
) -> int:
    """Bulk-load named graphs of rdflib triples into a new store at ``target``, with TriG and Turtle
    exports; return the quad count.

    ``accept`` sees the complete release in its staging folder before it is swapped
    in; it refuses the release by raising, and the previous store stays as it was.
    """
    target = target.resolve()
    _remove_abandoned(target)
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        quads = _write(graphs, staging)
        if accept is not None:
            accept(staging)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return quads


def _remove_abandoned(target: Path) -> None:
    """Staging and retired folders left by builds that were killed (their process is gone)."""
    for folder in target.parent.glob(f".{target.name}.*-*"):
        kind, _, pid = folder.name.rpartition("-")
        if not kind.endswith((".staging", ".retired")) or not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # another user's live build


def _write(graphs: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]], folder: Path) -> int:
    """The database and exports in ``folder``; the database is closed when this returns."""
    store = ox.Store(str(folder / DATABASE))
    terms = TermConverter()
    store.bulk_extend(
        ox.Quad(terms(s), terms(p), terms(o), terms(name)) for name, triples in graphs for s, p, o in triples
    )
    store.flush()
    store.dump(folder / TRIG_EXPORT, format=ox.RdfFormat.TRIG, prefixes=_EXPORT_PREFIXES)
    # Turtle has no named graphs: the export is the union of all documents' graphs.
    union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    ox.serialize(union, folder / TURTLE_EXPORT, format=ox.RdfFormat.TURTLE, prefixes=_EXPORT_PREFIXES)
    return len(store)


class TermConverter:
    """rdflib terms as Oxigraph terms; IRIs, which repeat a lot, converted once."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def __call__(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, URIRef):
            found = self._iris.get(term)
            if found is None:
                found = self._iris[term] = ox.NamedNode(str(term))
            return found
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self(term.datatype))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise TypeError(f"cannot store {term!r}")


def _swap_in(staging: Path, target: Path) -> None:
    retired = target.with_name(f".{target.name}.retired-{os.getpid()}")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def open_store(target: Path) -> ox.Store:
    """The store at ``target``, read-only."""
    database = target / DATABASE
    if not database.is_dir():
        raise StoreError(f"{target}: no okg store here; run `okg build` first (or pass --store)")
    try:
        return ox.Store.read_only(str(database))
    except OSError as error:
        raise StoreError(f"{target}: cannot open the store ({error})") from None
