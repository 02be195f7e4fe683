"""Reading time per page of PDF and Word documents: the five bundled documents' renderings, read and loaded.

    .venv/bin/python benchmarks/reading.py [--runs 3]

For each rendering in tests/fixtures/renderings/ it times reading the file into the
document model and loading its family's records (median of --runs), and divides by
the pages of the document's PDF (Word has no pages until laid out: the PDF's count
stands for it). It also times ``okg build`` of the PDFs (median of --runs).
Prints Markdown table rows for benchmarks/RESULTS.md.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from okg.graph.build.families import FAMILIES
from okg.graph.build.pipeline import build_corpus
from okg.loaders.readers import read_document

REPO = Path(__file__).resolve().parents[1]
RENDERINGS = REPO / "tests" / "fixtures" / "renderings"
FAMILY_OF = {
    "jiu-follow-up": "jiu-follow-up",
    "evaluation-recommendations": "evaluation-recommendations",
    "un-reform-update": "governing-body-report",
    "hr-strategy-progress": "governing-body-report",
    "mopan-management-response": "management-response",
}


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print("| document | format | pages | reading + loading (s) | per page (s) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, family in FAMILY_OF.items():
        pages = read_document(RENDERINGS / f"{name}.pdf").pages or 1
        for extension in ("pdf", "docx"):
            path = RENDERINGS / f"{name}.{extension}"
            seconds = median_seconds(lambda family=family, path=path: FAMILIES[family].read(read_document(path)), runs)
            print(f"| {name} | {extension} | {pages} | {seconds:.3f} | {seconds / pages:.3f} |")
    pdfs = [RENDERINGS / f"{name}.pdf" for name in FAMILY_OF]
    with tempfile.TemporaryDirectory() as folder:
        seconds = median_seconds(lambda: build_corpus(None, Path(folder) / "store", files=pdfs, jobs=1), runs)
    pages = sum(read_document(p).pages or 0 for p in pdfs)
    print(f"\n`okg build FILE…` of the {len(pdfs)} PDFs ({pages} pages, families found from the content, one process): {seconds:.2f} s")


if __name__ == "__main__":
    main()
