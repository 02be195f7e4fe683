"""Minting IRIs: the one place that decides what every node is called.

IRIs are readable and stable: they are made from document symbols, numbers and
corpus ids, never from counters, so a rebuild gives the same IRIs.
"""

from urllib.parse import quote

from rdflib import URIRef

from graph.namespaces import ID
from loaders.spans import SourceSpan

ONTOLOGY_GRAPH = URIRef(f"{ID}graph/ontology")


def _segment(text: str) -> str:
    # Symbols keep their slashes and dots (JIU/REP/2020/8 stays readable); the rest is escaped.
    return quote(text, safe="/.-_")


def document(symbol: str) -> URIRef:
    """A document known by its symbol (GB.346/PFA/3, JIU/REP/2020/8)."""
    return URIRef(f"{ID}document/{_segment(symbol)}")


def corpus_document(corpus_id: str, symbol: str | None) -> URIRef:
    """A corpus document: by its own symbol when it has one, else by its corpus id."""
    return document(symbol) if symbol else URIRef(f"{ID}document/{_segment(corpus_id)}")


def named_graph(corpus_id: str) -> URIRef:
    """The named graph holding what was extracted from one corpus document."""
    return URIRef(f"{ID}graph/{_segment(corpus_id)}")


def recommendation(report_symbol: str, number: int) -> URIRef:
    """Recommendation ``number`` of the report ``report_symbol``."""
    return URIRef(f"{document(report_symbol)}/recommendation/{number}")


def status_assessment(recommendation_iri: URIRef, corpus_id: str) -> URIRef:
    """The status of a recommendation as one corpus document reports it."""
    return URIRef(f"{recommendation_iri}/status/{_segment(corpus_id)}")


def source_span(corpus_id: str, span: SourceSpan) -> URIRef:
    """Lines ``span.first``..``span.last`` of a corpus document."""
    return URIRef(f"{ID}source/{_segment(corpus_id)}/lines/{span.first}-{span.last}")


def cross_reference(owner: URIRef, position: int) -> URIRef:
    """The ``position``-th cross-reference made in the text of ``owner``."""
    return URIRef(f"{owner}/cross-reference/{position}")
