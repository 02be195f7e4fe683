"""Consistency checks before publication: the shapes in shapes/ run with pySHACL over the graph."""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS

from graph import prepared_queries
from graph.candidates import candidates
from graph.namespaces import OKG, compact
from graph.resources import shape_files
from graph.store import open_store

prepared_queries.install()

SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One validation result, in the words an editor acts on."""

    severity: str  # Violation, Warning or Info
    rule: str  # the shape's label
    message: str
    focus: str  # the focus node's IRI
    label: str  # the focus node's readable label
    document: str | None  # the source document's IRI
    document_label: str | None
    lines: tuple[int, int] | None
    path: str | None
    value: str | None


@dataclass
class CheckReport:
    """All findings of one check, and the standard sh:ValidationReport they came from."""

    findings: list[Finding] = field(default_factory=list)
    report: Graph = field(default_factory=Graph)
    nodes: int = 0
    seconds: float = 0.0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str = "Violation") -> bool:
        """True when a finding is at least as severe as ``fail_on``."""
        worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return any(f.severity in worst for f in self.findings)


def load_shapes() -> Graph:
    """All shapes shipped with okg (structure, vocabularies, publication rules) as one graph."""
    shapes = Graph()
    for resource in shape_files():
        shapes.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return shapes


def union_graph(store: Path) -> Graph:
    """Every named graph of the store (documents, inferred links, ontology) merged into one rdflib graph."""
    triples = open_store(store).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def check_store(store: Path) -> CheckReport:
    """Validate the graph in the store at ``store``.

    pySHACL reads the store through oxrdflib (rdflib's API on Oxigraph): it visits
    only the candidates and what their constraints reach, so copying a million
    triples into rdflib first would cost more than the validation.
    """
    database = open_store(store)
    return check_graph(_StoreView(database), database=database)


class _StoreView(Graph):
    """The read-only store's default graph (the union of its documents' graphs) as an rdflib Graph, its size counted once.

    pySHACL asks a data graph's size for every result message; oxrdflib counts the
    whole store each time (seconds at a million triples), and the store does not change.
    """

    def __init__(self, database: ox.Store) -> None:
        super().__init__(store=OxigraphStore(store=database), identifier=DATASET_DEFAULT_GRAPH_ID)
        self._size = sum(1 for _ in database.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        return self._size


def check_graph(data: Graph, shapes: Graph | None = None, database: ox.Store | None = None) -> CheckReport:
    """Validate ``data`` (which includes the ontology and registries) against okg's shapes.

    Oxigraph first picks, for each shape, the focus nodes that could violate it
    (graph/candidates.py); pySHACL validates those. ``database`` holds the same
    triples as ``data`` (the store they came from); without it, one is made in memory.
    """
    shapes = shapes if shapes is not None else load_shapes()
    database = database if database is not None else _oxigraph_copy(data)
    started = time.perf_counter()
    report, conforms = Graph(), True
    for shape in _target_shapes(shapes):
        focus = candidates(database, shapes, shape)
        if focus == []:
            continue  # nothing could violate it
        options = {"use_shapes": [shape]} | ({"focus_nodes": focus} if focus is not None else {})
        # inplace: the data graph is ours (a fresh copy), so pySHACL need not clone it.
        shape_conforms, shape_report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                                   allow_infos=True, inplace=True, **options)
        conforms = conforms and shape_conforms
        report += shape_report
    # One standard sh:ValidationReport, with every shape's results.
    results = [r for validation in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(validation, SH.result)]
    for validation in list(report.subjects(RDF.type, SH.ValidationReport)):
        report.remove((validation, None, None))
    validation = BNode()
    report.add((validation, RDF.type, SH.ValidationReport))
    report.add((validation, SH.conforms, Literal(conforms)))
    for result in results:
        report.add((validation, SH.result, result))
    seconds = time.perf_counter() - started
    findings = [_finding(result, report, shapes, data) for result in results]
    order = {severity: position for position, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.document_label or "", order[f.severity], f.lines or (0, 0), f.rule, f.focus))
    subjects = database.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    return CheckReport(findings=findings, report=report, nodes=int(next(iter(subjects))["n"].value), seconds=seconds)


def _target_shapes(shapes: Graph) -> list:
    """The shapes that select focus nodes themselves (the others are reached through them)."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return sorted({shape for target in targets for shape in shapes.subjects(target, None)})


def _oxigraph_copy(data: Graph) -> ox.Store:
    database = ox.Store()
    database.bulk_load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return database


def _finding(result, report: Graph, shapes: Graph, data: Graph) -> Finding:
    focus = report.value(result, SH.focusNode)
    severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
    source_shape = report.value(result, SH.sourceShape)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    document, lines = _source(focus, data)
    document_label = _label(URIRef(document), data) if document else None
    return Finding(
        severity=severity,
        rule=_rule(source_shape, shapes),
        message=str(report.value(result, SH.resultMessage) or ""),
        focus=str(focus),
        label=_label(focus, data),
        document=document,
        document_label=document_label,
        lines=lines,
        path=compact(str(path)) if isinstance(path, URIRef) else None,
        value=(compact(str(value)) if isinstance(value, URIRef) else str(value)) if value is not None else None,
    )


def _rule(shape, shapes: Graph) -> str:
    """The label of the node shape a result came from (a property shape's owner when it has none)."""
    label = shapes.value(shape, RDFS.label)
    if label is None and isinstance(shape, BNode):
        owner = shapes.value(None, SH.property, shape)
        label = shapes.value(owner, RDFS.label) if owner is not None else None
    return str(label) if label is not None else compact(str(shape))


def _label(node, data: Graph) -> str:
    label = data.value(node, RDFS.label) or data.value(node, SKOS.prefLabel)
    return str(label) if label is not None else compact(str(node))


def _line(number) -> int | None:
    """A line number, or None when the graph holds something else there (the check reports that itself)."""
    try:
        return int(number) if isinstance(number, Literal) else None
    except ValueError:
        return None


def _source(node, data: Graph) -> tuple[str | None, tuple[int, int] | None]:
    """The source document and line range of a node, from its provenance."""
    spans = []
    for span in data.objects(node, PROV.wasDerivedFrom):
        document, first, last = (data.value(span, p) for p in (OKG.sourceDocument, OKG.startLine, OKG.endLine))
        lines = _line(first), _line(last)
        if document is not None and None not in lines:
            spans.append((str(document), *lines))
    if spans:
        document, first, last = min(spans)
        return document, (first, last)
    if (node, None, None) in data and data.value(node, OKG.family) is not None:
        return str(node), None  # the source document itself
    return None, None
