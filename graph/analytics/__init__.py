"""NetworkX views of the knowledge graph: who carries the most, who bridges, how two things connect.

Two networks are built from the store:

- the *entity network*: documents, recommendations, status assessments, paragraphs,
  units, strategies, outcomes, themes... linked by the relations between them
  (provenance, types and controlled status values are left out: they would make
  every recommendation one hop from every other through "Accepted");
- the *co-responsibility network* of units: two units are linked when they share
  responsibility for a recommendation, weighted by how many they share.
"""

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeAlias, cast

import networkx as nx
import pyoxigraph as ox

from okg.errors import NodeNotFound
from okg.graph.namespaces import OKG, VOCAB, compact
from okg.graph.query import rows_about, rows_by_node
from okg.graph.sinks import sink
from okg.graph.store.backends import StoreLike, database_of

if TYPE_CHECKING:  # networkx's classes are generic in their stubs only
    EntityNetwork: TypeAlias = nx.MultiDiGraph[str]
    UnitNetwork: TypeAlias = nx.Graph[str]
else:
    EntityNetwork, UnitNetwork = nx.MultiDiGraph, nx.Graph

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
_LABELS = (RDFS_LABEL, f"{SKOS}prefLabel")
_NAMES = (*_LABELS, f"{SKOS}altLabel", f"{SKOS}hiddenLabel", str(OKG.acronym), "http://purl.org/dc/terms/identifier")
# Relations that say where a node came from or what it is, not what it is linked to.
_NOT_LINKS = {
    RDF_TYPE,
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    str(OKG.sourceDocument),
    str(OKG.namedGraph),
    str(OKG.about),
    str(OKG.theme),
    f"{SKOS}inScheme",
    f"{SKOS}topConceptOf",
    "http://www.w3.org/ns/org#unitOf",
    "http://www.w3.org/2000/01/rdf-schema#subClassOf",
    "http://www.w3.org/2000/01/rdf-schema#domain",
    "http://www.w3.org/2000/01/rdf-schema#range",
}
_NOT_NODES = {
    str(OKG.SourceSpan),
    str(OKG.ThemeLink),
    "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#Ontology",
    f"{SKOS}ConceptScheme",
}
_ACRONYM = str(OKG.acronym)
_OKG, _VOCAB = str(OKG), str(VOCAB)
ORPHAN_KINDS = ("OrganizationalUnit", "ProgrammeOutcome", "ProgrammeOutput", "Strategy", "Plan")


@dataclass(frozen=True)
class Step:
    """One edge of a path, in the direction the relation is stated."""

    subject: str
    relation: str
    object: str
    inferred: bool


def entity_network(store: StoreLike) -> EntityNetwork:
    """The entity network of the store: nodes with label and kind, edges with relation and whether inferred."""
    parts = _NetworkParts()
    for quad in database_of(store).quads_for_pattern(None, None, None, None):
        # The default graph repeats the named graphs' union; a blank node is never drawn.
        if not isinstance(quad.graph_name, ox.DefaultGraph) and isinstance(quad.subject, ox.NamedNode):
            parts.add(quad.subject.value, quad.predicate.value, quad.object, quad.graph_name.value.endswith("/inferred"))
    return parts.network()


@dataclass
class Neighbourhood:
    """A node's neighbourhood: its part of the entity network, and what else was asked about its nodes."""

    centre: str  # the node named
    network: EntityNetwork
    facts: dict[str, dict[str, list[str]]]  # node -> predicate asked for -> the values stated (IRIs and literals alike)


def neighbourhood(store: StoreLike, name: str, depth: int, facts: Sequence[str] = ()) -> Neighbourhood:
    """The part of the entity network within ``depth`` links of the node ``name`` names, with the ``facts``
    (predicates) stated about its nodes.

    The same as selecting it from :func:`entity_network`, but read from the store
    around the node only, so that its cost follows the neighbourhood's size, not the
    graph's, and in few queries, each over all the nodes of a step, so that only the
    rows wanted leave the store. Each step reads the links of the nodes reached last
    (in the documents' graphs, so with whether an inferred graph states them), then
    the nodes they lead to: their types, names and ``facts`` at once (a page's cards
    need those too). Every link between two nodes is so read with one of them, but
    for the links among the nodes of the last step, read with their facts.
    """
    database = database_of(store)
    centre = _named(database, name)
    parts = _NetworkParts()
    found_facts: dict[str, dict[str, list[str]]] = {}
    reached = frontier = _read_nodes(database, [centre], facts, parts, found_facts, among=False)
    for step in range(depth):
        linked = _links(database, sorted(frontier), parts)
        frontier = _read_nodes(database, sorted(linked - reached), facts, parts, found_facts, among=step == depth - 1)
        reached = reached | frontier
    relations = {p for s, p, o, _ in parts.links if s in reached and o in reached}
    for row in rows_about(database, _LABELS_OF, relations):  # relations are drawn with their labels
        parts.add(row["s"].value, RDFS_LABEL, row["o"], False)
    return Neighbourhood(centre, parts.network(only=reached), found_facts)


