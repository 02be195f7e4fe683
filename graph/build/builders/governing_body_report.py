"""Triples for a Governing Body report: front matter, paragraphs, footnotes, strategy parts, plans."""

import calendar
import re
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from okg.graph.build import iris
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.builders.mentions import add_mentions, add_outcomes, add_standards, add_themes
from okg.graph.build.builders.provenance import cited_document, derived_from, describe_source
from okg.graph.build.corpus import CorpusDocument
from okg.graph.namespaces import OKG
from okg.graph.build.resolution import Resolver
from okg.errors import SourceError
from okg.loaders.governing_body_report import GoverningBodyReport, Plan


def build(graphs: DocumentGraphs, document: CorpusDocument, report: GoverningBodyReport, resolver: Resolver) -> None:
    """Add the triples of one Governing Body report."""
    graph = graphs.stated
    node = describe_source(graph, document)
    name = document.symbol or document.title
    _add_front_matter(graphs, document, node, report, resolver)

    paragraphs = {p.number: iris.part(node, "paragraph", p.number) for p in report.paragraphs}
    footnotes = {f.number: iris.part(node, "footnote", f.number) for f in report.footnotes}
    for footnote in report.footnotes:
        subject = footnotes[footnote.number]
        graph.add((subject, RDF.type, OKG.Footnote))
        graph.add((subject, RDFS.label, Literal(f"{name} footnote {footnote.number}")))
        graph.add((subject, OKG.footnoteNumber, Literal(footnote.number)))
        graph.add((subject, OKG.text, Literal(footnote.text)))
        graph.add((subject, DCTERMS.isPartOf, node))
        _cite(graphs, document, subject, footnote.cited_symbols, footnote.span)
        derived_from(graph, subject, document, footnote.span)
    for paragraph in report.paragraphs:
        subject = paragraphs[paragraph.number]
        graph.add((subject, RDF.type, OKG.Paragraph))
        graph.add((subject, RDFS.label, Literal(f"{name} paragraph {paragraph.number}")))
        graph.add((subject, OKG.paragraphNumber, Literal(paragraph.number)))
        graph.add((subject, OKG.text, Literal(paragraph.text)))
        graph.add((subject, DCTERMS.isPartOf, node))
        if paragraph.heading:
            graph.add((subject, OKG.heading, Literal(paragraph.heading)))
        if paragraph.number_restored:
            graph.add((subject, OKG.numberRestored, Literal(True)))
        for number in paragraph.footnotes:
            if number not in footnotes:
                raise SourceError(str(document.path), f"paragraph {paragraph.number} calls footnote {number}, which is missing", paragraph.span.first)
            graph.add((subject, OKG.hasFootnote, footnotes[number]))
        for number in paragraph.paragraph_references:
            graph.add((subject, OKG.refersTo, iris.part(node, "paragraph", number)))
        _cite(graphs, document, subject, paragraph.cited_symbols, paragraph.span)
        add_mentions(graphs, subject, paragraph.text, resolver)
        add_outcomes(graphs, subject, paragraph.outcome_references, resolver)
        add_standards(graphs, subject, paragraph.labour_standards, document, paragraph.span)
        derived_from(graph, subject, document, paragraph.span)

    strategy = next((s for s, _ in resolver.strategies.find(report.front_matter.title or "")), None)
    if strategy is not None:
        graph.add((node, OKG.reportsOn, strategy))
    _add_strategy_parts(graphs, document, strategy or node, paragraphs, report, resolver)
    if report.plan is not None:
        _add_plan(graphs, document, node, report.plan, resolver)


