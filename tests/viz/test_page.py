"""The interactive page, opened in a real headless Chromium (Debian's package, driven by Playwright)."""

import os
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from benchmarks.chromium import CHROMIUM, launch
from benchmarks.synthetic import generate
from okg.graph.analytics import entity_network
from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from okg.viz.overview import short_label

HLE = "High-level evaluation of the ILO's COVID-19 response"
HOSTILE = '<script>window.pwned = 1</script> "><img src=x onerror="window.pwned = 2"> javascript:window.pwned=3'


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


class Page:
    """A page opened from disk, recording console errors and every request it makes."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.okg !== undefined")

    def evaluate(self, script: str):
        return self.page.evaluate(script)

    def wait_until(self, script: str, seconds: float = 60) -> None:
        # Polled from here: the page's Content-Security-Policy forbids the eval that wait_for_function would use.
        for _ in range(int(seconds * 10)):
            if self.evaluate(script):
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"never true: {script}")

    def click_node(self, node: str) -> None:
        """A real mouse click on the node where the page draws it."""
        where = self.evaluate(
            f"(() => {{ const p = okg.network.getPositions([{node!r}])[{node!r}]; "
            "const d = okg.network.canvasToDOM(p); const f = document.getElementById('graph').getBoundingClientRect(); "
            "return [f.left + d.x, f.top + d.y]; })()"
        )
        self.page.mouse.click(*where)

    def assert_labels_legible(self, every_label: bool = True) -> list[dict]:
        """No two drawn label boxes overlap, each lies inside the graph and is at least 10 pixels high;
        with ``every_label``, every node's label is drawn."""
        boxes = self.evaluate("okg.labelBoxes()")
        frame = self.evaluate(
            "(() => { const f = document.getElementById('graph').getBoundingClientRect(); return [f.left, f.top, f.right, f.bottom]; })()"
        )
        if every_label:
            assert len(boxes) == self.evaluate("okg.nodeView.length")
        for n, box in enumerate(boxes):
            assert box["fontPixels"] >= 10, box
            assert frame[0] <= box["left"] and box["left"] + box["width"] <= frame[2], box
            assert frame[1] <= box["top"] and box["top"] + box["height"] <= frame[3], box
            for other in boxes[n + 1 :]:
                overlap = (
                    box["left"] < other["left"] + other["width"]
                    and other["left"] < box["left"] + box["width"]
                    and box["top"] < other["top"] + other["height"]
                    and other["top"] < box["top"] + box["height"]
                )
                assert not overlap, (box["text"], other["text"])
        return boxes

    def legend(self) -> list[str]:
        return self.evaluate("[...document.querySelectorAll('#legend [data-class]')].map(row => row.dataset.class)")

    def assert_offline(self) -> None:
        assert self.errors == []
        assert [url for url in self.requests if not url.startswith("file://")] == []


def _viz(store: Path, output: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["viz", "-o", str(output), "--store", str(store), *options])
    assert result.exit_code == 0, result.output


def test_a_selection_larger_than_a_page_draws_is_refused_with_what_to_do(built_corpus, tmp_path, monkeypatch) -> None:
    # regression: okg viz --all at ~1M triples (58,911 nodes) wrote for 17 minutes a page no browser draws usably
    monkeypatch.setattr("okg.viz.view.DRAW_LIMIT", 100)
    nodes = entity_network(built_corpus.store).number_of_nodes()
    result = CliRunner().invoke(main, ["viz", "--all", "-o", str(tmp_path / "graph.html"), "--store", str(built_corpus.store)])
    assert (result.exit_code, result.output) == (
        2,
        (
            f"okg: the selection holds {nodes:,} nodes, more than a page draws (100): open the overview (okg viz with no "
            "option), or narrow the selection with --focus, --classes, --document or --theme\n"
        ),
    )
    assert not (tmp_path / "graph.html").exists()
    _viz(built_corpus.store, tmp_path / "units.html", "--classes", "unit")  # within the limit: drawn


REPORT = "https://w3id.org/okg/id/document/JIU/REP/2020/8"
HLE_REPORT = "https://w3id.org/okg/id/document/hle-covid19-response-recommendations"


