"""`okg docs`: the ontology's page lists every class and property of okg.ttl and the SKOS schemes, and loads nothing."""

import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from okg.graph.cli import main
from okg.graph.namespaces import compact
from tests.conftest import REPO
from tests.viz.test_page import browser  # noqa: F401  (the fixture: Debian's chromium, headless)

ONTOLOGY = Graph().parse(REPO / "ontology" / "okg.ttl")
SHIPPED = REPO / "docs" / "ontology" / "index.html"


class _Entries(HTMLParser):
    """Each article's id and its heading's text; every tag and attribute that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, str] = {}
        self.loads: list[tuple[str, str, str]] = []
        self._article: str | None = None
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "srcset", "data", "poster") or (tag in ("link", "use", "image") and "href" in name):
                self.loads.append((tag, name, value or ""))
        if tag in ("script", "iframe", "object", "embed", "link", "img", "audio", "video"):
            self.loads.append((tag, "", ""))
        if tag == "article":
            self._article = dict(attrs)["id"]
            self.entries[self._article] = ""
        if tag == "h3" and self._article is not None:
            self._in_heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading and self._article:
            self.entries[self._article] += data


def _page(tmp_path: Path) -> str:
    result = CliRunner().invoke(main, ["docs", "-o", str(tmp_path / "ontology")])
    assert result.exit_code == 0, result.output
    assert result.output == f"{tmp_path / 'ontology' / 'index.html'}\n"
    return (tmp_path / "ontology" / "index.html").read_text(encoding="utf-8")


def test_every_class_and_property_of_okg_ttl_has_its_entry(tmp_path) -> None:
    entries = _Entries()
    entries.feed(_page(tmp_path))
    declared = {iri for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for iri in ONTOLOGY.subjects(RDF.type, kind)}
    assert len(declared) == 124  # 32 classes, 92 properties (issue 14 added shareUnderstood, notUnderstood, page, excerpt)
    for iri in declared:
        name = compact(str(iri))
        heading = entries.entries[name.replace(":", "-")]
        assert heading == f"{ONTOLOGY.value(iri, RDFS.label)} {name}", heading
    assert entries.entries["okg-Recommendation"] == "recommendation okg:Recommendation"


def test_every_concept_scheme_lists_its_concepts(tmp_path) -> None:
    page = _page(tmp_path)
    vocabularies = Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        vocabularies.parse(path)
    schemes = set(vocabularies.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 13
    for scheme in schemes:
        article = page.split(f'<article id="{compact(str(scheme)).replace(":", "-")}">', 1)[1].split("</article>", 1)[0]
        concepts = set(vocabularies.subjects(SKOS.inScheme, scheme)) | set(vocabularies.subjects(SKOS.topConceptOf, scheme))
        assert concepts
        for concept in concepts:
            assert f'<td class="iri">{compact(str(concept))}</td>' in article
            assert f"<tr><td>{vocabularies.value(concept, SKOS.prefLabel)}</td>".replace("'", "&#x27;") in article


def test_the_diagram_draws_the_main_classes_inline(tmp_path) -> None:
    page = _page(tmp_path)
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    for label in ("recommendation", "status assessment", "oversight report", "document", "source span", "org:OrganizationalUnit", "skos:Concept"):
        assert f">{label}</text>" in svg
    assert '<a href="#okg-Recommendation">' in svg


def test_the_page_loads_nothing_and_the_shipped_page_is_current(tmp_path) -> None:
    page = _page(tmp_path)
    entries = _Entries()
    entries.feed(page)
    assert entries.loads == []
    assert not re.search(r"url\((?!#)", page) and "@import" not in page  # url(#arrow): a marker of the page itself
    assert SHIPPED.read_text(encoding="utf-8") == page, "docs/ontology/index.html is out of date: run `okg docs`"


def test_the_page_opens_offline_in_chromium(browser, tmp_path) -> None:  # noqa: F811
    _page(tmp_path)
    page = browser.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto((tmp_path / "ontology" / "index.html").as_uri())
    assert page.title() == "okg: ILO oversight knowledge graph ontology"
    assert page.locator("#classes article").count() == 32 and page.locator("#properties article").count() == 92
    assert page.locator("#diagram svg rect").count() >= 20
    assert requests == [(tmp_path / "ontology" / "index.html").as_uri()] and errors == []
    page.close()
