"""Where the graph pages put their nodes: rings around a large focus view's centre, the other layouts else."""

import math

import networkx as nx

from okg.viz.view import SPACING, layout, rings


def _star(kinds: list[str], outer: int) -> nx.MultiDiGraph:
    """A centre linked to one node of each of ``kinds``, and ``outer`` nodes each linked to one of those."""
    graph = nx.MultiDiGraph()
    graph.add_node("centre", kind="Concept")
    for position, kind in enumerate(kinds):
        graph.add_node(f"near {position:04d}", kind=kind)
        graph.add_edge(f"near {position:04d}", "centre")
    for position in range(outer):
        graph.add_node(f"far {position:04d}", kind="Paragraph")
        graph.add_edge(f"far {position:04d}", f"near {position % 40:04d}")
    return graph


def test_a_large_focus_view_is_laid_out_in_rings_around_its_centre() -> None:
    graph = _star(["Recommendation", "ActionItem", "Paragraph"] * 400, 900)
    positions = layout(graph, "centre")
    assert positions == rings(graph, "centre") and positions["centre"] == (0.0, 0.0)
    radius = {node: math.hypot(*positions[node]) for node in graph}
    near = [node for node in graph if node.startswith("near")]
    far = [node for node in graph if node.startswith("far")]
    # The nodes one link away fill the first ring, those two links away the next, no node nearer a neighbour than
    # nine tenths of the spacing.
    assert min(radius[n] for n in near) >= SPACING and max(radius[n] for n in near) + SPACING <= min(radius[n] for n in far)
    points = sorted(positions.values())
    nearest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 : i + 60])
    assert nearest >= 0.9 * SPACING
    # Around the first ring, each class in one sector: going round, the class changes three times.
    kinds = [graph.nodes[n]["kind"] for n in sorted(near, key=lambda n: math.atan2(positions[n][1], positions[n][0]))]
    assert sum(a != b for a, b in zip(kinds, kinds[1:] + kinds[:1])) == 3


def test_a_small_focus_view_and_a_view_without_its_centre_keep_the_other_layouts() -> None:
    small = _star(["Recommendation"] * 30, 0)
    assert layout(small, "centre") != rings(small, "centre")
    large = _star(["Recommendation"] * 600, 0)
    large.remove_node("centre")  # filtered out by class
    assert set(layout(large, "centre")) == set(large)
