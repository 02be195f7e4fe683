"""Builds never leave a half-written store: killed, failed, or read while they swap releases."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from click.testing import CliRunner

from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from okg.graph.store import TRIG_EXPORT, open_store
from tests.conftest import MANIFEST, REPO, select

OKG = [sys.executable, "-c", "from okg.graph.cli import main; main()"]
HR_REPORT = REPO / "data" / "corpus" / "gb347-pfa14-hr-strategy-progress.txt"


def _big_manifest(folder: Path, copies: int) -> Path:
    folder.mkdir()
    text = HR_REPORT.read_text(encoding="utf-8")
    entries = []
    for n in range(copies):
        (folder / f"hr-{n}.txt").write_text(text, encoding="utf-8")
        entries.append(
            f'[[document]]\nid = "hr-{n}"\nfile = "hr-{n}.txt"\ntitle = "HR report copy {n}"\n'
            f'symbol = "GB.347/PFA/{100 + n}"\nfamily = "governing-body-report"\n'
        )
    (folder / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    return folder / "manifest.toml"


def _kill_when(process: subprocess.Popen, ready, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return
        time.sleep(0.005)
    raise AssertionError("the build finished before it could be killed")


def test_a_killed_build_leaves_the_previous_store_as_it_was(tmp_path) -> None:
    store = tmp_path / "store"
    build_corpus(MANIFEST, store)
    export_before = (store / TRIG_EXPORT).read_bytes()
    quads_before = set(open_store(store))

    manifest = _big_manifest(tmp_path / "big", copies=40)
    build = subprocess.Popen(
        [sys.executable, "-c", "from okg.graph.cli import main; main()", "build", "--manifest", str(manifest), "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it while the new store is being written next to the old one.
    _kill_when(build, lambda: any(tmp_path.glob(".store.releases/*.staging-*/oxigraph")))

    assert (store / TRIG_EXPORT).read_bytes() == export_before
    assert set(open_store(store)) == quads_before
    assert list(tmp_path.glob(".store.releases/*.staging-*"))  # the killed build's half-written store, beside it

    build_corpus(MANIFEST, store)  # the next build clears what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == [".store.releases", "big", "store"]
    assert not list(tmp_path.glob(".store.releases/*.*"))
    assert set(open_store(store)) == quads_before


def test_a_build_in_which_every_document_failed_keeps_the_previous_store(tmp_path) -> None:
    store = tmp_path / "store"
    build_corpus(MANIFEST, store)
    export_before = (store / TRIG_EXPORT).read_bytes()
    corpus = tmp_path / "broken"
    corpus.mkdir()
    (corpus / "binary.txt").write_bytes(b"RECOMMENDATION 1\x00")
    (corpus / "manifest.toml").write_text(
        '[[document]]\nid = "binary"\nfile = "binary.txt"\ntitle = "Not text"\nfamily = "evaluation-recommendations"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["build", "--manifest", str(corpus / "manifest.toml"), "--store", str(store)])
    assert result.exit_code == 1
    assert f"nothing written: no document could be read; {store} kept as it was" in result.output
    assert (store / TRIG_EXPORT).read_bytes() == export_before
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }") == [{"n": "28"}]


def test_a_fifo_in_the_manifest_is_refused_at_once(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "manifest.toml").write_text(
        '[[document]]\nid = "pipe"\nfile = "pipe.txt"\ntitle = "A pipe"\nfamily = "evaluation-recommendations"\n', encoding="utf-8"
    )
    # in its own process: a build that waited for the FIFO would otherwise hang the test run
    done = subprocess.run(
        [*OKG, "build", "--manifest", str(corpus / "manifest.toml"), "--store", str(tmp_path / "store")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert f"failed pipe: {corpus / 'pipe.txt'}: not a regular file (a FIFO)" in done.stderr


def test_no_worker_outlives_a_killed_build(tmp_path) -> None:
    manifest = _big_manifest(tmp_path / "big", copies=40)
    build = subprocess.Popen(
        [*OKG, "build", "--manifest", str(manifest), "--store", str(tmp_path / "store"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[psutil.Process] = []

    def reading() -> bool:
        workers[:] = psutil.Process(build.pid).children()
        return len(workers) >= 2

    _kill_when(build, reading)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(worker) for worker in workers):
        time.sleep(0.1)
    assert [worker.pid for worker in workers if _alive(worker)] == []


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_queries_during_rebuilds_never_fail(tmp_path) -> None:
    store = tmp_path / "store"
    build_corpus(MANIFEST, store)
    rebuilds = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from okg.graph.build.pipeline import build_corpus\n"
            "for _ in range(20): build_corpus(Path(sys.argv[1]), Path(sys.argv[2]))",
            str(MANIFEST),
            str(store),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    runner = CliRunner()
    failures, runs, releases = [], 0, set()
    started = time.monotonic()
    while (rebuilds.poll() is None or runs < 1000) and time.monotonic() - started < 300:
        result = runner.invoke(
            main, ["query", "-", "--format", "csv", "--store", str(store)], input="SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }"
        )
        runs += 1
        releases.add(store.resolve())
        if (result.exit_code, result.output.split()) != (0, ["n", "28"]):
            failures.append((result.exit_code, result.output, result.exception))
    assert rebuilds.wait(timeout=120) == 0, rebuilds.stderr.read()
    assert failures == []
    assert runs >= 1000
    assert len(releases) >= 10  # the queries did meet the rebuilds' swaps


def test_a_store_from_before_versioned_releases_is_read_and_then_replaced(tmp_path) -> None:
    built = tmp_path / "built"
    build_corpus(MANIFEST, built)
    store = tmp_path / "store"
    shutil.copytree(built.resolve(), store, ignore=shutil.ignore_patterns(".readers"))  # the old layout: a plain folder
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }") == [{"n": "28"}]
    build_corpus(MANIFEST, store)
    assert store.is_symlink()
    assert list((tmp_path / ".store.releases").iterdir()) == [store.resolve()]  # the old folder, read by nobody, is gone
    assert select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }") == [{"n": "28"}]
