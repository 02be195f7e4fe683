"""Resolving the values printed in documents to the concepts of okg's SKOS schemes."""

import re

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from okg.graph.namespaces import VOCAB


def _normal(label: str) -> str:
    return re.sub(r"\s+", " ", label.replace("’", "'").replace("“", '"').replace("”", '"')).strip().casefold()


# The crosswalk's mapping properties (ontology/status-crosswalk.ttl), closest first.
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch, SKOS.relatedMatch)


class Vocabularies:
    """Label, variant and notation lookup over the concept schemes in an ontology graph."""

    def __init__(self, ontology: Graph) -> None:
        self._concepts: dict[tuple[URIRef, str], URIRef] = {}
        # A wording another scheme has for a status of this scheme ("Completed" for "Implemented").
        self._crosswalk: dict[tuple[URIRef, str], tuple[int, str, URIRef]] = {}
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation):
            for concept, label in ontology.subject_objects(predicate):
                for scheme in ontology.objects(concept, SKOS.inScheme):
                    self._concepts[(URIRef(str(scheme)), _normal(str(label)))] = URIRef(str(concept))
                for closeness, match in enumerate(_MATCHES):
                    for target in ontology.objects(concept, match):
                        for scheme in ontology.objects(target, SKOS.inScheme):
                            key, found = (URIRef(str(scheme)), _normal(str(label))), (closeness, str(concept), URIRef(str(concept)))
                            self._crosswalk[key] = min(self._crosswalk.get(key, found), found)

    def concept(self, scheme: str, label: str) -> URIRef | None:
        """The concept that ``label`` names in scheme ``scheme`` (e.g. "acceptance"), if any.

        A wording the scheme does not know may be another scheme's, mapped to it by
        the crosswalk: then that concept, the closest match first (the document's own
        status is kept; queries follow the mapping).
        """
        key = (VOCAB[scheme], _normal(label))
        found = self._concepts.get(key)
        if found is None and key in self._crosswalk:
            found = self._crosswalk[key][2]
        return found
