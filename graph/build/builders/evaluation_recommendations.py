"""Triples for an evaluation's recommendations: units, priority, time and resource implication."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_standards, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.printed_values import add_printed_values
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
        },
        document,
        row.span,
    )
    implications = (
        ("priority", row.priority, OKG.priority),
        ("time-implication", row.time_implication, OKG.timeImplication),
        ("resource-implication", row.resource_implication, OKG.resourceImplication),
    )
    add_printed_values(graphs, recommendation, implications, dict(row.unrecognised), resolver, f"recommendation {row.number}", row.span)
    for name in row.responsible_units:
        units = resolver.units.resolve(name)  # "PARDEV and PROGRAM", the last of a list, is two units
        if units is None:
            graph.add((recommendation, OKG.unresolvedUnitName, Literal(name)))
        for unit in units or []:
            graph.add((recommendation, OKG.responsibleUnit, unit))
    full_text = f"{row.headline}\n\n{row.text}"
    add_standards(graphs, recommendation, row.labour_standards, document, row.span)
    add_mentions(graphs, recommendation, full_text, resolver)
    add_themes(graphs, recommendation, full_text, resolver)
