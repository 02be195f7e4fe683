"""Triples for a JIU follow-up status table: reports, recommendations, status assessments."""

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.printed_values import add_printed_values
from okg.graph.build.builders.provenance import cited_document, date_literal, derived_from, describe_source
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.dates import iso_date
from okg.loaders.jiu_follow_up import JiuFollowUpTable, JiuRecommendation
from okg.loaders.notes import Note


def build(graphs: DocumentGraphs, document: CorpusDocument, table: JiuFollowUpTable, resolver: Resolver) -> None:
    """Add the triples of one JIU follow-up table."""
    source = describe_source(graphs.stated, document)
    as_of = _as_of(table, document)
    if as_of is None and table.recommendations:
        graphs.notes.append(
            Note(
                "the table says as of no date, nor does a manifest: its statuses are undated, in no status history "
                "(give the document a date in a manifest entry)",
                None,
            )
        )
    for row in table.recommendations:
        recommendation, assessment = _add_recommendation(graphs, document, source, as_of, table.as_of, row, resolver)
        add_themes(graphs, recommendation, row.text or "", resolver)
        add_mentions(graphs, assessment, row.remarks or "", resolver)


def _as_of(table: JiuFollowUpTable, document: CorpusDocument) -> Literal | None:
    """The table's "as of" day or month, else the manifest's date."""
    if table.as_of and (day := iso_date(table.as_of)):
        return date_literal(day)
    return date_literal(document.date) if document.date else None


def _addressees(printed: str, resolver: Resolver) -> list[str]:
    """The addressees a cell names: itself, or each of the parts of a cell naming several ("L, E", "E/I") when the
    scheme knows every part."""
    parts = [part for part in re.split(r"\s*(?:[,;/&]|\band\b)\s*", printed) if part]
    known = resolver.vocabularies.concept
    if len(parts) > 1 and known("addressee", printed) is None and all(known("addressee", part) for part in parts):
        return parts
    return [printed] if printed else []


def _add_recommendation(
    graphs: DocumentGraphs,
    document: CorpusDocument,
    source: URIRef,
    as_of: Literal | None,
    as_of_printed: str | None,
    row: JiuRecommendation,
    resolver: Resolver,
) -> tuple[URIRef, URIRef]:
    graph = graphs.stated

    about = f"recommendation {row.number} of {row.report_symbol}"
    report = cited_document(graph, row.report_symbol)
    if row.report_title:
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
        },
        document,
        row.span,
    )
    cells = [("addressee", addressee, OKG.addressee) for addressee in _addressees(row.addressee or "", resolver)]
    cells += [("intended-impact", impact, OKG.intendedImpact) for impact in row.intended_impacts]
    add_printed_values(graphs, recommendation, cells, {}, resolver, about, row.span)

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
    statuses = (
        ("acceptance", row.acceptance, OKG.acceptanceStatus),
        ("implementation", row.implementation, OKG.implementationStatus),
        ("impact-achieved", row.impact_achieved, OKG.impactAchieved),
    )
    add_printed_values(graphs, assessment, statuses, dict(row.unrecognised), resolver, about, row.span)
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
