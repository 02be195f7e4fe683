"""Everything the builders resolve names against, loaded once from the ontology."""

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from okg.graph.build.gazetteer import Gazetteer
from okg.graph.build.themes import ThemeMatcher
from okg.graph.build.units import UnitRegistry
from okg.graph.build.vocabularies import Vocabularies
from okg.graph.namespaces import OKG


@dataclass(frozen=True)
class Resolver:
    """Controlled vocabularies, units, strategies and plans, P&B results, and themes."""

    vocabularies: Vocabularies
    units: UnitRegistry
    strategies: Gazetteer
    outcomes: Gazetteer
    themes: ThemeMatcher

    @classmethod
    def from_ontology(cls, ontology: Graph) -> "Resolver":
        strategy_nodes = set(ontology.subjects(RDF.type, OKG.Strategy)) | set(ontology.subjects(RDF.type, OKG.Plan))
        strategy_nodes |= set(ontology.subjects(RDF.type, OKG.ProgrammeAndBudget))
        strategy_names = [
            (str(label), URIRef(str(node)))
            for node in strategy_nodes
            for predicate in (SKOS.prefLabel, SKOS.altLabel)
            for label in ontology.objects(node, predicate)
        ]
        results = set(ontology.subjects(RDF.type, OKG.ProgrammeOutcome)) | set(ontology.subjects(RDF.type, OKG.ProgrammeOutput))
        notations = [(str(n), URIRef(str(node))) for node in results for n in ontology.objects(node, SKOS.notation)]
        return cls(
            vocabularies=Vocabularies(ontology),
            units=UnitRegistry(ontology),
            strategies=Gazetteer(strategy_names),
            outcomes=Gazetteer(notations),
            themes=ThemeMatcher(ontology),
        )
