"""Errors and warnings that tell the user what to do: closest names, unknown prefixes, "did you mean", the build's totals."""

import pytest
from click.testing import CliRunner

from okg.graph.build.corpus import read_manifest
from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from okg.graph.query.parameter_names import closest_names
from tests.conftest import MANIFEST

KNOWN = "okg:, vocab:, id:, rdf:, rdfs:, xsd:, skos:, dcterms:, prov:, org:"


def _query(store, *arguments: str, input: str | None = None):
    return CliRunner().invoke(main, ["query", *arguments, "--store", str(store)], input=input)


@pytest.mark.parametrize(
    "value, warning",
    [
        ("HDR", "warning: --param unit='HDR' names nothing in the graph (closest names: HRD)"),
        ("XYZ", "warning: --param unit='XYZ' names nothing in the graph (no name is close)"),
        (
            "Bureau for Employers Activities",
            "warning: --param unit='Bureau for Employers Activities' names nothing in the graph "
            "(closest names: Bureau for Employers' Activities, Bureau for Employers' Activites, "
            "ILO Bureau for Employers' Activities, Bureau for Workers' Activities, "
            "ILO Bureau for Workers' Activities)",
        ),
    ],
)
def test_a_parameter_value_naming_no_node_is_warned_with_the_closest_names(built_corpus, value, warning) -> None:
    result = _query(built_corpus.store, "unit-everything", "--param", f"unit={value}", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == "unit,relation,item,document\n"
    assert result.stderr.splitlines() == [warning]


def test_a_parameter_value_naming_a_node_in_any_case_is_not_warned(built_corpus) -> None:
    for value in ("HRD", "hrd", "Human Resources and Development Department"):
        result = _query(built_corpus.store, "unit-everything", "--param", f"unit={value}", "--format", "csv")
        assert (result.exit_code, result.stderr) == (0, "")
        assert len(result.stdout.splitlines()) > 1


def test_an_iri_parameter_naming_no_node_is_warned(built_corpus) -> None:
    result = _query(built_corpus.store, "provenance", "--param", "node=https://w3id.org/okg/id/document/JIU/REP/2021/3/recommendation/99")
    assert result.exit_code == 0
    assert result.stderr == ("warning: --param node=<https://w3id.org/okg/id/document/JIU/REP/2021/3/recommendation/99> is no node of the graph\n")


def test_closest_names_prefer_names_containing_the_value() -> None:
    names = ["Human Resources Development Department", "HRD", "Human Resources Strategy", "Finance"]
    assert closest_names("human resources", names) == ["Human Resources Strategy", "Human Resources Development Department"]
    assert closest_names("Finanse", names) == ["Finance"]


def test_an_unknown_prefix_is_named_with_the_known_ones(built_corpus) -> None:
    result = _query(built_corpus.store, "-", input="SELECT * WHERE { ?s foo:bar ?o }")
    assert result.exit_code == 2
    assert result.output == f"okg: SPARQL syntax error at line 1, column 28: unknown prefix 'foo:' (known: {KNOWN})\n"
    declared = 'PREFIX ex: <https://example.org/>\nSELECT * WHERE {\n  ?s ex:p "not:a prefix" . # nor:this\n  ?s bar:q ?o }'
    result = _query(built_corpus.store, "-", input=declared)
    assert result.output == f"okg: SPARQL syntax error at line 4, column 11: unknown prefix 'bar:' (known: {KNOWN}, ex:)\n"


def test_a_misspelt_query_name_gets_did_you_mean(built_corpus) -> None:
    result = _query(built_corpus.store, "unit-everythin")
    assert result.exit_code == 2
    assert result.output == ("okg: no query file or named query 'unit-everythin'; did you mean unit-everything? (okg queries lists them all)\n")


def test_the_build_announces_its_total_before_the_first_document(tmp_path) -> None:
    seen: list[tuple[str, int]] = []
    build_corpus(
        MANIFEST,
        tmp_path / "store",
        on_start=lambda total: seen.append(("total", total)),
        on_document=lambda document: seen.append((document.id, len(seen))),
    )
    assert seen[0] == ("total", 5)
    assert [name for name, _ in seen[1:]] == [document.id for document in read_manifest(MANIFEST)]


def test_the_progress_bar_shows_the_total(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws the bar only on a terminal; this makes stderr one
    monkeypatch.setenv("TTY_INTERACTIVE", "1")
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), "--manifest", str(MANIFEST)])
    assert result.exit_code == 0
    assert "/None" not in result.stderr
    assert "0/?" in result.stderr or "0/5" in result.stderr  # "?" until the manifest is read
    assert "/5" in result.stderr


def test_build_check_prints_the_checks_total(tmp_path) -> None:
    result = CliRunner().invoke(main, ["build", "--check", "--store", str(tmp_path / "store"), "--manifest", str(MANIFEST)])
    assert result.exit_code == 0
    check_lines = [line for line in result.stdout.splitlines() if line.startswith("check: ")]
    assert len(check_lines) == 1
    assert check_lines[0].startswith("check: 0 violations, 28 warnings, 2 infos in ")
    assert check_lines[0].endswith(" nodes)")
