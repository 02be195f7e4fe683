"""A large corpus is read by worker processes and loaded by parallel loaders: the graph must not change."""

from pathlib import Path

import pytest

from benchmarks.synthetic import generate
from okg.errors import DocumentFailed
from okg.graph.build.pipeline import PARALLEL_FROM, build_corpus
from tests.conftest import document_quads


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder, scale=5, seed=11)
    return folder


def test_workers_and_parallel_loaders_build_exactly_what_one_process_builds(corpus, tmp_path) -> None:
    alone = build_corpus(corpus / "manifest.toml", tmp_path / "alone", jobs=1)
    together = build_corpus(corpus / "manifest.toml", tmp_path / "together", jobs=2)
    assert len(alone.built) == 20 >= PARALLEL_FROM
    assert together.built == alone.built and together.failed == alone.failed == []
    assert together.entities == alone.entities and together.unresolved_units == alone.unresolved_units
    assert together.triples == alone.triples == len(document_quads(tmp_path / "together"))
    assert document_quads(tmp_path / "together") == document_quads(tmp_path / "alone")


def _break(corpus: Path, target: Path) -> Path:
    """A copy of the corpus whose evaluation-2 document is Windows-1252 on line 3."""
    target.mkdir()
    for source in corpus.iterdir():
        (target / source.name).write_bytes(source.read_bytes())
    broken = target / "evaluation-2.txt"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + " \u2019\n"
    broken.write_bytes("".join(lines).encode("cp1252", errors="replace"))
    return target / "manifest.toml"


def test_a_bad_document_read_by_a_worker_costs_that_document_only(corpus, tmp_path) -> None:
    summary = build_corpus(_break(corpus, tmp_path / "corpus"), tmp_path / "store", jobs=2)
    assert [p.document_id for p in summary.failed] == ["evaluation-2"]
    assert summary.failed[0].message.startswith(f"{tmp_path / 'corpus' / 'evaluation-2.txt'}:3: not UTF-8 text (byte 0x92")
    assert len(summary.built) == 19 and "evaluation-2" not in summary.built


def test_a_strict_parallel_build_stops_at_the_bad_document_and_writes_nothing(corpus, tmp_path) -> None:
    with pytest.raises(DocumentFailed, match="evaluation-2.txt:3: not UTF-8 text"):
        build_corpus(_break(corpus, tmp_path / "corpus"), tmp_path / "store", strict=True, jobs=2)
    assert not (tmp_path / "store").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]
