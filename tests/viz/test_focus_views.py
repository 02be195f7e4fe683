"""Focus views (``okg viz --focus``): what they draw.

tests/fixtures/views/focus-views.json holds what the focus views below drew when okg read each pass of a view a node
at a time (commit 42bda75, before issue 18's rework of the reading; tests/fixtures/views/README.md): however the
store is read, a view must draw the same nodes, cards and edges. Positions are apart: the layout may change.
"""

import json
from pathlib import Path

import pytest

from okg.viz.view import Selection, build_view

VIEWS = Path(__file__).resolve().parents[1] / "fixtures" / "views" / "focus-views.json"
# (corpus, node, depth): a unit, a report, a theme, a standard; with a second follow-up snapshot, recommendations
# with two status assessments (the card shows the latest) and a unit two links out.
FOCUS_VIEWS = [
    ("bundled", "HRD", 1),
    ("bundled", "HRD", 2),
    ("bundled", "JIU/REP/2020/8", 2),
    ("bundled", "Workforce and skills", 2),
    ("bundled", "https://w3id.org/okg/id/standard/C190", 2),
    ("two snapshots", "JIU/REP/2020/7", 1),
    ("two snapshots", "SOCPRO", 2),
]


def drawn(store: Path, node: str, depth: int) -> dict:
    """What the focus view draws: nodes (their positions apart) with their cards, and edges; as JSON gives it back."""
    view = build_view(store, Selection(focus=node, depth=depth))
    content = {
        "title": view.title,
        "physics": view.physics,
        "edges": view.edges,
        "nodes": [{key: value for key, value in node.items() if key not in ("x", "y")} for node in view.nodes],
    }
    return json.loads(json.dumps(content))


def view_name(corpus: str, node: str, depth: int) -> str:
    return f"{corpus}: {node} (depth {depth})"


@pytest.mark.parametrize(("corpus", "node", "depth"), FOCUS_VIEWS)
def test_a_focus_view_draws_what_it_drew_before(built_corpus, two_snapshots, corpus, node, depth) -> None:
    store = {"bundled": built_corpus.store, "two snapshots": two_snapshots.store}[corpus]
    expected = json.loads(VIEWS.read_text(encoding="utf-8"))[view_name(corpus, node, depth)]
    assert drawn(store, node, depth) == expected


def test_the_views_with_two_snapshots_show_the_later_status() -> None:
    # JIU/REP/2020/7 recommendation 8 was in progress in July 2022, implemented in July 2023: the view holds the latest.
    view = json.loads(VIEWS.read_text(encoding="utf-8"))[view_name("two snapshots", "JIU/REP/2020/7", 1)]
    card = next(n["card"] for n in view["nodes"] if n["id"] == "https://w3id.org/okg/id/document/JIU/REP/2020/7/recommendation/8")
    assert card["status"] == "Accepted / Implemented"
