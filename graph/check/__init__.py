"""Consistency checks before publication: the shapes in shapes/ (and an editor's own) run with pySHACL over the graph."""

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard, cast, overload

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from pyshacl import Validator
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.validator import assign_baked_in
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDFS, SH, SKOS, XSD, NamespaceManager, split_uri
from rdflib.term import Identifier, Node

from okg.errors import ShapesError
from okg.graph.check import prepared_queries
from okg.graph.check.candidates import Node as Focus
from okg.graph.check.candidates import Untranslatable, candidates
from okg.graph.namespaces import OKG, compact
from okg.graph.resources import shape_files
from okg.graph.store.backends import StoreLike, database_of

SEVERITIES = ("Violation", "Warning", "Info")
# The files a folder given with --shapes contributes, by suffix (each parsed in the format rdflib guesses from it).
SHAPE_SUFFIXES = (".ttl", ".nt", ".n3", ".rdf", ".owl", ".jsonld")


@dataclass(frozen=True)
class Finding:
    """One validation result, in the words an editor acts on."""

    severity: str  # Violation, Warning, Info, or the local name of another severity IRI
    rule: str  # the shape's label, or its IRI
    message: str
    focus: str  # the focus node's IRI
    label: str  # the focus node's readable label
    document: str | None  # the source document's IRI
    document_label: str | None
    lines: tuple[int, int] | None
    path: str | None
    value: str | None


@dataclass(frozen=True)
class Fallback:
    """A shape validated on every target, not only on Oxigraph's candidates, and why."""

    shape: str  # its label or IRI
    reason: str


@dataclass
class CheckReport:
    """All findings of one check, and the standard sh:ValidationReport they came from."""

    findings: list[Finding] = field(default_factory=list)
    report: Graph = field(default_factory=Graph)
    nodes: int = 0
    seconds: float = 0.0
    fallbacks: list[Fallback] = field(default_factory=list)

    def count(self, severity: str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def severities(self) -> list[str]:
        """SHACL's three severities, then any other severity the findings use, by name."""
        return list(SEVERITIES) + sorted({f.severity for f in self.findings} - set(SEVERITIES))

    def fails(self, fail_on: str = "Violation") -> bool:
        """True when a finding is at least as severe as ``fail_on``.

        A severity SHACL does not define ranks with violations: pySHACL's report does not conform.
        """
        worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return any(f.severity in worst or f.severity not in SEVERITIES for f in self.findings)


def load_shapes(paths: Sequence[Path] = (), shipped: bool = True) -> Graph:
    """The shapes to check with, as one graph: okg's own (structure, vocabularies, publication rules)
    unless ``shipped`` is false, and those in ``paths`` (each a file, or a folder of them)."""
    shapes = Graph()
    if shipped:
        for resource in shape_files():
            shapes.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    for path in paths:
        for file in _shape_files(path):
            try:
                shapes.parse(file)
            except Exception as error:  # rdflib's parsers raise many kinds (BadSyntax, SAX, JSON, OSError)
                raise ShapesError(f"{file}: cannot read the shapes ({error})") from None
    return shapes


def _shape_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ShapesError(f"{path}: no such file or folder of shapes")
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SHAPE_SUFFIXES)
    if not files:
        raise ShapesError(f"{path}: no shape files ({', '.join(SHAPE_SUFFIXES)}) in this folder")
    return files


