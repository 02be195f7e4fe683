"""The benchmark harness: build, queries, check, analytics and pages on synthetic corpora of growing size.

    python benchmarks/run.py [--scales 1,10,100,500] [--corpus FOLDER ...] [--runs 3] [--naive] [--out benchmarks/RESULTS.md]

For each scale it generates a synthetic corpus (benchmarks/synthetic.py), and for
each --corpus takes a corpus already generated (one with several snapshots, say),
then measures each step in a fresh Python process (so peak memory is that step's
own): the build (parse, graph, store load, exports), every named query on the
shipped store and in memory, then on plain rdflib in memory (in a process of its
own, so that its copy of the graph is not counted in Oxigraph's peak), okg's check (with --naive, a naive pySHACL run of
the same shapes, in a process of
its own), the analytics (centrality, a path), the pages (the full graph while it is
useful, focus views) and the overview in headless Chromium (written, opened, its
largest report and unit expanded and collapsed). Times are medians over --runs runs
(one run above 100x); a step that exceeds its cap is reported as such. Each step
records the machine's load average as it ends. The tables go to --out.
"""

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RDFLIB_QUERIES = "queries-rdflib"  # the named queries on plain rdflib in memory
STEPS = ("build", "queries", RDFLIB_QUERIES, "check", "analyze", "viz", "overview")
NAIVE = "naive-check"  # with --naive only: pySHACL alone takes the full cap from 100x
# Parameters the synthetic corpus has at every scale (the queries' defaults name the bundled corpus's documents).
SYNTHETIC_PARAMETERS = {
    "documents-citing": {"symbol": "GB.301/PFA/1"},
    "recommendation-status-history": {"recommendation": "JIU/REP/2030/1 recommendation 7"},
    "theme-items": {"theme": "Workforce and skills"},
}
RDFLIB_CAP = 30  # seconds one query may take on plain rdflib before it is cut off
CHECK_CAP = 300


class Cut(Exception):
    pass


def _alarm(seconds: int) -> None:
    def expire(*_):
        raise Cut()

    signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)


