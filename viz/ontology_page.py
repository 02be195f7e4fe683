"""The ontology's documentation page: every class and property of okg.ttl, the SKOS schemes, a diagram of the classes.

One self-contained HTML file (no script, no stylesheet or font from elsewhere:
it opens offline), made from the shipped ontology files with rdflib and a small
template, so that the page can never disagree with the Turtle it documents.
"""

import html
import math
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from okg.graph.namespaces import OKG, compact
from okg.graph.resources import ontology_files

ONTOLOGY_FILE = "okg.ttl"
PROPERTY_KINDS = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    RDF.Property: "property",
}


@dataclass(frozen=True)
class Term:
    """A class or property as the page shows it."""

    iri: URIRef
    label: str
    comment: str
    kind: str

    @property
    def anchor(self) -> str:
        return compact(str(self.iri)).replace(":", "-")


def ontology_graphs() -> tuple[Graph, Graph]:
    """okg.ttl alone, and all the ontology files together (vocabularies, units, ...)."""
    ontology, everything = Graph(), Graph()
    for resource in ontology_files():
        text = resource.read_text(encoding="utf-8")
        everything.parse(data=text, format="turtle")
        if resource.name == ONTOLOGY_FILE:
            ontology.parse(data=text, format="turtle")
    return ontology, everything


def classes(ontology: Graph) -> list[Term]:
    """Every class okg.ttl declares, by label."""
    return sorted(
        (_term(ontology, iri, "class") for iri in set(ontology.subjects(RDF.type, OWL.Class)) if isinstance(iri, URIRef)),
        key=lambda term: term.label.lower(),
    )


def properties(ontology: Graph) -> list[Term]:
    """Every property okg.ttl declares, by label."""
    found = {iri: kind for rdf_type, kind in PROPERTY_KINDS.items() for iri in ontology.subjects(RDF.type, rdf_type) if isinstance(iri, URIRef)}
    return sorted((_term(ontology, iri, kind) for iri, kind in found.items()), key=lambda term: term.label.lower())


def _term(graph: Graph, iri: URIRef, kind: str) -> Term:
    label = graph.value(iri, RDFS.label) or graph.value(iri, SKOS.prefLabel) or compact(str(iri))
    return Term(iri, str(label), str(graph.value(iri, RDFS.comment) or graph.value(iri, SKOS.definition) or ""), kind)


def write_ontology_page(output: Path) -> Path:
    """Write the page to ``output``/index.html (the folder is made); return the file written."""
    ontology, everything = ontology_graphs()
    output.mkdir(parents=True, exist_ok=True)
    page = output / "index.html"
    page.write_text(render(ontology, everything), encoding="utf-8")
    return page


def render(ontology: Graph, everything: Graph) -> str:
    """The page's HTML."""
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    title = str(ontology.value(header, RDFS.label) or compact(str(header)))
    version = ontology.value(header, OWL.versionInfo)
    found_classes, found_properties = classes(ontology), properties(ontology)
    schemes = sorted(set(everything.subjects(RDF.type, SKOS.ConceptScheme)), key=lambda s: _label(everything, s).lower())
    contents = "".join(
        f'<li><a href="#{anchor}">{name}</a></li>'
        for anchor, name in (
            ("diagram", "Diagram"),
            ("classes", f"Classes ({len(found_classes)})"),
            ("properties", f"Properties ({len(found_properties)})"),
            ("schemes", f"Concept schemes ({len(schemes)})"),
        )
    )
    template = (files("okg.viz") / "ontology.html").read_text(encoding="utf-8")
    body = "".join(
        [
            f"<h1>{_e(title)}</h1>",
            f'<p class="iri">{_e(str(header))}{f" · version {_e(str(version))}" if version else ""}</p>',
            f"<p>{_e(str(ontology.value(header, RDFS.comment) or ''))}</p>",
            f"<nav><ul>{contents}</ul></nav>",
            '<section id="diagram"><h2>Diagram of the main classes</h2>',
            "<p>Each box is a class of okg.ttl linked to another by an object property (its domain to its range, solid) "
            "or as a subclass (dashed, to the superclass). Click a box for its entry.</p>",
            diagram(ontology),
            "</section>",
            f'<section id="classes"><h2>Classes</h2>{"".join(_class_entry(ontology, term) for term in found_classes)}</section>',
            f'<section id="properties"><h2>Properties</h2>{"".join(_property_entry(ontology, term) for term in found_properties)}</section>',
            f'<section id="schemes"><h2>Concept schemes</h2>{"".join(_scheme_entry(everything, scheme) for scheme in schemes)}</section>',
        ]
    )
    return template.replace("$title", _e(title)).replace("$body", body)