def _add_front_matter(
    graphs: DocumentGraphs, document: CorpusDocument, node: URIRef, report: GoverningBodyReport, resolver: Resolver
) -> None:
    graph = graphs.stated
    front = report.front_matter
    for predicate, value in (
        (OKG.session, front.session),
        (OKG.sessionNumber, front.session_number),
        (OKG.section, front.section),
        (OKG.sectionCode, front.section_code),
        (OKG.agendaItem, front.agenda_item),
        (OKG.purpose, front.purpose),
    ):
        if value is not None:
            graph.add((node, predicate, Literal(value)))
    author = front.author_unit
    if author:
        units = resolver.units.resolve(author)
        if units is None:
            graph.add((node, OKG.unresolvedUnitName, Literal(author)))
        for unit in units or []:
            graph.add((node, OKG.authorUnit, unit))
    for symbol in front.related_documents:
        related = cited_document(graph, symbol)
        derived_from(graph, related, document, front.span)
        graph.add((node, OKG.relatedDocument, related))
    for symbol in report.cited_symbols:
        graph.add((node, DCTERMS.references, cited_document(graph, symbol)))
    add_outcomes(graphs, node, front.outcome_references, resolver)
    for number in front.paragraph_references:
        graph.add((node, OKG.refersTo, iris.part(node, "paragraph", number)))
    derived_from(graph, node, document, front.span)


def _cite(graphs: DocumentGraphs, document: CorpusDocument, subject: URIRef, symbols, span) -> None:
    for symbol in symbols:
        cited = cited_document(graphs.stated, symbol)
        derived_from(graphs.stated, cited, document, span)
        graphs.stated.add((subject, DCTERMS.references, cited))


def _add_strategy_parts(
    graphs: DocumentGraphs,
    document: CorpusDocument,
    strategy: URIRef,
    paragraphs: dict[int, URIRef],
    report: GoverningBodyReport,
    resolver: Resolver,
) -> None:
    graph = graphs.stated
    outcomes = {}
    for outcome in report.strategy_outcomes:
        subject = outcomes[outcome.number] = iris.part(strategy, "outcome", outcome.number)
        graph.add((subject, RDF.type, OKG.StrategyOutcome))
        graph.add((subject, RDFS.label, Literal(f"Outcome {outcome.number}: {outcome.title}")))
        graph.add((subject, OKG.outcomeNumber, Literal(outcome.number)))
        graph.add((subject, OKG.ofStrategy, strategy))
        if outcome.description:
            graph.add((subject, DCTERMS.description, Literal(outcome.description)))
        derived_from(graph, subject, document, outcome.span)
        # Each place that words the outcome, with its lines: a list and a heading may word its title differently.
        for position, wording in enumerate(outcome.wordings, start=1):
            worded = iris.part(subject, "wording", f"{document.id}-{position}")
            graph.add((worded, RDF.type, OKG.OutcomeWording))
            place = "listed" if wording.description else "headed"  # a list gives a description, a heading none
            graph.add((worded, RDFS.label, Literal(f"Outcome {outcome.number} as {place}: {wording.title}")))
            graph.add((worded, DCTERMS.title, Literal(wording.title)))
            if wording.description:
                graph.add((worded, DCTERMS.description, Literal(wording.description)))
            graph.add((subject, DCTERMS.title, Literal(wording.title)))
            graph.add((subject, OKG.wording, worded))
            derived_from(graph, worded, document, wording.span)
            derived_from(graph, subject, document, wording.span)
    areas = {}
    for area in report.focus_areas:
        subject = areas[area.code] = iris.part(strategy, "focus-area", area.code)
        graph.add((subject, RDF.type, OKG.FocusArea))
        graph.add((subject, RDFS.label, Literal(f"{area.code}. {area.title}")))
        graph.add((subject, OKG.focusAreaCode, Literal(area.code)))
        if area.outcome in outcomes:
            graph.add((subject, OKG.underOutcome, outcomes[area.outcome]))
        derived_from(graph, subject, document, area.span)
    for position, deliverable in enumerate(report.deliverables, start=1):
        subject = iris.part(paragraphs[deliverable.paragraph], "deliverable", position)
        graph.add((subject, RDF.type, OKG.Deliverable))
        graph.add((subject, RDFS.label, Literal(deliverable.phrase)))
        graph.add((subject, OKG.inParagraph, paragraphs[deliverable.paragraph]))
        graph.add((subject, OKG.underFocusArea, areas[deliverable.focus_area]))
        derived_from(graph, subject, document, deliverable.span)
        add_mentions(graphs, subject, deliverable.phrase, resolver)
        add_themes(graphs, subject, deliverable.phrase, resolver)
    for position, measurement in enumerate(report.measurements, start=1):
        subject = iris.part(paragraphs[measurement.paragraph], "measurement", position)
        graph.add((subject, RDF.type, OKG.Measurement))
        graph.add((subject, RDFS.label, Literal(f"{measurement.value} {measurement.unit}")))
        graph.add((subject, OKG.value, Literal(measurement.value, datatype=XSD.decimal)))
        graph.add((subject, OKG.unit, Literal(measurement.unit)))
        graph.add((subject, OKG.measures, Literal(measurement.measures)))
        graph.add((subject, OKG.inParagraph, paragraphs[measurement.paragraph]))
        derived_from(graph, subject, document, measurement.span)


