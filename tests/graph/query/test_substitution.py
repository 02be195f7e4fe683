"""A query's parameters written into its text (graph/query/substitution.py), as a SPARQL server gets them: the text
answers as Oxigraph answers the query with the parameters bound."""

import pyoxigraph as ox
import pytest

from okg.graph.query import in_memory, run_query
from okg.graph.query.library import bindings, find_query, named_queries
from okg.graph.query.substitution import substituted

# A value for each parameter of the library, as the named queries' tests give them (with a date for as_of).
GIVEN = {
    "as_of": "2022-07-15",
    "unit": "Human Resources and Development Department",
    "symbol": "GB.346/PFA/3",
    "theme": "Social protection",
    "status": "In progress",
    "node": "https://w3id.org/okg/id/document/GB.340/INS/6/paragraph/9",
    "recommendation": "JIU/REP/2021/3 recommendation 1",
    "document": "GB.340/INS/6",
}


@pytest.fixture(scope="module")
def database(built_corpus) -> ox.Store:
    return in_memory(built_corpus.store)


def _rows(results: object) -> list[tuple[str, ...]]:
    assert isinstance(results, ox.QuerySolutions)
    names = [variable.value for variable in results.variables]
    return [tuple(str(row[name]) if row[name] is not None else "" for name in names) for row in results]


@pytest.mark.parametrize("name", [query.name for query in named_queries() if query.parameters])
@pytest.mark.parametrize("values", ["defaults", "given"])
def test_every_named_query_written_out_answers_as_when_bound(database: ox.Store, name: str, values: str) -> None:
    query = find_query(name)
    terms = bindings(query, {p.name: GIVEN[p.name] for p in query.parameters} if values == "given" else {})
    bound = _rows(run_query(database, query.text, terms))
    written = _rows(run_query(database, substituted(query.text, terms)))
    assert written == bound
    if terms:
        assert len(bound) > 0 or name == "status-transitions", name  # a value that selects rows, so the test can fail


def test_a_term_takes_the_form_its_place_needs() -> None:
    query = "SELECT ?x ?y (COUNT(?z) AS ?n) WHERE { ?s ?p ?x . FILTER (STR(?x) != '') } GROUP BY ?x ?y ORDER BY DESC(?n) ?x"
    assert substituted(query, {"x": ox.Literal("a")}) == (
        'SELECT ("a" AS ?x) ?y (COUNT(?z) AS ?n) WHERE { ?s ?p "a" . FILTER (STR("a") != \'\') } GROUP BY ("a") ?y ORDER BY DESC(?n) ("a")'
    )


def test_a_subquery_and_nested_groups_get_the_term_too() -> None:
    # the subquery projects the term as ?u, so the query around it projects its ?u (SPARQL forbids assigning it again)
    query = "SELECT ?u ?w WHERE { { SELECT DISTINCT ?u ?s WHERE { ?s ?p ?u } } UNION { FILTER (?u != ?w) } } ORDER BY ?u"
    assert substituted(query, {"u": ox.NamedNode("http://example.org/u"), "w": ox.Literal("w")}) == (
        'SELECT ?u ("w" AS ?w) WHERE { { SELECT DISTINCT (<http://example.org/u> AS ?u) ?s WHERE { ?s ?p <http://example.org/u> } } '
        'UNION { FILTER (<http://example.org/u> != "w") } } ORDER BY (<http://example.org/u>)'
    )


def test_strings_iris_comments_and_assignments_are_left_alone() -> None:
    query = 'SELECT * WHERE { ?s <http://e.org/?x> "?x" , """?x""" , \'?x\' . BIND (1 AS ?x) # ?x\n FILTER ($x) }'
    assert substituted(query, {"x": ox.Literal("1")}) == (
        'SELECT * WHERE { ?s <http://e.org/?x> "?x" , """?x""" , \'?x\' . BIND (1 AS ?x) # ?x\n FILTER ("1") }'
    )


def test_a_value_cannot_become_query_syntax(database: ox.Store) -> None:
    hostile = 'HRD" ) } DROP ALL ; SELECT * WHERE { ?s ?p ?o # \\'
    text = substituted(find_query("unit-everything").text, {"unit": ox.Literal(hostile)})
    assert 'LCASE(STR("HRD\\" ) } DROP ALL ; SELECT * WHERE { ?s ?p ?o # \\\\"))' in text
    assert _rows(run_query(database, text)) == []  # one literal that names no unit
