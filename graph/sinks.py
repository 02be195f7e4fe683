"""Every output format okg writes, found by name in one registry: the entry points of the group ``okg.sinks``.

An entry point is named ``KIND.NAME`` and points at a writer with one signature, ``write(subject, destination)``:
the subject is what the kind writes, and the destination a binary stream (or, for a sink that uploads, a URL).

- ``graph``: the graph of a store (an Oxigraph store, named graphs and their union): TriG, Turtle, JSON-LD,
  N-Quads, and the Graph Store Protocol upload (destination: the server's URL);
- ``network``: the entity network (a NetworkX graph): GraphML, its nodes and its edges as CSV;
- ``findings``: a check report: text, JSON, the SHACL validation report in Turtle;
- ``results``: a query's results: a table, CSV, TSV, SPARQL results JSON and XML;
- ``triples``: the graph a CONSTRUCT or DESCRIBE query gives: Turtle, N-Triples, RDF/XML, JSON-LD;
- ``changes``: the differences between two releases: text, JSON, Markdown;
- ``page``: a view of the graph as one HTML page.

A new format is a writer in the module of its kind and one line in pyproject.toml's ``[project.entry-points."okg.sinks"]``.
A writer marked with :func:`answers` names the media types it answers, and the SPARQL endpoint offers it to clients.
Writers are imported when first used: the check's load pySHACL, the page's its scripts, and a command pays only for its own.
"""

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar, cast

from okg.errors import UsageProblem

if TYPE_CHECKING:
    from rich.console import Console

# A stream, a file's path (for the writers that take one: the graph's), or a server's URL (for an upload).
Destination = IO[bytes] | Path | str
Writer = Callable[[Any, Destination], None]

KINDS = ("graph", "network", "findings", "results", "triples", "changes", "page")


class _Answering(Protocol):
    media_types: tuple[str, ...]


W = TypeVar("W", bound=Callable[..., None])


def answers(*media_types: str) -> Callable[[W], W]:
    """Mark a writer with the media types it answers, its own first (the label of its answers) and then the aliases
    clients also send (``application/json`` for SPARQL results JSON)."""

    def mark(writer: W) -> W:
        cast(_Answering, writer).media_types = media_types
        return writer

    return mark


@dataclass(frozen=True)
class Sink:
    """One output format: what it writes (its kind), its name as users choose it, and its writer."""

    kind: str
    name: str
    entry: EntryPoint  # imported when first written: its module's import is cached

    def write(self, subject: object, destination: Destination) -> None:
        """Write ``subject`` to ``destination`` in this format."""
        writer: Writer = self.entry.load()
        writer(subject, destination)

    @property
    def media_types(self) -> tuple[str, ...]:
        """The media types this format answers over HTTP, its own first; none for a format written only by okg's commands."""
        return tuple(getattr(self.entry.load(), "media_types", ()))


@cache
def _registered() -> tuple[Sink, ...]:
    found = []
    for entry in entry_points(group="okg.sinks"):
        kind, _, name = entry.name.partition(".")
        found.append(Sink(kind, name, entry))
    return tuple(sorted(found, key=lambda sink: (KINDS.index(sink.kind) if sink.kind in KINDS else len(KINDS), sink.kind)))


def sinks(kind: str | None = None) -> tuple[Sink, ...]:
    """The registered sinks, of ``kind`` only if given, in the order of :data:`KINDS` and then as registered."""
    return tuple(sink for sink in _registered() if kind is None or sink.kind == kind)


def names(kind: str) -> tuple[str, ...]:
    """The names of the formats of ``kind`` (for a ``--format`` choice)."""
    return tuple(sink.name for sink in sinks(kind))


def sink(kind: str, name: str) -> Sink:
    """The sink writing ``kind`` as ``name``."""
    for found in sinks(kind):
        if found.name == name:
            return found
    raise UsageProblem(f"no {kind} format named {name!r} (known: {', '.join(names(kind)) or 'none'})")


@contextmanager
def text_console(out: IO[bytes]) -> Iterator["Console"]:
    """A rich console writing UTF-8 text into the binary stream ``out`` (left open), for the writers meant for reading."""
    from rich.console import Console  # only the writers for reading need it, not every module that finds a sink

    text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    try:
        yield Console(file=text, soft_wrap=True)
    finally:
        text.flush()
        text.detach()  # ``out`` stays open for its owner