def union_graph(store: StoreLike) -> Graph:
    """Every named graph of the store (documents, inferred links, ontology) merged into one rdflib graph."""
    triples = cast(ox.QueryTriples, database_of(store).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def check_store(store: StoreLike, shapes: Graph | None = None) -> CheckReport:
    """Validate the graph of ``store`` (a store folder, a backend, an open store) against ``shapes`` (okg's own by default).

    pySHACL reads the store through oxrdflib (rdflib's API on Oxigraph): it visits
    only the candidates and what their constraints reach, so copying a million
    triples into rdflib first would cost more than the validation.
    """
    database = database_of(store)
    return check_graph(_StoreView(database), shapes, database=database)


class _StoreView(Graph):
    """The read-only store's default graph (the union of its documents' graphs) as an rdflib Graph, its size counted once.

    pySHACL asks a data graph's size for every result message; oxrdflib counts the
    whole store each time (seconds at a million triples), and the store does not change.
    """

    def __init__(self, database: ox.Store) -> None:
        super().__init__(store=_SimpleLiterals(store=database), identifier=DATASET_DEFAULT_GRAPH_ID)
        self._database = database
        self._size: int | None = None
        self.namespace_manager = _Prefixes(self, "rdflib")  # the prefixes rdflib binds for a Graph

    def __len__(self) -> int:
        if self._size is None:  # counted by Oxigraph: 0.8 s at a million triples, against 11 s for Python's loop over them
            rows = cast(ox.QuerySolutions, self._database.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
            self._size = int(next(iter(rows))["n"].value)
        return self._size


class _Prefixes(NamespaceManager):
    """rdflib's namespace manager, without filing the namespace of an IRI no prefix fits.

    pySHACL writes each focus node into its result's message; rdflib files the namespace
    of every IRI it writes in a trie, whose filing slows with every namespace (each
    recommendation's IRIs are one): seconds at a million triples, for IRIs it writes
    whole (<...>) anyway.
    """

    def normalizeUri(self, rdfTerm: str) -> str:
        try:
            namespace, _ = split_uri(rdfTerm)
        except ValueError:
            return super().normalizeUri(rdfTerm)
        if self.store.prefix(URIRef(namespace)) is None and not isinstance(rdfTerm, Variable):
            return f"<{rdfTerm}>"  # what rdflib writes for it
        return super().normalizeUri(rdfTerm)


class _SimpleLiterals(OxigraphStore):
    """oxrdflib's store, a simple literal read back as rdflib parses one: without a datatype.

    RDF 1.1 has one simple literal, which Oxigraph returns as xsd:string; rdflib tells
    Literal("a") from Literal("a", datatype=XSD.string), so pySHACL reading the store
    found "Convention" outside sh:in ("Convention" "Recommendation").
    """

    def triples(
        self,
        triple_pattern: tuple[Node | None, Node | None, Node | None],
        context: Graph | None = None,
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
        for (subject, predicate, value), contexts in super().triples(triple_pattern, context):
            if isinstance(value, Literal) and value.datatype == XSD.string:
                value = Literal(str(value))
            yield (subject, predicate, value), contexts


def check_graph(data: Graph, shapes: Graph | None = None, database: ox.Store | None = None) -> CheckReport:
    """Validate ``data`` (which includes the ontology and registries) against ``shapes`` (okg's own by default).

    pySHACL validates every shape that has targets, as in a full run, but each on the
    focus nodes Oxigraph finds could violate it (graph/check/candidates.py); the shapes those
    reach (sh:property, sh:node, sh:and, ...) are pySHACL's to follow. ``database``
    holds the same triples as ``data`` (the store they came from); without it, one is
    made in memory.
    """
    shapes = shapes if shapes is not None else load_shapes()
    started = time.perf_counter()
    fallbacks: list[Fallback] = []
    if database is None:
        try:
            database = _oxigraph_copy(data)
        except ValueError as error:  # a term Oxigraph refuses: no candidates to ask for
            fallbacks.append(Fallback("every shape", f"Oxigraph cannot hold the data graph ({error})"))
    validator = _validator(data, shapes)
    executor = validator.make_executor()
    checked = {shape.node: shape for shape in validator.shacl_graph.shapes if not shape.deactivated}  # pySHACL's own list
    found: Iterable[tuple[URIRef | BNode, list[Focus] | Untranslatable | None]]
    if database is not None:
        found = candidates(database, data, shapes, list(checked))
    else:
        found = ((node, None) for node in checked)
    results: list[tuple[object, ...]] = []  # pySHACL's results, as it describes each
    conforms = True
    for node, candidate in found:
        focus: list[Focus] | None
        if isinstance(candidate, Untranslatable):
            fallbacks.append(Fallback(_rule(node, shapes), str(candidate)))
            focus = None
        elif candidate == []:
            continue  # nothing could violate it
        else:
            focus = candidate
        # focus None: pySHACL finds every target itself.
        with _without_result_texts(), prepared_queries.installed():
            shape_conforms, shape_results = checked[node].validate(executor, validator.data_graph, focus=focus)
        conforms = conforms and shape_conforms
        results.extend(shape_results)
    report, _ = Validator.create_validation_report(validator.shacl_graph, conforms, results)
    seconds = time.perf_counter() - started
    about = _Provenance(data, database)
    findings = [_finding(result, report, shapes, about) for result in list(report.objects(None, SH.result))]
    findings.sort(key=lambda f: (f.document_label or "", _severity_rank(f.severity), f.lines or (0, 0), f.rule, f.focus))
    return CheckReport(findings=findings, report=report, nodes=_subjects(data, database), seconds=seconds, fallbacks=fallbacks)


@contextmanager
def _without_result_texts() -> Iterator[None]:
    """pySHACL without the text it writes of each result for its printed report, which the check does not read
    (the report graph says the same). At a million triples, writing the texts of 8,500 results took about a
    fifth of the check, and joining them into the report's text another 19 s (a string copied at each result)."""
    written = ConstraintComponent.make_v_result_description
    ConstraintComponent.make_v_result_description = lambda *_, **__: ""  # type: ignore[method-assign]
    try:
        yield
    finally:
        ConstraintComponent.make_v_result_description = written  # type: ignore[method-assign]


def _validator(data: Graph, shapes: Graph) -> Validator:
    """pySHACL's validator over ``data``, as pySHACL's validate() sets it up (no inference, infos allowed, in place)."""
    apply_patches()  # type: ignore[no-untyped-call]  # pySHACL leaves it unannotated
    assign_baked_in()  # type: ignore[no-untyped-call]  # pySHACL leaves it unannotated
    data_graph = DataGraph.from_rdflib(data)
    if data_graph.is_multigraph():
        # pySHACL's setter is declared apart from its getter (another property between), so mypy sees no setter
        data_graph.default_union = True  # type: ignore[misc]
    options = {"inference": "none", "advanced": False, "allow_infos": True, "inplace": True}
    return Validator(data_graph, shacl_graph=shapes, options=options)


def _subjects(data: Graph, database: ox.Store | None) -> int:
    if database is None:
        return len(set(data.subjects()))
    rows = cast(ox.QuerySolutions, database.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"))
    return int(next(iter(rows))["n"].value)


def _oxigraph_copy(data: Graph) -> ox.Store:
    """The triples of ``data`` in an Oxigraph store, blank nodes keeping their labels (candidates are named by them).

    Raises ValueError for a term Oxigraph refuses (an IRI with a space, an invalid language tag).
    """
    database = ox.Store()
    # rdflib types a graph's terms as Node; an RDF graph's are these (the cast checks nothing: a literal subject,
    # which rdflib allows, still reaches ox.Quad, which refuses it).
    triples = cast("Iterable[tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]]", data)
    database.extend(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples)
    return database


@overload
def _ox_term(term: URIRef) -> ox.NamedNode: ...
@overload
def _ox_term(term: URIRef | BNode) -> ox.NamedNode | ox.BlankNode: ...
@overload
def _ox_term(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal: ...
def _ox_term(term: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    return ox.Literal(term, language=term.language, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def severity_name(severity: Node | None) -> str:
    """A severity IRI's local name: Violation for sh:Violation, MySeverity for ex:MySeverity."""
    return re.split(r"[#/:]", str(severity).rstrip("#/"))[-1] or str(severity)


def _severity_rank(severity: str) -> tuple[int, str]:
    """SHACL's severities from the worst, then any other severity by name."""
    return (SEVERITIES.index(severity), "") if severity in SEVERITIES else (len(SEVERITIES), severity)


class _Provenance:
    """The labels and source spans of the findings' focus nodes and their documents, looked up in the store.

    Asked node by node through rdflib's API (oxrdflib), they cost 13 s for 8,500 findings at a million
    triples; Oxigraph's own lookups take a fraction of a second. A blank node, or a graph with no store,
    is asked of ``data`` itself.
    """

    def __init__(self, data: Graph, database: ox.Store | None) -> None:
        self.data = data
        self.database = database

    def _values(self, node: URIRef, predicate: URIRef) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
        assert self.database is not None  # asked only when _answers found a store
        quads = self.database.quads_for_pattern(ox.NamedNode(node), ox.NamedNode(predicate), None, ox.DefaultGraph())
        # okg's graphs hold no RDF-star triple terms (the cast checks nothing; a triple term would have no .value)
        return [cast(ox.NamedNode | ox.BlankNode | ox.Literal, quad.object) for quad in quads]

    def _answers(self, node: Node | None) -> TypeGuard[URIRef]:
        return self.database is not None and isinstance(node, URIRef) and _is_iri(node)

    def label(self, node: Node | None) -> str:
        """The node's rdfs:label or skos:prefLabel, or its compact IRI (as _label)."""
        if not self._answers(node):
            return _label(node, self.data)
        for predicate in (RDFS.label, SKOS.prefLabel):
            values = self._values(node, predicate)
            if values and values[0].value:  # an empty rdfs:label gives way to skos:prefLabel, as in _label
                return values[0].value
        return values[0].value if values else compact(str(node))

    def source(self, node: Node | None) -> tuple[str | None, tuple[int, int] | None]:
        """The node's source document and line range, from its provenance (as _source)."""
        if not self._answers(node):
            return _source(node, self.data)
        spans: list[tuple[str, int, int]] = []
        for span in self._values(node, PROV.wasDerivedFrom):
            if not isinstance(span, ox.NamedNode):
                return _source(node, self.data)  # a blank-node span: rdflib names it
            found = [self._values(URIRef(span.value), p) for p in (OKG.sourceDocument, OKG.startLine, OKG.endLine)]
            if all(found):
                first, last = _ox_line(found[1][0]), _ox_line(found[2][0])
                if first is not None and last is not None:
                    spans.append((found[0][0].value, first, last))
        if spans:
            document, start, end = min(spans)
            return document, (start, end)
        if self._values(node, OKG.family):
            return str(node), None  # the source document itself
        return None, None


def _is_iri(node: URIRef) -> bool:
    """Whether Oxigraph can name ``node`` (a damaged graph may hold a relative IRI)."""
    try:
        ox.NamedNode(node)
    except ValueError:
        return False
    return True


def _ox_line(number: ox.Literal | ox.NamedNode | ox.BlankNode) -> int | None:
    """A line number from the store, or None when it holds something else there (as _line)."""
    try:
        return int(number.value) if isinstance(number, ox.Literal) else None
    except ValueError:
        return None


def _finding(result: Node, report: Graph, shapes: Graph, about: _Provenance) -> Finding:
    focus = report.value(result, SH.focusNode)
    severity = severity_name(report.value(result, SH.resultSeverity))
    source_shape = report.value(result, SH.sourceShape)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    document, lines = about.source(focus)
    document_label = about.label(URIRef(document)) if document else None
    return Finding(
        severity=severity,
        rule=_rule(source_shape, shapes),
        message=str(report.value(result, SH.resultMessage) or ""),
        focus=str(focus),
        label=about.label(focus),
        document=document,
        document_label=document_label,
        lines=lines,
        path=compact(str(path)) if isinstance(path, URIRef) else None,
        value=(compact(str(value)) if isinstance(value, URIRef) else str(value)) if value is not None else None,
    )


def _rule(shape: Node | None, shapes: Graph) -> str:
    """The shape's label or IRI; a blank-node shape without a label is named by the shape that holds it."""
    seen: set[Node] = set()
    node = shape
    while node is not None and node not in seen:
        seen.add(node)
        label = shapes.value(node, RDFS.label)
        if label is not None:
            return str(label)
        if not isinstance(node, BNode):
            return compact(str(node))
        # the shape, or the list, that holds it (rdflib types a graph's terms as Node, which does not order; they are
        # Identifiers, which do)
        node = next(iter(sorted(cast("Iterator[Identifier]", shapes.subjects(None, node)))), None)
    return f"_:{shape}"


def _label(node: Node | None, data: Graph) -> str:
    label = data.value(node, RDFS.label) or data.value(node, SKOS.prefLabel)
    return str(label) if label is not None else compact(str(node))


def _line(number: Node | None) -> int | None:
    """A line number, or None when the graph holds something else there (the check reports that itself)."""
    try:
        return int(number) if isinstance(number, Literal) else None
    except ValueError:
        return None


def _source(node: Node | None, data: Graph) -> tuple[str | None, tuple[int, int] | None]:
    """The source document and line range of a node, from its provenance."""
    spans: list[tuple[str, int, int]] = []
    for span in data.objects(node, PROV.wasDerivedFrom):
        document, first_line, last_line = (data.value(span, p) for p in (OKG.sourceDocument, OKG.startLine, OKG.endLine))
        first, last = _line(first_line), _line(last_line)
        if document is not None and first is not None and last is not None:
            spans.append((str(document), first, last))
    if spans:
        source, start, end = min(spans)
        return source, (start, end)
    if (node, None, None) in data and data.value(node, OKG.family) is not None:
        return str(node), None  # the source document itself
    return None, None
