"""Choosing what a page draws and how: the overview (viz.overview), one report or unit, or the graph itself
(the neighbourhood, classes, documents and themes asked for, each node coloured and shaped by its class and
sized by its degree, laid out ahead of time)."""

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import networkx as nx

from okg.errors import UsageProblem, ViewTooLarge
from okg.graph.analytics import entity_network, find_node, neighbourhood
from okg.graph.store.backends import StoreLike, database_of
from okg.viz.cards import FACTS, Card, cards, status_class
from okg.viz.overview import overview_view
from okg.viz.style import CATEGORIES, STYLE, distinct_labels, node_colour, numbered, short_label

STATUS_BORDER = {"implemented": "#2ca02c", "in-progress": "#ff9f1c", "not-accepted": "#d62728", "open": "#7f7f7f"}
# Above this many nodes the page starts with physics off on the precomputed layout (measured in Chromium:
# live physics draws 42 frames a second at 400 nodes, 29 at 800, 12 at 2,000; benchmarks/viz_responsiveness.py).
PHYSICS_LIMIT = 400
# Above this many nodes a selection of the graph is refused before its cards and layout are made: at 100x the whole
# graph (15,513 nodes) took 36 s to write and opens without physics; at ~1M (58,911) writing it ran for 17 minutes,
# for a page no browser draws usably (benchmarks/RESULTS.md).
DRAW_LIMIT = 20_000


@dataclass(frozen=True)
class Selection:
    """What to draw: the overview, one report or one unit; or the graph, a neighbourhood, narrowed by class,
    document and theme."""

    focus: str | None = None
    depth: int = 1
    overview: bool = False  # the summary graph (viz.overview), alone or around one report or unit
    report: str | None = None
    unit: str | None = None
    categories: tuple[str, ...] = ()
    document: str | None = None
    theme: str | None = None


@dataclass
class View:
    """What a page draws: styled nodes and edges; an overview also carries what its nodes expand into (``extra``)."""

    nodes: list[dict]
    edges: list[dict]
    physics: bool
    title: str
    mode: str = "graph"  # or "overview"
    extra: dict = field(default_factory=dict)


def select(network: nx.MultiDiGraph, selection: Selection, sources: dict[str, str]) -> nx.MultiDiGraph:
    """The part of the network the selection asks for (``sources``: node -> source document label)."""
    keep = set(network.nodes)
    if selection.focus:
        centre = find_node(network, selection.focus)
        undirected = network.to_undirected(as_view=True)
        keep &= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=selection.depth))
    if selection.theme:
        theme = find_node(network, selection.theme)
        about = {a for a, b in network.in_edges(theme)} | {theme}
        keep &= about | {n for a in about for n in network.successors(a)}
    if selection.document:
        wanted = selection.document.casefold()
        members = {n for n, doc in sources.items() if doc.casefold() == wanted or n.casefold().endswith(wanted)}
        keep &= members | {m for n in members for m in nx.all_neighbors(network, n)}
    if selection.categories:
        unknown = set(selection.categories) - set(STYLE)
        if unknown:
            raise UsageProblem(f"unknown class {sorted(unknown)[0]!r} (classes: {', '.join(STYLE)})")
        keep = {n for n in keep if category(network.nodes[n]["kind"]) in selection.categories}
    if len(keep) == network.number_of_nodes():
        return network  # nothing left out: copying a focus view's 5,000 nodes took a tenth of its time
    return network.subgraph(keep).copy()


def category(kind: str) -> str:
    return CATEGORIES.get(kind, "other")


# Up to this many nodes the layout is force-directed; above, spectral (measured: NetworkX spring layout of
# 800 nodes takes 2.9 s and of 5,000 6-16 s, spectral 0.4 s; see benchmarks/viz_responsiveness.py), or for a
# focus view rings around its centre (0.6 s spectral against 0.04 s at 6,251 nodes, benchmarks/focus_views.py).
SPRING_LIMIT = 500
SPACING = 40.0  # canvas units between neighbouring nodes in rings: a node with one link is drawn 32 units wide
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout(graph: nx.MultiDiGraph, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Positions computed ahead of time, the same on every run (fixed seed); around ``centre`` (a focus view's)
    in rings when the graph is large."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() > SPRING_LIMIT and centre in graph:
        return rings(graph, centre)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted({tuple(sorted((a, b))) for a, b in graph.edges() if a != b}))
    scale = max(300.0, 12.0 * simple.number_of_nodes() ** 0.5)
    if simple.number_of_nodes() <= SPRING_LIMIT or simple.number_of_edges() == 0:
        positions = nx.spring_layout(simple, seed=7, iterations=50, scale=scale)
    else:
        positions = nx.spectral_layout(simple, scale=scale)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def rings(graph: nx.MultiDiGraph, centre: str) -> dict[str, tuple[float, float]]:
    """``centre`` in the middle, and around it a ring of the nodes one link away, then one of those two links away,
    and so on (nodes no path reaches, when a filter left them apart, on the outermost ring).

    The nodes of a ring are spread over it as a sunflower spreads its seeds, each about :data:`SPACING` from its
    neighbours, and placed in turn by angle: those one link away by class (each class its sector), the others by
    where the node that reached them lies, then by class.
    """
    distances = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre)
    outermost = max(distances.values()) + 1
    by_ring: dict[int, list[str]] = {}
    for node in graph.nodes:
        by_ring.setdefault(distances.get(node, outermost), []).append(node)
    positions = {centre: (0.0, 0.0)}
    placed = {centre: 0}  # each node's turn on its ring
    inner = 0.0
    for ring in sorted(by_ring)[1:]:

        def reached_from(node: str, ring: int = ring) -> int:
            return min((placed[n] for n in nx.all_neighbors(graph, node) if distances.get(n) == ring - 1), default=-1)

        nodes = sorted(by_ring[ring], key=lambda node: (reached_from(node), graph.nodes[node]["kind"], node))
        inner += SPACING
        # Seed i lies where the ring's area from the inside out to it holds i seeds of SPACING squared each.
        seeds = sorted(((i * _GOLDEN_ANGLE) % (2 * math.pi), math.sqrt(inner**2 + (i + 0.5) * SPACING**2 / math.pi)) for i in range(len(nodes)))
        for turn, (node, (angle, radius)) in enumerate(zip(nodes, seeds)):
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
            placed[node] = turn
        inner = max(radius for _, radius in seeds)
    return positions


