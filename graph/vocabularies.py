"""Resolving the values printed in documents to the concepts of okg's SKOS schemes."""

import re

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from graph.namespaces import VOCAB


def _normal(label: str) -> str:
    return re.sub(r"\s+", " ", label.replace("’", "'").replace("“", '"').replace("”", '"')).strip().casefold()


class Vocabularies:
    """Label, variant and notation lookup over the concept schemes in an ontology graph."""

    def __init__(self, ontology: Graph) -> None:
        self._concepts: dict[tuple[URIRef, str], URIRef] = {}
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for concept, label in ontology.subject_objects(predicate):
                for scheme in ontology.objects(concept, SKOS.inScheme):
                    self._concepts[(URIRef(scheme), _normal(str(label)))] = URIRef(concept)

    def concept(self, scheme: str, label: str) -> URIRef | None:
        """The concept of scheme ``scheme`` (e.g. "acceptance") that ``label`` names, if any."""
        return self._concepts.get((VOCAB[scheme], _normal(label)))
