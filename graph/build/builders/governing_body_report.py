"""Triples for a Governing Body report: front matter, paragraphs, footnotes, strategy parts, plans."""

import calendar
import re
from collections.abc import Iterable
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from okg.errors import SourceError
from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_outcomes, add_standards, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.provenance import cited_document, derived_from, describe_source
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.governing_body_report import GoverningBodyReport, Plan
from okg.loaders.notes import Note
from okg.loaders.spans import SourceSpan


def build(graphs: DocumentGraphs, document: CorpusDocument, report: GoverningBodyReport, resolver: Resolver) -> None:
    """Add the triples of one Governing Body report."""
    graph = graphs.stated
    node = describe_source(graph, document)
    name = document.symbol or document.title
    _add_front_matter(graphs, document, node, report, resolver)

    paragraphs = {p.number: iris.part(node, "paragraph", p.number) for p in report.paragraphs}
    footnotes = {f.number: iris.part(node, "footnote", f.number) for f in report.footnotes}
    for footnote in report.footnotes:
        subject = add_node(
            graph,
            footnotes[footnote.number],
            OKG.Footnote,
            f"{name} footnote {footnote.number}",
            {OKG.footnoteNumber: footnote.number, OKG.text: footnote.text, DCTERMS.isPartOf: node},
            document,
            footnote.span,
        )
        _cite(graphs, document, subject, footnote.cited_symbols, footnote.span)
    for paragraph in report.paragraphs:
        subject = add_node(
            graph,
            paragraphs[paragraph.number],
            OKG.Paragraph,
            f"{name} paragraph {paragraph.number}",
            {
                OKG.paragraphNumber: paragraph.number,
                OKG.text: paragraph.text,
                DCTERMS.isPartOf: node,
                OKG.heading: paragraph.heading or None,
                OKG.numberRestored: paragraph.number_restored,
            },
            document,
            paragraph.span,
        )
        for number in paragraph.footnotes:
            if number in footnotes:
                graph.add((subject, OKG.hasFootnote, footnotes[number]))
            else:  # its note lost in the conversion (or a note okg did not read): the paragraph is read all the same
                graphs.notes.append(Note(f"paragraph {paragraph.number} calls footnote {number}, which the document lacks", paragraph.span))
        for number in paragraph.paragraph_references:
            graph.add((subject, OKG.refersTo, iris.part(node, "paragraph", number)))
        _cite(graphs, document, subject, paragraph.cited_symbols, paragraph.span)
        add_mentions(graphs, subject, paragraph.text, resolver)
        add_outcomes(graphs, subject, paragraph.outcome_references, resolver)
        add_standards(graphs, subject, paragraph.labour_standards, document, paragraph.span)

    strategy = next((s for s, _ in resolver.strategies.find(report.front_matter.title or "")), None)
    if strategy is not None:
        graph.add((node, OKG.reportsOn, strategy))
    _add_strategy_parts(graphs, document, strategy or node, paragraphs, report, resolver)
    if report.plan is not None:
        _add_plan(graphs, document, node, report.plan, resolver)


def _add_front_matter(graphs: DocumentGraphs, document: CorpusDocument, node: URIRef, report: GoverningBodyReport, resolver: Resolver) -> None:
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
        if symbol != document.symbol:  # a paper quoting its own symbol (its draft decision) cites no other paper
            graph.add((node, DCTERMS.references, cited_document(graph, symbol)))
    add_outcomes(graphs, node, front.outcome_references, resolver)
    for number in front.paragraph_references:
        graph.add((node, OKG.refersTo, iris.part(node, "paragraph", number)))
    derived_from(graph, node, document, front.span)


