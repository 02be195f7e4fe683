"""Stated links found in running text (units, strategies, standards, P&B results) and inferred themes."""

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from okg.graph.build import iris
from okg.graph.build.builders.provenance import derived_from
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders.spans import SourceSpan
from okg.loaders.text import LabourStandardMention


def add_mentions(graphs: DocumentGraphs, node: URIRef, text: str, resolver: Resolver) -> None:
    """Link ``node`` to the units, strategies and plans its text names."""
    for unit, _ in resolver.units.in_text.find(text):
        graphs.stated.add((node, OKG.mentions, unit))
    for strategy, _ in resolver.strategies.find(text):
        graphs.stated.add((node, OKG.mentions, strategy))


def add_outcomes(graphs: DocumentGraphs, node: URIRef, references: tuple[str, ...], resolver: Resolver) -> None:
    """Stated links to the P&B outcomes and outputs named ("Enabling outcome C", "Output 3.3")."""
    for reference in references:
        outcome = resolver.outcomes.lookup(reference)
        if outcome is not None:
            graphs.stated.add((node, OKG.relevantOutcome, outcome))


def add_standards(
    graphs: DocumentGraphs,
    node: URIRef,
    standards: tuple[LabourStandardMention, ...],
    document: CorpusDocument,
    span: SourceSpan,
) -> None:
    """International labour standards named in the text: typed as such, never as recommendations."""
    for standard in standards:
        instrument = iris.labour_standard(standard.kind, standard.number)
        graphs.stated.add((instrument, RDF.type, OKG.InternationalLabourStandard))
        graphs.stated.add((instrument, RDFS.label, Literal(f"{standard.title}, {standard.year} (No. {standard.number})")))
        graphs.stated.add((instrument, OKG.instrumentType, Literal(standard.kind)))
        graphs.stated.add((instrument, OKG.standardNumber, Literal(standard.number)))
        graphs.stated.add((instrument, OKG.adoptionYear, Literal(str(standard.year), datatype=XSD.gYear)))
        graphs.stated.add((node, OKG.mentions, instrument))
        derived_from(graphs.stated, instrument, document, span)


def add_themes(graphs: DocumentGraphs, node: URIRef, text: str, resolver: Resolver) -> None:
    """Inferred theme links, each with the words that suggested it, in the document's inferred graph,
    and the P&B results those themes suggest (inferred too, never mixed with stated links)."""
    for theme, words in resolver.themes.match(text):
        link = iris.theme_link(node, theme)
        graphs.inferred.add((link, RDF.type, OKG.ThemeLink))
        graphs.inferred.add((link, OKG.about, node))
        graphs.inferred.add((link, OKG.theme, theme))
        graphs.inferred.add((link, OKG.evidence, Literal(", ".join(words))))
        graphs.inferred.add((node, OKG.inferredTheme, theme))
        for outcome in resolver.themes.outcomes[theme]:
            graphs.inferred.add((node, OKG.inferredOutcome, outcome))
