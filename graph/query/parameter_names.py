"""Whether a value given to a query parameter names anything in the graph, and the closest names when it does not.

A misspelt unit or symbol is not an error to SPARQL: the query answers no rows.
Before running a named query, okg looks the values up among the graph's names
(labels, acronyms, identifiers, titles) so that the analyst hears of the typo.
"""

import difflib
from typing import cast

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDFS, SKOS

from okg.graph.namespaces import OKG
from okg.graph.store.backends import Backend

# The properties whose values name a node, as the named queries look nodes up.
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, OKG.acronym, DCTERMS.identifier, DCTERMS.title)
_NAMES = " ".join(f"<{iri}>" for iri in NAME_PROPERTIES)
_NAMED = (
    f"SELECT ?value WHERE {{ VALUES ?name_property {{ {_NAMES} }} ?node ?name_property ?name "
    "FILTER (LCASE(STR(?name)) = LCASE(STR(?value))) } LIMIT 1"
)
_USED = "SELECT ?value WHERE { { ?value ?p ?o } UNION { ?s ?p ?value } } LIMIT 1"
_ALL_NAMES = f"SELECT DISTINCT ?name WHERE {{ VALUES ?name_property {{ {_NAMES} }} ?node ?name_property ?name }}"


def unnamed_values(store: Backend, given: dict[str, ox.NamedNode | ox.Literal], shown: int = 5) -> list[str]:
    """A warning for each value of ``given`` (parameter name to term) that names no node of ``store``.

    A literal must be one of a node's names (any case); an IRI must occur in the
    graph. Each warning offers up to ``shown`` of the graph's closest names.
    Empty literals (meaning "any") are not looked up. The lookups are queries
    answered where the graph lives, a server included.
    """
    warnings = []
    for parameter, value in given.items():
        if isinstance(value, ox.Literal) and value.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"):
            if not value.value or _found(store, _NAMED, value):
                continue
            close = closest_names(value.value, _names(store), shown)
            offered = f"closest names: {', '.join(close)}" if close else "no name is close"
            warnings.append(f"--param {parameter}={value.value!r} names nothing in the graph ({offered})")
        elif isinstance(value, ox.NamedNode) and not _found(store, _USED, value):
            warnings.append(f"--param {parameter}=<{value.value}> is no node of the graph")
    return warnings


def closest_names(value: str, names: list[str], shown: int = 5) -> list[str]:
    """The names most like ``value``: those that contain it first (shortest first), then the closest spellings."""
    wanted = value.casefold()
    by_key: dict[str, str] = {}
    for name in sorted(names):
        by_key.setdefault(name.casefold(), name)
    containing = sorted((key for key in by_key if wanted in key), key=lambda key: (len(key), key))
    spelt = difflib.get_close_matches(wanted, list(by_key), n=shown, cutoff=0.6)
    return [by_key[key] for key in dict.fromkeys(containing[:shown] + spelt)][:shown]


def _found(store: Backend, query: str, value: ox.NamedNode | ox.Literal) -> bool:
    return any(True for _ in cast(ox.QuerySolutions, store.query(query, {"value": value})))  # a SELECT


def _names(store: Backend) -> list[str]:
    return [solution["name"].value for solution in cast(ox.QuerySolutions, store.query(_ALL_NAMES))]  # a SELECT