def _links(database: ox.Store, nodes: Sequence[str], parts: "_NetworkParts") -> set[str]:
    """Add every link of ``nodes``, either way, to ``parts``; return the nodes at their other ends."""
    others = set()
    for node, (_, out, predicate, other, inferred) in rows_by_node(database, _LINKS, nodes):
        others.add(other.value)
        subject, obj = (node, other.value) if out.value == "true" else (other.value, node)
        parts.links.add((subject, predicate.value, obj, inferred.value == "true"))
    return others


def _read_nodes(
    database: ox.Store, nodes: Sequence[str], facts: Sequence[str], parts: "_NetworkParts", found_facts: dict[str, dict[str, list[str]]], among: bool
) -> set[str]:
    """Read the types, names and ``facts`` of ``nodes`` in one query and, with ``among``, the links among them;
    keep what concerns the nodes the network draws (in ``parts`` and ``found_facts``) and return these nodes."""
    asked = set(facts)
    statements: dict[str, list[tuple[str, ox.NamedNode | ox.Literal]]] = {}
    among_them: list[tuple[str, str, str]] = []
    query = (_FACTS_AND_LINKS if among else _FACTS).replace("PREDICATES", ", ".join(f"<{p}>" for p in dict.fromkeys((RDF_TYPE, *_NAMES, *facts))))
    for node, (_, predicate, obj, other) in rows_by_node(database, query, nodes):
        if obj is not None:
            statements.setdefault(node, []).append((predicate.value, obj))
        if other is not None and predicate.value not in _NOT_LINKS:
            among_them.append((node, predicate.value, nodes[int(other.value)]))
    drawn = set()
    for node, stated in statements.items():
        if _kind(node, {o.value for p, o in stated if p == RDF_TYPE and isinstance(o, ox.NamedNode)}) is None:
            continue
        drawn.add(node)
        own = found_facts.setdefault(node, {})
        for predicate, obj in stated:
            parts.add(node, predicate, obj, False)
            if predicate in asked:
                own.setdefault(predicate, []).append(obj.value)
    links = [(s, p, o) for s, p, o in among_them if s in drawn and o in drawn and s != o]
    if links:  # found in the default graph, the union: which documents' graphs state each, inferred or not
        values = " ".join(f"(<{s}> <{p}> <{o}> {k})" for k, (s, p, o) in enumerate(links))
        for position, inferred in cast(ox.QuerySolutions, database.query(_STATED_IN.replace("LINKS", values))):
            parts.links.add((*links[int(position.value)], inferred.value == "true"))
    return drawn


