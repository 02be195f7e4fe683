"""Shared fixtures: the bundled corpus, a store built from it, and graph comparison."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from okg.graph.build.pipeline import BuildSummary, build_corpus

if TYPE_CHECKING:
    from okg.graph.store.backends import Backend

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "data" / "corpus" / "manifest.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> BuildSummary:
    """The bundled corpus built once into a temporary store."""
    return build_corpus(MANIFEST, tmp_path_factory.mktemp("okg") / "store")


SNAPSHOTS = FIXTURES / "snapshots"


def _snapshot_entry(year: int, session: int) -> str:
    return f"""
[[document]]
id = "gb{session}-pfa9-jiu-follow-up"
file = "jiu-follow-up-{year}.txt"
belongs_to = "GB.{session}/PFA/9"
title = "Status of ILO follow-up to JIU recommendations as of July {year}"
date = "{year}-07"
family = "jiu-follow-up"
description = "Test data: a later snapshot of the bundled follow-up table, written by hand (tests/fixtures/snapshots/README.md)."
"""


# The invented snapshots after the bundled 2022 table, by year, with the Governing Body session they belong to.
LATER_SNAPSHOTS = {2023: 349, 2024: 352}


def corpus_with_snapshots(folder: Path, *years: int) -> Path:
    """The bundled corpus copied to ``folder`` with later follow-up tables added to its manifest; returns the manifest."""
    shutil.copytree(MANIFEST.parent, folder)
    manifest = folder / MANIFEST.name
    entries = ""
    for year in years:
        shutil.copy(SNAPSHOTS / f"jiu-follow-up-{year}.txt", folder)
        entries += _snapshot_entry(year, LATER_SNAPSHOTS[year])
    manifest.write_text(manifest.read_text(encoding="utf-8") + entries, encoding="utf-8")
    return manifest


@pytest.fixture(scope="session")
def two_snapshots(tmp_path_factory: pytest.TempPathFactory) -> BuildSummary:
    """The bundled corpus and the next year's follow-up table (tests/fixtures/snapshots/), built once."""
    folder = tmp_path_factory.mktemp("two-snapshots")
    return build_corpus(corpus_with_snapshots(folder / "corpus", 2023), folder / "store")


def document_quads(store: Path) -> set[ox.Quad]:
    """The quads of the store's named graphs (its default graph is their union, each triple once)."""
    from okg.graph.store import open_store

    return {quad for quad in open_store(store) if not isinstance(quad.graph_name, ox.DefaultGraph)}


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Fail with the triples only in one graph or the other when the graphs differ."""
    iso_actual, iso_expected = to_isomorphic(actual), to_isomorphic(expected)
    if iso_actual == iso_expected:
        return
    _, only_actual, only_expected = graph_diff(iso_actual, iso_expected)
    lines = ["graphs differ", "only in actual:"]
    lines += sorted(f"  {' '.join(t.n3() for t in triple)}" for triple in only_actual)
    lines += ["only in expected:"]
    lines += sorted(f"  {' '.join(t.n3() for t in triple)}" for triple in only_expected)
    pytest.fail("\n".join(lines), pytrace=False)


def select(store: Path, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the built store, each a dict of variable name to the term's plain value."""
    from okg.graph.query import run_query

    results = run_query(store, query)
    names = [v.value for v in results.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in results]


def named(store: "Path | ox.Store | Backend", name: str, **params: str) -> list[dict[str, str]]:
    """Rows of a named query of the library (on a store folder, an in-memory store or a backend: a SPARQL server),
    run with ``params`` as from the command line."""
    from okg.graph.query import run_query
    from okg.graph.query.library import bindings, find_query
    from okg.graph.store.backends import Backend

    query = find_query(name)
    terms = bindings(query, params)
    results = store.query(query.text, terms) if isinstance(store, Backend) else run_query(store, query.text, terms)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def okg_serve(*options: str) -> Iterator[str]:
    """``okg serve`` with ``options`` in its own process on a free loopback port; yields the endpoint URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from okg.graph.cli import main; main()", "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"okg serve exited: {server.stdout.read()}")
                if time.monotonic() > deadline:
                    pytest.fail("okg serve did not start listening within 30 s")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        server.terminate()
        server.wait(timeout=10)


VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Debian's Virtuoso on loopback ports, for the whole run: its SPARQL endpoint and its Graph Store Protocol URL."""
    if VIRTUOSO is None or ISQL is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's virtuoso-opensource is not installed; .ci/run installs it")
        pytest.skip("Debian's virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")
    # A port free when chosen may be taken before Virtuoso binds it (other tests, other processes): try again.
    for attempt in range(3):
        folder = tmp_path_factory.mktemp("virtuoso")
        sql_port, http_port = free_port(), free_port()
        (folder / "virtuoso.ini").write_text(
            f"""
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {folder}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
""",
            encoding="utf-8",
        )
        server = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        endpoint = f"http://127.0.0.1:{http_port}/sparql"
        if _answers(endpoint, server):
            break
        server.kill()
        log = (folder / "virtuoso.log").read_text(errors="replace")
        if "listen" not in log or attempt == 2:
            pytest.fail(f"Virtuoso did not start: {log[-500:]}")
    # The anonymous SPARQL user may write through the Graph Store Protocol: a test server on loopback only.
    subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'], check=True, capture_output=True)
    yield endpoint, f"http://127.0.0.1:{http_port}/sparql-graph-crud"
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(scope="session")
def corpus_on_server(virtuoso: tuple[str, str]) -> str:
    """The bundled corpus built into Virtuoso with SPARQL 1.1 Update (`okg build --store URL`): its endpoint."""
    from click.testing import CliRunner

    from okg.graph.cli import main

    endpoint, _ = virtuoso
    built = CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--store", endpoint])
    assert built.exit_code == 0, built.output
    assert f"graph store: {endpoint} (one graph per document, replaced whole)" in built.output
    return endpoint


@pytest.fixture(params=["folder", "export", "server"])
def store_location(request: pytest.FixtureRequest, built_corpus: BuildSummary) -> str:
    """The built corpus where it may live, as a user gives it to --store: the store folder, its TriG export, and an
    existing SPARQL server (Virtuoso) it was built into. A command's tests taking this run against each backend."""
    if request.param == "folder":
        return str(built_corpus.store)
    if request.param == "export":
        return str(built_corpus.store / "okg.trig")
    return str(request.getfixturevalue("corpus_on_server"))


def _answers(endpoint: str, server: subprocess.Popen) -> bool:
    """Whether Virtuoso answers at ``endpoint`` within a minute (False as soon as it exits)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).read()
            return True
        except OSError:
            time.sleep(0.5)
    return False
