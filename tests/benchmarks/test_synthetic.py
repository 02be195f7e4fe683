"""The synthetic corpus: what the generator wrote is exactly what the loaders and the build find."""

from collections import Counter

import pytest

from benchmarks.synthetic import generate
from okg.graph.build.corpus import read_manifest
from okg.graph.build.families import FAMILIES
from okg.graph.build.pipeline import build_corpus
from tests.conftest import named, select


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    truth = generate(folder, scale=3, seed=5)
    records = {d.id: FAMILIES[d.family].parse(d.path.read_text(encoding="utf-8"), str(d.path)) for d in read_manifest(folder / "manifest.toml")}
    return folder, truth, records


def test_jiu_rows_are_extracted_exactly(corpus) -> None:
    _, truth, records = corpus
    found = [r for document, parsed in sorted(records.items()) if document.startswith("jiu-") for r in parsed.recommendations]
    assert len(found) == len(truth.jiu) == 60
    extracted = [
        {
            "report": r.report_symbol,
            "title": r.report_title,
            "number": r.number,
            "text": r.text,
            "addressee": r.addressee,
            "impacts": r.intended_impacts,
            "acceptance": r.acceptance,
            "implementation": r.implementation,
            "remarks": r.remarks,
        }
        for r in found
    ]
    expected = sorted(truth.jiu, key=lambda row: (row["report"].split("/")[2], int(row["report"].split("/")[3]), row["number"]))
    assert sorted(extracted, key=lambda row: (row["report"].split("/")[2], int(row["report"].split("/")[3]), row["number"])) == expected


def test_evaluation_recommendations_are_extracted_exactly(corpus) -> None:
    _, truth, records = corpus
    for row in truth.evaluation:
        found = records[row["document"]].recommendations[row["number"] - 1]
        assert (found.number, found.headline, found.priority, found.time_implication, found.resource_implication) == (
            row["number"],
            row["headline"],
            row["priority"],
            row["time"],
            row["resource"],
        )


def test_paragraphs_and_action_items_are_extracted_exactly(corpus) -> None:
    _, truth, records = corpus
    for document, paragraphs in truth.paragraphs.items():
        assert [(p.number, p.text) for p in records[document].paragraphs] == paragraphs, document
    for document, items in truth.action_items.items():
        assert [(i.number, i.due_by, i.status) for i in records[document].plan.items] == items, document


def test_the_generated_corpus_builds_with_no_error_and_every_unit_resolves(corpus, tmp_path) -> None:
    folder, truth, _ = corpus
    summary = build_corpus(folder / "manifest.toml", tmp_path / "store")
    assert summary.failed == [] and summary.unresolved_units == []
    assert summary.built == truth.documents
    rows = select(
        tmp_path / "store",
        """
        SELECT ?r (GROUP_CONCAT(STR(?u); separator=" ") AS ?units) WHERE { ?r okg:responsibleUnit ?u } GROUP BY ?r""",
    )
    resolved = {row["r"].split("/document/")[1]: set(row["units"].split()) for row in rows}
    for row in truth.evaluation:
        assert resolved[f"{row['document']}/recommendation/{row['number']}"] == row["units"]


def test_later_snapshots_give_each_recommendation_its_latest_status(tmp_path) -> None:
    truth = generate(tmp_path / "corpus", scale=2, seed=7, snapshots=3)
    summary = build_corpus(tmp_path / "corpus" / "manifest.toml", tmp_path / "store")
    assert summary.failed == [] and len(summary.built) == 2 * (3 + 3)
    expected = Counter(row["acceptance"] for row in truth.latest_jiu)
    rows = named(tmp_path / "store", "recommendations-by-acceptance")
    assert {r["acceptance"]: int(r["recommendations"]) for r in rows} == expected
    assert sum(expected.values()) == 40 and truth.latest_jiu != truth.jiu
