"""Building documents in the formats users have: PDF, Word and HTML build to the facts of the text.

The renderings are committed fixtures (tests/fixtures/renderings/README.md says how they were made).
"""

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from okg.graph.build.pipeline import build_corpus
from okg.graph.check import check_store
from okg.graph.cli import main
from okg.graph.namespaces import OKG
from tests.conftest import REPO

CORPUS = REPO / "data" / "corpus"
RENDERINGS = REPO / "tests" / "fixtures" / "renderings"
SIX_COLUMNS = REPO / "tests" / "fixtures" / "layouts" / "six-column-follow-up.html"
# The five bundled documents, each rendered as HTML, Word and PDF: rendering name -> manifest id.
RENDERED = {
    "jiu-follow-up": "gb346-pfa9-jiu-follow-up",
    "evaluation-recommendations": "hle-covid19-response-recommendations",
    "un-reform-update": "gb340-ins6-un-reform-update",
    "hr-strategy-progress": "gb347-pfa14-hr-strategy-progress",
    "mopan-management-response": "mopan-2020-21-management-response",
}


# The documents whose pdftotext -layout rendering is read (their tables found from the columns' spacing).
TABLES_LAID_OUT = ("jiu-follow-up", "evaluation-recommendations")


def _corpus(folder: Path, extension: str | None, names: tuple[str, ...] = tuple(RENDERED)) -> Path:
    """A corpus of the rendered documents ``names``, described as the bundled manifest describes them, in one
    format (``None``: the bundled text)."""
    folder.mkdir()
    entries = {e["id"]: e for e in tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["document"]}
    lines = []
    for name, document_id in ((n, RENDERED[n]) for n in names):
        entry = dict(entries[document_id])
        source = CORPUS / entry["file"] if extension is None else RENDERINGS / f"{name}.{extension}"
        shutil.copy(source, folder / source.name)
        entry["file"] = source.name
        lines += ["[[document]]", *(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in entry.items())]
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "manifest.toml"


def _facts(store: Path) -> set:
    """The graph's triples, provenance aside: the source spans and the links to them, and how much of each
    rendering was understood (its blocks are the rendering's own)."""
    graph = Graph().parse(store / "okg.ttl", format="turtle")
    spans = set(graph.subjects(RDF.type, OKG.SourceSpan))
    return {t for t in graph if t[0] not in spans and t[2] not in spans and t[1] != OKG.shareUnderstood}


# What a rendering's reading leaves over is the rendering's own (its lines, pages and banners), not the document's.
READING = "Document understood only in part"


@pytest.fixture(scope="module")
def text_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("text")
    manifest = _corpus(folder / "corpus", None)
    summary = build_corpus(manifest, folder / "store")
    assert not summary.failed
    return folder / "store"


@pytest.fixture(scope="module")
def tables_text_build(tmp_path_factory) -> Path:
    """The bundled text of the documents whose -layout rendering is read, built once."""
    folder = tmp_path_factory.mktemp("tables-text")
    assert not build_corpus(_corpus(folder / "corpus", None, TABLES_LAID_OUT), folder / "store").failed
    return folder / "store"


def _findings(store: Path) -> list[tuple]:
    return sorted((f.severity, f.rule, f.focus, f.message) for f in check_store(store).findings if f.rule != READING)


def _assert_same_facts_and_findings(expected: Path, found: Path) -> None:
    expected_facts, found_facts = _facts(expected), _facts(found)
    assert sorted(map(str, expected_facts - found_facts)) == [] and sorted(map(str, found_facts - expected_facts)) == []
    assert _findings(found) == _findings(expected)


@pytest.mark.parametrize("rendering", ["pdf", "docx", "html"])
def test_a_rendering_builds_to_the_same_facts_and_findings_as_the_text(text_build, tmp_path, rendering) -> None:
    manifest = _corpus(tmp_path / "corpus", rendering)
    summary = build_corpus(manifest, tmp_path / "store")
    assert summary.failed == [] and len(summary.built) == len(RENDERED)
    _assert_same_facts_and_findings(text_build, tmp_path / "store")


def test_pdftotext_layout_tables_build_to_the_same_facts_and_findings_as_the_text(tables_text_build, tmp_path) -> None:
    summary = build_corpus(_corpus(tmp_path / "corpus", "pdftotext-layout.txt", TABLES_LAID_OUT), tmp_path / "store")
    assert summary.failed == [] and len(summary.built) == len(TABLES_LAID_OUT)
    _assert_same_facts_and_findings(tables_text_build, tmp_path / "store")


@pytest.mark.parametrize(
    "file", [f"{name}.pdftotext-layout.txt" for name in TABLES_LAID_OUT] + ["evaluation-recommendations.pdftotext.txt"]
)  # its tables' cells one under another
def test_okg_build_reads_a_pdftotext_table_without_a_manifest(tmp_path, file) -> None:
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(RENDERINGS / file)])
    assert result.exit_code == 0, result.output
    assert "documents: 1 built, 0 failed" in result.output
    name = file.split(".")[0]
    assert f"note {file.removesuffix('.txt')}: family {name}, found from the content" in result.output


