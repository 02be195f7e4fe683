"""Focus views (``okg viz --focus NODE``) timed on a built store, this checkout beside another one, in one run.

    python benchmarks/focus_views.py STORE [--focus HRD --focus "Workforce and skills"] [--depth 1] [--runs 5]
                                     [--rounds 3] [--against PYTHON]

Each focus view is read from the store and written as a page (what benchmarks/run.py times), ``--runs`` times in a
process of its own after one untimed view; with ``--against`` (the interpreter of another okg install, say main's),
that install's process runs right after this checkout's, view for view, ``--rounds`` times, so that both meet the
same load on a shared machine. Prints, per focus: nodes, the median seconds of each side, their ratio, each side's
peak memory, and whether both drew the same page content (nodes and their cards, edges; positions apart).
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(store: Path, focus: str, depth: int, runs: int) -> dict:
    """In this process: the focus view's seconds (each run read and written anew), its size and content digest."""
    from okg.viz.page import write_page
    from okg.viz.view import Selection, build_view

    selection = Selection(focus=focus, depth=depth)
    view = build_view(store, selection)  # untimed: as benchmarks/run.py, which counts the nodes first
    page = Path(tempfile.mkdtemp()) / "focus.html"
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        write_page(build_view(store, selection), page)
        seconds.append(time.perf_counter() - started)
    # The content a reader sees: every node with its card and every edge; where the layout puts them apart.
    content = {"nodes": [{k: v for k, v in node.items() if k not in ("x", "y")} for node in view.nodes], "edges": view.edges}
    return {
        "seconds": seconds,
        "nodes": len(view.nodes),
        "edges": len(view.edges),
        "digest": hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }


def _in_process(python: str, store: Path, focus: str, depth: int, runs: int) -> dict:
    command = [python, __file__, "--child", str(store), "--focus", focus, "--depth", str(depth), "--runs", str(runs)]
    # Not from this folder: the other install's okg must be the one imported, never this checkout's.
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--focus", action="append", help="a node to focus on (repeatable; default HRD and Workforce and skills)")
    parser.add_argument("--depth", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="timed views per process")
    parser.add_argument("--rounds", type=int, default=3, help="processes per side and focus, alternating with --against")
    parser.add_argument("--against", help="the Python interpreter of another okg install, measured beside this one")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    focuses = options.focus or ["HRD", "Workforce and skills"]
    if options.child:
        print(json.dumps(measure(options.store.resolve(), focuses[0], options.depth, options.runs)))
        return
    sides = {"this": sys.executable} | ({"against": options.against} if options.against else {})
    print(f"store {options.store}, depth {options.depth}, {options.rounds} rounds of {options.runs} runs; medians in seconds")
    columns = [
        "focus",
        "nodes",
        "edges",
        *(f"{side} (s)" for side in sides),
        *(["against ÷ this", "same content"] if options.against else []),
        "peak MB",
        "load",
    ]
    print("| " + " | ".join(columns) + " |\n|" + " --- |" * len(columns))
    for focus in focuses:
        found: dict[str, list[dict]] = {side: [] for side in sides}
        for _ in range(options.rounds):
            for side, python in sides.items():
                found[side].append(_in_process(python, options.store.resolve(), focus, options.depth, options.runs))
        medians = {side: statistics.median(s for r in runs for s in r["seconds"]) for side, runs in found.items()}
        first = found["this"][0]
        cells = [focus, str(first["nodes"]), str(first["edges"]), *(f"{medians[side]:.3f}" for side in sides)]
        if options.against:
            same = {r["digest"] for runs in found.values() for r in runs} == {first["digest"]}
            cells += [f"{medians['against'] / medians['this']:.2f}x", "yes" if same else "NO"]
        cells += [
            " / ".join(f"{max(r['peak_mb'] for r in runs):.0f}" for runs in found.values()),
            f"{min(r['load'] for runs in found.values() for r in runs):.1f}-{max(r['load'] for runs in found.values() for r in runs):.1f}",
        ]
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
