"""The endpoint's answers by format: a large SELECT and CONSTRUCT answered by `okg serve`'s code, in each format.

    python benchmarks/endpoint_answers.py STORE [--rows 90000] [--runs 5]

Holds the store in memory (as a worker of `okg serve` does) and times `graph.query.serve.answer`, the
evaluation, the size limit and the writing of the format asked, for each format; prints one line,
``name=median seconds:bytes`` per format, for comparing two commits side by side (run each in its own
virtualenv, alternating).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

FORMATS = {  # name: (query form, media type asked)
    "select-tsv": ("SELECT", "text/tab-separated-values"),
    "select-json": ("SELECT", "application/sparql-results+json"),
    "construct-nt": ("CONSTRUCT", "application/n-triples"),
    "construct-ttl": ("CONSTRUCT", "text/turtle"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--rows", type=int, default=90_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from okg.graph.query import in_memory, run_query
    from okg.graph.query.serve import Job, answer

    database = in_memory(options.store)
    measured = []
    for name, (form, accept) in FORMATS.items():
        head = "SELECT *" if form == "SELECT" else "CONSTRUCT { ?s ?p ?o }"
        job = Job(
            query=f"{head} WHERE {{ ?s ?p ?o }} LIMIT {options.rows}",
            accept=accept,
            base_iri="http://127.0.0.1/sparql",
            default_graphs=None,
            named_graphs=None,
            max_results=options.rows + 10_000,
            allow_service=False,
        )
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            answered = answer(lambda job: run_query(database, job.query), job)
            times.append(time.perf_counter() - started)
        if answered.status != 200:
            sys.exit(f"{name}: {answered.status} {answered.body[:200]!r}")
        measured.append(f"{name}={statistics.median(times):.3f}:{len(answered.body)}")
    print(" ".join(measured))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
