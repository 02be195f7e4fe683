"""A query's parameters written into its text (graph/query/substitution.py), as a SPARQL server gets them: the text
answers as Oxigraph answers the query with the parameters bound."""

import pyoxigraph as ox
import pytest

from okg.errors import QueryError
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
    # a subquery projecting ?u sees the query's ?u: it keeps a column of the term under a name of its own, so the
    # query's projection may still assign ?u (SPARQL forbids assigning a variable the WHERE clause binds)
    query = "SELECT ?u ?w WHERE { { SELECT DISTINCT ?u ?s WHERE { ?s ?p ?u } } UNION { FILTER (?u != ?w) } } ORDER BY ?u"
    assert substituted(query, {"u": ox.NamedNode("http://example.org/u"), "w": ox.Literal("w")}) == (
        'SELECT (<http://example.org/u> AS ?u) ("w" AS ?w) WHERE { { SELECT DISTINCT (<http://example.org/u> AS ?u__okg_bound) ?s '
        'WHERE { ?s ?p <http://example.org/u> } } UNION { FILTER (<http://example.org/u> != "w") } } ORDER BY (<http://example.org/u>)'
    )


def test_strings_iris_comments_and_assignments_are_left_alone() -> None:
    query = 'SELECT ?s WHERE { ?s <http://e.org/?x> "?x" , """?x""" , \'?x\' . BIND (1 AS ?x) # ?x\n FILTER ($x) }'
    assert substituted(query, {"x": ox.Literal("1")}) == (
        'SELECT ?s WHERE { ?s <http://e.org/?x> "?x" , """?x""" , \'?x\' . BIND (1 AS ?x) # ?x\n FILTER ("1") }'
    )


TINY = """
<http://e.org/a> <http://e.org/p> <http://e.org/b> .
<http://e.org/b> <http://e.org/p> <http://e.org/c> .
<http://e.org/b> <http://e.org/q> "x"@en .
<http://e.org/c> <http://e.org/q> "y" .
<http://e.org/c> <http://e.org/p> <http://e.org/a> .
"""


B = ox.NamedNode("http://e.org/b")


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        # a subquery projecting the parameter, in one branch of a UNION: the column is bound on every row
        ("SELECT ?x ?o WHERE { { SELECT ?x WHERE { ?x ?p ?o } } UNION { ?s ?p ?o } }", {"x": B}),
        # a subquery not projecting it has a variable of its own by that name
        ("SELECT ?x ?c WHERE { { SELECT (COUNT(*) AS ?c) WHERE { ?x ?p ?o } } }", {"x": B}),
        ("SELECT * WHERE { ?x ?p ?o }", {"x": B}),
        ("SELECT (EXISTS { ?x ?p ?o } AS ?b) ?x WHERE { ?s ?p ?o } ORDER BY ?s ?o", {"x": B}),
        # a language tag is not run on into what follows it ("en"@en-1 is a literal; "en"@en -1, a subtraction)
        ("SELECT ?lang ?z WHERE { BIND (?lang-1 AS ?z) }", {"lang": ox.Literal("en", language="en")}),
        ("ASK { ?x ?p ?o }", {"x": B}),
        ("SELECT ?x ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o FILTER (?s != ?x) } GROUP BY ?s ?x HAVING (COUNT(?o) > 0) ORDER BY ?s", {"x": B}),
        ("SELECT ?x ?s WHERE { ?s ?p ?o . { SELECT ?s ?x WHERE { ?s ?p ?x } } } ORDER BY ?s", {"x": B}),
        # a subquery with a ?x of its own may test it
        ("SELECT ?x ?s ?n WHERE { ?s ?p ?o { SELECT (COUNT(*) AS ?n) WHERE { ?s ?q ?o FILTER (!BOUND(?x)) } } }", {"x": B}),
    ],
)
def test_the_written_query_answers_as_the_bound_one(query: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> None:
    database = ox.Store()
    database.load(TINY.encode(), format=ox.RdfFormat.N_TRIPLES)

    def answer(results: object) -> object:
        return bool(results) if isinstance(results, ox.QueryBoolean) else sorted(_rows(results))

    assert answer(run_query(database, substituted(query, terms))) == answer(run_query(database, query, terms))


def test_a_parameter_given_as_a_values_variable_is_refused() -> None:
    with pytest.raises(QueryError, match=r"the parameter \?x is a VALUES variable of the query"):
        substituted("SELECT ?x ?y WHERE { VALUES (?y ?x) { (1 2) } }", {"x": ox.Literal("a")})


def test_a_parameter_tested_by_bound_is_refused() -> None:
    with pytest.raises(QueryError, match=r"the parameter \?x is tested by BOUND\(\) in the query"):
        substituted("SELECT ?x ?s WHERE { ?s ?p ?o FILTER (!bound( ?x ) || ?s = ?x) }", {"x": ox.Literal("a")})


def test_a_value_cannot_become_query_syntax(database: ox.Store) -> None:
    hostile = 'HRD" ) } DROP ALL ; SELECT * WHERE { ?s ?p ?o # \\'
    text = substituted(find_query("unit-everything").text, {"unit": ox.Literal(hostile)})
    assert 'LCASE(STR("HRD\\" ) } DROP ALL ; SELECT * WHERE { ?s ?p ?o # \\\\"))' in text
    assert _rows(run_query(database, text)) == []  # one literal that names no unit
