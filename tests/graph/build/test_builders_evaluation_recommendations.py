"""The evaluation builder: responsible units, values kept as printed."""

from rdflib import Graph

from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.families import FAMILIES
from okg.graph.build.pipeline import load_ontology
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.evaluation_recommendations import parse
from tests.conftest import FIXTURES


def test_the_last_two_units_of_a_list_joined_by_and_are_two_units() -> None:
    text = (
        "RECOMMENDATION 1\n\nDo it.\n\nResponsible units\tPriority\tTime implication\tResource implication\n"
        "SOCPRO, PARDEV and PROGRAM, Partnerships and Field Support Department (PARDEV)\tHigh\tShort-term\tLow\n"
    )
    document = CorpusDocument(id="e", path=FIXTURES / "e.txt", title="An evaluation", family="evaluation-recommendations")
    graphs = DocumentGraphs(stated=Graph(), inferred=Graph())
    FAMILIES["evaluation-recommendations"].build(graphs, document, parse(text, "e.txt"), Resolver.from_ontology(load_ontology()))
    (recommendation,) = graphs.stated.subjects(OKG.recommendationNumber, None)
    units = {str(unit).rsplit("/", 1)[-1] for unit in graphs.stated.objects(recommendation, OKG.responsibleUnit)}
    assert units == {"SOCPRO", "PARDEV", "PROGRAM"}
    assert list(graphs.stated.objects(recommendation, OKG.unresolvedUnitName)) == []