def test_the_overview_opens_with_every_label_legible(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "overview.html")
    page = Page(browser, tmp_path / "overview.html")
    boxes = page.assert_labels_legible()
    labels = {box["id"]: box["text"] for box in boxes}
    assert labels[REPORT] == "JIU/REP/2020/8\n10 recommendations\n2 not accepted · 1 in progress · 7 implemented"
    assert labels["https://w3id.org/okg/id/unit/DDG-P"] == "DDG/P (6)"
    assert labels["https://w3id.org/okg/id/theme/digital-technology"] == "Digital technology (10)"
    assert labels["https://w3id.org/okg/id/programme-and-budget/2022-23/output-3.3"] == "Output 3.3 (10)"
    # Each report is a pie of its recommendations by latest status: for JIU/REP/2020/8, red, orange and green slices.
    pie = unquote(page.evaluate(f"okg.nodes.get({REPORT!r}).image"))
    assert [pie.count(f"fill='{colour}'") for colour in ("#d62728", "#7f7f7f", "#ff9f1c", "#2ca02c")] == [1, 0, 1, 1]
    assert page.evaluate(f"okg.network.body.nodes[{REPORT!r}].imageObj.image.complete")
    categories = page.evaluate("okg.nodeView.get().map(node => node.category)")
    assert (categories.count("report"), categories.count("unit")) == (5, 23)
    assert page.page.inner_text("#counts") == "5 reports, 28 recommendations, 23 units"
    assert sorted(page.legend()) == sorted({*categories, "recommendation"})
    page.assert_offline()


def test_a_report_expands_in_place_and_collapses(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "overview.html")
    page = Page(browser, tmp_path / "overview.html")
    before = page.evaluate("okg.nodeView.length")
    page.click_node(REPORT)
    statuses = page.evaluate(f"okg.nodeView.get().filter(node => node.report === {REPORT!r}).map(node => node.status)")
    assert sorted(statuses) == ["implemented"] * 7 + ["in progress"] + ["not accepted"] * 2
    assert page.evaluate("okg.nodeView.length") == before + 10
    boxes = page.assert_labels_legible()
    assert "JIU/REP/2020/8: rec. 10" in {box["text"] for box in boxes}
    # The status ring stays when selected: the highlight keeps the status border.
    rec = f"{REPORT}/recommendation/5"
    page.click_node(rec)
    assert page.evaluate("okg.network.getSelectedNodes()") == [rec]
    ring = page.evaluate(f"okg.network.body.nodes[{rec!r}].options.color")
    assert ring["border"] == ring["highlight"]["border"] == "#d62728"  # recommendation 5 is not accepted
    assert "not accepted" in page.page.inner_text("#card")
    page.click_node(REPORT)
    assert page.evaluate("okg.nodeView.length") == before
    # Searching for a recommendation not drawn opens its report.
    assert page.evaluate("okg.search('JIU/REP/2021/2: recommendation 3')") == ["https://w3id.org/okg/id/document/JIU/REP/2021/2/recommendation/3"]
    assert page.evaluate("okg.expansion.id") == "https://w3id.org/okg/id/document/JIU/REP/2021/2"
    page.assert_offline()


def test_report_and_unit_views_from_the_command_line(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "report.html", "--report", HLE)
    page = Page(browser, tmp_path / "report.html")
    assert page.evaluate(f"okg.nodeView.get().filter(node => node.report === {HLE_REPORT!r}).length") == 8
    page.assert_labels_legible()
    _viz(built_corpus.store, tmp_path / "unit.html", "--unit", "HRD")
    page = Page(browser, tmp_path / "unit.html")
    drawn = page.evaluate("okg.nodeView.get().map(node => [node.category, node.fullLabel])")
    mopan = "frameworks for environmental sustainability and climate change into ILO's strategies, programmes, and operations"
    assert sorted(drawn) == sorted(
        [
            ["report", HLE],
            ["unit", "Human Resources Development Department"],
            ["recommendation", f"{HLE}: recommendation 8"],
            ["Governing Body document", "GB.347/PFA/14"],
            *(["paragraph", f"GB.347/PFA/14 paragraph {n}"] for n in (16, 18, 30, 31, 33)),
            ["area for improvement", f"{mopan}: area for improvement 4"],
            ["commitment", f"{mopan}: commitment 4"],
        ]
    )
    labels = [box["text"] for box in page.assert_labels_legible()]
    assert "frame…: area for improvement 4" in labels and "frameworks for…: commitment 4" in labels
    assert sorted(page.legend()) == sorted({category for category, _ in drawn})
    page.assert_offline()


