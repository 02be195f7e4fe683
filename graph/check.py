"""Consistency checks before publication: the shapes in shapes/ run with pySHACL over the graph."""

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS

from graph import prepared_queries
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
    database = open_store(store)
    triples = database.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def check_store(store: Path) -> CheckReport:
    """Validate the graph in the store at ``store``."""
    return check_graph(union_graph(store))


def check_graph(data: Graph, shapes: Graph | None = None) -> CheckReport:
    """Validate ``data`` (which includes the ontology and registries) against okg's shapes."""
    shapes = shapes if shapes is not None else load_shapes()
    started = time.perf_counter()
    # inplace: the data graph is ours (a fresh copy), so pySHACL need not clone it.
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_infos=True, inplace=True)
    seconds = time.perf_counter() - started
    # Top-level results only: nested sh:detail results explain a result, they are not findings of their own.
    results = [r for validation in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(validation, SH.result)]
    findings = [_finding(result, report, shapes, data) for result in results]
    order = {severity: position for position, severity in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.document_label or "", order[f.severity], f.lines or (0, 0), f.rule, f.focus))
    return CheckReport(findings=findings, report=report, nodes=len(set(data.subjects())), seconds=seconds)


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


def _source(node, data: Graph) -> tuple[str | None, tuple[int, int] | None]:
    """The source document and line range of a node, from its provenance."""
    spans = []
    for span in data.objects(node, PROV.wasDerivedFrom):
        document, first, last = (data.value(span, p) for p in (OKG.sourceDocument, OKG.startLine, OKG.endLine))
        if document is not None and first is not None and last is not None:
            spans.append((str(document), int(first), int(last)))
    if spans:
        document, first, last = min(spans)
        return document, (first, last)
    if (node, None, None) in data and data.value(node, OKG.family) is not None:
        return str(node), None  # the source document itself
    return None, None