def test_okg_build_of_a_follow_up_table_pdftotext_could_not_place_builds_the_rest_and_reports_the_table(tmp_path) -> None:
    # the table's cells out of row order (pdftotext without -layout): no row is guessed, no document fails
    result = CliRunner().invoke(main, ["build", "--check", "--store", str(tmp_path / "store"), str(RENDERINGS / "jiu-follow-up.pdftotext.txt")])
    assert result.exit_code == 0, result.output
    assert "documents: 1 built, 0 failed" in result.output
    assert "note jiu-follow-up.pdftotext: family jiu-follow-up, found from the content" in result.output
    assert "jiu-follow-up.pdftotext.txt:6: the follow-up table's header words stand one under another at line 6" in result.output
    assert "note jiu-follow-up.pdftotext: 0% of the text became facts; not understood: line 1, page 1;" in result.output
    assert "okg:Recommendation" not in result.output
    findings = check_store(tmp_path / "store").findings
    assert [(f.severity, f.rule) for f in findings] == [("Warning", "Document understood only in part")]


def test_okg_build_files_without_a_manifest(tmp_path) -> None:
    files = [RENDERINGS / "jiu-follow-up.pdf", RENDERINGS / "evaluation-recommendations.docx", SIX_COLUMNS]
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), *map(str, files)])
    assert result.exit_code == 0, result.output
    assert "documents: 3 built, 0 failed" in result.output
    assert "note jiu-follow-up: family jiu-follow-up, found from the content: jiu-follow-up understood 99% of its text;" in result.output
    assert "note evaluation-recommendations: family evaluation-recommendations, found from the content" in result.output
    # a partly understood document: what was understood is built, the rest is reported with its lines
    assert "note six-column-follow-up: 73% of the text became facts; not understood: line 11; line 12; line 13; line 22" in result.output
    assert (
        "six-column-follow-up.html:27: recommendation 5 of JIU/NOTE/2020/1: implementation 'Superseded' is no "
        "wording of loaders/profiles/jiu-follow-up.toml; kept as printed"
    ) in result.output
    assert "note six-column-follow-up: left out as no part of the text (line 9): 'Home › Governing bodies › Documents'" in result.output
    assert "okg:Recommendation: 33" in result.output  # 20 + 8 + 5


def test_a_file_no_family_reads_fails_naming_what_was_looked_for(tmp_path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of a meeting.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(notes), str(SIX_COLUMNS)])
    assert result.exit_code == 1
    assert "documents: 1 built, 1 failed" in result.output
    assert f"failed notes: {notes}: no family reads this document (jiu-follow-up: no JIU follow-up table found" in result.output
    assert "evaluation-recommendations: no evaluation recommendations found" in result.output


@pytest.mark.parametrize("rendering", ["pdftotext.txt", "pdftotext-layout.txt"])
@pytest.mark.parametrize("name", ["hr-strategy-progress", "mopan-management-response"])
def test_okg_build_of_pdftotext_prose_fails_nothing_and_checks_as_the_text(tmp_path, name, rendering) -> None:
    """pdftotext's text of a prose document builds (what it loses is in tests/loaders/test_renderings.py)."""
    text = (
        CORPUS
        / {"hr-strategy-progress": "gb347-pfa14-hr-strategy-progress.txt", "mopan-management-response": "mopan-2020-21-management-response.txt"}[name]
    )
    findings = {}
    for label, source in (("text", text), ("rendering", RENDERINGS / f"{name}.{rendering}")):
        result = CliRunner().invoke(main, ["build", "--jobs", "1", "--store", str(tmp_path / label), str(source)])
        assert result.exit_code == 0, result.output
        assert "documents: 1 built, 0 failed" in result.output
        findings[label] = sorted((f.severity, f.rule, f.message) for f in check_store(tmp_path / label).findings if f.rule != READING)
    assert findings["rendering"] == findings["text"]


def test_a_file_built_without_a_manifest_is_described_as_it_describes_itself(tmp_path) -> None:
    # test data written for this test: a paper of the 1990s, its symbol and date beside the other front-page lines
    paper = tmp_path / "scan-0042.txt"
    paper.write_text(
        "INTERNATIONAL LABOUR OFFICE          GB.273/PFA/7\n\n"
        "Governing Body                       Geneva, November 1998\n\n"
        "273rd Session\n\nSEVENTH ITEM ON THE AGENDA\n\nReports of the Joint Inspection Unit\n\n"
        "1. The Director-General submits the reports of the Joint Inspection Unit (see GB.273/PFA/7/1).\n\n"
        "2. The Committee may wish to take note of this paper (GB.273/PFA/7).\n",
        encoding="utf-8",
    )
    report = build_corpus(None, tmp_path / "store", files=[paper])
    assert report.failed == []
    graph = Graph().parse(tmp_path / "store" / "okg.ttl")
    document = next(graph.subjects(OKG.family, None))
    assert str(document) == "https://w3id.org/okg/id/document/GB.273/PFA/7"  # the IRI other documents cite it by
    described = {
        (p.n3(graph.namespace_manager), str(o)) for p, o in graph.predicate_objects(document) if p.n3(graph.namespace_manager).startswith("dcterms:")
    }
    assert {d for d in described if d[0] != "dcterms:references"} == {
        ("dcterms:identifier", "GB.273/PFA/7"),
        ("dcterms:title", "Reports of the Joint Inspection Unit"),
        ("dcterms:date", "1998-11"),
    }
    # the paper citing itself is no reference to another document
    assert ("dcterms:references", "https://w3id.org/okg/id/document/GB.273/PFA/7") not in described