_NOT_LINK_LIST = ", ".join(f"<{p}>" for p in sorted(_NOT_LINKS))
# Each query is run with the nodes given in place of NODES (graph.query.rows_about), most with each node's position
# ?n beside it (graph.query.rows_by_node).
# The links of each node, out (?out true) and in, from the documents' graphs: ?inferred says whether one is inferred.
_LINKS = (
    f"SELECT DISTINCT ?n ?out ?p ?other ?inferred WHERE {{ VALUES (?s ?n) {{ NODES }} "
    f"{{ GRAPH ?g {{ ?s ?p ?other }} BIND (true AS ?out) }} UNION {{ GRAPH ?g {{ ?other ?p ?s }} BIND (false AS ?out) }} "
    f'FILTER (isIRI(?other) && ?p NOT IN ({_NOT_LINK_LIST})) BIND (STRENDS(STR(?g), "/inferred") AS ?inferred) }}'
)
_TYPES = f"SELECT ?s ?o WHERE {{ VALUES ?s {{ NODES }} ?s <{RDF_TYPE}> ?o }}"
_FACTS = "SELECT ?n ?p ?o ?m WHERE { VALUES (?s ?n) { NODES } ?s ?p ?o FILTER (?p IN (PREDICATES)) }"  # ?m: never bound
# The same in the one pass over each node's statements, and its links to the others (?m: the other's position), which
# ?o is not given for (Oxigraph would read each IRI back from its dictionary). The subquery makes Oxigraph join the
# objects by hash, not pair every subject with every object.
_FACTS_AND_LINKS = (
    f"SELECT ?n ?p ?o ?m WHERE {{ {{ VALUES (?s ?n) {{ NODES }} ?s ?p ?object }} "
    f"OPTIONAL {{ SELECT (?node AS ?object) ?m WHERE {{ VALUES (?node ?m) {{ NODES }} }} }} "
    f"FILTER (?p IN (PREDICATES) || (BOUND(?m) && ?p NOT IN ({_NOT_LINK_LIST}))) "
    f"BIND (IF(?p IN (PREDICATES), ?object, ?nothing) AS ?o) }}"
)
# Links found in the default graph, the union of the documents' graphs, looked up in those (?k: the link's position).
_STATED_IN = (
    'SELECT DISTINCT ?k ?inferred WHERE { VALUES (?s ?p ?o ?k) { LINKS } GRAPH ?g { ?s ?p ?o } BIND (STRENDS(STR(?g), "/inferred") AS ?inferred) }'
)
_LABELS_OF = f"SELECT ?s ?o WHERE {{ VALUES ?s {{ NODES }} ?s <{RDFS_LABEL}> ?o }}"


def _named(database: ox.Store, name: str) -> str:
    """The entity ``name`` names, as :func:`find_node` finds it in the whole network (ignoring case).

    The usual spellings (as typed, upper, lower and title case) are looked up in the
    index; only a name stored in another mix of cases costs a scan of all names.
    """
    if name.startswith(("http://", "https://")) and _kinds(database, {name})[name]:
        return name
    wanted = name.strip()
    spellings = {wanted, wanted.upper(), wanted.lower(), wanted.title()}
    found = {
        quad.subject.value
        for predicate in _NAMES
        for spelling in spellings
        for literal in (ox.Literal(spelling), ox.Literal(spelling, language="en"))
        for quad in database.quads_for_pattern(None, ox.NamedNode(predicate), literal, None)
        if isinstance(quad.subject, ox.NamedNode)
    }
    if not found:
        names = " ".join(f"<{predicate}>" for predicate in _NAMES)
        # ?wanted is selected too: Oxigraph binds substitutions only to projected variables.
        query = f"SELECT DISTINCT ?node ?name ?wanted WHERE {{ VALUES ?p {{ {names} }} ?node ?p ?name FILTER(LCASE(STR(?name)) = ?wanted) }}"
        rows = cast(ox.QuerySolutions, database.query(query, substitutions={ox.Variable("wanted"): ox.Literal(wanted.lower())}))
        found = {row["node"].value for row in rows if isinstance(row["node"], ox.NamedNode) and row["name"].value.casefold() == wanted.casefold()}
    matches = sorted(node for node, kind in _kinds(database, found).items() if kind is not None)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NodeNotFound(f"no node is named {name!r} (give a label, acronym, symbol or IRI)")
    raise NodeNotFound(f"{name!r} names {len(matches)} nodes: {', '.join(compact(m) for m in matches[:5])}")


def _kind(node: str, types: set[str]) -> str | None:
    """The class name the entity network draws the node of ``types`` as; None when it does not draw it."""
    if not types or not types.isdisjoint(_NOT_NODES) or node.startswith(_VOCAB):
        return None
    return _class_name(frozenset(types))


@cache
def _class_name(types: frozenset[str]) -> str:
    """The name of the class of ``types`` drawn: okg's own says more than skos:Concept (a few sets of types recur)."""
    own = sorted(t for t in types if t.startswith(_OKG))
    chosen = own[0] if own else sorted(types)[0]
    return chosen.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _kinds(database: ox.Store, nodes: set[str]) -> dict[str, str | None]:
    """Each node's class name in the entity network, None for what it does not draw."""
    types: dict[str, set[str]] = {node: set() for node in nodes}
    for row in rows_about(database, _TYPES, nodes):
        if isinstance(row["o"], ox.NamedNode):
            types[row["s"].value].add(row["o"].value)
    return {node: _kind(node, found) for node, found in types.items()}


