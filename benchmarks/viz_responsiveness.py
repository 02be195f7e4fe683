"""How large a page stays responsive: pages of N nodes opened in headless Chromium.

    python benchmarks/viz_responsiveness.py [--sizes 200,400,800,2000,5000,10000]

For each size it writes a page with a random graph of the corpus's shape (about two
links per node), with physics on (vis-network lays it out live) and off (the
precomputed NetworkX layout), and measures in Chromium: the time until the page
is ready and drawn, and the time a search (select, focus, redraw) takes.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from okg.viz.page import write_page
from okg.viz.view import STYLE, View, layout


def synthetic_view(size: int, physics: bool) -> View:
    rng = random.Random(size)
    graph = nx.MultiDiGraph(nx.gnm_random_graph(size, 2 * size, seed=size, directed=True))
    positions = layout(graph)
    categories = list(STYLE)
    nodes = []
    for node in graph.nodes:
        group = categories[rng.randrange(len(categories))]
        colour, shape = STYLE[group]
        x, y = positions[node]
        nodes.append(
            {
                "id": str(node),
                "label": f"node {node}",
                "fullLabel": f"node {node}",
                "names": [],
                "category": group,
                "kind": group,
                "shape": shape,
                "size": 10,
                "x": x,
                "y": y,
                "color": {"background": colour, "border": colour},
                "borderWidth": 1,
                "status": None,
                "card": {},
                "document": "",
            }
        )
    edges = [
        {
            "id": f"e{i}",
            "from": str(a),
            "to": str(b),
            "label": "",
            "relation": "links",
            "inferred": False,
            "dashes": False,
            "color": {"color": "#6b6b6b"},
            "arrows": "to",
        }
        for i, (a, b) in enumerate(graph.edges())
    ]
    return View(nodes, edges, physics, f"{size} nodes")


def main() -> None:
    from benchmarks.chromium import CHROMIUM, launch

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,400,800,2000,5000,10000")
    parser.add_argument("--chromium", default=None, help="the browser (default: Debian's chromium)")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print("| nodes | physics | layout in Python (s) | page ready (s) | frames in the next second | search and redraw (ms) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    with sync_playwright() as playwright:
        browser = launch(playwright, options.chromium or CHROMIUM)
        for size in (int(s) for s in options.sizes.split(",")):
            for physics in (True, False):
                if physics and size > 2000:
                    continue  # live layout of thousands of nodes: measured unusable at 2,000 already
                started = time.perf_counter()
                view = synthetic_view(size, physics)
                layout_seconds = time.perf_counter() - started
                path = folder / f"{size}-{physics}.html"
                write_page(view, path)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.okg !== undefined")
                page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
                ready = time.perf_counter() - started
                # Frames drawn in the next second: live physics keeps redrawing; below ~20 the page feels stuck.
                fps = page.evaluate(
                    "new Promise(done => { let frames = 0; const end = performance.now() + 1000;"
                    " const tick = () => { frames++; performance.now() < end ? requestAnimationFrame(tick) : done(frames); };"
                    " requestAnimationFrame(tick); })"
                )
                started = time.perf_counter()
                page.evaluate("okg.search('node 7'); new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
                search = (time.perf_counter() - started) * 1000
                page.close()
                print(f"| {size} | {'on' if physics else 'off'} | {layout_seconds:.2f} | {ready:.2f} | {fps} | {search:.0f} |", flush=True)
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
