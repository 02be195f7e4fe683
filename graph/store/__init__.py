"""The embedded store (Oxigraph, on disk) and the release exports written beside it.

Each build writes a new release (database and exports) into its own folder of
``.<store>.releases/`` beside the store, and the store path itself is a symbolic
link to the current release, replaced atomically when a release is complete. So
a failed or killed build leaves the previous store as it was, and a reader opens
either the old release or the new one, never a half-swapped folder.

Readers hold a shared lock on the release they read (``.readers`` in its folder)
until they close it or exit; a build deletes an old release only when it can take
that lock exclusively, so no release is deleted under an open reader.

Each document's statements live in its own named graph. The store's default graph
holds their union, each triple once: two documents that state the same fact (two
follow-up snapshots of one recommendation) must not make a query meet it twice,
and Oxigraph's own union of named graphs (``use_default_graph_as_union``) returns
one row per graph that states a triple. Queries therefore read the default graph,
and ``GRAPH ?g`` still reaches each document's own statements.
"""

import fcntl
import io
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from okg.errors import StoreError
from okg.graph.sinks import sink
from okg.graph.store.jsonld import write_jsonld

if TYPE_CHECKING:
    from typing_extensions import Buffer


DEFAULT_STORE = Path(".okg")
DATABASE = "oxigraph"
TRIG_EXPORT = "okg.trig"
TURTLE_EXPORT = "okg.ttl"
JSONLD_EXPORT = "okg.jsonld"
FINDINGS = "findings.json"  # the check's findings, saved in a release that was checked (okg build --check)
PREVIOUS_SUFFIX = ".previous"  # points at the release a build replaced, for `okg diff` (okg build --keep-previous)
READERS = ".readers"  # the lock file readers share while they read a release


@dataclass(frozen=True)
class Release:
    """What writing a release did."""

    quads: int
    load_seconds: float  # bulk-loading the store
    export_seconds: float  # writing the TriG, JSON-LD and Turtle exports


