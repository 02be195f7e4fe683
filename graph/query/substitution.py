"""A query's parameters written into its text as RDF terms, for a SPARQL server, which takes a query's text only.

okg's own store binds a parameter with Oxigraph's substitutions: the variable is the term wherever it stands, in
nested groups, UNION branches and subqueries alike (the named queries test a parameter in each). A VALUES block
would not do the same: one after the query, as rdflib's SPARQLStore sends bindings, is joined after the FILTERs and
BINDs that read the parameter, and one opening the WHERE clause is not seen inside nested groups or subqueries.
So each use of the variable is replaced by the term, as Jena's ParameterizedSparqlString does, and the term is
written by Oxigraph (N-Triples, escaped): a value cannot become query syntax. Where a bare term is not SPARQL, the
term is wrapped: in a projection ``(term AS ?name)``, keeping the column; after GROUP BY or ORDER BY ``(term)``.
A variable after AS is assigned by the query, not a parameter, and is left as it is.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from okg.graph.query import NOT_SYNTAX

_TOKENS = re.compile(
    rf"(?P<skipped>{NOT_SYNTAX.pattern})"
    r"|(?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)"
    r"|(?<![\w:?$.\-])(?P<keyword>SELECT|WHERE|FROM|GROUP|ORDER|BY|HAVING|LIMIT|OFFSET|VALUES|AS)(?![\w:\-])"
    r"|(?P<bracket>[(){}])",
    re.DOTALL | re.IGNORECASE,
)
# Keywords that end a projection (SELECT ... WHERE {) or a GROUP BY or ORDER BY list.
_CLAUSE_ENDS = {"WHERE", "FROM", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "VALUES", "{", "}"}


@dataclass
class _Select:
    """A SELECT (the query's or a subquery's): the SELECT around it, the parameters it projects and those the
    subqueries inside it project."""

    outer: "_Select | None"
    projected: set[str] = field(default_factory=set)
    inner: set[str] = field(default_factory=set)
    body: int | None = None  # the depth of braces its WHERE clause opened at


def substituted(query: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with each variable named in ``terms`` replaced by its term, in the way the term fits its place.

    A projection keeps the variable bare where a subquery inside it projects the term under that name: the
    variable is then the subquery's, and SPARQL forbids assigning it again.
    """
    if not terms:
        return query
    written = {name: str(term) for name, term in terms.items()}
    edits: list[tuple[int, int, str, str, _Select | None]] = []  # start, end, replacement, name, SELECT projecting it
    braces = parentheses = 0
    clause: tuple[str, int] | None = None  # "projection" or "modifiers", and the parentheses it opened at
    select: _Select | None = None  # the innermost SELECT whose projection or WHERE clause is being read
    previous = ""  # the last keyword or bracket
    for token in _TOKENS.finditer(query):
        kind, text = token.lastgroup, token.group()
        if kind == "skipped":
            continue
        if kind == "variable":
            name = text[1:]
            if name in written and previous != "AS":
                term, place = written[name], clause[0] if clause is not None and parentheses == clause[1] else ""
                if place == "projection" and select is not None:
                    select.projected.add(name)
                    edits.append((token.start(), token.end(), f"({term} AS {text})", name, select))
                else:
                    edits.append((token.start(), token.end(), f"({term})" if place == "modifiers" else term, name, None))
            previous = ""
            continue
        word = text.upper()
        if word in _CLAUSE_ENDS:
            clause = None
        if word == "SELECT":
            clause, select = ("projection", parentheses), _Select(select)
        elif word == "BY" and previous in ("GROUP", "ORDER"):
            clause = ("modifiers", parentheses)
        elif word == "(":
            parentheses += 1
        elif word == ")":
            parentheses -= 1
        elif word == "{":
            if select is not None and select.body is None:
                select.body = braces
            braces += 1
        elif word == "}":
            braces -= 1
            if select is not None and select.body == braces:  # the end of its WHERE clause
                if select.outer is not None:
                    select.outer.inner |= select.projected | select.inner
                select = select.outer
        previous = word
    parts, done = [], 0
    for start, end, replacement, name, projecting in edits:
        if projecting is not None and name in projecting.inner:
            continue  # a subquery's projection already gives the variable its term
        parts.append(query[done:start] + replacement)
        done = end
    return "".join(parts) + query[done:]