def test_an_unknown_report_or_unit_is_refused(built_corpus, tmp_path) -> None:
    for option, name, message in (
        ("--report", "JIU/REP/1999/1", "no report 'JIU/REP/1999/1'"),
        ("--unit", "NOPE", "no unit 'NOPE' is responsible for a recommendation"),
    ):
        result = CliRunner().invoke(main, ["viz", "-o", str(tmp_path / "x.html"), "--store", str(built_corpus.store), option, name])
        assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "x.html").exists()


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder / "corpus", scale=3)
    build_corpus(folder / "corpus" / "manifest.toml", folder / "store")
    return folder / "store"


def test_the_overview_of_a_synthetic_build(browser, synthetic_store, tmp_path) -> None:
    _viz(synthetic_store, tmp_path / "overview.html")
    page = Page(browser, tmp_path / "overview.html")
    page.assert_labels_legible()
    categories = page.evaluate("okg.nodeView.get().map(node => node.category)")
    assert categories.count("report") == 12 and "more" in categories  # 12 reports (3 evaluations, 12 JIU) drawn, 3 summed
    assert page.page.inner_text("#counts").startswith("15 reports, 84 recommendations")
    assert sorted(page.legend()) == sorted({*categories, "recommendation"})
    report = "https://w3id.org/okg/id/document/evaluation-0"
    page.click_node(report)
    assert page.evaluate(f"okg.nodeView.get().filter(node => node.report === {report!r}).length") == 8
    page.assert_labels_legible()
    page.click_node(report)
    page.assert_labels_legible()
    page.assert_offline()


def test_cut_labels_keep_what_tells_them_apart() -> None:
    assert short_label(f"{HLE}: recommendation 8") == "High-level…: recommendation 8"
    assert short_label(f"{HLE}: recommendation 8", 40) == "High-level evaluation…: recommendation 8"
    assert short_label("Programme and Budget for the biennium 2022-23 paragraph 30").endswith("paragraph 30")
    assert short_label("Output 3.3: Increased capacity of Member States to formulate and implement policies") == "Output 3.3"
    assert short_label("JIU/REP/2020/8") == "JIU/REP/2020/8"


def test_the_full_graph_page(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "graph.html", "--all")
    page = Page(browser, tmp_path / "graph.html")
    network = entity_network(built_corpus.store)
    assert page.evaluate("[okg.nodeView.length, okg.edges.length]") == [network.number_of_nodes(), network.number_of_edges()]
    found = page.evaluate("okg.search('SOCPRO')")
    assert found == ["https://w3id.org/okg/id/unit/SOCPRO"]
    assert page.page.inner_text("#search-result") == "1 found"
    assert "Social Protection Department" in page.page.inner_text("#card")
    categories = set(page.evaluate("okg.nodeView.get().map(node => node.category)"))
    assert {"commitment", "deliverable", "measurement", "finding", "area for improvement", "footnote"} <= categories
    assert "other" not in categories and sorted(page.legend()) == sorted(categories)
    # A cut label keeps what tells it apart: no two different full labels are drawn the same.
    drawn = page.evaluate("okg.nodeView.get().map(node => [node.shownLabel, node.fullLabel])")
    assert len({label for label, _ in drawn}) == len({full for _, full in drawn})
    assert "…of JIU/REP/2020/8 recommendation 10…" in {label for label, _ in drawn}
    assert page.evaluate("document.getElementById('legend').textContent").count("triangleDown") == 0
    # Once the layout settles, labels that would overlap are hidden by priority and shown on hover.
    page.wait_until("okg.settled")
    boxes = page.evaluate("okg.labelBoxes()")
    overlapping = page.evaluate(
        "(() => { const b = okg.labelBoxes(); "
        "return b.flatMap((x, i) => b.slice(i + 1).filter(y => okg.overlaps(x, y)).map(y => [x.text, y.text])); })()"
    )
    assert overlapping == [] and 0 < len(boxes) < network.number_of_nodes()
    hidden = page.evaluate("okg.nodeView.get().find(node => !node.label).id")
    page.evaluate(f"okg.network.moveTo({{ position: okg.network.getPositions([{hidden!r}])[{hidden!r}], scale: 1.5, animation: false }})")
    page.page.mouse.move(
        *page.evaluate(
            "(() => { const f = document.getElementById('graph').getBoundingClientRect(); return [f.left + f.width / 2, f.top + f.height / 2]; })()"
        )
    )
    page.wait_until(f"okg.nodes.get({hidden!r}).label !== ''", 5)  # its label shows on hover
    # The focus view from the page: a click on HRD, then "Show only what is linked to it".
    page.evaluate("okg.network.fit({ animation: false })")
    page.click_node("https://w3id.org/okg/id/unit/HRD")
    page.page.click("#focus")
    assert page.evaluate("okg.nodeView.length") == 1 + len(set(network.to_undirected(as_view=True)["https://w3id.org/okg/id/unit/HRD"]))
    page.assert_labels_legible(every_label=False)
    page.page.click("#unfocus")
    assert page.evaluate("okg.nodeView.length") == network.number_of_nodes()
    page.page.wait_for_timeout(500)
    page.page.screenshot(path=str(tmp_path / "graph.png"))
    assert page.errors == []
    assert [url for url in page.requests if not url.startswith("file://")] == []


