"""Building the knowledge graph: manifest -> loaders -> builders -> store and exports."""

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from rdflib.term import Node

from okg.errors import CheckFailed, DocumentFailed, OkgError, SourceError, StoreError
from okg.graph.analytics.diff import ReleaseDiff, ReleaseFacts, diff_releases, read_release
from okg.graph.build import iris
from okg.graph.build.builders.coverage import describe_coverage
from okg.graph.build.builders.triples import DocumentGraphs, Triple
from okg.graph.build.corpus import CorpusDocument, documents_from_files, read_manifest
from okg.graph.build.families import FAMILIES, loaders
from okg.graph.build.resolution import Resolver
from okg.graph.build.status_history import Assessment, dated_assessments, history_triples
from okg.graph.check import CheckReport, check_store
from okg.graph.check.findings import as_json, summary_line
from okg.graph.lifeline import die_with_parent
from okg.graph.namespaces import ID, OKG, compact
from okg.graph.resources import ontology_files
from okg.graph.store import DATABASE, FINDINGS, TermConverter, n_quads
from okg.graph.store.backends import Backend, EmbeddedStore, SparqlServer, StoreLike, open_backend
from okg.loaders.coverage import Coverage, coverage
from okg.loaders.detection import detect_family
from okg.loaders.notes import Note
from okg.loaders.readers import read_document
from okg.loaders.readers.model import Document


@dataclass(frozen=True)
class DocumentProblem:
    """A document that was skipped or could not be read, and why."""

    document_id: str
    message: str


@dataclass
class BuildSummary:
    """What a build did."""

    store: Path  # the embedded store written (or kept); see ``server`` for a build into a server
    server: str | None = None  # the SPARQL server the graph was loaded into, instead of the embedded store
    built: list[str] = field(default_factory=list)
    failed: list[DocumentProblem] = field(default_factory=list)
    unresolved_units: list[DocumentProblem] = field(default_factory=list)
    # per document: the family found from the content, the share of the text that became facts
    # and the blocks not understood, values kept as printed, text left out as no part of the document
    notes: list[DocumentProblem] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)  # nodes by class, each node once however many documents state it
    triples: int = 0
    seconds: float = 0.0
    parse_seconds: float = 0.0  # reading and parsing the texts (loaders), summed over documents
    graph_seconds: float = 0.0  # resolving names and making triples (builders), summed over documents
    load_seconds: float = 0.0  # loading the store (or the server)
    export_seconds: float = 0.0  # writing the TriG and Turtle exports
    changes: ReleaseDiff | None = None  # against the store this build replaced; None when there was none
    written: bool = True  # False when no document could be read: the previous store (or server) was left as it was
    check: str | None = None  # the check's one-line total, when the build ran it


def load_ontology() -> Graph:
    """The ontology and vocabularies shipped with okg, as one graph."""
    ontology = Graph()
    for resource in ontology_files():
        ontology.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return ontology


