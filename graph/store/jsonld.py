"""The JSON-LD export (okg.jsonld): every document's named graph, its names compacted by okg's context.

Oxigraph writes JSON-LD fast but expanded: every name a full IRI. A JSON-LD
processor (rdflib, pyld) compacts it in minutes at a million triples. okg's
context only declares prefixes, so compacting is rewriting each IRI that starts
with a namespace as ``prefix:rest``, and that is done on Oxigraph's text itself,
at byte-replace speed: Oxigraph writes no whitespace, so an IRI is a JSON string
right after ``{"`` or ``,"`` (a property), or after ``"@id":"`` or ``"@type":"``
(a node, a graph or a datatype); a literal is after ``"@value":"`` and is never
touched, and no string can hold those openings unescaped.
"""

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from okg.graph.namespaces import PREFIXES

# Prefixes only: no term changes how a value is read, so the document means exactly what its expanded form means.
CONTEXT: dict[str, str] = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#"}
_OPENINGS = (b'{"', b',"', b'"@id":"', b'"@type":"')  # what comes right before an IRI in Oxigraph's JSON-LD
# A longer namespace first: it may start with a shorter one.
_BY_LENGTH = [(prefix.encode(), namespace.encode()) for prefix, namespace in sorted(CONTEXT.items(), key=lambda pair: -len(pair[1]))]


def compact(expanded: bytes, whole: frozenset[bytes] | None = None) -> bytes:
    """Oxigraph's expanded JSON-LD with every IRI a prefix of :data:`CONTEXT` fits written as a compact IRI.

    An IRI equal to a namespace, or whose rest starts with ``//``, must stay whole
    (JSON-LD would read ``okg:`` as the bare term and ``okg://x`` as an absolute
    IRI): where one occurs, that namespace is left whole at that opening. ``whole``:
    those openings with their namespace, when ``expanded`` is a piece of a document
    (:func:`kept_whole` of the document); by default, found in ``expanded``.
    """
    if whole is None:
        whole = kept_whole([expanded])
    compacted = expanded
    for prefix, namespace in _BY_LENGTH:
        for opening in _OPENINGS:
            if opening + namespace not in whole:
                compacted = compacted.replace(opening + namespace, opening + prefix + b":")
    return compacted


def kept_whole(pieces: Iterable[bytes]) -> frozenset[bytes]:
    """The openings with a namespace (``"@id":"https://w3id.org/okg/vocab/``) that :func:`compact` leaves whole in the
    document made of ``pieces``: those a bare namespace or a ``//`` follows somewhere in it."""
    found: set[bytes] = set()
    for piece in pieces:
        found |= {
            opening + namespace
            for _, namespace in _BY_LENGTH
            for opening in _OPENINGS
            if opening + namespace + b'"' in piece or opening + namespace + b"//" in piece
        }
    return frozenset(found)


_PIECE = 1 << 24  # bytes read at a time


def pieces(expanded: BinaryIO, size: int = _PIECE) -> Iterator[bytes]:
    """The text of ``expanded`` in pieces of about ``size`` bytes, each ending right after a ``}``: no opening with a
    namespace, nor what :func:`compact` writes for it, holds a ``}``, so none is cut between two pieces."""
    rest = b""
    while block := expanded.read(size):
        text = rest + block
        end = text.rfind(b"}") + 1
        yield text[:end]
        rest = text[end:]
    yield rest


def write_jsonld(expanded: Path, path: Path) -> None:
    """Write Oxigraph's expanded JSON-LD of the named graphs (``store.dump(format=JSON_LD)``), read from the file
    ``expanded``, to ``path``, compacted: a piece at a time (the whole took three copies of itself in memory)."""
    with expanded.open("rb") as source:
        whole = kept_whole(pieces(source))
    with expanded.open("rb") as source, path.open("wb") as out:
        out.write(b'{"@context":' + json.dumps(CONTEXT).encode() + b',"@graph":')
        empty = True
        for piece in pieces(source):
            out.write(compact(piece, whole))
            empty = empty and not piece
        if empty:  # Oxigraph writes nothing for a store without named graphs
            out.write(b"[]")
        out.write(b"}\n")