def _class_entry(ontology: Graph, term: Term) -> str:
    rows = [
        ("IRI", _iri(term.iri)),
        ("subclass of", _links(ontology, ontology.objects(term.iri, RDFS.subClassOf))),
        ("subclasses", _links(ontology, ontology.subjects(RDFS.subClassOf, term.iri))),
        ("disjoint with", _links(ontology, {*ontology.objects(term.iri, OWL.disjointWith), *ontology.subjects(OWL.disjointWith, term.iri)})),
        ("properties (domain)", _links(ontology, ontology.subjects(RDFS.domain, term.iri))),
        ("properties (range)", _links(ontology, ontology.subjects(RDFS.range, term.iri))),
    ]
    return _entry(term, rows)


def _property_entry(ontology: Graph, term: Term) -> str:
    characteristics = sorted(compact(str(kind)) for kind in ontology.objects(term.iri, RDF.type) if kind not in PROPERTY_KINDS)
    rows = [
        ("IRI", _iri(term.iri)),
        ("kind", _e(term.kind)),
        ("domain", _links(ontology, ontology.objects(term.iri, RDFS.domain))),
        ("range", _links(ontology, ontology.objects(term.iri, RDFS.range))),
        ("subproperty of", _links(ontology, ontology.objects(term.iri, RDFS.subPropertyOf))),
        ("characteristics", _e(", ".join(characteristics))),
    ]
    return _entry(term, rows)


def _entry(term: Term, rows: list[tuple[str, str]]) -> str:
    table = "".join(f"<tr><th>{_e(name)}</th><td>{value}</td></tr>" for name, value in rows if value)
    return (
        f'<article id="{_e(term.anchor)}"><h3>{_e(term.label)} <code>{_e(compact(str(term.iri)))}</code></h3>'
        f"<p>{_e(term.comment)}</p><table>{table}</table></article>"
    )


def _scheme_entry(graph: Graph, scheme: URIRef) -> str:
    concepts = sorted(
        {*graph.subjects(SKOS.inScheme, scheme), *graph.subjects(SKOS.topConceptOf, scheme)}, key=lambda concept: _label(graph, concept).lower()
    )
    rows = []
    for concept in concepts:
        also = ", ".join(sorted(str(name) for name in graph.objects(concept, SKOS.altLabel)))
        matches = [
            f"{compact(str(kind))} {_label(graph, target)}"
            for kind in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broader)
            for target in graph.objects(concept, kind)
        ]
        notes = str(graph.value(concept, SKOS.definition) or graph.value(concept, RDFS.comment) or "")
        rows.append(
            f"<tr><td>{_e(_label(graph, concept))}</td><td>{_e(also)}</td><td>{_e('; '.join(sorted(matches)))}</td>"
            f'<td>{_e(notes)}</td><td class="iri">{_e(compact(str(concept)))}</td></tr>'
        )
    comment = str(graph.value(scheme, RDFS.comment) or graph.value(scheme, SKOS.definition) or "")
    return (
        f'<article id="{_e(compact(str(scheme)).replace(":", "-"))}"><h3>{_e(_label(graph, scheme))} '
        f"<code>{_e(compact(str(scheme)))}</code></h3><p>{_e(comment)}</p>"
        f'<table class="concepts"><tr><th>concept</th><th>also written</th><th>maps to</th><th>definition</th><th>IRI</th></tr>'
        f"{''.join(rows)}</table></article>"
    )


def _label(graph: Graph, node: object) -> str:
    label = graph.value(node, SKOS.prefLabel) or graph.value(node, RDFS.label) or graph.value(node, DCTERMS.title)
    return str(label) if label is not None else compact(str(node))


def _links(ontology: Graph, iris: object) -> str:
    """Links to the page's entries for okg terms; other vocabularies' terms by their prefixed name."""
    shown = []
    for iri in sorted(set(iris), key=str):  # type: ignore[call-overload]
        if isinstance(iri, Literal) or not isinstance(iri, URIRef):
            continue
        name = compact(str(iri))
        shown.append(f'<a href="#{_e(name.replace(":", "-"))}">{_e(name)}</a>' if str(iri).startswith(str(OKG)) else f"<code>{_e(name)}</code>")
    return ", ".join(shown)


def _iri(iri: URIRef) -> str:
    return f'<span class="iri">{_e(str(iri))}</span>'


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# --- the diagram -----------------------------------------------------------------------------------------

BOX_HEIGHT = 26
CHARACTER_WIDTH = 7.2  # of the diagram's 12 px sans-serif, on average


