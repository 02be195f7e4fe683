"""Triples for a JIU follow-up status table: reports, recommendations, status assessments."""

from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from okg.graph.build import iris
from okg.graph.build.builders.triples import DocumentGraphs, TripleSink
from okg.graph.build.builders.mentions import add_mentions, add_themes
from okg.graph.build.builders.provenance import cited_document, date_literal, derived_from, describe_source
from okg.graph.build.corpus import CorpusDocument
from okg.graph.namespaces import OKG
from okg.graph.build.resolution import Resolver
from okg.errors import SourceError
from okg.loaders.jiu_follow_up import JiuFollowUpTable, JiuRecommendation


def build(graphs: DocumentGraphs, document: CorpusDocument, table: JiuFollowUpTable, resolver: Resolver) -> None:
    """Add the triples of one JIU follow-up table."""
    source = describe_source(graphs.stated, document)
    as_of = _as_of(table, document)
    for row in table.recommendations:
        recommendation, assessment = _add_recommendation(
            graphs.stated, document, source, as_of, table.as_of, row, resolver
        )
        add_themes(graphs, recommendation, row.text, resolver)
        add_mentions(graphs, assessment, row.remarks or "", resolver)


def _as_of(table: JiuFollowUpTable, document: CorpusDocument) -> Literal | None:
    """The table's "as of" month, else the manifest's date."""
    if table.as_of:
        month = datetime.strptime(table.as_of, "%B %Y")
        return Literal(f"{month:%Y-%m}", datatype=XSD.gYearMonth)
    return date_literal(document.date) if document.date else None


def _add_recommendation(
    graph: TripleSink,
    document: CorpusDocument,
    source: URIRef,
    as_of: Literal | None,
    as_of_printed: str | None,
    row: JiuRecommendation,
    resolver: Resolver,
) -> tuple[URIRef, URIRef]:
    def concept(scheme: str, value: str) -> URIRef:
        found = resolver.vocabularies.concept(scheme, value)
        if found is None:
            raise SourceError(
                str(document.path),
                f"recommendation {row.number} of {row.report_symbol}: {value!r} is not a known {scheme} value",
                row.span.first,
            )
        return found

    report = cited_document(graph, row.report_symbol)
    graph.add((report, DCTERMS.title, Literal(row.report_title)))
    derived_from(graph, report, document, row.span)

    recommendation = iris.recommendation(report, row.number)
    graph.add((recommendation, RDF.type, OKG.Recommendation))
    graph.add((recommendation, RDFS.label, Literal(f"{row.report_symbol} recommendation {row.number}")))
    graph.add((recommendation, OKG.recommendationNumber, Literal(row.number)))
    graph.add((recommendation, OKG.recommendationText, Literal(row.text)))
    graph.add((recommendation, OKG.madeIn, report))
    if row.addressee:
        graph.add((recommendation, OKG.addressee, concept("addressee", row.addressee)))
    for impact in row.intended_impacts:
        graph.add((recommendation, OKG.intendedImpact, concept("intended-impact", impact)))
    derived_from(graph, recommendation, document, row.span)

    assessment = iris.status_assessment(recommendation, document.id)
    graph.add((assessment, RDF.type, OKG.StatusAssessment))
    as_of_words = f" as of {as_of_printed}" if as_of_printed else ""
    graph.add((assessment, RDFS.label, Literal(f"Status of {row.report_symbol} recommendation {row.number}{as_of_words}")))
    graph.add((assessment, OKG.assesses, recommendation))
    graph.add((assessment, OKG.reportedIn, source))
    if as_of is not None:
        graph.add((assessment, OKG.asOf, as_of))
    unrecognised = dict(row.unrecognised)
    for scheme, value, predicate in (("acceptance", row.acceptance, OKG.acceptanceStatus),
                                     ("implementation", row.implementation, OKG.implementationStatus),
                                     ("impact-achieved", row.impact_achieved, OKG.impactAchieved)):
        if scheme in unrecognised:  # a wording the profile does not know: kept as printed, never forced
            graph.add((assessment, RDFS.comment, Literal(f"{scheme} as printed: {unrecognised[scheme]}")))
        elif value:
            graph.add((assessment, predicate, concept(scheme, value)))
    if row.remarks:
        graph.add((assessment, OKG.remarks, Literal(row.remarks)))
    for symbol in row.cited_symbols:
        cited = cited_document(graph, symbol)
        derived_from(graph, cited, document, row.span)
        graph.add((assessment, DCTERMS.references, cited))
    for position, reference in enumerate(row.cross_references, start=1):
        node = iris.cross_reference(assessment, position)
        graph.add((assessment, OKG.hasCrossReference, node))
        graph.add((node, RDF.type, OKG.CrossReference))
        graph.add((node, RDFS.label, Literal(f"'{reference.phrase}' in the remarks on {row.report_symbol} recommendation {row.number}")))
        graph.add((node, OKG.phrase, Literal(reference.phrase)))
        if reference.direction:
            graph.add((node, OKG.direction, Literal(reference.direction)))
        if reference.to_itself:
            # The remarks name their own recommendation: kept and marked, but no link to another recommendation.
            graph.add((node, OKG.selfReference, Literal(True)))
        for number in reference.numbers:
            target = iris.recommendation(report, number)
            graph.add((node, OKG.target, target))
            if not reference.to_itself:
                graph.add((assessment, OKG.refersTo, target))
        derived_from(graph, node, document, row.span)
    derived_from(graph, assessment, document, row.span)
    return recommendation, assessment