def n_quads(graph: URIRef, triples: Iterable[tuple[Node, Node, Node]], terms: "TermConverter") -> bytes:
    """rdflib triples as the N-Quads of the named graph ``graph``."""
    name = terms.iri(graph)
    quads = (ox.Quad(terms.resource(s), terms.iri(cast(URIRef, p)), terms(o), name) for s, p, o in triples)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def write_release(
    graphs: Sequence[tuple[URIRef, bytes]],
    target: Path,
    accept: Callable[[Path], None] | None = None,
    jobs: int | None = None,
    keep_previous: bool = False,
) -> Release:
    """Bulk-load named graphs (each as N-Quads) into a new store at ``target``, with TriG, JSON-LD and Turtle exports.

    ``jobs`` loaders run side by side (default: one per core).

    ``accept`` sees the complete release in its staging folder before it is swapped
    in; it refuses the release by raising, and the previous store stays as it was.
    With ``keep_previous``, the release replaced is kept beside the new one (:func:`previous_release`).
    """
    # absolute, not resolved: the store path is the pointer itself, not the release it points to
    target = Path(os.path.abspath(target))
    releases = releases_folder(target)
    releases.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(target.parent, f".{target.name}.")
    _remove_abandoned(releases, "")
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}-{os.getpid()}"
    staging = releases / f"{name}.staging-{os.getpid()}"
    staging.mkdir()
    (staging / READERS).touch()
    # Held by this build until the pointer names it: a build running beside this one must not prune it first.
    own = os.open(staging / READERS, os.O_RDONLY)
    try:
        fcntl.flock(own, fcntl.LOCK_SH)
        try:
            release = _write(graphs, staging, jobs or os.cpu_count() or 1)
            if accept is not None:
                accept(staging)
            staging.rename(releases / name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        replaced = Path(os.path.realpath(target)) if target.is_symlink() else None
        _point(target, releases / name)
        if keep_previous and replaced is not None and replaced.is_dir():
            _point(previous_release(target), replaced)
    finally:
        os.close(own)
    _prune(target)
    return release


def releases_folder(target: Path) -> Path:
    """The folder holding the releases of the store at ``target`` (beside it, hidden)."""
    return target.parent / f".{target.name}.releases"


def _remove_abandoned(folder: Path, prefix: str) -> None:
    """Staging, retired and pointer folders left in ``folder`` by builds that were killed (their process is gone)."""
    for leftover in folder.glob(f"{prefix}*-*"):
        kind, _, pid = leftover.name.rpartition("-")
        if not kind.endswith((".staging", ".retired", ".pointer")) or not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            if leftover.is_symlink():
                leftover.unlink()
            else:
                shutil.rmtree(leftover, ignore_errors=True)
        except PermissionError:
            pass  # another user's live build


def _point(target: Path, release: Path) -> None:
    """Make ``target`` a symbolic link to ``release``, in one atomic rename."""
    link = target.with_name(f".{target.name}.pointer-{os.getpid()}")
    link.unlink(missing_ok=True)
    # relative, so the store and its releases can be moved together
    link.symlink_to(os.path.relpath(release, target.parent), target_is_directory=True)
    if target.is_dir() and not target.is_symlink():
        # a store written before releases were versioned: it becomes an old release (readers miss it only this once)
        target.rename(release.with_name(f"{release.name}-previous"))
    os.replace(link, target)


def _prune(target: Path) -> None:
    """Delete the releases no reader holds, except the current one and the one kept as the previous release."""
    current = Path(os.path.realpath(target))
    kept = Path(os.path.realpath(previous_release(target))) if previous_release(target).is_symlink() else None
    for release in releases_folder(target).iterdir():
        if release in (current, kept) or "." in release.name:  # current, kept, or another build's staging
            continue
        try:
            lock = os.open(release / READERS, os.O_RDONLY)
        except FileNotFoundError:
            lock = None  # a store from before releases were versioned: nobody can hold it
        try:
            if lock is not None:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a reader still has it open; the next build tries again
            # renamed while locked: a reader that resolved the old path finds it gone and looks again
            retired = release.with_name(f"{release.name}.retired-{os.getpid()}")
            release.rename(retired)
        finally:
            if lock is not None:
                os.close(lock)
        shutil.rmtree(retired, ignore_errors=True)


def _write(graphs: Sequence[tuple[URIRef, bytes]], folder: Path, jobs: int) -> Release:
    """The database and exports in ``folder``; the database is closed when this returns.

    The documents' N-Quads are read by the bulk loaders as they are, a batch at a time,
    never joined into one copy, and the JSON-LD export is compacted from a file a piece
    at a time (measured at 1M triples: the build's peak memory 1.0 GB, against 2.2 GB
    for joined copies, the JSON-LD compacted in memory and the union loaded at once).
    """
    started = time.perf_counter()
    store = ox.Store(str(folder / DATABASE))
    batches = _batches(graphs, LOAD_BATCH)
    _load(store, [[body for _, body in batch] for batch in batches], ox.RdfFormat.N_QUADS, jobs)
    named = len(store)
    loaded = time.perf_counter()
    # The TriG and JSON-LD exports hold the named graphs only, so they are written before the union is loaded;
    # Oxigraph works without holding the GIL, so the JSON-LD is compacted (in Python) while Oxigraph loads the
    # union and writes the Turtle export.
    expanded = folder / f"{JSONLD_EXPORT}.expanded"
    _export_named_graphs(store, folder, expanded)
    exported = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as writer:
        jsonld = writer.submit(write_jsonld, expanded, folder / JSONLD_EXPORT)
        _load(store, [_union(batch) for batch in batches], ox.RdfFormat.N_TRIPLES, jobs)
        union_loaded = time.perf_counter()
        _export_turtle(store, folder)
        jsonld.result()
    expanded.unlink()
    return Release(
        quads=named, load_seconds=loaded - started + union_loaded - exported, export_seconds=exported - loaded + time.perf_counter() - union_loaded
    )


class _Joined(io.RawIOBase):
    """``parts`` read one after another as one file, each made when reached: no copy of them all is made."""

    def __init__(self, parts: Iterable[bytes]) -> None:
        super().__init__()
        self._parts = iter(parts)
        self._part = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "Buffer") -> int:
        buffer = memoryview(buffer).cast("B")
        while not self._part:
            part = next(self._parts, None)
            if part is None:
                return 0
            self._part = memoryview(part)
        size = min(len(buffer), len(self._part))
        buffer[:size] = self._part[:size]
        self._part = self._part[size:]
        return size


def _union(graphs: Iterable[tuple[URIRef, bytes]]) -> Iterator[bytes]:
    """The named graphs' N-Quads as N-Triples of the default graph, graph by graph (the bulk loader keeps each triple once).

    N-Quads escape line breaks inside literals, so `` <graph> .`` before a real line
    break can only be a line's graph name.
    """
    return (body.replace(f" <{graph}> .\n".encode(), b" .\n") for graph, body in graphs)


# N-Quads given to one bulk load at a time: Oxigraph's bulk loader holds several times what it loads (measured at
# 1M triples: 850 MB loading the 190 MB union at once).
LOAD_BATCH = 64 * 1024 * 1024


def _batches(graphs: Sequence[tuple[URIRef, bytes]], size: int) -> list[list[tuple[URIRef, bytes]]]:
    """``graphs`` in order, in batches of about ``size`` bytes of N-Quads (a larger graph alone)."""
    batches: list[list[tuple[URIRef, bytes]]] = [[]]
    filled = 0
    for graph in graphs:
        if filled and filled + len(graph[1]) > size:
            batches.append([])
            filled = 0
        batches[-1].append(graph)
        filled += len(graph[1])
    return [batch for batch in batches if batch]


