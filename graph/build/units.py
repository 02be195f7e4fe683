"""Resolving unit names, as printed, against the unit registry (ontology/units.ttl)."""

import re

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from okg.graph.build.gazetteer import Gazetteer
from okg.graph.namespaces import OKG

_PARENTHESIS = re.compile(r"^(?P<name>.*?)\s*\((?P<short>[^()]+)\)\s*$")


class UnitRegistry:
    """Every unit of the registry by preferred name, variant, hidden short form and acronym."""

    def __init__(self, ontology: Graph) -> None:
        units = set(ontology.subjects(RDF.type, ORG.OrganizationalUnit))
        prose_names = [
            (str(label), URIRef(str(unit)))
            for unit in units
            for predicate in (SKOS.prefLabel, SKOS.altLabel)
            for label in ontology.objects(unit, predicate)
        ]
        acronyms = [(str(a), URIRef(str(unit))) for unit in units for a in ontology.objects(unit, OKG.acronym)]
        cell_names = [(str(label), URIRef(str(unit))) for unit in units for label in ontology.objects(unit, SKOS.hiddenLabel)]
        # Running text is matched on full names and acronyms only; cells also accept short forms ("COs").
        self.in_text = Gazetteer(prose_names, acronyms)
        self._in_cells = Gazetteer(prose_names + cell_names, acronyms)

    def resolve(self, name: str) -> list[URIRef] | None:
        """The unit(s) a responsible-unit entry names, or None when it names none.

        "Social Protection Department (SOCPRO)" is one unit; "DWTs and country
        offices (COs)" is two, split only because the whole names no unit.
        """
        whole = self._in_cells.lookup(name)
        if whole is not None:
            return [whole]
        parts = [part for part in re.split(r"\s+and\s+", name) if part]
        if len(parts) > 1:
            resolved = [self._resolve_one(part) for part in parts]
            if all(resolved):
                return [u for u in resolved if u is not None]
        unit = self._resolve_one(name)
        return [unit] if unit is not None else None

    def _resolve_one(self, name: str) -> URIRef | None:
        found = self._in_cells.lookup(name)
        if found is not None:
            return found
        parenthesis = _PARENTHESIS.match(name)
        if parenthesis is None:
            return None
        by_name = self._in_cells.lookup(parenthesis.group("name"))
        by_short = self._in_cells.lookup(parenthesis.group("short"))
        if by_name is not None and by_short is not None and by_name != by_short:
            return None  # the name and the acronym disagree: report it rather than pick one
        return by_name or by_short
