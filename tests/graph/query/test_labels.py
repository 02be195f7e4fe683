"""Answers in the analyst's language: `okg query --lang`, and named queries that stay one row per fact when a
vocabulary is labelled in several languages.

okg ships no French or Spanish labels (none was found in public material with its source), so the French
labels here are test data added to an in-memory copy of the bundled store, not official wordings.
"""

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from okg.errors import QueryError
from okg.graph.cli import main
from okg.graph.query import in_memory, run_query
from okg.graph.query.labels import in_language, translations
from okg.graph.query.library import find_query
from tests.conftest import named

SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
JIU_ACCEPTED = ox.NamedNode("https://w3id.org/okg/vocab/acceptance/accepted")
JIU_NOT_ACCEPTED = ox.NamedNode("https://w3id.org/okg/vocab/acceptance/not-accepted")
RESPONSE_ACCEPTED = ox.NamedNode("https://w3id.org/okg/vocab/response-acceptance/accepted")


@pytest.fixture
def labelled_in_french(built_corpus) -> ox.Store:
    """The bundled store in memory, two JIU acceptance statuses labelled in French as well (test data)."""
    store = in_memory(built_corpus.store)
    store.add(ox.Quad(JIU_ACCEPTED, SKOS_PREF_LABEL, ox.Literal("Acceptée (test)", language="fr")))
    store.add(ox.Quad(JIU_NOT_ACCEPTED, SKOS_PREF_LABEL, ox.Literal("Non acceptée (test)", language="fr")))
    return store


def _rows(results: ox.QuerySolutions) -> list[tuple[str, ...]]:
    names = [variable.value for variable in results.variables]
    return [tuple(row[name].value if row[name] is not None else "" for name in names) for row in results]


def test_a_concept_labelled_in_two_languages_is_still_one_row(labelled_in_french) -> None:
    rows = named(labelled_in_french, "recommendations-by-acceptance")
    assert [(r["acceptance"], r["recommendations"]) for r in rows] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]
    history = named(labelled_in_french, "recommendation-status-history", recommendation="JIU/REP/2020/7 recommendation 8")
    assert [r["acceptance"] for r in history] == ["Accepted"]


def test_lang_writes_the_labels_a_vocabulary_has_in_that_language(labelled_in_french) -> None:
    labels = translations(lambda text: run_query(labelled_in_french, text), "fr")
    assert labels == {"Accepted": ox.Literal("Acceptée (test)", language="fr"), "Not accepted": ox.Literal("Non acceptée (test)", language="fr")}
    results = run_query(labelled_in_french, find_query("recommendations-by-acceptance").text)
    translated = in_language(results, labels)
    assert _rows(translated) == [
        ("", "Acceptée (test)", "13"),
        ("", "Non acceptée (test)", "5"),
        ("", "Under consideration", "2"),
    ]  # no French label: English kept


def test_a_label_two_concepts_translate_differently_stays_in_english(labelled_in_french) -> None:
    # The management responses' "Accepted" (status-crosswalk.ttl) is a concept of its own.
    labelled_in_french.add(ox.Quad(RESPONSE_ACCEPTED, SKOS_PREF_LABEL, ox.Literal("Acceptée par la direction (test)", language="fr")))
    labels = translations(lambda text: run_query(labelled_in_french, text), "fr")
    assert "Accepted" not in labels and labels["Not accepted"].value == "Non acceptée (test)"


def test_lang_on_the_command_line(built_corpus) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["query", "recommendations-by-acceptance", "--lang", "es", "--format", "csv", "--store", str(built_corpus.store)])
    assert result.exit_code == 0, result.output
    # okg ships no Spanish labels: the answer is the English one, unchanged.
    assert result.output.splitlines()[1:] == [",Accepted,13", ",Not accepted,5", ",Under consideration,2"]


def test_a_language_tag_that_is_not_one_is_refused(built_corpus) -> None:
    with pytest.raises(QueryError, match="give a language tag such as fr"):
        translations(lambda text: run_query(built_corpus.store, text), 'fr") || true || ("')
    result = CliRunner().invoke(main, ["query", "recommendations-by-acceptance", "--lang", "f r", "--store", str(built_corpus.store)])
    assert result.exit_code == 2 and "--lang 'f r'" in result.output