def _add_plan(graphs: DocumentGraphs, document: CorpusDocument, node: URIRef, plan: Plan, resolver: Resolver) -> None:
    graph = graphs.stated
    known = next((s for s, _ in resolver.strategies.find(plan.title)), None)
    subject = known or iris.part(node, "plan", 1)
    graph.add((subject, RDF.type, OKG.Plan))
    if known is None:
        graph.add((subject, RDFS.label, Literal(plan.title)))
    graph.add((node, OKG.reportsOn, subject))
    derived_from(graph, subject, document, plan.span)
    components = {}
    for component in plan.components:
        part = components[component.number] = iris.part(subject, "component", component.number)
        graph.add((part, RDF.type, OKG.PlanComponent))
        graph.add((part, RDFS.label, Literal(f"Component {component.number}: {component.title}")))
        graph.add((part, OKG.componentNumber, Literal(component.number)))
        graph.add((part, OKG.partOfPlan, subject))
        if component.restored_from:
            graph.add((part, OKG.restoredFrom, Literal(component.restored_from)))
        derived_from(graph, part, document, component.span)
    for item in plan.items:
        part = iris.part(subject, "action-item", item.number)
        graph.add((part, RDF.type, OKG.ActionItem))
        graph.add((part, RDFS.label, Literal(f"Action item {item.number}: {item.text}")))
        graph.add((part, OKG.actionItemNumber, Literal(item.number)))
        graph.add((part, OKG.text, Literal(item.text)))
        graph.add((part, OKG.inComponent, components[item.component]))
        graph.add((part, OKG.partOfPlan, subject))
        graph.add((part, OKG.dueBy, Literal(item.due_by)))
        due = due_date(item.due_by)
        if due is None:
            raise SourceError(str(document.path), f"action item {item.number}: cannot read the due date {item.due_by!r}", item.span.first)
        graph.add((part, OKG.dueDate, Literal(due, datatype=XSD.date)))
        graph.add((part, OKG.actionStatus, Literal(item.status)))
        graph.add((part, OKG.reportedIn, node))
        derived_from(graph, part, document, item.span)
        add_mentions(graphs, part, item.text, resolver)
        add_themes(graphs, part, item.text, resolver)


_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def due_date(due_by: str) -> date | None:
    """The last day of the period a due date names: "By end 2019" -> 2019-12-31, "By mid-2020" -> 2020-06-30,
    "By end March 2019" -> 2019-03-31, "2019–20" -> 2020-12-31."""
    text = due_by.strip()
    if match := re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{2,4})", text):
        start, end = match.groups()
        return date(int(start[:4 - len(end)] + end), 12, 31)
    if match := re.fullmatch(r"By mid-(\d{4})", text):
        return date(int(match.group(1)), 6, 30)
    if match := re.fullmatch(r"By (?:end )?(?:(?P<month>[A-Z][a-z]+) )?(?P<year>\d{4})", text):
        year = int(match.group("year"))
        month = _MONTHS.get(match.group("month") or "December")
        if month is None:
            return None
        return date(year, month, calendar.monthrange(year, month)[1])
    return None
