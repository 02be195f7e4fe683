"""How fast the overview page opens and expands, and whether its labels stay clear, on built stores.

    python benchmarks/viz_overview.py STORE [STORE ...]

For each store: the time to read the overview from the store (a few aggregate queries
and the recommendations' cards) and write the page, the page's size, the time until
it is drawn in headless Chromium, how many labels the page had to hide and how many
label boxes overlap at the opening zoom, and the time to expand (and collapse) the
report and the unit with the most recommendations, in the page.
"""

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from okg.viz.overview import overview_view
from okg.viz.page import write_page

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Label boxes that overlap, counted in the page over the labels drawn.
OVERLAPS = ("(() => { const b = okg.labelBoxes(); let n = 0; b.forEach((x, i) => b.slice(i + 1).forEach(y => { if (okg.overlaps(x, y)) n++; }));"
            " return [b.length, okg.nodeView.length, n, Math.min(...b.map(x => x.fontPixels))]; })()")


def measure(store: Path, browser, folder: Path) -> str:
    started = time.perf_counter()
    view = overview_view(store)
    path = folder / f"{store.name}.html"
    write_page(view, path)
    written = time.perf_counter() - started
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.okg !== undefined")
    page.evaluate(FRAME)
    opened = time.perf_counter() - started
    drawn, nodes, overlaps, smallest = page.evaluate(OVERLAPS)
    members = view.extra["members"]
    biggest = {category: max((n for n in view.nodes if n["category"] == category), key=lambda n: len(members.get(n["id"], [])))
               for category in ("report", "unit") if any(n["category"] == category for n in view.nodes)}
    expansions = []
    for category, node in biggest.items():
        started = time.perf_counter()
        page.evaluate(f"okg.toggle({node['id']!r}); {FRAME}")
        expanded = time.perf_counter() - started
        after = page.evaluate(OVERLAPS)
        started = time.perf_counter()
        page.evaluate(f"okg.toggle({node['id']!r}); {FRAME}")
        collapsed = time.perf_counter() - started
        expansions.append(f"{category} {len(members[node['id']])} recs: {expanded * 1000:.0f} / {collapsed * 1000:.0f} ms, "
                          f"{after[2]} overlaps")
    page.close()
    return (f"| {store} | {len(view.extra['recommendations'])} | {written:.2f} | {path.stat().st_size / 1e6:.1f} | {opened:.2f} "
            f"| {drawn} of {nodes} | {overlaps} | {smallest:.1f} | {'; '.join(expansions)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print("| store | recommendations | read and write (s) | page (MB) | open in Chromium (s) | labels drawn | overlaps "
          "| smallest label (px) | expand / collapse the largest report and unit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=FLAGS)
        for store in options.stores:
            print(measure(store, browser, folder), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