def _median(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def step(name: str, corpus: Path, store: Path, runs: int) -> dict:
    """Run one step in this process and return its figures (with this process's peak memory)."""
    figures: dict = {}
    if name == "build":
        from okg.graph.build.pipeline import build_corpus

        summaries = [build_corpus(corpus / "manifest.toml", store) for _ in range(runs)]
        for key in ("seconds", "parse_seconds", "graph_seconds", "load_seconds", "export_seconds"):
            figures[key] = statistics.median(getattr(s, key) for s in summaries)
        figures["triples"] = summaries[0].triples
        figures["failed"] = len(summaries[0].failed)
    elif name == "queries":
        import pyoxigraph as ox

        from okg.graph.query import in_memory, run_query
        from okg.graph.query.library import bindings, named_queries

        started = time.perf_counter()
        memory = in_memory(store)
        figures["memory_load_seconds"] = time.perf_counter() - started
        rows = {}
        for query in named_queries():
            terms = bindings(query, SYNTHETIC_PARAMETERS.get(query.name, {}))

            def answer(database, query=query, terms=terms) -> int:
                results = run_query(database, query.text, terms)
                return len(list(results)) if isinstance(results, ox.QuerySolutions) else 1

            on_disk = _median(lambda: answer(store), runs)  # okg query: opens the store each time
            ours = _median(lambda: answer(memory), runs)
            rows[query.name] = {"disk": on_disk, "oxigraph": ours, "rows": answer(memory)}
        figures["queries"] = rows
    elif name == RDFLIB_QUERIES:
        from rdflib import Dataset

        from okg.graph.namespaces import PREFIXES
        from okg.graph.query.library import bindings, named_queries

        started = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(store / "okg.trig", format="trig")
        figures["rdflib_load_seconds"] = time.perf_counter() - started
        seconds = {}
        for query in named_queries():
            terms = {k: _rdflib_term(v) for k, v in bindings(query, SYNTHETIC_PARAMETERS.get(query.name, {})).items()}
            try:
                _alarm(RDFLIB_CAP)
                started = time.perf_counter()
                list(dataset.query(query.text, initNs=PREFIXES, initBindings=terms))
                seconds[query.name] = time.perf_counter() - started
            except Cut:
                seconds[query.name] = None
            except Exception as error:  # rdflib's engine refuses some standard SPARQL; say which and go on
                seconds[query.name] = f"rdflib error: {type(error).__name__}"
            finally:
                signal.alarm(0)
        figures["queries"] = seconds
    elif name == "check":
        from okg.graph.check import check_store

        try:
            _alarm(CHECK_CAP)
            started = time.perf_counter()
            report = check_store(store)
            figures["okg_seconds"] = time.perf_counter() - started
            figures["nodes"] = report.nodes
            figures["findings"] = {s: report.count(s) for s in ("Violation", "Warning", "Info")}
        except Cut:
            figures["okg_seconds"] = None
        finally:
            signal.alarm(0)
    elif name == NAIVE:
        # pySHACL alone, every node of the union graph, the same shapes, rdflib's own SPARQL processor.
        from pyshacl import validate
        from rdflib import plugin
        from rdflib.query import Processor

        from okg.graph.check import load_shapes, union_graph

        plugin.register("sparql", Processor, "rdflib.plugins.sparql.processor", "SPARQLProcessor")
        shapes = load_shapes()
        started = time.perf_counter()
        data = union_graph(store)
        figures["rdflib_load_seconds"] = time.perf_counter() - started
        try:
            _alarm(CHECK_CAP)
            started = time.perf_counter()
            validate(data, shacl_graph=shapes, inference="none", allow_infos=True, inplace=True)
            figures["naive_seconds"] = time.perf_counter() - started
        except Cut:
            figures["naive_seconds"] = None
        finally:
            signal.alarm(0)
    elif name == "analyze":
        from okg.graph.analytics import centrality, co_responsibility, entity_network, shortest_path

        def analyse() -> None:
            network = entity_network(store)
            centrality(co_responsibility(network))
            shortest_path(network, "HRD", "JIU/REP/2030/1")

        figures["seconds"] = _median(analyse, runs)
    elif name == "viz":
        from okg.errors import ViewTooLarge
        from okg.viz.page import write_page
        from okg.viz.view import Selection, build_view

        out = store.parent / "page.html"
        for key, focus in (("focus", "HRD"), ("theme_focus", "Workforce and skills")):  # a unit, and a theme many items are about
            figures[f"{key}_nodes"] = len(build_view(store, Selection(focus=focus, depth=1)).nodes)
            figures[f"{key}_seconds"] = _median(lambda focus=focus: write_page(build_view(store, Selection(focus=focus, depth=1)), out), runs)
        try:
            figures["full_nodes"] = len(build_view(store, Selection()).nodes)
        except ViewTooLarge as refused:  # okg viz --all refuses it, as it does above DRAW_LIMIT nodes
            figures["full_nodes"] = refused.nodes
        else:
            figures["full_seconds"] = _median(lambda: write_page(build_view(store, Selection()), out), runs)
    elif name == "overview":
        from playwright.sync_api import sync_playwright

        from benchmarks.chromium import launch
        from benchmarks.viz_overview import measure

        with sync_playwright() as playwright:
            browser = launch(playwright)
            measured = [measure(store, browser, store.parent) for _ in range(runs)]
            browser.close()
        figures = {
            key: statistics.median(m[key] for m in measured) if key.endswith("seconds") else value
            for key, value in measured[0].items()
            if key not in ("report", "unit")
        }
        for category in ("report", "unit"):
            if category in measured[0]:
                figures[category] = {
                    key: statistics.median(m[category][key] for m in measured) if key.endswith("seconds") else value
                    for key, value in measured[0][category].items()
                }
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["load"] = os.getloadavg()[0]
    return figures


def _rdflib_term(term):
    from rdflib import Literal, URIRef

    if hasattr(term, "datatype"):
        return Literal(term.value, datatype=URIRef(term.datatype.value)) if term.datatype else Literal(term.value)
    return URIRef(term.value)


def _run_step(name: str, corpus: Path, store: Path, runs: int) -> dict:
    command = [sys.executable, __file__, "--step", name, "--corpus", str(corpus), "--store", str(store), "--runs", str(runs)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def _fmt(seconds: float | None, cap: str = "") -> str:
    if seconds is None:
        return f"> {cap} s"
    return f"{seconds:.4f}" if seconds < 0.01 else f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}"


def report(results: dict[str, dict], command: str, runs: int) -> str:
    """The tables of one run, each corpus a row (``results``: corpus name -> step -> figures)."""
    lines = [
        "# okg benchmark results",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"{_cores()} cores. Times in seconds, medians over {runs} runs (1 run above scale 100); memory is each step's peak RSS "
        "(its own process; for the overview, Python's, not Chromium's); load is the 1-minute load average as the step ended.",
        "",
        "## Build, check, analytics, pages",
        "",
        "| corpus | triples | build | parse | graph | store load | exports | check (okg) | check (naive pySHACL) "
        "| analyze (centrality + path) | focus views: HRD; a theme (nodes) | ms a node (theme) | full page (nodes) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for corpus, figures in results.items():
        b, c, n, a, v = (figures.get(k, {}) for k in ("build", "check", NAIVE, "analyze", "viz"))
        full = f"{_fmt(v.get('full_seconds'))} ({v.get('full_nodes')})" if "full_seconds" in v else f"not drawn ({v.get('full_nodes')})"
        per_node = f"{1000 * v['theme_focus_seconds'] / v['theme_focus_nodes']:.2f}" if v.get("theme_focus_nodes") else "?"
        naive = _fmt(n.get("naive_seconds"), str(CHECK_CAP)) if n else "not run"
        lines.append(
            f"| {corpus} | {b.get('triples', '?')} | {_fmt(b.get('seconds'))} | {_fmt(b.get('parse_seconds'))} | {_fmt(b.get('graph_seconds'))} | "
            f"{_fmt(b.get('load_seconds'))} | {_fmt(b.get('export_seconds'))} | {_fmt(c.get('okg_seconds'), str(CHECK_CAP))} | {naive} | "
            f"{_fmt(a.get('seconds'))} | {_fmt(v.get('focus_seconds'))} ({v.get('focus_nodes')}); "
            f"{_fmt(v.get('theme_focus_seconds'))} ({v.get('theme_focus_nodes')}) | {per_node} | {full} |"
        )
    lines += [
        "",
        "## The overview in headless Chromium",
        "",
        "Written: read from the store and written as one page. Opened: until the page has drawn its first frames. "
        "Expand and collapse: the report and the unit with the most recommendations, each a click (`okg.toggle`) until drawn.",
        "",
        "| corpus | recommendations | written (s) | page (MB) | opened (s) | labels drawn | overlapping labels | smallest label (px) "
        "| largest report: expand / collapse (s) | largest unit: expand / collapse (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for corpus, figures in results.items():
        o = figures.get("overview", {})
        if "open_seconds" not in o:
            continue
        expansions = [
            f"{_fmt(o[c]['expand_seconds'])} / {_fmt(o[c]['collapse_seconds'])} ({o[c]['members']} recs, {o[c]['drawn']} drawn)" if c in o else "-"
            for c in ("report", "unit")
        ]
        lines.append(
            f"| {corpus} | {o['recommendations']} | {_fmt(o['write_seconds'])} | {o['page_mb']:.1f} | {_fmt(o['open_seconds'])} | "
            f"{o['drawn']} of {o['nodes']} | {o['overlaps']} | {o['smallest_px']:.1f} | {expansions[0]} | {expansions[1]} |"
        )
    steps = [*STEPS, NAIVE]
    lines += [
        "",
        "## Peak memory (MB) and load average per step",
        "",
        "| corpus | " + " | ".join(steps) + " |",
        "| --- | " + " | ".join("---:" for _ in steps) + " |",
    ]
    for corpus, figures in results.items():
        cells = [f"{figures[k]['peak_mb']:.0f} (load {figures[k]['load']:.1f})" if "peak_mb" in figures.get(k, {}) else "-" for k in steps]
        lines.append(f"| {corpus} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Named queries: Oxigraph against plain rdflib, same run",
        "",
        "On disk: `okg query`, which opens the store for each query. In memory: the store loaded once "
        "(`graph.query.in_memory`, as `okg serve` does), like rdflib's in-memory Dataset; the ratio compares "
        "the two in-memory engines. Rows: the answer's size.",
    ]
    for corpus, figures in results.items():
        queries, rdflib = figures.get("queries", {}), figures.get(RDFLIB_QUERIES, {})
        if "queries" not in queries:
            continue
        lines += [
            "",
            f"### {corpus} ({figures.get('build', {}).get('triples', '?')} triples; loading: Oxigraph in memory "
            f"{_fmt(queries.get('memory_load_seconds'))} s, rdflib {_fmt(rdflib.get('rdflib_load_seconds'))} s)",
            "",
            "| query | rows | Oxigraph on disk | Oxigraph in memory | rdflib in memory | rdflib ÷ Oxigraph in memory |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in sorted(queries["queries"].items()):
            ours, theirs = row.get("oxigraph"), rdflib.get("queries", {}).get(name, "-")
            if isinstance(theirs, str):  # rdflib's error, or its step did not run
                ratio, theirs_text = "-", theirs
            else:
                theirs_text = _fmt(theirs, str(RDFLIB_CAP))
                ratio = f"{theirs / ours:.0f}x" if ours and theirs else (f"> {RDFLIB_CAP / ours:.0f}x" if ours else "?")
            lines.append(f"| {name} | {row.get('rows')} | {_fmt(row.get('disk'))} | {_fmt(ours)} | {theirs_text} | {ratio} |")
    errors = {(s, k): f["error"] for s, r in results.items() for k, f in r.items() if isinstance(f, dict) and "error" in f}
    if errors:
        lines += ["", "## Steps that failed", ""] + [f"- {s} {k}: {e}" for (s, k), e in errors.items()]
    return "\n".join(lines) + "\n"


READING = """
## Reading PDF and Word documents (`reading.py`, same run)

Reading the file into the document model and loading its family's records, for the committed renderings of the
five bundled documents (`tests/fixtures/renderings/`), medians of --runs. Word has no pages until it is laid out:
the PDF's page count stands for it.

"""


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100,500")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="a generated corpus folder to measure too")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--naive", action="store_true", help="also run pySHACL alone on the union graph")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS.md"))
    parser.add_argument("--step", choices=(*STEPS, NAIVE), help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step:
        print(json.dumps(step(options.step, options.corpus[0], options.store, options.runs)))
        return

    from benchmarks.synthetic import generate

    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    results: dict[str, dict] = {}
    work = Path(tempfile.mkdtemp(prefix="okg-bench-"))
    corpora = [(f"{scale}x", int(scale), work / f"corpus-{scale}") for scale in options.scales.split(",") if scale]
    corpora += [(f"{folder.name} (given)", None, folder) for folder in options.corpus]
    for name, scale, corpus in corpora:
        if scale is not None:
            generate(corpus, scale)
        store = work / f"store-{len(results)}"
        runs = options.runs if scale is not None and scale <= 100 else 1
        results[name] = {}
        for step_name in (*STEPS, NAIVE) if options.naive else STEPS:
            print(f"{name}: {step_name} ...", file=sys.stderr, flush=True)
            results[name][step_name] = _run_step(step_name, corpus, store, runs)
            print(f"  {json.dumps(results[name][step_name])[:300]}", file=sys.stderr, flush=True)
        options.out.write_text(report(results, command, options.runs), encoding="utf-8")
    print("reading PDF and Word ...", file=sys.stderr, flush=True)
    reading = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("reading.py")), "--runs", str(options.runs)], capture_output=True, text=True, check=True
    ).stdout
    options.out.write_text(report(results, command, options.runs) + READING + reading, encoding="utf-8")
    print(options.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
