"""Triples for an evaluation's recommendations: units, priority, time and resource implication."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from okg.errors import SourceError
from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_standards, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.provenance import describe_source
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.evaluation_recommendations import EvaluationRecommendation, EvaluationRecommendations


def build(graphs: DocumentGraphs, document: CorpusDocument, records: EvaluationRecommendations, resolver: Resolver) -> None:
    """Add the triples of one evaluation's recommendations."""
    report = describe_source(graphs.stated, document)
    graphs.stated.add((report, RDF.type, OKG.OversightReport))
    for row in records.recommendations:
        _add(graphs, document, report, row, resolver)


def _add(graphs: DocumentGraphs, document: CorpusDocument, report: URIRef, row: EvaluationRecommendation, resolver: Resolver) -> None:
    graph = graphs.stated

    def concept(scheme: str, value: str) -> URIRef:
        found = resolver.vocabularies.concept(scheme, value)
        if found is None:
            raise SourceError(str(document.path), f"recommendation {row.number}: {value!r} is not a known {scheme}", row.units_line)
        return found

    recommendation = add_node(
        graph,
        iris.recommendation(report, row.number),
        OKG.Recommendation,
        f"{document.title}: recommendation {row.number}",
        {
            OKG.recommendationNumber: row.number,
            OKG.headline: row.headline,
            OKG.recommendationText: row.text or row.headline,
            OKG.madeIn: report,
            OKG.priority: concept("priority", row.priority) if row.priority else None,
            OKG.timeImplication: concept("time-implication", row.time_implication) if row.time_implication else None,
            OKG.resourceImplication: concept("resource-implication", row.resource_implication) if row.resource_implication else None,
        },
        document,
        row.span,
    )
    for name in row.responsible_units:
        units = resolver.units.resolve(name)
        if units is None:
            graph.add((recommendation, OKG.unresolvedUnitName, Literal(name)))
        for unit in units or []:
            graph.add((recommendation, OKG.responsibleUnit, unit))
    full_text = f"{row.headline}\n\n{row.text}"
    add_standards(graphs, recommendation, row.labour_standards, document, row.span)
    add_mentions(graphs, recommendation, full_text, resolver)
    add_themes(graphs, recommendation, full_text, resolver)
