"""The graph of a store written out (the sinks of kind ``graph``): TriG, N-Quads and JSON-LD hold each document's
named graph, Turtle their union; the Graph Store Protocol upload puts each named graph on a server.

`okg export` writes any of them from any backend (a server's graph saved as a release's TriG, for instance), and a
build writes its release's TriG and Turtle exports with them. Each writes to a stream or to a file's path (Oxigraph
then writes the file without holding Python's lock).
"""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from okg.graph.namespaces import EXPORT_PREFIXES
from okg.graph.store.jsonld import write_jsonld as compact_jsonld
from okg.graph.store.remote import publish

Output = IO[bytes] | Path


def _named_graphs(store: ox.Store) -> Iterator[ox.Quad]:
    """The statements of the named graphs (a store's default graph is their union, written only as Turtle)."""
    return (quad for quad in store.quads_for_pattern(None, None, None, None) if not isinstance(quad.graph_name, ox.DefaultGraph))


def _has_union(store: ox.Store) -> bool:
    """Whether the store's default graph holds statements (a release being written has none until its union is loaded)."""
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def _write_named_graphs(store: ox.Store, out: Output, form: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
    if _has_union(store):  # the named graphs only: read a statement at a time, in Python
        ox.serialize(_named_graphs(store), out, format=form, prefixes=prefixes)
    else:  # the whole store, by Oxigraph alone
        store.dump(out, format=form, prefixes=prefixes)


def write_trig(store: ox.Store, out: Output) -> None:
    """Every named graph, in TriG."""
    _write_named_graphs(store, out, ox.RdfFormat.TRIG, EXPORT_PREFIXES)


def write_nquads(store: ox.Store, out: Output) -> None:
    """Every named graph, in N-Quads (a statement a line: for line tools and bulk loaders)."""
    _write_named_graphs(store, out, ox.RdfFormat.N_QUADS)


def write_turtle(store: ox.Store, out: Output) -> None:
    """The union of all documents' graphs (the default graph), in Turtle."""
    store.dump(out, format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=EXPORT_PREFIXES)


def write_jsonld(store: ox.Store, out: Output) -> None:
    """Every named graph, in JSON-LD, names compacted by okg's prefixes (graph/store/jsonld.py): written expanded by
    :func:`write_expanded_jsonld`, then compacted.

    A build takes the two steps itself: it loads the union between them, while the JSON-LD is compacted
    (graph/store/__init__.py)."""
    with tempfile.TemporaryDirectory(prefix="okg-jsonld-") as folder:
        expanded, compacted = Path(folder) / "expanded.jsonld", Path(folder) / "okg.jsonld"
        write_expanded_jsonld(store, expanded)
        compact_jsonld(expanded, out if isinstance(out, Path) else compacted)
        if not isinstance(out, Path):
            with compacted.open("rb") as written:
                shutil.copyfileobj(written, out)


def write_expanded_jsonld(store: ox.Store, path: Path) -> None:
    """Every named graph in Oxigraph's JSON-LD, every name a full IRI: the JSON-LD sink's first step."""
    _write_named_graphs(store, path, ox.RdfFormat.JSON_LD)


def put_graph_store(store: ox.Store, url: str) -> None:
    """PUT every named graph to the Graph Store Protocol endpoint ``url``, each replacing its previous version."""
    graphs = sorted((graph for graph in store.named_graphs() if isinstance(graph, ox.NamedNode)), key=lambda graph: graph.value)
    quads = [ox.serialize(store.quads_for_pattern(None, None, None, graph), format=ox.RdfFormat.N_QUADS) or b"" for graph in graphs]
    publish(
        [(URIRef(graph.value), statements) for graph, statements in zip(graphs, quads)],
        url,
    )
