"""The JIU follow-up builder: a real excerpt gives exactly the expected graph."""

from rdflib import Graph

from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.families import FAMILIES
from okg.graph.build.pipeline import load_ontology
from okg.graph.build.resolution import Resolver
from okg.graph.build.vocabularies import Vocabularies
from okg.loaders.jiu_follow_up import parse
from tests.conftest import FIXTURES, assert_isomorphic


def test_excerpt_builds_the_expected_graph() -> None:
    source = FIXTURES / "jiu-follow-up-excerpt.txt"
    document = CorpusDocument(
        id="jiu-excerpt",
        path=source,
        title="JIU follow-up excerpt",
        family="jiu-follow-up",
        belongs_to="GB.346/PFA/9",
        date="2022-07",
    )
    actual = DocumentGraphs(stated=Graph(), inferred=Graph())
    FAMILIES["jiu-follow-up"].build(actual, document, parse(source.read_text(encoding="utf-8"), str(source)), Resolver.from_ontology(load_ontology()))
    expected = Graph().parse(FIXTURES / "jiu-follow-up-excerpt.ttl")
    assert_isomorphic(actual.stated, expected)
    # The recommendation's text names no theme keyword, so nothing is inferred for it.
    assert len(actual.inferred) == 0


def test_spelling_variants_resolve_to_one_concept() -> None:
    vocabularies = Vocabularies(load_ontology())
    british = vocabularies.concept("intended-impact", "Strengthened coherence and harmonisation")
    american = vocabularies.concept("intended-impact", "Strengthened coherence and harmonization")
    assert british is not None and british == american
    assert vocabularies.concept("addressee", "L") == vocabularies.concept("addressee", "Legislative organ")
    assert vocabularies.concept("acceptance", "Implemented") is None  # a value of another scheme
