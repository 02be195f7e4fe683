"""The document families okg reads, each registered once: its loader, its builder, its profile, its documents' class.

Adding a family is one entry in :data:`FAMILIES`, with its loader in ``loaders/`` (a module
naming its ``FAMILY`` and reading the document model: ``read(document)``), its builder in
``graph/build/builders/`` (``build(graphs, document, records, resolver)``) and its words in
``loaders/profiles/<family>.toml``. The build, family detection, the command line and
the tests read this list; the page draws a source document in the category of its class.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF

from okg.graph.build import builders, iris
from okg.graph.build.builders import Builder
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver
from okg.graph.namespaces import OKG
from okg.loaders import evaluation_recommendations, governing_body_report, jiu_follow_up, management_response
from okg.loaders.readers.model import Document
from okg.loaders.readers.text import read_text

FamilyLoader = Callable[[Document], Any]


@dataclass(frozen=True)
class Family:
    """One document family: how its documents are read and turned into triples."""

    name: str  # as the manifest names it; its words are in loaders/profiles/<name>.toml
    read: FamilyLoader  # the document model -> records (no RDF)
    builder: Builder  # records -> triples
    document_class: URIRef  # the class of its source documents (their category in the page)

    @classmethod
    def of(cls, loader: ModuleType, builder: Builder, document_class: URIRef) -> "Family":
        """The family whose loader module is ``loader`` (its ``FAMILY`` names it and its profile)."""
        return cls(loader.FAMILY, loader.read, builder, document_class)

    def parse(self, text: str, source: str) -> Any:
        """The records of a plain text of this family; ``source`` names it in messages and spans."""
        return self.read(read_text(text, source))

    def build(self, graphs: DocumentGraphs, document: CorpusDocument, records: Any, resolver: Resolver) -> None:
        """Add one document's triples: the builder's, and the class of the family's documents."""
        self.builder(graphs, document, records, resolver)
        graphs.stated.add((iris.corpus_document(document.id, document.symbol), RDF.type, self.document_class))


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family.of(jiu_follow_up, builders.jiu_follow_up.build, OKG.GoverningBodyDocument),
        Family.of(evaluation_recommendations, builders.evaluation_recommendations.build, OKG.EvaluationReport),
        Family.of(management_response, builders.management_response.build, OKG.ManagementResponse),
        Family.of(governing_body_report, builders.governing_body_report.build, OKG.GoverningBodyDocument),
    )
}


def loaders() -> dict[str, FamilyLoader]:
    """Each family's loader, by name (what family detection tries)."""
    return {name: family.read for name, family in FAMILIES.items()}
