"""Triples saying how much of a source document okg understood, and where the blocks it did not understand stand."""

from decimal import ROUND_DOWN, Decimal

from rdflib import Literal
from rdflib.namespace import RDF, XSD

from okg.graph.build import iris
from okg.graph.build.builders.triples import TripleSink
from okg.graph.build.corpus import CorpusDocument
from okg.graph.namespaces import OKG
from okg.loaders.coverage import Coverage


def describe_coverage(graph: TripleSink, document: CorpusDocument, understood: Coverage) -> None:
    """Add the share of ``document``'s text that became facts, and each block not understood with its lines and page."""
    node = iris.corpus_document(document.id, document.symbol)
    # rounded down: a document with a block not understood never reads as 100% understood
    share = Decimal(understood.share).quantize(Decimal("0.001"), rounding=ROUND_DOWN)
    graph.add((node, OKG.shareUnderstood, Literal(share, datatype=XSD.decimal)))
    for words, span in understood.not_understood:
        block = iris.source_span(document.id, span)
        graph.add((node, OKG.notUnderstood, block))
        graph.add((block, RDF.type, OKG.SourceSpan))
        graph.add((block, OKG.sourceDocument, node))
        graph.add((block, OKG.startLine, Literal(span.first)))
        graph.add((block, OKG.endLine, Literal(span.last)))
        if span.page is not None:
            graph.add((block, OKG.page, Literal(span.page)))
        graph.add((block, OKG.excerpt, Literal(words)))