def _load(store: ox.Store, batches: Sequence[Iterable[bytes]], format: ox.RdfFormat, jobs: int) -> None:
    """Bulk-load ``batches`` of statements into ``store``, ``jobs`` batches at a time (each read as it is loaded).

    Oxigraph's bulk loader parses on one thread; loaders of disjoint parts run side by
    side (measured at 1M quads on 2 cores: 12.1 s for one, 6.6 s for two, the same quads).
    """
    with ThreadPoolExecutor(max_workers=jobs) as loaders:
        for loaded in [loaders.submit(store.bulk_load, cast(IO[bytes], _Joined(batch)), format=format) for batch in batches]:
            loaded.result()
    store.flush()


def _export_named_graphs(store: ox.Store, folder: Path, expanded: Path) -> None:
    """Write the TriG export (its sink), and the JSON-LD sink's first step, the named graphs in expanded JSON-LD, to
    ``expanded``, for its second, :func:`write_jsonld`, to compact while the union is loaded."""
    # imported here: exports.py reaches this package again (through the remote client and okg.graph.query)
    from okg.graph.store.exports import write_expanded_jsonld

    sink("graph", "trig").write(store, folder / TRIG_EXPORT)
    write_expanded_jsonld(store, expanded)


def _export_turtle(store: ox.Store, folder: Path) -> None:
    # Turtle has no named graphs: the export is the default graph, the union of all documents' graphs.
    sink("graph", "turtle").write(store, folder / TURTLE_EXPORT)


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
                return ox.Literal(str(term), datatype=self.iri(term.datatype))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise TypeError(f"cannot store {term!r}")

    def iri(self, term: URIRef) -> ox.NamedNode:
        """An IRI (a predicate, a graph name, a datatype)."""
        found = self(term)
        assert isinstance(found, ox.NamedNode)
        return found

    def resource(self, term: Node) -> ox.NamedNode | ox.BlankNode:
        """A subject: an IRI or a blank node."""
        found = self(term)
        if isinstance(found, ox.Literal):
            raise TypeError(f"a literal cannot be a subject: {term!r}")
        return found


def previous_release(target: Path) -> Path:
    """Where the release a build replaced is kept with --keep-previous (``.okg`` -> ``.okg.previous``, a pointer too)."""
    return target.with_name(target.name + PREVIOUS_SUFFIX)


class HeldRelease:
    """A release of the store held open for reading: no build deletes it until :meth:`close` (or the process ends)."""

    def __init__(self, path: Path, lock: int | None) -> None:
        self.path = path
        self._lock = lock

    def close(self) -> None:
        """Let builds delete the release again."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> "HeldRelease":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def hold_release(target: Path) -> HeldRelease:
    """The release the store at ``target`` points to now, held for reading."""
    for _ in range(100):
        path = Path(os.path.realpath(target))
        if not path.exists() and target.is_symlink():
            continue  # pruned between reading the pointer and arriving: read the pointer again
        if not (path / DATABASE).is_dir():
            raise StoreError(f"{target}: no okg store here; run `okg build` first (or pass --store)")
        try:
            lock = os.open(path / READERS, os.O_RDONLY)
        except FileNotFoundError:
            if path.exists():
                return HeldRelease(path, None)  # a store from before releases were versioned: nothing deletes it
            continue  # retired since we looked
        fcntl.flock(lock, fcntl.LOCK_SH)
        try:
            still_there = os.stat(path / READERS).st_ino == os.fstat(lock).st_ino
        except FileNotFoundError:
            still_there = False
        if still_there:
            return HeldRelease(path, lock)
        os.close(lock)  # retired while we waited for the lock: read the pointer again
    raise StoreError(f"{target}: the store kept changing while it was being opened; try again")


# Releases this process has opened with open_store, held until it exits: an Oxigraph store cannot tell
# when it is closed (no weak references), and a release deleted under an open store corrupts its reads.
_OPEN: dict[Path, HeldRelease] = {}


def open_store(target: Path) -> ox.Store:
    """The store at ``target``, read-only; its release is held until this process exits."""
    held = hold_release(target)
    if held.path in _OPEN:
        held.close()
    else:
        _OPEN[held.path] = held
    try:
        return ox.Store.read_only(str(held.path / DATABASE))
    except (OSError, RuntimeError) as error:
        raise StoreError(f"{target}: cannot open the store ({error})") from None


@contextmanager
def reading_store(target: Path) -> Iterator[ox.Store]:
    """The store at ``target``, read-only, held only while the ``with`` block runs (the block must not keep it)."""
    with hold_release(target) as held:
        try:
            database = ox.Store.read_only(str(held.path / DATABASE))
        except (OSError, RuntimeError) as error:
            raise StoreError(f"{target}: cannot open the store ({error})") from None
        try:
            yield database
        finally:
            del database  # closed once nothing refers to it, before the release may be deleted
