"""A build killed half-way leaves the previous store readable and unchanged."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.build import build_corpus
from graph.store import TRIG_EXPORT, open_store
from tests.conftest import MANIFEST, REPO

HR_REPORT = REPO / "data" / "corpus" / "gb347-pfa14-hr-strategy-progress.txt"


def _big_manifest(folder: Path, copies: int) -> Path:
    folder.mkdir()
    text = HR_REPORT.read_text(encoding="utf-8")
    entries = []
    for n in range(copies):
        (folder / f"hr-{n}.txt").write_text(text, encoding="utf-8")
        entries.append(f'[[document]]\nid = "hr-{n}"\nfile = "hr-{n}.txt"\ntitle = "HR report copy {n}"\n'
                       f'symbol = "GB.347/PFA/{100 + n}"\nfamily = "governing-body-report"\n')
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
        [sys.executable, "-c", "from graph.cli import main; main()", "build", "--manifest", str(manifest), "--store", str(store)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
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
