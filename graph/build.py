"""Building the knowledge graph: manifest -> loaders -> builders -> store and exports."""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from graph import iris
from graph.builders import BUILDERS
from graph.corpus import CorpusDocument, read_manifest
from graph.namespaces import PREFIXES, compact
from graph.resources import ontology_files
from graph.store import write_release
from graph.vocabularies import Vocabularies
from loaders import LOADERS, PLANNED_FAMILIES
from loaders.errors import SourceError


@dataclass(frozen=True)
class DocumentProblem:
    """A document that was skipped or could not be read, and why."""

    document_id: str
    message: str


@dataclass
class BuildSummary:
    """What a build did."""

    store: Path
    built: list[str] = field(default_factory=list)
    skipped: list[DocumentProblem] = field(default_factory=list)
    failed: list[DocumentProblem] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    seconds: float = 0.0


def load_ontology() -> Graph:
    """The ontology and vocabularies shipped with okg, as one graph."""
    ontology = Graph()
    for resource in ontology_files():
        ontology.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return ontology


def build_corpus(
    manifest: Path,
    store: Path,
    on_document: Callable[[CorpusDocument], None] | None = None,
) -> BuildSummary:
    """Read every document the manifest lists and write the store at ``store``.

    A document that cannot be read is reported in the summary and left out; the
    others are built. ``on_document`` is called as each document is started.
    """
    started = time.perf_counter()
    documents = read_manifest(manifest)
    summary = BuildSummary(store=store)
    ontology = load_ontology()
    vocabularies = Vocabularies(ontology)

    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    ontology_graph = dataset.graph(iris.ONTOLOGY_GRAPH)
    ontology_graph += ontology

    for document in documents:
        if on_document:
            on_document(document)
        if document.family in PLANNED_FAMILIES:
            summary.skipped.append(DocumentProblem(document.id, f"no loader yet for family {document.family!r}"))
            continue
        if document.family not in LOADERS:
            known = ", ".join(sorted(LOADERS))
            summary.failed.append(
                DocumentProblem(document.id, f"{document.path}: unknown family {document.family!r} (known: {known})")
            )
            continue
        try:
            extracted = _extract(document, vocabularies)
        except SourceError as error:
            summary.failed.append(DocumentProblem(document.id, str(error)))
            continue
        named = dataset.graph(iris.named_graph(document.id))
        named += extracted
        summary.built.append(document.id)
        summary.entities.update(compact(str(kind)) for kind in extracted.objects(None, RDF.type))

    summary.triples = write_release(dataset.serialize(format="nquads", encoding="utf-8"), store)
    summary.seconds = time.perf_counter() - started
    return summary


def _extract(document: CorpusDocument, vocabularies: Vocabularies) -> Graph:
    """One document's triples, built apart so a failure leaves nothing behind."""
    try:
        text = document.path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(str(document.path), "file not found") from None
    except UnicodeDecodeError as error:
        raise SourceError(str(document.path), f"not UTF-8 text (byte {error.start}: {error.reason})") from None
    except OSError as error:
        raise SourceError(str(document.path), f"cannot read the file ({error.strerror})") from None
    records = LOADERS[document.family](text, str(document.path))
    graph = Graph()
    BUILDERS[document.family](graph, document, records, vocabularies)
    return graph

