"""Answers in the analyst's language: a vocabulary's labels in French, Spanish… where the vocabulary has them.

The named queries answer with the English labels of the controlled vocabularies (statuses, units,
strategies), so that a concept labelled in several languages gives one row, not one per language.
`okg query --lang fr` then writes each English label that a concept also has in French in French,
leaving the others as they are. A label two concepts share but translate differently is left in
English: which concept a cell names is not known from its text alone.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from typing import cast

import pyoxigraph as ox

from okg.errors import QueryError
from okg.graph.query import Results

# The language tag is written into the text (checked first: letters, digits and hyphens only), so that a
# server, which takes no bindings, is asked the same.
_TRANSLATIONS = """SELECT DISTINCT ?label ?translated WHERE {{
  ?concept skos:prefLabel ?label, ?translated .
  FILTER (LANG(?label) IN ("", "en") && LANGMATCHES(LANG(?translated), "{language}"))
}}"""

Ask = Callable[[str], Results]  # runs a SELECT on the store or on a server


def translations(ask: Ask, language: str) -> dict[str, ox.Literal]:
    """Each English (or untagged) label of a concept, with the concept's label in ``language`` where it has one."""
    if not language or not all(part.isascii() and part.isalnum() for part in language.split("-")):
        raise QueryError(f"--lang {language!r}: give a language tag such as fr, es or fr-CH")
    found: dict[str, set[ox.Literal]] = defaultdict(set)
    for row in cast(ox.QuerySolutions, ask(_TRANSLATIONS.format(language=language))):  # the rows of a SELECT
        found[row["label"].value].add(row["translated"])
    return {label: next(iter(options)) for label, options in found.items() if len(options) == 1}


def in_language(results: Results, labels: dict[str, ox.Literal]) -> Results:
    """``results`` with every literal that is a translated label written in its translation.

    Other results (ASK, CONSTRUCT) and other literals pass unchanged.
    """
    if not isinstance(results, ox.QuerySolutions) or not labels:
        return results
    answer = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON) or b"")  # without an output, bytes (typed bytes | None)
    for row in answer["results"]["bindings"]:
        for value in row.values():
            english = value["type"] == "literal" and not value.get("datatype") and value.get("xml:lang", "en") == "en"
            translated = labels.get(value["value"]) if english else None
            if translated is not None:
                value.update(value=translated.value, **{"xml:lang": translated.language})
    return ox.parse_query_results(json.dumps(answer).encode(), format=ox.QueryResultsFormat.JSON)
