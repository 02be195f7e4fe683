"""Named queries before and after a change, side by side on one in-memory store.

    python benchmarks/compare_queries.py STORE QUERY... [--before REV] [--param name=value] [--runs 7]

Loads STORE (a store folder from `okg build`) into memory once, then runs each named QUERY's text as
of git revision REV (default HEAD) and as it is in the working tree, interleaved, --runs times each.
Prints a Markdown table of the medians and checks that both answer the same rows, in the same order.
A query whose answers differ is marked so; the script then exits 1.
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def query_text_at(revision: str, name: str) -> str:
    """The text of the named query ``name`` (queries/NAME.rq) at git ``revision``."""
    root = Path(__file__).resolve().parent.parent
    return subprocess.run(["git", "show", f"{revision}:queries/{name}.rq"], cwd=root, check=True, capture_output=True, text=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("queries", nargs="+", metavar="QUERY")
    parser.add_argument("--before", default="HEAD", help="the git revision to compare with (default HEAD)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    from okg.graph.query import in_memory, run_query
    from okg.graph.query.library import bindings, find_query

    params = dict(p.split("=", 1) for p in options.param)
    started = time.perf_counter()
    database = in_memory(options.store)
    print(
        f"store loaded in {time.perf_counter() - started:.1f} s; parameters {params or 'none'}; medians of {options.runs} interleaved runs, seconds",
        file=sys.stderr,
    )

    def answer(text: str, terms: dict) -> tuple[float, list]:
        started = time.perf_counter()
        rows = [tuple(None if v is None else str(v) for v in row) for row in run_query(database, text, terms)]
        return time.perf_counter() - started, rows

    lines = [f"| query | rows | {options.before} | working tree | faster |", "| --- | ---: | ---: | ---: | ---: |"]
    differ = False
    for name in options.queries:
        query = find_query(name)
        texts = {"before": query_text_at(options.before, name), "after": query.text}
        terms = bindings(query, {k: v for k, v in params.items() if k in {p.name for p in query.parameters}})
        times: dict[str, list[float]] = {"before": [], "after": []}
        answers: dict[str, list] = {}
        for _ in range(options.runs):
            for side, text in texts.items():
                seconds, answers[side] = answer(text, terms)
                times[side].append(seconds)
        before, after = statistics.median(times["before"]), statistics.median(times["after"])
        same = answers["before"] == answers["after"]
        differ |= not same
        lines.append(
            f"| {name} | {len(answers['after'])}{'' if same else ' (answers differ)'} | {before:.3f} | {after:.3f} | {before / after:.2f}x |"
        )
    print("\n".join(lines))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
