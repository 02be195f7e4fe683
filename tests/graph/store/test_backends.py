"""Every command against every backend (graph/store/backends.py): the embedded store folder, a release's TriG export
read into memory, and an existing SPARQL server (Debian's Virtuoso), each named by `--store` alone.

The bundled corpus is built once into the folder and once into the server (with SPARQL 1.1 Update, `--store URL`);
each command must then say the same, and what it says is checked against the documents' text where a value is printed.
"""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from SPARQLWrapper import JSON, SPARQLWrapper

from okg.errors import StoreError
from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from okg.graph.query.library import find_query
from okg.graph.store.backends import EmbeddedStore, ExportFile, SparqlServer, open_backend
from tests.conftest import MANIFEST, okg_serve

BACKENDS = ("folder", "export", "server")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("backends") / "store"
    built = CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--store", str(store)])
    assert built.exit_code == 0, built.output
    return store


@pytest.fixture(scope="module")
def server(corpus_on_server: str) -> str:
    return corpus_on_server


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, folder: Path) -> str:
    """Where the graph lives, as a user writes it after --store."""
    if request.param == "folder":
        return str(folder)
    if request.param == "export":
        return str(folder / "okg.trig")
    return request.getfixturevalue("server")


def okg(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def test_the_location_alone_chooses_the_backend(tmp_path: Path) -> None:
    (tmp_path / "okg.trig").write_text("", encoding="utf-8")
    assert isinstance(open_backend(tmp_path / "store"), EmbeddedStore)
    assert isinstance(open_backend(str(tmp_path / "okg.trig")), ExportFile)
    assert open_backend("http://127.0.0.1:8890/sparql") == SparqlServer("http://127.0.0.1:8890/sparql")


def test_both_builds_hold_the_same_graph(folder: Path, server: str) -> None:
    here, there = open_backend(folder).database(), open_backend(server).database()
    quads = [set(database.quads_for_pattern(None, None, None, None)) for database in (here, there)]
    assert quads[0] == quads[1]
    # the named graphs and their union in the default graph, each triple once, as the build wrote them
    assert len(quads[0]) == len(here) > 10_000


def test_query(location: str) -> None:
    result = okg("query", "recommendations-by-acceptance", "--store", location, "--format", "csv")
    assert result.exit_code == 0, result.output
    # JIU/REP/2020/8's follow-up table: 13 recommendations accepted, 5 not accepted, 2 under consideration
    assert result.output.splitlines() == ["as_of,acceptance,recommendations", ",Accepted,13", ",Not accepted,5", ",Under consideration,2"]


def test_check(location: str) -> None:
    result = okg("check", "--store", location, "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)
    assert findings["counts"] == {"Violation": 0, "Warning": 28, "Info": 2}


def test_check_finds_the_same_on_every_backend(location: str, folder: Path) -> None:
    def findings(where: str) -> list:
        report = json.loads(okg("check", "--store", where, "--format", "json").output)
        return sorted(json.dumps(finding, sort_keys=True) for finding in report["findings"])

    assert findings(location) == findings(str(folder))


@pytest.mark.parametrize("command", [("analyze", "centrality"), ("analyze", "components"), ("analyze", "path", "HRD", "PROGRAM")])
def test_analyze(location: str, folder: Path, command: tuple[str, ...]) -> None:
    result = okg(*command, "--store", location)
    assert result.exit_code == 0, result.output
    assert result.output == okg(*command, "--store", str(folder)).output


def test_analyze_centrality_ranks_the_units_of_the_text(location: str) -> None:
    rows = [line.split("│")[1:4] for line in okg("analyze", "centrality", "--store", location).output.splitlines() if "│" in line]
    # the Deputy Director-General for Policy shares recommendations with 20 other units, more than any other unit
    assert [cell.strip() for cell in rows[0]] == ["DDG/P", "20", "30"]


def test_analyze_export(location: str, tmp_path: Path) -> None:
    result = okg("analyze", "export", "--graphml", str(tmp_path / "graph.graphml"), "--csv", str(tmp_path), "--store", location)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "394 nodes, 709 edges written"
    assert (tmp_path / "graph.graphml").stat().st_size > 0
    assert len((tmp_path / "nodes.csv").read_text(encoding="utf-8").splitlines()) == 395  # a header and a row per node


def test_viz(location: str, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    result = okg("viz", "--store", location, "-o", str(page))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{page}: 43 nodes, 23 edges"
    unit = okg("viz", "--store", location, "--unit", "HRD", "-o", str(page))
    assert unit.exit_code == 0, unit.output


def test_diff(location: str, folder: Path) -> None:
    result = okg("diff", str(folder), location)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("no differences")


def test_serve(location: str) -> None:
    with okg_serve("--store", location, "--timeout", "20") as url:
        client = SPARQLWrapper(url)
        client.setQuery(find_query("recommendations-by-acceptance").text)
        client.setReturnFormat(JSON)
        rows = client.query().convert()["results"]["bindings"]
    assert [(row["acceptance"]["value"], row["recommendations"]["value"]) for row in rows] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


def test_build(location: str, folder: Path) -> None:
    result = okg("build", "--manifest", str(MANIFEST), "--store", location)
    if location.endswith(".trig"):  # an export is read, never written
        assert result.exit_code == 2
        assert result.output.strip() == f"okg: {location}: an export is read, not written; build into a store folder or a server"
        return
    assert result.exit_code == 0, result.output
    assert "documents: 5 built, 0 failed" in result.output
    assert "recommendation added" not in okg("diff", str(folder), location).output


def test_export(location: str, folder: Path, tmp_path: Path) -> None:
    trig = tmp_path / "graph.trig"
    result = okg("export", "--store", location, "--format", "trig", "-o", str(trig))
    assert result.exit_code == 0, result.output
    named = {q for q in open_backend(folder).database().quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert set(ox.parse(path=trig, format=ox.RdfFormat.TRIG)) == named


def test_a_build_into_an_export_is_refused_before_any_document_is_read(folder: Path) -> None:
    # regression: the refusal came only after every document had been read and built
    read: list[object] = []
    with pytest.raises(StoreError, match="an export is read, not written"):
        build_corpus(MANIFEST, folder / "okg.trig", on_document=read.append)
    assert read == []


def test_a_build_into_a_server_leaves_the_graphs_a_new_release_would(server: str, folder: Path, tmp_path: Path) -> None:
    # regression: the graphs of documents no longer built stayed on the server (a folder's new release has none)
    hr_strategy = str(MANIFEST.parent / "gb347-pfa14-hr-strategy-progress.txt")
    for location in (server, str(tmp_path / "store")):
        built = okg("build", hr_strategy, "--store", location)
        assert built.exit_code == 0 and "documents: 1 built, 0 failed" in built.output, built.output
    here, there = open_backend(tmp_path / "store").database(), open_backend(server).database()
    assert set(there.named_graphs()) == set(here.named_graphs())
    assert ox.NamedNode("https://w3id.org/okg/id/graph/gb346-pfa9-jiu-follow-up") not in set(there.named_graphs())
    assert set(there.quads_for_pattern(None, None, None, None)) == set(here.quads_for_pattern(None, None, None, None))
    # the whole corpus again, for the other tests of the server
    assert okg("build", "--manifest", str(MANIFEST), "--store", server).exit_code == 0
    again, whole = open_backend(server).database(), open_backend(folder).database()
    assert set(again.quads_for_pattern(None, None, None, None)) == set(whole.quads_for_pattern(None, None, None, None))
