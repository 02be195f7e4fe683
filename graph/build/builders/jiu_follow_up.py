"""Triples for a JIU follow-up status table: reports, recommendations, status assessments."""

from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from okg.errors import SourceError
from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.provenance import cited_document, date_literal, derived_from, describe_source
from okg.graph.build.builders.triples import DocumentGraphs, TripleSink
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.jiu_follow_up import JiuFollowUpTable, JiuRecommendation


def build(graphs: DocumentGraphs, document: CorpusDocument, table: JiuFollowUpTable, resolver: Resolver) -> None:
    """Add the triples of one JIU follow-up table."""
    source = describe_source(graphs.stated, document)
    as_of = _as_of(table, document)
    for row in table.recommendations:
        recommendation, assessment = _add_recommendation(graphs.stated, document, source, as_of, table.as_of, row, resolver)
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

    recommendation = add_node(
        graph,
        iris.recommendation(report, row.number),
        OKG.Recommendation,
        f"{row.report_symbol} recommendation {row.number}",
        {
            OKG.recommendationNumber: row.number,
            OKG.recommendationText: row.text,
            OKG.madeIn: report,
            OKG.addressee: concept("addressee", row.addressee) if row.addressee else None,
        },
        document,
        row.span,
    )
    for impact in row.intended_impacts:
        graph.add((recommendation, OKG.intendedImpact, concept("intended-impact", impact)))

    as_of_words = f" as of {as_of_printed}" if as_of_printed else ""
    assessment = add_node(
        graph,
        iris.status_assessment(recommendation, document.id),
        OKG.StatusAssessment,
        f"Status of {row.report_symbol} recommendation {row.number}{as_of_words}",
        {OKG.assesses: recommendation, OKG.reportedIn: source, OKG.asOf: as_of, OKG.remarks: row.remarks or None},
        document,
        row.span,
    )
    unrecognised = dict(row.unrecognised)
    for scheme, value, predicate in (
        ("acceptance", row.acceptance, OKG.acceptanceStatus),
        ("implementation", row.implementation, OKG.implementationStatus),
        ("impact-achieved", row.impact_achieved, OKG.impactAchieved),
    ):
        if scheme in unrecognised:  # a wording the profile does not know: kept as printed, never forced
            graph.add((assessment, RDFS.comment, Literal(f"{scheme} as printed: {unrecognised[scheme]}")))
        elif value:
            graph.add((assessment, predicate, concept(scheme, value)))
    for symbol in row.cited_symbols:
        cited = cited_document(graph, symbol)
        derived_from(graph, cited, document, row.span)
        graph.add((assessment, DCTERMS.references, cited))
    for position, reference in enumerate(row.cross_references, start=1):
        # Remarks that name their own recommendation: kept and marked (selfReference), but no link to another one.
        node = add_node(
            graph,
            iris.cross_reference(assessment, position),
            OKG.CrossReference,
            f"'{reference.phrase}' in the remarks on {row.report_symbol} recommendation {row.number}",
            {OKG.phrase: reference.phrase, OKG.direction: reference.direction or None, OKG.selfReference: reference.to_itself},
            document,
            row.span,
        )
        graph.add((assessment, OKG.hasCrossReference, node))
        for number in reference.numbers:
            target = iris.recommendation(report, number)
            graph.add((node, OKG.target, target))
            if not reference.to_itself:
                graph.add((assessment, OKG.refersTo, target))
    return recommendation, assessment
