"""The W3C SHACL core test suite (tests/shapes/w3c-shacl-core, see its README): its test cases, and
validation results reduced to what the comparison needs."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

SUITE = Path(__file__).resolve().parent / "w3c-shacl-core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

# The structure of a blank node is followed this deep; deeper nesting is compared by shape only.
_DEPTH = 6

Key = tuple  # (focus node, result path, constraint component, severity), blank nodes as structures
Results = Counter[Key]


@dataclass(frozen=True)
class Case:
    """One sht:Validate entry: its data graph, its shapes graph and its expected report."""

    name: str  # e.g. "node/datatype-002"
    data: Graph
    shapes: Graph
    expected: Results


def cases() -> list[Case]:
    """Every sht:Validate entry reached from the suite's top manifest, in manifest order."""
    found: list[Case] = []
    _read_manifest(SUITE / "manifest.ttl", found)
    return found


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID=path.as_uri())


def _read_manifest(path: Path, found: list[Case]) -> None:
    graph = _parse(path)
    manifest = URIRef(path.as_uri())
    for included in sorted(graph.objects(manifest, MF.include)):
        _read_manifest(Path(included.removeprefix("file://")), found)
    for entries in graph.objects(manifest, MF.entries):
        for entry in Collection(graph, entries):
            if (entry, RDF.type, SHT.Validate) not in graph:
                continue
            action = graph.value(entry, MF.action)
            data, shapes = (_graph_of(graph, path, graph.value(action, p)) for p in (SHT.dataGraph, SHT.shapesGraph))
            name = f"{path.parent.name}/{str(entry).rsplit('/', 1)[-1]}"
            found.append(Case(name=name, data=data, shapes=shapes, expected=expected_results(graph, graph.value(entry, MF.result))))


def _graph_of(manifest: Graph, manifest_path: Path, iri: URIRef) -> Graph:
    """The graph a test names: the manifest file itself (already parsed) or another file beside it."""
    target = Path(str(iri).removeprefix("file://"))
    return manifest if target == manifest_path else _parse(target)


def expected_results(graph: Graph, report) -> Results:
    """The results of the sh:ValidationReport ``report`` in ``graph``, as comparison keys."""
    return Counter(_key(graph, result) for result in graph.objects(report, SH.result))


def report_results(report: Graph) -> Results:
    """The results of every sh:ValidationReport in ``report`` (a validation report graph), as comparison keys."""
    return Counter(
        _key(report, result) for validation in report.subjects(RDF.type, SH.ValidationReport) for result in report.objects(validation, SH.result)
    )


def _key(graph: Graph, result) -> Key:
    return tuple(structure(graph, graph.value(result, p)) for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.resultSeverity))


def structure(graph: Graph, node, depth: int = _DEPTH):
    """A term as compared: IRIs and literals as themselves, a blank node as what it says (its RDF list's
    members, or its outgoing triples), since the same blank node has different labels in different graphs."""
    if not isinstance(node, BNode):
        return node
    if depth == 0:
        return "_:"
    if graph.value(node, RDF.first) is not None:
        return ("list", tuple(structure(graph, member, depth - 1) for member in Collection(graph, node)))
    return frozenset((p, structure(graph, o, depth - 1)) for p, o in graph.predicate_objects(node))
