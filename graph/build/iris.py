"""Minting IRIs: the one place that decides what every node is called.

IRIs are readable and stable: they are made from document symbols, numbers and
corpus ids, never from counters, so a rebuild gives the same IRIs.
"""

import re
from urllib.parse import quote

from rdflib import URIRef

from okg.graph.namespaces import ID
from okg.loaders.spans import SourceSpan

ONTOLOGY_GRAPH = URIRef(f"{ID}graph/ontology")
# What several documents say alike about the documents they cite and the standards they name.
SHARED_GRAPH = URIRef(f"{ID}graph/cited")
# The order of every recommendation's status assessments over all documents, derived by okg.
STATUS_HISTORY_GRAPH = URIRef(f"{ID}graph/status-history")


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


def recommendation(report: URIRef, number: int) -> URIRef:
    """Recommendation ``number`` of the report ``report``."""
    return URIRef(f"{report}/recommendation/{number}")


def status_assessment(recommendation_iri: URIRef, corpus_id: str) -> URIRef:
    """The status of a recommendation as one corpus document reports it."""
    return URIRef(f"{recommendation_iri}/status/{_segment(corpus_id)}")


def source_span(corpus_id: str, span: SourceSpan) -> URIRef:
    """Lines ``span.first``..``span.last`` of a corpus document."""
    return URIRef(f"{ID}source/{_segment(corpus_id)}/lines/{span.first}-{span.last}")


def cross_reference(owner: URIRef, position: int) -> URIRef:
    """The ``position``-th cross-reference made in the text of ``owner``."""
    return URIRef(f"{owner}/cross-reference/{position}")


def inferred_graph(corpus_id: str) -> URIRef:
    """The named graph holding what okg inferred (themes) from one corpus document."""
    return URIRef(f"{named_graph(corpus_id)}/inferred")


def labour_standard(kind: str, number: int) -> URIRef:
    """An ILO Convention (C190) or Recommendation (R202)."""
    return URIRef(f"{ID}standard/{kind[0].upper()}{number}")


def theme_link(item: URIRef, theme: URIRef) -> URIRef:
    """The inferred link from ``item`` to ``theme``."""
    return URIRef(f"{item}/theme/{theme.rsplit('/', 1)[-1]}")


def part(owner: URIRef, kind: str, key: str | int) -> URIRef:
    """A numbered part of a document or plan: its paragraph 36, footnote 2, action item 5, focus area 1.1."""
    return URIRef(f"{owner}/{kind}/{_segment(str(key))}")


def titled_document(title: str) -> URIRef:
    """A document with no symbol, known by its title (the MOPAN assessment)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return URIRef(f"{ID}document/{slug}")