def build_view(store: StoreLike, selection: Selection) -> View:
    """Nodes and edges, styled and laid out, with their cards, for the page."""
    with _collector_paused():
        return _view(store, selection)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block, then as it was: a view makes hundreds of thousands of
    objects, few in cycles, and the collector walks them all again and again (measured: 0.24 s of a 6,251-node focus
    view's 2.4 s). What the block leaves in cycles is collected after it."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _view(store: StoreLike, selection: Selection) -> View:
    if selection.overview or selection.report or selection.unit:
        return overview_view(store, selection.report, selection.unit)
    if selection.focus and not (selection.theme or selection.document):
        # Read only the neighbourhood: a focus view costs what it shows, not what the graph holds. The cards' facts
        # are read with the nodes' names, and one open store serves both (its cache holds the nodes already read).
        database = database_of(store)
        around = neighbourhood(database, selection.focus, selection.depth, facts=FACTS)
        chosen, centre = select(around.network, replace(selection, focus=None), {}), around.centre
        node_cards = cards(database, set(chosen.nodes), around.facts)
    else:
        network = entity_network(store)
        centre = find_node(network, selection.focus) if selection.focus else None
        node_cards = cards(store, set(network.nodes)) if selection.document else {}
        sources = {n: (c.source or "").split(", lines")[0] for n, c in node_cards.items()}
        chosen = select(network, selection, sources)
        if chosen.number_of_nodes() > DRAW_LIMIT:
            raise ViewTooLarge(
                f"the selection holds {chosen.number_of_nodes():,} nodes, more than a page draws ({DRAW_LIMIT:,}): "
                "open the overview (okg viz with no option), or narrow the selection with --focus, --classes, "
                "--document or --theme",
                chosen.number_of_nodes(),
            )
        node_cards = {node: node_cards[node] for node in chosen.nodes} if node_cards else cards(store, set(chosen.nodes))
    positions = layout(chosen, centre)
    degrees = dict(chosen.degree())
    physics = chosen.number_of_nodes() <= PHYSICS_LIMIT
    drawn = [_node(chosen, node, node_cards[node], degrees[node], positions[node]) for node in chosen.nodes]
    distinct_labels(drawn)
    edges = [
        {
            "id": f"e{position}",
            "from": a,
            "to": b,
            "label": data["relation"] if physics else "",
            "relation": data["relation"],
            "inferred": data["inferred"],
            "dashes": data["inferred"],
            "color": {"color": "#b0b0b0" if data["inferred"] else "#6b6b6b"},
            "arrows": "to",
        }
        for position, (a, b, data) in enumerate(chosen.edges(data=True))
    ]
    title = f"okg: around {selection.focus} (depth {selection.depth})" if selection.focus else "okg: the knowledge graph"
    return View(drawn, edges, physics, title)


def _node(graph: nx.MultiDiGraph, node: str, card: Card, degree: int, position: tuple[float, float]) -> dict:
    data = graph.nodes[node]
    group = category(data["kind"])
    colour, shape = STYLE[group]
    status = status_class(card) if group == "recommendation" else None
    full_label = numbered(data["label"], group, card.number)
    return {
        "id": node,
        "label": short_label(data["acronym"] or full_label, 40),
        "fullLabel": full_label,
        "names": data["names"],
        "category": group,
        "kind": data["kind"],
        "shape": shape,
        "size": 8 + 8 * min(degree, 25) ** 0.5,
        "x": position[0],
        "y": position[1],
        "color": node_colour(colour, STATUS_BORDER.get(status, colour)),
        "borderWidth": 4 if status else 1,
        "borderWidthSelected": 5 if status else 2,
        "priority": degree,
        "status": status,
        "card": card.as_dict(),
        "document": card.source.split(", lines")[0] if card.source else "",
    }
