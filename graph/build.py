"""Building the knowledge graph: manifest -> loaders -> builders -> store and exports."""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import PROV, RDF

from graph import iris
from graph.builders import BUILDERS
from graph.builders.mentions import DocumentGraphs
from graph.check import check_store
from graph.corpus import CorpusDocument, read_manifest
from graph.errors import CheckFailed
from graph.namespaces import OKG, PREFIXES, compact
from graph.resolution import Resolver
from graph.resources import ontology_files
from graph.store import write_release
from loaders import LOADERS
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
    failed: list[DocumentProblem] = field(default_factory=list)
    unresolved_units: list[DocumentProblem] = field(default_factory=list)
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
    check: bool = False,
) -> BuildSummary:
    """Read every document the manifest lists and write the store at ``store``.

    A document that cannot be read is reported in the summary and left out; the
    others are built. ``on_document`` is called as each document is started.
    With ``check``, the new graph is validated before it replaces the old store,
    and a graph with violations is refused (:class:`CheckFailed`).
    """
    started = time.perf_counter()
    documents = read_manifest(manifest)
    summary = BuildSummary(store=store)
    ontology = load_ontology()
    resolver = Resolver.from_ontology(ontology)

    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    ontology_graph = dataset.graph(iris.ONTOLOGY_GRAPH)
    ontology_graph += ontology

    for document in documents:
        if on_document:
            on_document(document)
        if document.family not in LOADERS:
            known = ", ".join(sorted(LOADERS))
            summary.failed.append(
                DocumentProblem(document.id, f"{document.path}: unknown family {document.family!r} (known: {known})")
            )
            continue
        try:
            extracted = _extract(document, resolver)
        except SourceError as error:
            summary.failed.append(DocumentProblem(document.id, str(error)))
            continue
        stated = dataset.graph(iris.named_graph(document.id))
        stated += extracted.stated
        inferred = dataset.graph(iris.inferred_graph(document.id))
        inferred += extracted.inferred
        summary.built.append(document.id)
        summary.entities.update(compact(str(kind)) for kind in extracted.stated.objects(None, RDF.type))
        summary.entities.update(compact(str(kind)) for kind in extracted.inferred.objects(None, RDF.type))
        summary.unresolved_units += _unresolved_units(document, extracted.stated)

    summary.triples = write_release(
        dataset.serialize(format="nquads", encoding="utf-8"), store, accept=_refuse_violations if check else None
    )
    summary.seconds = time.perf_counter() - started
    return summary


def _extract(document: CorpusDocument, resolver: Resolver) -> DocumentGraphs:
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
    graphs = DocumentGraphs(stated=Graph(), inferred=Graph())
    BUILDERS[document.family](graphs, document, records, resolver)
    return graphs


def _unresolved_units(document: CorpusDocument, graph: Graph) -> list[DocumentProblem]:
    """Unit names that matched no unit of the registry, with the line they stand on."""
    problems = []
    for node, name in sorted(graph.subject_objects(OKG.unresolvedUnitName)):
        lines = sorted(int(line) for span in graph.objects(node, PROV.wasDerivedFrom) for line in graph.objects(span, OKG.startLine))
        where = f"{document.path}:{lines[0]}" if lines else str(document.path)
        problems.append(DocumentProblem(document.id, f"{where}: unit name {str(name)!r} matches no unit of the registry"))
    return problems



def _refuse_violations(staging: Path) -> None:
    """Refuse a release whose graph has violations."""
    report = check_store(staging)
    if report.fails("Violation"):
        raise CheckFailed(report, f"the check found {report.count('Violation')} violation(s); the release was not written")
