"""Status over time at scale: the latest-status and history queries, and `okg diff`, with several snapshots.

    python benchmarks/snapshots.py [--scale 300] [--snapshots 3] [--runs 3] [--out benchmarks/SNAPSHOTS.md]

Generates a synthetic corpus (benchmarks/synthetic.py) whose follow-up tables are
followed by later tables of the same recommendations, and builds it twice: without
the latest snapshot (the previous release) and with it. Then measures, in one run:
each status query in memory (the store loaded once, as `okg serve` does) and on disk
(`okg query`), medians of --runs; and `okg diff` of the two releases (reading both
and comparing), the same way. The table goes to --out.
"""

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

STATUS_QUERIES = {
    "open-recommendations": {},
    "open-recommendations (as_of)": {"as_of": "2023-12-31"},
    "recommendations-by-acceptance": {},
    "recommendations-by-status": {},
    "not-accepted-recommendations": {},
    "implemented-across-schemes": {},
    "unit-workload": {},
    "status-transitions": {},
    "recommendation-status-history": {"recommendation": "JIU/REP/2030/1 recommendation 7"},
}


def _median(work, runs: int) -> tuple[float, object]:
    times, answer = [], None
    for _ in range(runs):
        started = time.perf_counter()
        answer = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), answer


def previous_manifest(manifest: Path, latest_year: int) -> Path:
    """The manifest without the latest snapshot's tables: the release before it."""
    entries = manifest.read_text(encoding="utf-8").split("[[document]]")
    kept = [entry for entry in entries[1:] if f'-{latest_year}"' not in entry.split("\n", 2)[1]]
    previous = manifest.with_name("manifest-previous.toml")
    previous.write_text(entries[0] + "".join(f"[[document]]{entry}" for entry in kept), encoding="utf-8")
    return previous


def run(scale: int, snapshots: int, runs: int, work: Path) -> dict:

    from benchmarks.synthetic import generate
    from okg.graph.analytics.diff import diff_releases, read_release
    from okg.graph.build.pipeline import build_corpus
    from okg.graph.query import in_memory, run_query
    from okg.graph.query.library import bindings, find_query

    corpus = work / "corpus"
    generate(corpus, scale, snapshots=snapshots)
    figures: dict = {"scale": scale, "snapshots": snapshots}
    started = time.perf_counter()
    build_corpus(previous_manifest(corpus / "manifest.toml", 2022 + snapshots - 1), work / "previous")
    figures["build_previous_seconds"] = time.perf_counter() - started
    summary = build_corpus(corpus / "manifest.toml", work / "store")
    figures["build_seconds"], figures["triples"] = summary.seconds, summary.triples
    started = time.perf_counter()
    memory = in_memory(work / "store")
    figures["memory_load_seconds"] = time.perf_counter() - started

    rows = {}
    for label, params in STATUS_QUERIES.items():
        query = find_query(label.split(" ")[0])
        terms = bindings(query, params)

        def answer(database, query=query, terms=terms) -> int:
            return len(list(run_query(database, query.text, terms)))

        in_memory_seconds, count = _median(lambda store=memory: answer(store), runs)
        on_disk_seconds, _ = _median(lambda: answer(work / "store"), runs)
        rows[label] = {"rows": count, "memory": in_memory_seconds, "disk": on_disk_seconds}
    figures["queries"] = rows
    del memory

    def compare() -> int:
        return len(diff_releases(read_release(work / "previous"), read_release(work / "store")).changes)

    figures["diff_seconds"], figures["diff_changes"] = _median(compare, runs)
    started = time.perf_counter()
    read_release(work / "store")
    figures["read_release_seconds"] = time.perf_counter() - started
    return figures


def report(figures: dict, runs: int) -> str:
    lines = [
        "# Status over time at scale",
        "",
        f"Command: `python benchmarks/snapshots.py --scale {figures['scale']} --snapshots {figures['snapshots']} --runs {runs}`",
        "",
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}. "
        f"Times in seconds, medians of {runs} runs, all measured in one run of the script.",
        "",
        f"Corpus: synthetic, scale {figures['scale']}, each follow-up table followed by {figures['snapshots'] - 1} later "
        f"snapshots of the same recommendations; {figures['triples']:,} triples in the documents' graphs. "
        f"Build {figures['build_seconds']:.1f} s (the previous release, without the latest snapshot: "
        f"{figures['build_previous_seconds']:.1f} s); loading the store into memory {figures['memory_load_seconds']:.1f} s.",
        "",
        "| query | rows | in memory (goal ≤ 0.5) | on disk (`okg query`) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, row in figures["queries"].items():
        lines.append(f"| {label} | {row['rows']} | {row['memory']:.3f} | {row['disk']:.3f} |")
    lines += [
        "",
        f"`okg diff` of the previous and the new release (two stores, goal ≤ 30 s): {figures['diff_seconds']:.1f} s, "
        f"{figures['diff_changes']:,} changes listed (reading one release: {figures['read_release_seconds']:.1f} s).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=300)
    parser.add_argument("--snapshots", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/SNAPSHOTS.md"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="okg-snapshots-") as work:
        figures = run(options.scale, options.snapshots, options.runs, Path(work))
    options.out.write_text(report(figures, options.runs), encoding="utf-8")
    print(options.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
