"""Triples for a management response: the assessment, covering letter, findings, areas, commitments."""

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from okg.graph.build import iris
from okg.graph.build.builders.mentions import add_mentions, add_outcomes, add_themes
from okg.graph.build.builders.nodes import add_node
from okg.graph.build.builders.provenance import date_literal, derived_from, describe_source
from okg.graph.build.builders.triples import DocumentGraphs, TripleSink
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.dates import iso_date
from okg.loaders.management_response import CoveringLetter, ManagementResponse


def build(graphs: DocumentGraphs, document: CorpusDocument, response: ManagementResponse, resolver: Resolver) -> None:
    """Add the triples of one management response."""
    graph = graphs.stated
    node = describe_source(graph, document)
    assessment = iris.titled_document(response.assessment)
    graph.add((assessment, RDF.type, OKG.Assessment))
    graph.add((assessment, RDF.type, OKG.OversightReport))
    graph.add((assessment, RDFS.label, Literal(response.assessment)))
    graph.add((assessment, DCTERMS.title, Literal(response.assessment)))
    graph.add((node, OKG.respondsTo, assessment))
    if response.areas_for_improvement:
        derived_from(graph, assessment, document, response.areas_for_improvement[0].span)
    if response.letter is not None:
        _add_letter(graph, document, node, response.letter)

    for number, finding in enumerate(response.positive_findings, start=1):
        subject = add_node(
            graph,
            iris.part(node, "finding", number),
            OKG.Finding,
            f"{response.assessment}: positive finding {number}",
            {OKG.text: finding.text},
            document,
            finding.span,
        )
        graph.add((node, OKG.hasFinding, subject))
        add_mentions(graphs, subject, finding.text, resolver)

    for area in response.areas_for_improvement:
        subject = add_node(
            graph,
            iris.part(node, "area-for-improvement", area.number),
            OKG.AreaForImprovement,
            area.title,
            {OKG.areaNumber: area.number, OKG.text: area.text},
            document,
            area.span,
        )
        graph.add((node, OKG.hasAreaForImprovement, subject))
        add_mentions(graphs, subject, area.text, resolver)
        add_outcomes(graphs, subject, area.outcome_references, resolver)
        add_themes(graphs, subject, area.text, resolver)
        for position, commitment in enumerate(area.commitments, start=1):
            promise = add_node(
                graph,
                iris.part(subject, "commitment", position),
                OKG.Commitment,
                f"{area.title}: commitment {position}",
                {OKG.text: commitment.text},
                document,
                commitment.span,
            )
            graph.add((subject, OKG.hasCommitment, promise))
            add_mentions(graphs, promise, commitment.text, resolver)
            add_outcomes(graphs, promise, commitment.outcome_references, resolver)


def _add_letter(graph: TripleSink, document: CorpusDocument, node: URIRef, letter: CoveringLetter) -> None:
    subject = iris.part(node, "letter", 1)
    graph.add((subject, RDF.type, OKG.Letter))
    graph.add((subject, RDFS.label, Literal(", ".join(filter(None, [f"Letter of {letter.signatory or 'no named signatory'}", letter.date])))))
    if letter.date and (day := iso_date(letter.date)):
        graph.add((subject, DCTERMS.date, date_literal(day)))
    if letter.signatory:
        graph.add((subject, OKG.signatory, Literal(letter.signatory)))
    if letter.signatory_role:
        graph.add((subject, OKG.signatoryRole, Literal(letter.signatory_role)))
    for addressee in letter.addressees:
        graph.add((subject, OKG.recipient, Literal(f"{addressee.name}, {addressee.position}")))
    for copy in letter.copy_to:
        graph.add((subject, OKG.copyTo, Literal(copy)))
    graph.add((subject, OKG.text, Literal(letter.text)))
    graph.add((node, OKG.coveringLetter, subject))
    for span in (letter.span, *letter.repeated_at):
        derived_from(graph, subject, document, span)
