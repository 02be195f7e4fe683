"""Minting one node of a document's graph from a table of its facts, the same way for every record type."""

from collections.abc import Mapping
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Identifier

from okg.graph.build.builders.provenance import derived_from
from okg.graph.build.builders.triples import TripleSink
from okg.graph.build.corpus import CorpusDocument
from okg.loaders.spans import SourceSpan

# A fact's value: an RDF term as it is, a Python value as a plain literal; None (or False) states nothing.
FactValue = Identifier | str | int | float | bool | date | None


def add_node(
    graph: TripleSink, subject: URIRef, kind: URIRef, label: str | None, facts: Mapping[URIRef, FactValue], document: CorpusDocument, span: SourceSpan
) -> URIRef:
    """State ``subject``: its class ``kind``, its ``label`` (none when None), each of ``facts`` (predicate -> value)
    that has a value, and the lines of ``document`` it was read from (``span``). Returns ``subject``."""
    graph.add((subject, RDF.type, kind))
    if label is not None:
        graph.add((subject, RDFS.label, Literal(label)))
    for predicate, value in facts.items():
        if value is None or value is False:
            continue
        graph.add((subject, predicate, value if isinstance(value, Identifier) else Literal(value)))
    derived_from(graph, subject, document, span)
    return subject
