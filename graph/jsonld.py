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
from pathlib import Path

from okg.graph.namespaces import PREFIXES

# Prefixes only: no term changes how a value is read, so the document means exactly what its expanded form means.
CONTEXT: dict[str, str] = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#"}
_OPENINGS = (b'{"', b',"', b'"@id":"', b'"@type":"')  # what comes right before an IRI in Oxigraph's JSON-LD


def compact(expanded: bytes) -> bytes:
    """Oxigraph's expanded JSON-LD with every IRI a prefix of :data:`CONTEXT` fits written as a compact IRI.

    An IRI equal to a namespace, or whose rest starts with ``//``, must stay whole
    (JSON-LD would read ``okg:`` as the bare term and ``okg://x`` as an absolute
    IRI): where one occurs, that namespace is left whole at that opening.
    """
    compacted = expanded
    for prefix, namespace in sorted(CONTEXT.items(), key=lambda pair: -len(pair[1])):  # a longer namespace first
        for opening in _OPENINGS:
            whole = opening + namespace.encode()
            if whole + b'"' in expanded or whole + b"//" in expanded:
                continue
            compacted = compacted.replace(whole, opening + prefix.encode() + b":")
    return compacted


def write_jsonld(expanded: bytes, path: Path) -> None:
    """Write Oxigraph's expanded JSON-LD of the named graphs (``store.dump(format=JSON_LD)``) to ``path``, compacted."""
    with path.open("wb") as out:
        out.write(b'{"@context":' + json.dumps(CONTEXT).encode() + b',"@graph":')
        out.write(compact(expanded) or b"[]")
        out.write(b"}\n")
