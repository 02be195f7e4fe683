"""The interactive page, opened in a real headless Chromium (Debian's package, driven by Playwright)."""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analytics import entity_network
from graph.build import build_corpus
from graph.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a sandboxed machine with no network: no first-run, sync or background fetches.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
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


def _viz(store: Path, output: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["viz", "-o", str(output), "--store", str(store), *options])
    assert result.exit_code == 0, result.output


def test_the_full_graph_page(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "graph.html")
    page = Page(browser, tmp_path / "graph.html")
    network = entity_network(built_corpus.store)
    assert page.evaluate("[okg.nodeView.length, okg.edges.length]") == [network.number_of_nodes(), network.number_of_edges()]
    found = page.evaluate("okg.search('SOCPRO')")
    assert found == ["https://w3id.org/okg/id/unit/SOCPRO"]
    assert page.page.inner_text("#search-result") == "1 found"
    assert "Social Protection Department" in page.page.inner_text("#card")
    page.page.wait_for_timeout(500)
    page.page.screenshot(path=str(tmp_path / "graph.png"))
    assert page.errors == []
    assert [url for url in page.requests if not url.startswith("file://")] == []


def test_filters_by_class_and_document_work_in_the_page(browser, built_corpus, tmp_path) -> None:
    _viz(built_corpus.store, tmp_path / "graph.html")
    page = Page(browser, tmp_path / "graph.html")
    total = page.evaluate("okg.nodeView.length")
    page.page.uncheck("input[data-category='paragraph']")
    assert page.evaluate("okg.nodeView.length") == total - 83 - 20  # 83 paragraphs and 20 footnotes hidden
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
    _viz(store, tmp_path / "hostile.html")
    page = Page(browser, tmp_path / "hostile.html")
    node = "https://w3id.org/okg/id/document/hostile/recommendation/1"
    page.evaluate(f"okg.showCard({node!r})")
    card = page.page.inner_text("#card")
    assert "<script>window.pwned = 1</script>" in card and 'onerror="window.pwned = 2"' in card
    page.page.wait_for_timeout(300)
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("document.querySelectorAll('#card img, #card script').length") == 0
    assert page.dialogs == [] and page.errors == []
