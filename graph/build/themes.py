"""Inferring themes from text: each theme's keywords (ontology/themes.ttl) matched as whole words."""

import re
from typing import cast

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from okg.graph.namespaces import OKG


class ThemeMatcher:
    """Finds which themes a text is about, and the words that say so."""

    def __init__(self, ontology: Graph) -> None:
        self._themes: list[tuple[URIRef, re.Pattern[str]]] = []
        # rdflib types a graph's terms as Node, which does not order; its terms are Identifiers, which do.
        for theme in sorted(cast("set[Identifier]", set(ontology.subjects(OKG.keyword, None)))):
            keywords = sorted((str(k) for k in ontology.objects(theme, OKG.keyword)), key=len, reverse=True)
            # Acronyms (SEA, RBM) must match exactly; other phrases ignore case.
            alternatives = [re.escape(k) if k.isupper() else f"(?i:{re.escape(k)})" for k in keywords]
            self._themes.append((URIRef(str(theme)), re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])")))
        self.outcomes = {t: [URIRef(str(o)) for o in ontology.objects(t, OKG.suggestsOutcome)] for t, _ in self._themes}

    def match(self, text: str) -> list[tuple[URIRef, tuple[str, ...]]]:
        """Each theme the text is about, with the distinct words that matched (as written, first-seen order)."""
        found = []
        for theme, pattern in self._themes:
            words = tuple(dict.fromkeys(m.group(0) for m in pattern.finditer(text)))
            if words:
                found.append((theme, words))
        return found
