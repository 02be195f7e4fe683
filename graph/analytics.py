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
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.errors import OkgError
from graph.namespaces import OKG, VOCAB, compact
from graph.store import open_store

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
_NOT_NODES = {str(OKG.SourceSpan), str(OKG.ThemeLink), "http://www.w3.org/2002/07/owl#Class",
              "http://www.w3.org/2002/07/owl#ObjectProperty", "http://www.w3.org/2002/07/owl#DatatypeProperty",
              "http://www.w3.org/2002/07/owl#Ontology", f"{SKOS}ConceptScheme"}
ORPHAN_KINDS = ("OrganizationalUnit", "ProgrammeOutcome", "ProgrammeOutput", "Strategy", "Plan")


class NodeNotFound(OkgError):
    """A node named on the command line that the graph does not have, or has more than once."""


@dataclass(frozen=True)
class Step:
    """One edge of a path, in the direction the relation is stated."""

    subject: str
    relation: str
    object: str
    inferred: bool


def entity_network(store: Path) -> nx.MultiDiGraph:
    """The entity network of the store: nodes with label and kind, edges with relation and whether inferred."""
    database = open_store(store)
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    property_labels: dict[str, str] = {}
    links: list[tuple[str, str, str, bool]] = []
    for quad in database.quads_for_pattern(None, None, None, None):
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        if not isinstance(subject, ox.NamedNode):
            continue
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            kind = obj.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            if obj.value in _NOT_NODES:
                kinds[subject.value] = "-"
            elif obj.value.startswith(str(OKG)) and kinds.get(subject.value) != "-":
                kinds[subject.value] = kind  # okg's own class says more than skos:Concept or foaf:Document
            else:
                kinds.setdefault(subject.value, kind)
        elif isinstance(obj, ox.Literal):
            if predicate in _LABELS and subject.value not in labels:
                labels[subject.value] = obj.value
            if predicate in _NAMES:
                names.setdefault(subject.value, set()).add(obj.value)
            if predicate == RDFS_LABEL:
                property_labels.setdefault(subject.value, obj.value)
            if predicate == str(OKG.acronym):
                acronyms[subject.value] = obj.value
        elif isinstance(obj, ox.NamedNode) and predicate not in _NOT_LINKS:
            graph_name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            links.append((subject.value, predicate, obj.value, graph_name.endswith("/inferred")))

    # Sorted, so that the network (and the path chosen among equally short ones) is the same on every run.
    network = nx.MultiDiGraph()
    for node, kind in sorted(kinds.items()):
        if kind != "-" and not node.startswith(str(VOCAB)):
            network.add_node(node, label=labels.get(node, compact(node)), kind=kind,
                             names=sorted(names.get(node, ())), acronym=acronyms.get(node))
    for subject, predicate, obj, inferred in sorted(links):
        if subject in network and obj in network and subject != obj:
            network.add_edge(subject, obj, key=(predicate, inferred), relation=property_labels.get(predicate) or _words(predicate),
                             predicate=predicate, inferred=inferred)
    return network


def _words(predicate: str) -> str:
    """A relation without a label, in words: dcterms:isPartOf -> "is part of"."""
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def co_responsibility(network: nx.MultiDiGraph) -> nx.Graph:
    """Units linked when they share responsibility for a recommendation; ``weight`` counts the shared ones."""
    units = nx.Graph()
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


def centrality(units: nx.Graph) -> list[Centrality]:
    """Degree and betweenness centrality of every unit, most connected first."""
    betweenness = nx.betweenness_centrality(units)
    rows = [
        Centrality(units.nodes[u]["short"], units.degree(u), int(units.degree(u, weight="weight")), round(betweenness[u], 4))
        for u in units.nodes
    ]
    return sorted(rows, key=lambda r: (-r.degree, -r.betweenness, r.unit))


def find_node(network: nx.MultiDiGraph, name: str) -> str:
    """The node ``name`` names: its IRI, acronym, label, a variant, or its symbol (ignoring case)."""
    if name in network:
        return name
    wanted = name.strip().casefold()
    matches = sorted(
        node for node, data in network.nodes(data=True)
        if wanted == data["label"].casefold() or wanted in {n.casefold() for n in data["names"]}
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NodeNotFound(f"no node is named {name!r} (give a label, acronym, symbol or IRI)")
    raise NodeNotFound(f"{name!r} names {len(matches)} nodes: {', '.join(compact(m) for m in matches[:5])}")


def shortest_path(network: nx.MultiDiGraph, start: str, end: str) -> list[Step]:
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


def _undirected(network: nx.MultiDiGraph) -> nx.Graph:
    """The network with directions dropped, built in sorted order.

    networkx's undirected *view* of a directed graph merges neighbours through sets,
    whose order changes from run to run; a path must not.
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(network.nodes))
    undirected.add_edges_from(sorted({tuple(sorted((a, b))) for a, b in network.edges()}))
    return undirected


@dataclass(frozen=True)
class Components:
    sizes: list[int]  # connected components by size, largest first
    orphans: list[tuple[str, str]]  # (kind, label) of units, outcomes and strategies nothing links to


def components(network: nx.MultiDiGraph) -> Components:
    """Connected components, and the registry entries (units, outcomes, strategies) that nothing links to."""
    undirected = _undirected(network)
    sizes = sorted((len(c) for c in nx.connected_components(undirected)), reverse=True)
    orphans = sorted(
        (data["kind"], data["label"]) for node, data in network.nodes(data=True)
        if data["kind"] in ORPHAN_KINDS and network.in_degree(node) == 0
        and all(d["predicate"] == f"{SKOS}broader" for _, _, d in network.out_edges(node, data=True))
    )
    return Components(sizes, orphans)


def export(network: nx.MultiDiGraph, graphml: Path | None = None, csv_folder: Path | None = None) -> None:
    """Write the network as GraphML (Gephi, Cytoscape) and/or as nodes.csv and edges.csv."""
    if graphml is not None:
        flat = nx.MultiDiGraph()
        for node, data in network.nodes(data=True):
            flat.add_node(node, label=data["label"], kind=data["kind"])
        for a, b, data in network.edges(data=True):
            flat.add_edge(a, b, relation=data["relation"], predicate=data["predicate"], inferred=data["inferred"])
        nx.write_graphml(flat, graphml)
    if csv_folder is not None:
        csv_folder.mkdir(parents=True, exist_ok=True)
        with open(csv_folder / "nodes.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "label", "kind"])
            writer.writerows((node, data["label"], data["kind"]) for node, data in network.nodes(data=True))
        with open(csv_folder / "edges.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["source", "target", "relation", "predicate", "inferred"])
            writer.writerows(
                (a, b, data["relation"], data["predicate"], str(data["inferred"]).lower())
                for a, b, data in network.edges(data=True)
            )

