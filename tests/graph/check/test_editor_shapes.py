"""`okg check --shapes` and `--only-shapes`: an editor's own shapes, checked as pySHACL checks them."""

import json

import pytest
from click.testing import CliRunner
from pyshacl import validate
from rdflib import Graph

from okg.errors import ShapesError
from okg.graph.check import load_shapes, union_graph
from okg.graph.cli import main
from tests.conftest import FIXTURES
from tests.shapes.w3c import report_results

EDITOR_SHAPES = FIXTURES / "editor-shapes.ttl"
ID = "https://w3id.org/okg/id/"
EDITOR_FINDINGS = {
    ("Editorial", "Standard title that fits a table cell", f"{ID}standard/R205"),
    ("Violation", "https://example.org/editors/shapes#RecentStandard", f"{ID}standard/C190"),
}


def _run(*arguments: str):
    return CliRunner().invoke(main, ["check", *arguments])


def test_added_shapes_report_exactly_what_pyshacl_reports(built_corpus) -> None:
    store = str(built_corpus.store)
    turtle = _run("--store", store, "--shapes", str(EDITOR_SHAPES), "--format", "turtle")
    assert turtle.exit_code == 1
    okg = report_results(Graph().parse(data=turtle.stdout, format="turtle"))
    shapes = load_shapes([EDITOR_SHAPES])
    _, expected, _ = validate(union_graph(built_corpus.store), shacl_graph=shapes, inference="none", allow_infos=True, inplace=True)
    assert okg == report_results(expected)
    assert sum(okg.values()) == 30 + 2  # okg's own 28 warnings and 2 infos, and the editor's two
    findings = json.loads(_run("--store", store, "--shapes", str(EDITOR_SHAPES), "--format", "json").stdout)
    assert findings["counts"] == {"Violation": 1, "Warning": 28, "Info": 2, "Editorial": 1}
    editors = {(f["severity"], f["rule"], f["focus"]) for f in findings["findings"] if f["focus"].startswith(f"{ID}standard/")}
    assert editors == EDITOR_FINDINGS


def test_only_shapes_replace_okgs_own_and_a_custom_severity_is_shown_by_name(built_corpus, tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "editor.ttl").write_text(EDITOR_SHAPES.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.txt").write_text("not shapes", encoding="utf-8")
    result = _run("--store", str(built_corpus.store), "--only-shapes", str(folder))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "  Editorial (1)" in lines
    assert (
        "    Standard title that fits a table cell: Employment and Decent Work for Peace and Resilience Recommendation, 2017 (No. 205) (lines 54–64)"
    ) in lines
    assert lines[-1].startswith("1 violation, 0 warnings, 0 infos, 1 Editorial in ")


def test_a_custom_severity_alone_fails_the_check(built_corpus, tmp_path) -> None:
    shapes = tmp_path / "editorial.ttl"
    shapes.write_text(EDITOR_SHAPES.read_text(encoding="utf-8").replace(", edit:RecentStandard .", " ."), encoding="utf-8")
    result = _run("--store", str(built_corpus.store), "--only-shapes", str(shapes), "--format", "json")
    assert json.loads(result.stdout)["counts"] == {"Violation": 0, "Warning": 0, "Info": 0, "Editorial": 1}
    assert result.exit_code == 1  # pySHACL's report does not conform either


def test_verbose_names_the_shapes_validated_on_every_target(built_corpus, tmp_path) -> None:
    shapes = tmp_path / "closed.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix okg: <https://w3id.org/okg/ontology#> .\n"
        "<https://example.org/editors/shapes#Closed> sh:targetClass okg:InternationalLabourStandard ; sh:closed false .\n",
        encoding="utf-8",
    )
    quiet = _run("--store", str(built_corpus.store), "--only-shapes", str(shapes))
    assert quiet.exit_code == 0 and quiet.stderr == ""
    verbose = _run("--store", str(built_corpus.store), "--only-shapes", str(shapes), "--verbose")
    assert verbose.exit_code == 0
    assert verbose.stderr == "okg: https://example.org/editors/shapes#Closed: every target validated, sh:closed is not translated\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [("<a> <b> .", "cannot read the shapes"), (None, "no shape files (.ttl, .nt, .n3, .rdf, .owl, .jsonld) in this folder")],
)
def test_shapes_that_cannot_be_read_stop_the_check_with_exit_2(built_corpus, tmp_path, content, message) -> None:
    path = tmp_path / "broken.ttl" if content is not None else tmp_path / "empty"
    if content is None:
        path.mkdir()
    else:
        path.write_text(content, encoding="utf-8")
    result = _run("--store", str(built_corpus.store), "--shapes", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"okg: {path}: {message}")
    with pytest.raises(ShapesError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        load_shapes([path])


def test_added_shapes_come_with_okgs_own() -> None:
    own, added, only = len(load_shapes()), load_shapes([EDITOR_SHAPES]), load_shapes([EDITOR_SHAPES], shipped=False)
    assert len(only) == 13 and len(added) == own + 13
