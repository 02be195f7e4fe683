"""The okg command line, end to end: build the corpus, then query it."""

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from okg.graph.cli import main
from tests.conftest import MANIFEST, REPO

ACCEPTANCE_QUERY = REPO / "queries" / "recommendations-by-acceptance.rq"


@pytest.fixture
def store(store_location: str) -> str:
    """Each command's answers must be the same from every backend (graph/store/backends.py)."""
    return store_location


def test_build_prints_a_summary(tmp_path) -> None:
    result = CliRunner().invoke(main, ["build", "--manifest", str(MANIFEST), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0
    assert "documents: 5 built, 0 failed; unresolved unit names: 0" in result.output
    assert "okg:Recommendation: 28" in result.output
    assert "okg:StatusAssessment: 20" in result.output
    assert "triples: " in result.output and "seconds: " in result.output


def test_acceptance_counts_as_a_table(store) -> None:
    result = CliRunner().invoke(main, ["query", str(ACCEPTANCE_QUERY), "--store", str(store)])
    assert result.exit_code == 0, result.output
    rows = [line.strip("│ ").split("│") for line in result.output.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        ["Accepted", "13"],
        ["Not accepted", "5"],
        ["Under consideration", "2"],
    ]


def test_acceptance_counts_as_csv(store) -> None:
    result = CliRunner().invoke(main, ["query", str(ACCEPTANCE_QUERY), "--format", "csv", "--store", str(store)])
    assert list(csv.reader(io.StringIO(result.output))) == [
        ["as_of", "acceptance", "recommendations"],
        ["", "Accepted", "13"],
        ["", "Not accepted", "5"],
        ["", "Under consideration", "2"],
    ]


def test_acceptance_counts_as_sparql_results_json(store) -> None:
    result = CliRunner().invoke(main, ["query", str(ACCEPTANCE_QUERY), "--format", "json", "--store", str(store)])
    answer = json.loads(result.output)
    assert answer["head"]["vars"] == ["as_of", "acceptance", "recommendations"]
    assert {b["acceptance"]["value"]: int(b["recommendations"]["value"]) for b in answer["results"]["bindings"]} == {
        "Accepted": 13,
        "Not accepted": 5,
        "Under consideration": 2,
    }


def test_acceptance_counts_as_sparql_results_xml(store) -> None:
    result = CliRunner().invoke(main, ["query", str(ACCEPTANCE_QUERY), "--format", "xml", "--store", str(store)])
    answer = ox.parse_query_results(result.output.encode(), format=ox.QueryResultsFormat.XML)
    assert isinstance(answer, ox.QuerySolutions)
    assert [(row["acceptance"].value, row["recommendations"].value) for row in answer] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


def test_query_from_standard_input_sees_every_named_graph(store) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?r a okg:Recommendation }"
    result = CliRunner().invoke(main, ["query", "-", "--format", "csv", "--store", str(store)], input=query)
    assert result.output.splitlines() == ["n", "28"]  # 20 in the JIU table, 8 of the evaluation


def test_a_syntax_error_names_line_and_column(store) -> None:
    result = CliRunner().invoke(main, ["query", "-", "--store", str(store)], input="SELECT ?x\nWHERE { ?x ?y }")
    assert result.exit_code == 2
    assert "okg: SPARQL syntax error at line 2, column" in result.output


def test_a_missing_store_is_a_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["query", str(ACCEPTANCE_QUERY), "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no okg store here; run `okg build` first" in result.output


def test_a_document_that_cannot_be_read_costs_only_itself(tmp_path) -> None:
    (tmp_path / "good.txt").write_text((REPO / "tests/fixtures/jiu-follow-up-excerpt.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "bad.txt").write_text("Nothing tabular here.\n", "utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nid = "bad"\nfile = "bad.txt"\ntitle = "Bad"\nfamily = "jiu-follow-up"\n'
        '[[document]]\nid = "good"\nfile = "good.txt"\ntitle = "Good"\nfamily = "jiu-follow-up"\n',
        "utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--manifest", str(tmp_path / "manifest.toml"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "failed bad:" in result.output and "bad.txt: no JIU follow-up table found" in result.output
    assert "documents: 1 built, 1 failed" in result.output


def test_every_command_explains_itself() -> None:
    for command in ([], ["build"], ["query"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output and len(result.output.splitlines()) > 5


def test_queries_lists_every_named_query_with_its_question(store) -> None:
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 0
    assert "overdue-action-items\n  which action items were overdue on a date: due before it and not complete?" in result.output
    assert "--param as_of=<date>" in result.output


def test_a_named_query_with_a_parameter_in_tsv(store) -> None:
    result = CliRunner().invoke(main, ["query", "overdue-action-items", "--param", "as_of=2019-12-31", "--format", "tsv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t")[:2] == ["?as_of", "?item"]
    assert [line.split("\t")[1] for line in lines[1:]] == ["8", "12"]


def test_parameter_values_are_terms_not_query_text(store) -> None:
    for hostile in ['"} ; DROP ALL #', 'HRD" } UNION { ?s ?p ?o } #', "<https://evil.example/>"]:
        result = CliRunner().invoke(main, ["query", "unit-everything", "--param", f"unit={hostile}", "--format", "csv", "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == ["unit,relation,item,document"]
        assert "names nothing in the graph" in result.stderr  # a value, looked up as a name: no such unit


def test_bad_parameters_are_usage_errors(store) -> None:
    unknown = CliRunner().invoke(main, ["query", "unit-everything", "--param", "colour=red", "--store", str(store)])
    assert unknown.exit_code == 2 and "has no parameter 'colour' (its parameters: unit)" in unknown.output
    bad_date = CliRunner().invoke(main, ["query", "overdue-action-items", "--param", "as_of=soon", "--store", str(store)])
    assert bad_date.exit_code == 2 and "'soon' is not a date" in bad_date.output
    no_such = CliRunner().invoke(main, ["query", "no-such-query", "--store", str(store)])
    assert no_such.exit_code == 2 and "named queries: areas-for-improvement" in no_such.output
