"""The Governing Body report builder: what a paper lacks is said, not fatal."""

from rdflib import Graph

from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.families import FAMILIES
from okg.graph.build.pipeline import load_ontology
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.governing_body_report import parse
from tests.conftest import FIXTURES

# Test data written for this test: a paper whose paragraph 1 calls a footnote the conversion lost.
PAPER = """Governing Body

271st Session, Geneva, March 1998

THIRD ITEM ON THE AGENDA

Reports of the Joint Inspection Unit

1. The Joint Inspection Unit has issued four reports. ³

2. The Committee may wish to take note of this paper.
"""


def test_a_call_to_a_footnote_the_paper_lacks_is_noted_and_the_paper_built() -> None:
    graphs = DocumentGraphs(stated=Graph(), inferred=Graph())
    document = CorpusDocument(id="p", path=FIXTURES / "p.txt", title="p", family="governing-body-report")
    FAMILIES["governing-body-report"].build(graphs, document, parse(PAPER, "p.txt"), Resolver.from_ontology(load_ontology()))
    assert len(list(graphs.stated.subjects(OKG.paragraphNumber, None))) == 2
    assert list(graphs.stated.subject_objects(OKG.hasFootnote)) == []
    assert [(note.message, note.span.first) for note in graphs.notes] == [("paragraph 1 calls footnote 3, which the document lacks", 9)]
