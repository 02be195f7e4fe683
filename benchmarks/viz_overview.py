"""How fast the overview page opens and expands, and whether its labels stay clear, on built stores.

    python benchmarks/viz_overview.py STORE [STORE ...]

For each store: the time to read the overview from the store (a few aggregate queries
and the recommendations' cards) and write the page, the page's size, the time until
it is drawn in headless Chromium, how many labels the page had to hide and how many
label boxes overlap at the opening zoom, and the time to expand (and collapse) the
report and the unit with the most recommendations, in the page.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from okg.viz.overview import overview_view
from okg.viz.page import write_page

FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# Label boxes that overlap, counted in the page over the labels drawn.
OVERLAPS = (
    "(() => { const b = okg.labelBoxes(); let n = 0; b.forEach((x, i) => b.slice(i + 1).forEach(y => { if (okg.overlaps(x, y)) n++; }));"
    " return [b.length, okg.nodeView.length, n, Math.min(...b.map(x => x.fontPixels))]; })()"
)


def measure(store: Path, browser, folder: Path) -> dict:
    """The overview of ``store``: seconds to read and write it, to open it in ``browser``, to expand and collapse the
    report and the unit with the most recommendations; its size; labels drawn and overlapping at the opening zoom."""
    started = time.perf_counter()
    view = overview_view(store)
    path = folder / f"{store.name}.html"
    write_page(view, path)
    figures: dict = {
        "write_seconds": time.perf_counter() - started,
        "page_mb": path.stat().st_size / 1e6,
        "recommendations": len(view.extra["recommendations"]),
    }
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.okg !== undefined")
    page.evaluate(FRAME)
    figures["open_seconds"] = time.perf_counter() - started
    figures["drawn"], figures["nodes"], figures["overlaps"], figures["smallest_px"] = page.evaluate(OVERLAPS)
    members = view.extra["members"]
    for category in ("report", "unit"):
        drawn = [n for n in view.nodes if n["category"] == category]
        if not drawn:
            continue
        node = max(drawn, key=lambda n: len(members.get(n["id"], [])))
        started = time.perf_counter()
        page.evaluate(f"okg.toggle({node['id']!r}); {FRAME}")
        expanded = time.perf_counter() - started
        after = page.evaluate(OVERLAPS)
        started = time.perf_counter()
        page.evaluate(f"okg.toggle({node['id']!r}); {FRAME}")
        figures[category] = {
            "members": len(members[node["id"]]),
            "drawn": after[1] - figures["nodes"],
            "expand_seconds": expanded,
            "collapse_seconds": time.perf_counter() - started,
            "overlaps": after[2],
        }
    page.close()
    return figures


def row(store: Path, figures: dict) -> str:
    """One line of the table main() prints."""
    expansions = "; ".join(
        f"{category} {f['members']} recs: {f['expand_seconds'] * 1000:.0f} / {f['collapse_seconds'] * 1000:.0f} ms, {f['overlaps']} overlaps"
        for category in ("report", "unit")
        if (f := figures.get(category))
    )
    return (
        f"| {store} | {figures['recommendations']} | {figures['write_seconds']:.2f} | {figures['page_mb']:.1f} | "
        f"{figures['open_seconds']:.2f} | {figures['drawn']} of {figures['nodes']} | {figures['overlaps']} | "
        f"{figures['smallest_px']:.1f} | {expansions} |"
    )


def main() -> None:
    from benchmarks.chromium import CHROMIUM, launch

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--chromium", default=None, help="the browser (default: Debian's chromium)")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print(
        "| store | recommendations | read and write (s) | page (MB) | open in Chromium (s) | labels drawn | overlaps "
        "| smallest label (px) | expand / collapse the largest report and unit |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    with sync_playwright() as playwright:
        browser = launch(playwright, options.chromium or CHROMIUM)
        for store in options.stores:
            print(row(store, measure(store, browser, folder)), flush=True)
        browser.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