class _NetworkParts:
    """What the entity network is made of, gathered quad by quad; the choices do not depend on quad order."""

    def __init__(self) -> None:
        self.labels: dict[str, dict[str, set[str]]] = {}  # node -> label property -> labels
        self.names: dict[str, set[str]] = {}
        self.types: dict[str, set[str]] = {}
        self.acronyms: dict[str, set[str]] = {}
        self.links: set[tuple[str, str, str, bool]] = set()

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple, inferred: bool) -> None:
        """One statement about the node ``subject``; ``inferred``: whether a document's inferred graph states it.
        A blank node or an RDF-star triple term is no fact the network draws."""
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            self.types.setdefault(subject, set()).add(obj.value)
        elif isinstance(obj, ox.Literal):
            if predicate in _LABELS:
                self.labels.setdefault(subject, {}).setdefault(predicate, set()).add(obj.value)
            if predicate in _NAMES:
                self.names.setdefault(subject, set()).add(obj.value)
            if predicate == _ACRONYM:
                self.acronyms.setdefault(subject, set()).add(obj.value)
        elif isinstance(obj, ox.NamedNode) and predicate not in _NOT_LINKS:
            self.links.add((subject, predicate, obj.value, inferred))

    def kind(self, node: str) -> str | None:
        """The node's class name, None when it is not drawn (spans, theme links, the ontology's own terms)."""
        return _kind(node, self.types.get(node, set()))

    def label(self, node: str) -> str | None:
        labels = self.labels.get(node, {})
        for predicate in _LABELS:  # rdfs:label first, then skos:prefLabel
            if predicate in labels:
                return min(labels[predicate])
        return None

    def network(self, only: set[str] | None = None) -> EntityNetwork:
        """The network of the nodes gathered (of ``only`` those, when given)."""
        # Sorted, so that the network (and the path chosen among equally short ones) is the same on every run.
        network: EntityNetwork = nx.MultiDiGraph()
        for node in sorted(self.types if only is None else only & self.types.keys()):
            kind = self.kind(node)
            if kind is not None:
                acronyms = self.acronyms.get(node)
                network.add_node(
                    node,
                    label=self.label(node) or compact(node),
                    kind=kind,
                    names=sorted(self.names.get(node, ())),
                    acronym=min(acronyms) if acronyms else None,
                )
        for subject, predicate, obj, inferred in sorted(self.links):
            if subject in network and obj in network and subject != obj:
                network.add_edge(
                    subject,
                    obj,
                    key=(predicate, inferred),
                    relation=self.label(predicate) or _words(predicate),
                    predicate=predicate,
                    inferred=inferred,
                )
        return network


def _words(predicate: str) -> str:
    """A relation without a label, in words: dcterms:isPartOf -> "is part of"."""
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def co_responsibility(network: EntityNetwork) -> UnitNetwork:
    """Units linked when they share responsibility for a recommendation; ``weight`` counts the shared ones."""
    units: UnitNetwork = nx.Graph()
    responsible = str(OKG.responsibleUnit)
    for recommendation in network.nodes:
        holders = sorted({o for _, o, data in network.out_edges(recommendation, data=True) if data["predicate"] == responsible})
        for unit in holders:
            units.add_node(unit, label=network.nodes[unit]["label"], short=network.nodes[unit]["acronym"] or network.nodes[unit]["label"])
        for a, b in combinations(holders, 2):
            weight = units.get_edge_data(a, b, {}).get("weight", 0)
            units.add_edge(a, b, weight=weight + 1)
    return units


@dataclass(frozen=True)
class Centrality:
    unit: str
    degree: int  # how many other units it shares recommendations with
    shared: int  # how many shared responsibilities, counted per partner
    betweenness: float


def centrality(units: UnitNetwork) -> list[Centrality]:
    """Degree and betweenness centrality of every unit, most connected first."""
    betweenness = nx.betweenness_centrality(units)
    rows = [
        Centrality(units.nodes[u]["short"], units.degree(u), int(units.degree(u, weight="weight")), round(betweenness[u], 4)) for u in units.nodes
    ]
    return sorted(rows, key=lambda r: (-r.degree, -r.betweenness, r.unit))