def build_corpus(
    manifest: Path | None,
    store: Path | Backend,
    on_document: Callable[[CorpusDocument], None] | None = None,
    check: bool = False,
    strict: bool = False,
    graph_store: str | None = None,
    jobs: int | None = None,
    keep_previous: bool = False,
    files: list[Path] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Read every document the manifest lists and write the graph where ``store`` says (a folder, a server's URL or a backend).

    A document that cannot be read is reported in the summary and left out; the
    others are built. With ``strict``, the first such document stops the build
    (:class:`DocumentFailed`) and nothing is written. ``on_start`` is called first
    with the number of documents, ``on_document`` as each document is done. With
    ``check``, the new graph is validated before it replaces the old store, and a
    graph with violations is refused (:class:`CheckFailed`); ``summary.check`` says its total.
    When no document could be read, nothing is written (``summary.written`` is False).
    Into a server (``store`` its SPARQL endpoint, or ``graph_store`` its Graph Store Protocol
    URL), each named graph is loaded replacing its previous version, instead of the embedded store.
    ``jobs`` worker processes read the documents and as many threads load the store
    (default: one per core; a corpus of fewer than :data:`PARALLEL_FROM` documents
    is read in this process). The summary lists the changes against the store
    replaced (:mod:`graph.diff`); ``keep_previous`` keeps that store beside the new one.
    With ``files``, those files are built without a manifest, each one's family
    found from its content.
    """
    started = time.perf_counter()
    target = _build_target(store, graph_store)
    # Callers give a manifest or files (the command line, the tests); the cast says so without checking it here.
    documents = documents_from_files(files) if files else read_manifest(cast(Path, manifest))
    if on_start:
        on_start(len(documents))
    summary = BuildSummary(
        store=Path(target.location) if isinstance(target, EmbeddedStore) else Path(),
        server=target.location if isinstance(target, SparqlServer) else None,
    )
    ontology = load_ontology()
    resolver = Resolver.from_ontology(ontology)

    graphs: list[tuple[URIRef, bytes]] = [(iris.ONTOLOGY_GRAPH, n_quads(iris.ONTOLOGY_GRAPH, ontology, TermConverter()))]
    shared: set[Triple] = set()
    assessments: list[Assessment] = []
    entities: set[tuple[str, str]] = set()
    for document, extracted in zip(documents, _extract_all(documents, resolver, jobs)):
        if on_document:
            on_document(document)
        if isinstance(extracted, DocumentProblem):
            summary.failed.append(extracted)
            if strict:
                raise DocumentFailed(extracted.message)
            continue
        graphs += [(extracted.graph, extracted.stated), (extracted.inferred_graph, extracted.inferred)]
        shared |= extracted.shared
        assessments += extracted.assessments
        summary.built.append(document.id)
        entities |= extracted.entities
        summary.unresolved_units += extracted.unresolved_units
        summary.notes += extracted.notes
        summary.parse_seconds += extracted.parse_seconds
        summary.graph_seconds += extracted.graph_seconds

    summary.entities = Counter(kind for kind, _ in entities)
    graphs.append((iris.SHARED_GRAPH, n_quads(iris.SHARED_GRAPH, shared, TermConverter())))
    graphs.append((iris.STATUS_HISTORY_GRAPH, n_quads(iris.STATUS_HISTORY_GRAPH, history_triples(assessments), TermConverter())))
    if not summary.built:  # an ontology-only graph would replace a good store with nothing
        summary.written = False
        summary.seconds = time.perf_counter() - started
        return summary
    previous = _previous_facts(target.folder) if isinstance(target, EmbeddedStore) else None

    def refuse_violations(staging: Path | ox.Store) -> None:
        summary.check = summary_line(_refuse_violations(staging))

    written = target.write(graphs, accept=refuse_violations if check else None, jobs=jobs, keep_previous=keep_previous)
    summary.triples, summary.load_seconds, summary.export_seconds = written.quads, written.load_seconds, written.export_seconds
    if previous is not None:
        summary.changes = diff_releases(previous, read_release(summary.store))
    summary.seconds = time.perf_counter() - started
    return summary


# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM = 20


def _extract_all(documents: list[CorpusDocument], resolver: Resolver, jobs: int | None) -> Iterator["ExtractedDocument | DocumentProblem"]:
    """Each document's graphs, in manifest order; in worker processes when the corpus is large."""
    jobs = jobs or os.cpu_count() or 1
    extract = partial(_extract_document, resolver=resolver)
    if jobs == 1 or len(documents) < PARALLEL_FROM:
        yield from map(extract, documents)
        return
    # Workers end with the build, even a killed one (which cannot shut its pool down).
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)) as workers:
        try:
            yield from workers.map(extract, documents, chunksize=max(1, min(16, len(documents) // (4 * jobs))))
        finally:  # a strict build that stops early must not wait for the rest
            workers.shutdown(wait=True, cancel_futures=True)


@dataclass
class ExtractedDocument:
    """One document's graphs as N-Quads, and what the summary says about them."""

    graph: URIRef
    stated: bytes
    inferred_graph: URIRef
    inferred: bytes
    shared: set[Triple]  # facts about cited documents and standards, stored once for all documents
    assessments: list[Assessment]  # the status assessments it states, for the status history over all documents
    entities: set[tuple[str, str]]  # (class, node): a node two documents state is one entity
    unresolved_units: list[DocumentProblem]
    notes: list[DocumentProblem]
    parse_seconds: float
    graph_seconds: float


def _extract_document(document: CorpusDocument, resolver: Resolver) -> ExtractedDocument | DocumentProblem:
    """One document's triples, built apart so a failure leaves nothing behind (and crosses processes as a value)."""
    try:
        parse_seconds, graph_seconds, (all_stated, inferred), notes = _extract(document, resolver)
    except SourceError as error:
        return DocumentProblem(document.id, str(error))
    shared: set[Triple] = set()
    stated = _move_shared(all_stated, shared)
    entities = {(compact(str(o)), str(s)) for triples in (stated, inferred, shared) for s, p, o in triples if p == RDF.type}
    terms = TermConverter()
    graph, inferred_graph = iris.named_graph(document.id), iris.inferred_graph(document.id)
    return ExtractedDocument(
        graph=graph,
        stated=n_quads(graph, stated, terms),
        inferred_graph=inferred_graph,
        inferred=n_quads(inferred_graph, inferred, terms),
        shared=shared,
        assessments=dated_assessments(stated),
        entities=entities,
        unresolved_units=_unresolved_units(document, stated),
        notes=[DocumentProblem(document.id, note) for note in notes],
        parse_seconds=parse_seconds,
        graph_seconds=graph_seconds,
    )


def _extract(document: CorpusDocument, resolver: Resolver) -> tuple[float, float, tuple[set[Triple], set[Triple]], list[str]]:
    """Read, parse and build one document; return the seconds parsing and building took, its graphs (what its text
    states, what okg infers from it) and its notes."""
    source = str(document.path)
    if document.family is not None and document.family not in FAMILIES:
        raise SourceError(source, f"unknown family {document.family!r} (known: {', '.join(sorted(FAMILIES))})")
    started = time.perf_counter()
    notes: list[str] = []
    try:
        model = read_document(document.path)
        if document.family is None:
            detection = detect_family(model, loaders())
            records = detection.records
            family = detection.family
            document = replace(document, family=family)
            notes.append(f"family {detection.family}, found from the content: {detection.reason}")
        else:
            family = document.family
            records = FAMILIES[family].read(model)
        document = document.completed(records.described())
        parsed = time.perf_counter()
        stated: set[Triple] = set()
        inferred: set[Triple] = set()
        graphs = DocumentGraphs(stated=stated, inferred=inferred)
        FAMILIES[family].build(graphs, document, records, resolver)
        understood = coverage(model, records)
        describe_coverage(stated, document, understood)
    except SourceError:
        raise
    except Exception as error:  # a loader bug must cost this document only, and say where
        raise SourceError(source, f"could not be read as {document.family or 'a document'} ({type(error).__name__}: {error})") from error
    notes += _reading_notes(model, records, understood)
    notes += [_noted(model.source, note) for note in graphs.notes]
    return parsed - started, time.perf_counter() - parsed, (stated, inferred), notes


def _reading_notes(model: Document, records: object, understood: Coverage) -> list[str]:
    """What the summary says about how a document was read: coverage, values kept as printed, debris left out."""
    notes = [
        f"{understood.share:.0%} of the text became facts"
        + (f"; not understood: {'; '.join(span.where() for _, span in understood.not_understood)}" if understood.not_understood else "")
    ]
    notes += [_noted(model.source, note) for note in getattr(records, "notes", ())]
    notes += [f"left out as no part of the text ({span.where()}): {words[:60]!r}" for words, span in model.debris]
    return notes


def _noted(source: str, note: Note) -> str:
    """A loader's or builder's note as the summary prints it: the file, its line when it has one, the message."""
    return f"{source}:{note.span.first}: {note.message}" if note.span else f"{source}: {note.message}"


_STANDARDS = f"{ID}standard/"
_SHARED_FACTS = {RDF.type, DCTERMS.identifier, RDFS.label, DCTERMS.title, OKG.standardNumber, OKG.adoptionYear, OKG.instrumentType}


def _move_shared(triples: set[Triple], shared: set[Triple]) -> set[Triple]:
    """Move what describes documents known by symbol and labour standards into ``shared``.

    Many documents cite GB.337/PFA/11 or name Convention No. 190; if each document's
    graph described them again, a query over the union of graphs would meet each
    fact once per citing document (measured: a 140-fold blow-up at 100 documents).
    The citation itself, and where it was read, stay in the citing document's graph.
    """
    own = {s for s, p, o in triples if p == OKG.family}
    described = {s for s, p, o in triples if p == DCTERMS.identifier} - own
    moved = {t for t in triples if t[1] in _SHARED_FACTS and (t[0] in described or str(t[0]).startswith(_STANDARDS))}
    shared |= moved
    return triples - moved


def _unresolved_units(document: CorpusDocument, triples: set[Triple]) -> list[DocumentProblem]:
    """Unit names that matched no unit of the registry, with the line they stand on."""
    unresolved = sorted((s, o) for s, p, o in triples if p == OKG.unresolvedUnitName)
    if not unresolved:
        return []
    spans: dict[Node, list[int]] = {s: [] for s, _ in unresolved}
    starts = {s: int(str(o)) for s, p, o in triples if p == OKG.startLine}  # str(o): its text, as int(o) reads it
    for s, p, o in triples:
        if p == PROV.wasDerivedFrom and s in spans and o in starts:
            spans[s].append(starts[o])
    problems = []
    for node, name in unresolved:
        lines = sorted(spans[node])
        where = f"{document.path}:{lines[0]}" if lines else str(document.path)
        problems.append(DocumentProblem(document.id, f"{where}: unit name {str(name)!r} matches no unit of the registry"))
    return problems


def _previous_facts(store: Path) -> ReleaseFacts | None:
    """What the store about to be replaced says, to count the changes against it; None when there is none."""
    if not (store / DATABASE).is_dir():
        return None
    try:
        return read_release(store)
    except OkgError:  # a store that cannot be read is replaced all the same; there is nothing to compare with
        return None


def _build_target(store: StoreLike | str, graph_store: str | None) -> Backend:
    """Where a build writes: ``store``, or the server whose Graph Store Protocol URL is ``graph_store``."""
    if isinstance(store, ox.Store):
        raise StoreError("a build writes a store folder or a server, not an open store")
    target = open_backend(store)
    if graph_store:  # the server's query endpoint stays known when --store names it
        target = SparqlServer(target.endpoint if isinstance(target, SparqlServer) else None, graph_store)
    target.ensure_writable()  # said before the documents are read, not after
    return target


def _refuse_violations(staging: Path | ox.Store) -> CheckReport:
    """Refuse a release whose graph has violations; save the findings of one accepted (okg diff compares them)."""
    report = check_store(staging)
    if report.fails("Violation"):
        raise CheckFailed(report, f"the check found {report.count('Violation')} violation(s); the release was not written")
    if isinstance(staging, Path):  # a release folder keeps its findings; a server has no place for them
        (staging / FINDINGS).write_text(as_json(report), encoding="utf-8")
    return report
