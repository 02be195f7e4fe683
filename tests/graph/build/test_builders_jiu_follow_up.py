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


def test_an_addressee_or_impact_no_concept_names_is_kept_as_printed_and_noted() -> None:
    # test data written for this test: addressees of two kinds in one cell, an impact okg's scheme does not have
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from okg.graph.namespaces import OKG, VOCAB

    header = "Report\tRec. No\tRecommendation\tAddressee\tIntended impact\tAcceptance\tImplementation\tImpact achieved\tRemarks"
    row = "JIU/REP/2022/4: Ethics\t1\tDo it.\tL, E\tEnhanced effectiveness; Enhanced gender equality\tAccepted\tIn progress\t\tOngoing."
    other = "JIU/REP/2022/4: Ethics\t2\tDo more.\tThe board\tEnhanced effectiveness\tAccepted\tIn progress\t\tOngoing."
    table = parse(f"Status as of July 2023\n\n{header}\n{row}\n{other}\n", "t.txt")
    document = CorpusDocument(id="t", path=FIXTURES / "t.txt", title="t", family="jiu-follow-up")
    graphs = DocumentGraphs(stated=Graph(), inferred=Graph())
    FAMILIES["jiu-follow-up"].build(graphs, document, table, Resolver.from_ontology(load_ontology()))
    first, second = (URIRef(f"https://w3id.org/okg/id/document/JIU/REP/2022/4/recommendation/{n}") for n in (1, 2))
    assert set(graphs.stated.objects(first, OKG.addressee)) == {VOCAB["addressee/legislative-organ"], VOCAB["addressee/executive-head"]}
    assert set(graphs.stated.objects(first, OKG.intendedImpact)) == {VOCAB["intended-impact/effectiveness"]}
    assert set(graphs.stated.objects(first, RDFS.comment)) == {Literal("intended-impact as printed: Enhanced gender equality")}
    assert set(graphs.stated.objects(second, OKG.addressee)) == set()
    assert set(graphs.stated.objects(second, RDFS.comment)) == {Literal("addressee as printed: The board")}
    assert [(note.message, note.span.first) for note in graphs.notes] == [
        ("recommendation 1 of JIU/REP/2022/4: intended-impact 'Enhanced gender equality' is no value of okg's scheme; kept as printed", 4),
        ("recommendation 2 of JIU/REP/2022/4: addressee 'The board' is no value of okg's scheme; kept as printed", 5),
    ]


HEADER = "Report\tRec. No\tRecommendation\tAddressee\tIntended impact\tAcceptance\tImplementation\tImpact achieved\tRemarks"


def _built(text: str):
    """A small follow-up table (test data written for these tests) read and built: its records and graphs."""
    table = parse(text, "t.txt")
    graphs = DocumentGraphs(stated=Graph(), inferred=Graph())
    document = CorpusDocument(id="t", path=FIXTURES / "t.txt", title="t", family="jiu-follow-up")
    FAMILIES["jiu-follow-up"].build(graphs, document, table, Resolver.from_ontology(load_ontology()))
    return table, graphs


def test_a_table_without_a_date_is_noted() -> None:
    _, graphs = _built(f"A follow-up table\n\n{HEADER}\nJIU/REP/2022/4: Ethics\t1\tDo it.\tE\tEnhanced effectiveness\tAccepted\tIn progress\t\t\n")
    assert [note.message for note in graphs.notes] == [
        "the table says as of no date, nor does a manifest: its statuses are undated, in no status history "
        "(give the document a date in a manifest entry)"
    ]


def test_a_row_with_an_empty_text_cell_builds() -> None:
    table, graphs = _built(
        f"Status as of July 2023\n\n{HEADER}\nJIU/REP/2019/6: A report\t1\t\tE\tEnhanced effectiveness\tAccepted\tIn progress\t\tWork.\n"
    )
    assert [note.message for note in table.notes] == ["recommendation 1 of JIU/REP/2019/6 has an empty 'Recommendation' cell"]
    assert len(graphs.stated) > 0 and graphs.notes == []
