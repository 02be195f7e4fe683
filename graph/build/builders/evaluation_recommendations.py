"""Triples for an evaluation's recommendations: units, priority, time and resource implication."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from okg.graph.build import iris
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.builders.mentions import add_mentions, add_standards, add_themes
from okg.graph.build.builders.provenance import derived_from, describe_source
from okg.graph.build.corpus import CorpusDocument
from okg.graph.namespaces import OKG
from okg.graph.build.resolution import Resolver
from okg.errors import SourceError
from okg.loaders.evaluation_recommendations import EvaluationRecommendation, EvaluationRecommendations


def build(graphs: DocumentGraphs, document: CorpusDocument, records: EvaluationRecommendations, resolver: Resolver) -> None:
    """Add the triples of one evaluation's recommendations."""
    report = describe_source(graphs.stated, document)
    graphs.stated.add((report, RDF.type, OKG.OversightReport))
    for row in records.recommendations:
        _add(graphs, document, report, row, resolver)


def _add(
    graphs: DocumentGraphs, document: CorpusDocument, report: URIRef, row: EvaluationRecommendation, resolver: Resolver
) -> None:
    graph = graphs.stated

    def concept(scheme: str, value: str) -> URIRef:
        found = resolver.vocabularies.concept(scheme, value)
        if found is None:
            raise SourceError(str(document.path), f"recommendation {row.number}: {value!r} is not a known {scheme}", row.units_line)
        return found

    recommendation = iris.recommendation(report, row.number)
    graph.add((recommendation, RDF.type, OKG.Recommendation))
    graph.add((recommendation, RDFS.label, Literal(f"{document.title}: recommendation {row.number}")))
    graph.add((recommendation, OKG.recommendationNumber, Literal(row.number)))
    graph.add((recommendation, OKG.headline, Literal(row.headline)))
    graph.add((recommendation, OKG.recommendationText, Literal(row.text or row.headline)))
    graph.add((recommendation, OKG.madeIn, report))
    for name in row.responsible_units:
        units = resolver.units.resolve(name)
        if units is None:
            graph.add((recommendation, OKG.unresolvedUnitName, Literal(name)))
        for unit in units or []:
            graph.add((recommendation, OKG.responsibleUnit, unit))
    if row.priority:
        graph.add((recommendation, OKG.priority, concept("priority", row.priority)))
    if row.time_implication:
        graph.add((recommendation, OKG.timeImplication, concept("time-implication", row.time_implication)))
    if row.resource_implication:
        graph.add((recommendation, OKG.resourceImplication, concept("resource-implication", row.resource_implication)))
    derived_from(graph, recommendation, document, row.span)
    full_text = f"{row.headline}\n\n{row.text}"
    add_standards(graphs, recommendation, row.labour_standards, document, row.span)
    add_mentions(graphs, recommendation, full_text, resolver)
    add_themes(graphs, recommendation, full_text, resolver)
