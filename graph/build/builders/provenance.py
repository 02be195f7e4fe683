"""Triples every builder writes: the source document itself and where each node came from."""

from datetime import date as calendar_date

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from okg.graph.build import iris
from okg.graph.build.builders.triples import TripleSink
from okg.graph.build.corpus import CorpusDocument
from okg.graph.namespaces import OKG
from okg.loaders.spans import SourceSpan
from okg.loaders.text import GB_SYMBOL, JIU_SYMBOL


def date_literal(value: str) -> Literal:
    """An ISO date or year-month as xsd:date or xsd:gYearMonth."""
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(calendar_date.fromisoformat(value), datatype=XSD.date)


def describe_source(graph: TripleSink, document: CorpusDocument) -> URIRef:
    """Add the corpus document's own description (its family's class is the family's to add); return its IRI."""
    node = iris.corpus_document(document.id, document.symbol)
    graph.add((node, RDF.type, OKG.SourceDocument))
    graph.add((node, DCTERMS.title, Literal(document.title)))
    graph.add((node, RDFS.label, Literal(document.symbol or document.title)))
    graph.add((node, OKG.family, Literal(document.family)))
    graph.add((node, OKG.namedGraph, iris.named_graph(document.id)))
    if document.symbol:
        graph.add((node, DCTERMS.identifier, Literal(document.symbol)))
    if document.date:
        graph.add((node, DCTERMS.date, date_literal(document.date)))
    if document.description:
        graph.add((node, DCTERMS.description, Literal(document.description)))
    if document.belongs_to:
        parent = iris.document(document.belongs_to)
        graph.add((node, DCTERMS.isPartOf, parent))
        graph.add((parent, RDF.type, OKG.GoverningBodyDocument))
        graph.add((parent, DCTERMS.identifier, Literal(document.belongs_to)))
        graph.add((parent, RDFS.label, Literal(document.belongs_to)))
    return node


def derived_from(graph: TripleSink, node: URIRef, document: CorpusDocument, span: SourceSpan) -> None:
    """Record that ``node`` was extracted from lines ``span`` of ``document``."""
    span_node = iris.source_span(document.id, span)
    graph.add((node, PROV.wasDerivedFrom, span_node))
    graph.add((span_node, RDF.type, OKG.SourceSpan))
    graph.add((span_node, OKG.sourceDocument, iris.corpus_document(document.id, document.symbol)))
    graph.add((span_node, OKG.startLine, Literal(span.first)))
    graph.add((span_node, OKG.endLine, Literal(span.last)))


def cited_document(graph: TripleSink, symbol: str) -> URIRef:
    """A document known only from a citation of its symbol: a JIU report, a Governing Body document, or another body's."""
    node = iris.document(symbol)
    kind = OKG.JiuReport if JIU_SYMBOL.fullmatch(symbol) else OKG.GoverningBodyDocument if GB_SYMBOL.fullmatch(symbol) else OKG.Document
    graph.add((node, RDF.type, kind))
    graph.add((node, DCTERMS.identifier, Literal(symbol)))
    graph.add((node, RDFS.label, Literal(symbol)))
    return node
