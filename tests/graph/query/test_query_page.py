"""The query page at /sparql: opened in headless Chromium with no request leaving the endpoint, every named query runs."""

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from okg.graph.cli import main
from okg.graph.query.library import named_queries
from tests.conftest import okg_serve
from tests.viz.test_page import browser  # noqa: F401  (the fixture: Debian's chromium, headless)

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module")
def endpoint(built_corpus):
    with okg_serve("--store", str(built_corpus.store)) as url:
        yield url


def _get(url: str, accept: str) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read().decode()


def _post(url: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_browser_gets_the_page_and_sparql_clients_the_service_description(endpoint) -> None:
    status, headers, body = _get(endpoint, BROWSER_ACCEPT)
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "default-src 'none'" in headers["content-security-policy"] and "connect-src 'self'" in headers["content-security-policy"]
    assert "<title>okg SPARQL endpoint</title>" in body
    for accept in ("text/turtle", "*/*", "", "text/turtle, text/html;q=0.5"):
        status, headers, body = _get(endpoint, accept)
        assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8"), accept
        assert "sd:endpoint" in body


def test_variables_are_bound_by_dollar_fields_as_rdf_terms(endpoint, built_corpus) -> None:
    query = next(q for q in named_queries() if q.name == "unit-everything").text
    status, body = _post(endpoint, [("query", query), ("$unit", '"HRD"')])
    local = CliRunner().invoke(main, ["query", "unit-everything", "--param", "unit=HRD", "--format", "csv", "--store", str(built_corpus.store)])
    assert status == 200
    assert list(csv.reader(io.StringIO(body))) == list(csv.reader(io.StringIO(local.stdout)))
    assert len(body.splitlines()) == 11
    status, body = _post(endpoint, [("query", query), ("$unit", "HRD")])
    assert (status, body) == (400, "$unit: 'HRD' is not an IRI (<...>) or a literal (\"...\", with ^^<datatype> or @lang) in N-Triples\n")
    status, body = _post(endpoint, [("query", query), ("$unit", '"HRD" . <urn:x> <urn:y> "z"')])
    assert status == 400  # one term, not a way to add triples


def test_the_page_works_offline_and_runs_a_named_query(browser, endpoint) -> None:  # noqa: F811
    origin = endpoint.removesuffix("/sparql")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    requests, left, errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every request outside the endpoint is recorded and refused: the page must not need one.
    page.route(lambda url: not url.startswith(origin + "/"), lambda route: (left.append(route.request.url), route.abort()))
    page.goto(origin + "/")
    assert page.url == endpoint
    offered = page.eval_on_selector_all("#example option", "options => options.map(o => o.value).filter(Boolean)")
    assert offered == [q.name for q in named_queries()]
    page.select_option("#example", "recommendations-by-acceptance")
    question = next(q.question for q in named_queries() if q.name == "recommendations-by-acceptance")
    assert page.inner_text("#question") == question
    assert page.locator(".CodeMirror .cm-keyword").count() > 0  # the editor highlights SPARQL
    page.click("#run")
    page.wait_for_selector("#results table")
    assert page.inner_text("#status").startswith("3 rows")
    rows = page.eval_on_selector_all("#results tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    assert rows == [["as_of", "acceptance", "recommendations"], ["", "Accepted", "13"], ["", "Not accepted", "5"], ["", "Under consideration", "2"]]
    assert left == [] and errors == []
    assert all(url.startswith(origin + "/") for url in requests)
    page.close()


def test_every_named_query_runs_in_the_page_with_its_defaults(browser, endpoint) -> None:  # noqa: F811
    origin = endpoint.removesuffix("/sparql")
    page = browser.new_page()
    left: list[str] = []
    page.route(lambda url: not url.startswith(origin + "/"), lambda route: (left.append(route.request.url), route.abort()))
    page.goto(endpoint, wait_until="load")
    for named in named_queries():
        page.evaluate(f"okgQueryPage.choose({json.dumps(named.name)})")
        page.evaluate("okgQueryPage.run()")
        page.wait_for_function("!document.getElementById('status').textContent.startsWith('running')")
        status = page.inner_text("#status")
        assert page.get_attribute("#status", "class") != "error", (named.name, status)
        assert status.split(" ")[1] in ("row", "rows"), (named.name, status)
    page.evaluate("okgQueryPage.choose('unit-everything')")
    page.fill("#parameters input[name=unit]", "Human Resources and Development Department")
    page.evaluate("okgQueryPage.run()")
    page.wait_for_selector("#results table")
    assert page.inner_text("#status").startswith("10 rows")
    assert left == []
    page.close()
