"""The embedded store (Oxigraph, on disk) and the release exports written beside it.

A build is written to a temporary folder next to the target and swapped in only
when complete, so a failed build leaves the previous store as it was.

Each document's statements live in its own named graph. The store's default graph
holds their union, each triple once: two documents that state the same fact (two
follow-up snapshots of one recommendation) must not make a query meet it twice,
and Oxigraph's own union of named graphs (``use_default_graph_as_union``) returns
one row per graph that states a triple. Queries therefore read the default graph,
and ``GRAPH ?g`` still reaches each document's own statements.
"""

import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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
FINDINGS = "findings.json"  # the check's findings, saved in a release that was checked (okg build --check)
PREVIOUS_SUFFIX = ".previous"  # the release a build replaced, kept for `okg diff` (okg build --keep-previous)


@dataclass(frozen=True)
class Release:
    """What writing a release did."""

    quads: int
    load_seconds: float  # bulk-loading the store
    export_seconds: float  # writing the TriG and Turtle exports


def n_quads(graph: URIRef, triples: Iterable[tuple[Node, Node, Node]], terms: "TermConverter") -> bytes:
    """rdflib triples as the N-Quads of the named graph ``graph``."""
    name = terms(graph)
    return ox.serialize((ox.Quad(terms(s), terms(p), terms(o), name) for s, p, o in triples), format=ox.RdfFormat.N_QUADS)


def write_release(
    graphs: Sequence[tuple[URIRef, bytes]],
    target: Path,
    accept: Callable[[Path], None] | None = None,
    jobs: int | None = None,
    keep_previous: bool = False,
) -> Release:
    """Bulk-load named graphs (each as N-Quads) into a new store at ``target``, with TriG and Turtle exports.

    ``jobs`` loaders run side by side (default: one per core).

    ``accept`` sees the complete release in its staging folder before it is swapped
    in; it refuses the release by raising, and the previous store stays as it was.
    With ``keep_previous``, the release replaced is kept beside the new one (:func:`previous_release`).
    """
    target = target.resolve()
    _remove_abandoned(target)
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        release = _write(graphs, staging, jobs or os.cpu_count() or 1)
        if accept is not None:
            accept(staging)
        _swap_in(staging, target, keep_previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return release


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


def _write(graphs: Sequence[tuple[URIRef, bytes]], folder: Path, jobs: int) -> Release:
    """The database and exports in ``folder``; the database is closed when this returns."""
    started = time.perf_counter()
    store = ox.Store(str(folder / DATABASE))
    # Oxigraph's bulk loader parses on one thread; loaders of disjoint parts run side by side
    # (measured at 1M quads on 2 cores: 12.1 s for one, 6.6 s for two, the same quads).
    parts = _split([body for _, body in graphs], jobs)
    with ThreadPoolExecutor(max_workers=len(parts)) as loaders:
        for loaded in [loaders.submit(store.bulk_load, part, format=ox.RdfFormat.N_QUADS) for part in parts]:
            loaded.result()
    store.flush()
    named = len(store)
    loaded = time.perf_counter()
    # The TriG export holds the named graphs only, so it is written before the union is loaded;
    # Oxigraph works without holding the GIL, so the union is made and loaded meanwhile.
    with ThreadPoolExecutor(max_workers=1) as writer:
        trig = writer.submit(_export_trig, store, folder)
        union = _union(graphs)
        trig.result()
    exported = time.perf_counter()
    store.bulk_load(union, format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    union_loaded = time.perf_counter()
    _export_turtle(store, folder)
    return Release(quads=named, load_seconds=loaded - started + union_loaded - exported,
                   export_seconds=exported - loaded + time.perf_counter() - union_loaded)


def _union(graphs: Iterable[tuple[URIRef, bytes]]) -> bytes:
    """The named graphs' N-Quads as N-Triples of the default graph (the bulk loader keeps each triple once).

    N-Quads escape line breaks inside literals, so `` <graph> .`` before a real line
    break can only be a line's graph name.
    """
    return b"".join(body.replace(f" <{graph}> .\n".encode(), b" .\n") for graph, body in graphs)


def _split(bodies: list[bytes], count: int) -> list[bytes]:
    """``bodies`` joined into at most ``count`` parts of about equal size, in order."""
    total = sum(map(len, bodies))
    parts: list[list[bytes]] = [[]]
    size = 0
    for body in bodies:
        if size >= total * len(parts) / count:
            parts.append([])
        parts[-1].append(body)
        size += len(body)
    return [b"".join(part) for part in parts if part]


def _export_trig(store: ox.Store, folder: Path) -> None:
    store.dump(folder / TRIG_EXPORT, format=ox.RdfFormat.TRIG, prefixes=_EXPORT_PREFIXES)


def _export_turtle(store: ox.Store, folder: Path) -> None:
    # Turtle has no named graphs: the export is the default graph, the union of all documents' graphs.
    store.dump(folder / TURTLE_EXPORT, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=_EXPORT_PREFIXES)


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


def previous_release(target: Path) -> Path:
    """Where the release a build replaced is kept (``.okg`` -> ``.okg.previous``)."""
    return target.with_name(target.name + PREVIOUS_SUFFIX)


def _swap_in(staging: Path, target: Path, keep_previous: bool) -> None:
    retired = target.with_name(f".{target.name}.retired-{os.getpid()}")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    if keep_previous and retired.exists():
        shutil.rmtree(previous_release(target), ignore_errors=True)
        retired.rename(previous_release(target))
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