def _cite(graphs: DocumentGraphs, document: CorpusDocument, subject: URIRef, symbols: Iterable[str], span: SourceSpan) -> None:
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
        subject = outcomes[outcome.number] = add_node(
            graph,
            iris.part(strategy, "outcome", outcome.number),
            OKG.StrategyOutcome,
            f"Outcome {outcome.number}: {outcome.title}",
            {OKG.outcomeNumber: outcome.number, OKG.ofStrategy: strategy, DCTERMS.description: outcome.description or None},
            document,
            outcome.span,
        )
        # Each place that words the outcome, with its lines: a list and a heading may word its title differently.
        for position, wording in enumerate(outcome.wordings, start=1):
            place = "listed" if wording.description else "headed"  # a list gives a description, a heading none
            worded = add_node(
                graph,
                iris.part(subject, "wording", f"{document.id}-{position}"),
                OKG.OutcomeWording,
                f"Outcome {outcome.number} as {place}: {wording.title}",
                {DCTERMS.title: wording.title, DCTERMS.description: wording.description or None},
                document,
                wording.span,
            )
            graph.add((subject, DCTERMS.title, Literal(wording.title)))
            graph.add((subject, OKG.wording, worded))
            derived_from(graph, subject, document, wording.span)
    areas = {}
    for area in report.focus_areas:
        areas[area.code] = add_node(
            graph,
            iris.part(strategy, "focus-area", area.code),
            OKG.FocusArea,
            f"{area.code}. {area.title}",
            {OKG.focusAreaCode: area.code, OKG.underOutcome: outcomes.get(area.outcome)},
            document,
            area.span,
        )
    for position, deliverable in enumerate(report.deliverables, start=1):
        subject = add_node(
            graph,
            iris.part(paragraphs[deliverable.paragraph], "deliverable", position),
            OKG.Deliverable,
            deliverable.phrase,
            {OKG.inParagraph: paragraphs[deliverable.paragraph], OKG.underFocusArea: areas[deliverable.focus_area]},
            document,
            deliverable.span,
        )
        add_mentions(graphs, subject, deliverable.phrase, resolver)
        add_themes(graphs, subject, deliverable.phrase, resolver)
    for position, measurement in enumerate(report.measurements, start=1):
        add_node(
            graph,
            iris.part(paragraphs[measurement.paragraph], "measurement", position),
            OKG.Measurement,
            f"{measurement.value} {measurement.unit}",
            {
                OKG.value: Literal(measurement.value, datatype=XSD.decimal),
                OKG.unit: measurement.unit,
                OKG.measures: measurement.measures,
                OKG.inParagraph: paragraphs[measurement.paragraph],
            },
            document,
            measurement.span,
        )


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
        components[component.number] = add_node(
            graph,
            iris.part(subject, "component", component.number),
            OKG.PlanComponent,
            f"Component {component.number}: {component.title}",
            {OKG.componentNumber: component.number, OKG.partOfPlan: subject, OKG.restoredFrom: component.restored_from or None},
            document,
            component.span,
        )
    for item in plan.items:
        due = due_date(item.due_by)
        if due is None:
            raise SourceError(str(document.path), f"action item {item.number}: cannot read the due date {item.due_by!r}", item.span.first)
        part = add_node(
            graph,
            iris.part(subject, "action-item", item.number),
            OKG.ActionItem,
            f"Action item {item.number}: {item.text}",
            {
                OKG.actionItemNumber: item.number,
                OKG.text: item.text,
                OKG.inComponent: components[item.component],
                OKG.partOfPlan: subject,
                OKG.dueBy: item.due_by,
                OKG.dueDate: Literal(due, datatype=XSD.date),
                OKG.actionStatus: item.status,
                OKG.reportedIn: node,
            },
            document,
            item.span,
        )
        add_mentions(graphs, part, item.text, resolver)
        add_themes(graphs, part, item.text, resolver)


_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def due_date(due_by: str) -> date | None:
    """The last day of the period a due date names: "By end 2019" -> 2019-12-31, "By mid-2020" -> 2020-06-30,
    "By end March 2019" -> 2019-03-31, "2019–20" -> 2020-12-31."""
    text = due_by.strip()
    if match := re.fullmatch(r"(\d{4})\s*[–-]\s*(\d{2,4})", text):
        start, end = match.groups()
        return date(int(start[: 4 - len(end)] + end), 12, 31)
    if match := re.fullmatch(r"By mid-(\d{4})", text):
        return date(int(match.group(1)), 6, 30)
    if match := re.fullmatch(r"By (?:end )?(?:(?P<month>[A-Z][a-z]+) )?(?P<year>\d{4})", text):
        year = int(match.group("year"))
        month = _MONTHS.get(match.group("month") or "December")
        if month is None:
            return None
        return date(year, month, calendar.monthrange(year, month)[1])
    return None