def test_filters_by_class_and_document_work_in_the_page(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "graph.html", "--all")
    page = Page(browser, tmp_path / "graph.html")
    total = page.evaluate("okg.nodeView.length")
    page.page.uncheck("input[data-category='paragraph']")
    assert page.evaluate("okg.nodeView.length") == total - 83  # 83 paragraphs hidden; footnotes are their own class
    page.page.uncheck("input[data-category='footnote']")
    assert page.evaluate("okg.nodeView.length") == total - 83 - 20
    page.page.check("input[data-category='footnote']")
    page.page.check("input[data-category='paragraph']")
    page.page.select_option("#document-filter", HLE)
    assert page.evaluate("okg.nodeView.get().every(node => node.document === " + repr(HLE) + ")")
    assert page.evaluate("okg.nodeView.length") == 8 + 2  # its 8 recommendations and the 2 standards they name
    assert page.errors == []


def test_a_focus_page_around_hrd(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "hrd.html", "--focus", "HRD", "--depth", "1")
    page = Page(browser, tmp_path / "hrd.html")
    labels = page.evaluate("okg.nodeView.get().map(node => node.fullLabel)")
    assert f"{HLE}: recommendation 8" in labels
    assert "GB.347/PFA/14" in labels
    page.evaluate("okg.showCard('https://w3id.org/okg/id/document/hle-covid19-response-recommendations/recommendation/8')")
    card = page.page.inner_text("#card")
    assert "Human Resources Development Department" in card and "Medium-to-long-term" not in card
    assert f"{HLE}, lines 88-97" in card
    page.page.wait_for_timeout(500)
    page.page.screenshot(path=str(tmp_path / "hrd.png"))
    assert page.errors == [] and [u for u in page.requests if not u.startswith("file://")] == []


def test_document_text_is_shown_as_text_and_never_runs(browser, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evaluation.txt").write_text(
        f"RECOMMENDATION 1\n\nReview the website. {HOSTILE}\n\nBecause {HOSTILE}.\n\n"
        "Responsible units\tPriority\tTime implication\tResource implication\nHRD\tHigh\tShort-term\tLow\n",
        encoding="utf-8",
    )
    (corpus / "manifest.toml").write_text(
        '[[document]]\nid = "hostile"\nfile = "evaluation.txt"\ntitle = "A <script>alert(1)</script> evaluation"\n'
        'family = "evaluation-recommendations"\n',
        encoding="utf-8",
    )
    store = tmp_path / "store"
    build_corpus(corpus / "manifest.toml", store)
    _viz(store, tmp_path / "hostile.html", "--all")
    page = Page(browser, tmp_path / "hostile.html")
    node = "https://w3id.org/okg/id/document/hostile/recommendation/1"
    page.evaluate(f"okg.showCard({node!r})")
    card = page.page.inner_text("#card")
    assert "<script>window.pwned = 1</script>" in card and 'onerror="window.pwned = 2"' in card
    page.page.wait_for_timeout(300)
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('#card img, #card script').length") == 0
    assert page.dialogs == [] and page.errors == []