def diagram(ontology: Graph) -> str:
    """The main classes as an inline SVG: okg's classes linked by object properties (and subclassing), with the
    other vocabularies' classes those properties lead to (units, concepts), laid out once by networkx."""
    okg_class = {iri for iri in ontology.subjects(RDF.type, OWL.Class) if str(iri).startswith(str(OKG))}
    names: dict[tuple[URIRef, URIRef], list[str]] = {}  # the object properties from one class to another
    subclass_of: list[tuple[URIRef, URIRef]] = []
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        for domain in ontology.objects(prop, RDFS.domain):
            for range_ in ontology.objects(prop, RDFS.range):
                if domain in okg_class and isinstance(range_, URIRef) and domain != range_:
                    names.setdefault((domain, range_), []).append(_label(ontology, prop))
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        if child in okg_class and parent in okg_class:
            subclass_of.append((child, parent))
    # Built in a fixed order: the layout depends on it, and the page must be the same at every run.
    network = nx.Graph(sorted({tuple(sorted(pair, key=str)) for pair in [*names, *subclass_of]}, key=str))
    if not network:
        return ""
    place = _layout(network, {node: _box_width(_node_label(ontology, node)) for node in network})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Diagram of the main classes">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker>'
        '<marker id="open" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#fff" stroke="#555"/></marker></defs>',
    ]
    for (a, b), labels in [*names.items(), *((pair, []) for pair in subclass_of)]:
        (x1, y1), (x2, y2) = place[a], place[b]
        x2, y2 = _edge_end(x1, y1, x2, y2, _box_width(_node_label(ontology, b)))
        style = 'marker-end="url(#arrow)"' if labels else 'stroke-dasharray="5,4" marker-end="url(#open)"'
        title = (
            f"{_node_label(ontology, a)} → {_node_label(ontology, b)}: {', '.join(sorted(labels))}"
            if labels
            else f"{_node_label(ontology, a)} is a kind of {_node_label(ontology, b)}"
        )
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#555" {style}><title>{_e(title)}</title></line>')
    shown: dict[frozenset, list[str]] = {}  # both directions between two classes share one label
    for (a, b), labels in names.items():
        shown.setdefault(frozenset((a, b)), []).extend(labels)
    for pair, labels in shown.items():
        a, b = sorted(pair, key=str) if len(pair) == 2 else (next(iter(pair)),) * 2
        (x1, y1), (x2, y2) = place[a], place[b]
        text = ", ".join(sorted(labels)) if len(labels) <= 2 else f"{len(labels)} properties"
        parts.append(
            f'<text class="edge" x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 3:.1f}">{_e(text)}<title>{_e(", ".join(sorted(labels)))}</title></text>'
        )
    for node in sorted(network, key=str):
        x, y = place[node]
        label = _node_label(ontology, node)
        box = _box_width(label)
        kind = "" if node in okg_class else ' class="other"'  # another vocabulary's class
        drawn = (
            f'<rect x="{x - box / 2:.1f}" y="{y - BOX_HEIGHT / 2:.1f}" width="{box:.1f}" height="{BOX_HEIGHT}" rx="5"{kind}/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}">{_e(label)}</text>'
        )
        parts.append(f'<a href="#{_e(compact(str(node)).replace(":", "-"))}">{drawn}</a>' if node in okg_class else drawn)
    parts.append("</svg>")
    return "".join(parts)


WIDTH, HEIGHT, MARGIN = 1200, 860, 20


def _node_label(ontology: Graph, node: URIRef) -> str:
    return _label(ontology, node) if str(node).startswith(str(OKG)) else compact(str(node))


def _layout(network: nx.Graph, widths: dict) -> dict:
    """Box centres in the drawing: Kamada-Kawai's layout stretched to the frame, then boxes that overlap pushed apart."""
    positions = nx.kamada_kawai_layout(network)
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    place = {}
    for node, (x, y) in positions.items():
        half = widths[node] / 2
        place[node] = [
            MARGIN + half + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (WIDTH - 2 * MARGIN - 2 * half),
            MARGIN + BOX_HEIGHT + (y - min(ys)) / ((max(ys) - min(ys)) or 1) * (HEIGHT - 2 * MARGIN - 2 * BOX_HEIGHT),
        ]
    nodes = sorted(network, key=str)
    for _ in range(200):
        moved = False
        for index, a in enumerate(nodes):
            for b in nodes[index + 1 :]:
                dx, dy = place[b][0] - place[a][0], place[b][1] - place[a][1]
                overlap_x = (widths[a] + widths[b]) / 2 + 12 - abs(dx)
                overlap_y = BOX_HEIGHT + 14 - abs(dy)
                if overlap_x > 0 and overlap_y > 0:  # push apart vertically, the cheaper way for wide boxes
                    step = overlap_y / 2 * (1 if dy >= 0 else -1)
                    place[a][1] -= step
                    place[b][1] += step
                    moved = True
        for node in nodes:
            place[node][1] = min(max(place[node][1], MARGIN + BOX_HEIGHT / 2), HEIGHT - MARGIN - BOX_HEIGHT / 2)
        if not moved:
            break
    return {node: (x, y) for node, (x, y) in place.items()}


def _box_width(label: str) -> float:
    return len(label) * CHARACTER_WIDTH + 16


def _edge_end(x1: float, y1: float, x2: float, y2: float, box: float) -> tuple[float, float]:
    """Where the line from (x1, y1) to the centre of a box at (x2, y2) meets the box's edge."""
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x2, y2
    scale = min((box / 2) / abs(dx) if dx else math.inf, (BOX_HEIGHT / 2) / abs(dy) if dy else math.inf)
    return x2 - dx * scale, y2 - dy * scale