def find_node(network: EntityNetwork, name: str) -> str:
    """The node ``name`` names: its IRI, acronym, label, a variant, or its symbol (ignoring case)."""
    if name in network:
        return name
    wanted = name.strip().casefold()
    matches: list[str] = sorted(
        node for node, data in network.nodes(data=True) if wanted == data["label"].casefold() or wanted in {n.casefold() for n in data["names"]}
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NodeNotFound(f"no node is named {name!r} (give a label, acronym, symbol or IRI)")
    raise NodeNotFound(f"{name!r} names {len(matches)} nodes: {', '.join(compact(m) for m in matches[:5])}")


def shortest_path(network: EntityNetwork, start: str, end: str) -> list[Step]:
    """The shortest chain of relations between two nodes, whatever their direction."""
    source, target = find_node(network, start), find_node(network, end)
    try:
        nodes = nx.shortest_path(_undirected(network), source, target)
    except nx.NetworkXNoPath:
        raise NodeNotFound(f"nothing connects {start!r} and {end!r}") from None
    steps = []
    for a, b in zip(nodes, nodes[1:]):
        forward = network.get_edge_data(a, b)
        subject, obj, edges = (a, b, forward) if forward else (b, a, network.get_edge_data(b, a))
        stated = sorted(edges.values(), key=lambda e: (e["inferred"], e["relation"]))[0]
        steps.append(Step(network.nodes[subject]["label"], stated["relation"], network.nodes[obj]["label"], stated["inferred"]))
    return steps


def _undirected(network: EntityNetwork) -> UnitNetwork:
    """The network with directions dropped, built in sorted order.

    networkx's undirected *view* of a directed graph merges neighbours through sets,
    whose order changes from run to run; a path must not.
    """
    undirected: UnitNetwork = nx.Graph()
    undirected.add_nodes_from(sorted(network.nodes))
    undirected.add_edges_from(sorted({(a, b) if a <= b else (b, a) for a, b in network.edges()}))
    return undirected


@dataclass(frozen=True)
class Components:
    sizes: list[int]  # connected components by size, largest first
    orphans: list[tuple[str, str]]  # (kind, label) of units, outcomes and strategies nothing links to


def components(network: EntityNetwork) -> Components:
    """Connected components, and the registry entries (units, outcomes, strategies) that nothing links to."""
    undirected = _undirected(network)
    sizes = sorted((len(c) for c in nx.connected_components(undirected)), reverse=True)
    orphans = sorted(
        (data["kind"], data["label"])
        for node, data in network.nodes(data=True)
        if data["kind"] in ORPHAN_KINDS
        and network.in_degree(node) == 0
        and all(d["predicate"] == f"{SKOS}broader" for _, _, d in network.out_edges(node, data=True))
    )
    return Components(sizes, orphans)


def export(network: EntityNetwork, graphml: Path | None = None, csv_folder: Path | None = None) -> None:
    """Write the network as GraphML (Gephi, Cytoscape) and/or as nodes.csv and edges.csv (the ``network`` sinks)."""
    written = [("graphml", graphml)] if graphml is not None else []
    if csv_folder is not None:
        csv_folder.mkdir(parents=True, exist_ok=True)
        written += [("nodes-csv", csv_folder / "nodes.csv"), ("edges-csv", csv_folder / "edges.csv")]
    for name, path in written:
        with open(path, "wb") as out:
            sink("network", name).write(network, out)


def write_graphml(network: EntityNetwork, out: IO[bytes]) -> None:
    """The network as GraphML: each node's label and kind, each edge's relation, predicate and whether inferred."""
    flat: EntityNetwork = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        flat.add_node(node, label=data["label"], kind=data["kind"])
    for a, b, data in network.edges(data=True):
        flat.add_edge(a, b, relation=data["relation"], predicate=data["predicate"], inferred=data["inferred"])
    nx.write_graphml(flat, out)


def write_nodes_csv(network: EntityNetwork, out: IO[bytes]) -> None:
    """The network's nodes as CSV: id, label, kind."""
    with _csv_text(out) as text:
        writer = csv.writer(text)
        writer.writerow(["id", "label", "kind"])
        writer.writerows((node, data["label"], data["kind"]) for node, data in network.nodes(data=True))


def write_edges_csv(network: EntityNetwork, out: IO[bytes]) -> None:
    """The network's edges as CSV: source, target, relation, predicate, inferred."""
    with _csv_text(out) as text:
        writer = csv.writer(text)
        writer.writerow(["source", "target", "relation", "predicate", "inferred"])
        writer.writerows((a, b, data["relation"], data["predicate"], str(data["inferred"]).lower()) for a, b, data in network.edges(data=True))


@contextmanager
def _csv_text(out: IO[bytes]) -> Iterator[io.TextIOWrapper]:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        yield text
    finally:
        text.flush()
        text.detach()  # ``out`` stays open for its owner
