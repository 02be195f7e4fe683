"""The overview page of a 100x synthetic build (benchmarks/synthetic.py: 500 reports, 2,800 recommendations), in
headless Chromium: the same checks as on the bundled corpus, against what the generated documents hold."""

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic import Truth, generate
from okg.graph.build.pipeline import build_corpus
from okg.viz.view import SPRING_LIMIT, Selection, build_view
from tests.viz.test_page import Page, _viz, browser  # noqa: F401 (browser is a fixture)

DOCUMENT = "https://w3id.org/okg/id/document/"
UNIT = "https://w3id.org/okg/id/unit/"


@pytest.fixture(scope="session")
def synthetic_100x(tmp_path_factory: pytest.TempPathFactory) -> tuple[Truth, Path]:
    """A 100x synthetic corpus and its built store, made once per test session (about 210,000 triples)."""
    folder = tmp_path_factory.mktemp("synthetic-100x")
    truth = generate(folder / "corpus", scale=100)
    build_corpus(folder / "corpus" / "manifest.toml", folder / "store")
    return truth, folder / "store"


@pytest.fixture(scope="module")
def overview(browser, synthetic_100x, tmp_path_factory) -> Page:  # noqa: F811 (the imported fixture)
    page_file = tmp_path_factory.mktemp("overview-100x") / "overview.html"
    _viz(synthetic_100x[1], page_file)
    return Page(browser, page_file)


def _jiu_status(row: dict) -> str:
    """The overview's latest status of a follow-up row, from the words the table prints."""
    if row["acceptance"] in ("Not accepted", "Not relevant"):
        return "not accepted"
    return {"Implemented": "implemented", "In progress": "in progress"}.get(row["implementation"], "open")


def test_the_overview_at_100x_opens_with_every_label_legible(overview, synthetic_100x) -> None:
    truth, _ = synthetic_100x
    boxes = overview.assert_labels_legible()  # every node's label drawn, none overlapping, none under 10 pixels
    labels = {box["id"]: box["text"] for box in boxes}
    reports = {row["report"] for row in truth.latest_jiu} | {rec["document"] for rec in truth.evaluation}
    units = Counter(unit for rec in truth.evaluation for unit in rec["units"])
    assert overview.page.inner_text("#counts") == (
        f"{len(reports)} reports, {len(truth.latest_jiu) + len(truth.evaluation)} recommendations, {len(units)} units"
    )
    # The 12 reports with the most recommendations are drawn (the evaluations, 8 each; first by name), the rest summed.
    drawn = [node for node in overview.evaluate("okg.nodeView.get()") if node["category"] == "report"]
    evaluations = sorted({rec["document"] for rec in truth.evaluation})[:12]
    assert [node["id"] for node in drawn] == [DOCUMENT + name for name in evaluations]
    for name in evaluations:
        assert labels[DOCUMENT + name] == f"Synthetic {name}\n8 recommendations\n8 no status"
    rest = len(truth.latest_jiu) + len(truth.evaluation) - 8 * 12
    assert labels["more-reports"] == f"{len(reports) - 12} more reports ({rest})"
    # Each unit drawn with the number of recommendations it is responsible for.
    for node in overview.evaluate("okg.nodeView.get()"):
        if node["category"] == "unit":
            assert labels[node["id"]].endswith(f" ({units[node['id']]})"), labels[node["id"]]
    categories = overview.evaluate("okg.nodeView.get().map(node => node.category)")
    assert sorted(overview.legend()) == sorted({*categories, "recommendation"})
    overview.assert_offline()


def test_a_report_at_100x_expands_in_place_and_collapses(overview, synthetic_100x) -> None:
    truth, _ = synthetic_100x
    before = overview.evaluate("okg.nodeView.length")
    evaluation = DOCUMENT + "evaluation-0"
    overview.click_node(evaluation)
    members = overview.evaluate(f"okg.nodeView.get().filter(node => node.report === {evaluation!r}).map(node => [node.number, node.units])")
    expected = {rec["number"]: sorted(rec["units"]) for rec in truth.evaluation if rec["document"] == "evaluation-0"}
    assert {number: sorted(units) for number, units in members} == expected
    assert overview.evaluate("okg.nodeView.length") == before + 8
    overview.assert_labels_legible()
    overview.click_node(evaluation)
    assert overview.evaluate("okg.nodeView.length") == before
    overview.assert_labels_legible()
    overview.assert_offline()


def test_a_follow_up_report_at_100x_by_latest_status(browser, synthetic_100x, tmp_path) -> None:  # noqa: F811
    truth, store = synthetic_100x
    symbol = truth.latest_jiu[-1]["report"]  # one of the 488 reports the overview sums: its own view draws it
    rows = [row for row in truth.latest_jiu if row["report"] == symbol]
    _viz(store, tmp_path / "report.html", "--report", symbol)
    page = Page(browser, tmp_path / "report.html")
    report = DOCUMENT + symbol
    members = page.evaluate(f"okg.nodeView.get().filter(node => node.report === {report!r}).map(node => [node.number, node.status])")
    assert sorted(members) == sorted([row["number"], _jiu_status(row)] for row in rows)
    page.assert_labels_legible()
    categories = page.evaluate("okg.nodeView.get().map(node => node.category)")
    assert sorted(page.legend()) == sorted({*categories, "recommendation"})
    page.assert_offline()


def test_a_focus_page_at_100x_draws_its_rings(browser, synthetic_100x, tmp_path) -> None:  # noqa: F811
    _, store = synthetic_100x
    _viz(store, tmp_path / "theme.html", "--focus", "Workforce and skills")
    page = Page(browser, tmp_path / "theme.html")
    view = build_view(store, Selection(focus="Workforce and skills"))
    assert len(view.nodes) > SPRING_LIMIT and page.evaluate("okg.nodeView.length") == len(view.nodes)
    # Drawn where the rings put them, the theme in the middle: physics is off above 400 nodes.
    centre = "https://w3id.org/okg/id/theme/workforce-and-skills"
    drawn = page.evaluate("okg.network.getPositions()")
    assert drawn[centre] == {"x": 0, "y": 0}
    # vis-network gives them cut to the unit
    assert all(abs(drawn[node["id"]]["x"] - node["x"]) < 1 and abs(drawn[node["id"]]["y"] - node["y"]) < 1 for node in view.nodes)
    # The labels shown at the opening zoom (all 2,000 nodes in the frame) overlap none another: the page hides those
    # that would, by priority, and shows them on hover or when zoomed in.
    overlapping = page.evaluate(
        "(() => { const b = okg.labelBoxes(); "
        "return b.flatMap((x, i) => b.slice(i + 1).filter(y => okg.overlaps(x, y)).map(y => [x.text, y.text])); })()"
    )
    assert overlapping == [] and 0 < len(page.evaluate("okg.labelBoxes()")) < len(view.nodes)
    page.assert_offline()
