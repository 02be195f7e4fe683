"""A query's parameters written into its text as RDF terms, for a SPARQL server, which takes a query's text only.

okg's own store binds a parameter with Oxigraph's substitutions: the variable is the term wherever the query sees
it, in nested groups, UNION branches and the subqueries that project it (a subquery that does not project it has a
variable of its own by that name, left alone). The named queries use a parameter in each of these places. A VALUES
block would not do the same: one after the query, as rdflib's SPARQLStore sends bindings, is joined after the
FILTERs and BINDs that read the parameter, and one opening the WHERE clause is not seen inside nested groups.

So each use of the variable is replaced by the term, as Jena's ParameterizedSparqlString does, and the term is
written by Oxigraph (N-Triples, escaped): a value cannot become query syntax. Where a bare term is not SPARQL, it
is wrapped: in the query's projection ``(term AS ?name)``, keeping the column (``SELECT *`` gets a BIND opening the
WHERE clause); in a subquery's projection ``(term AS ?name__okg_bound)``, so that the subquery keeps its columns
without binding the name the query around it assigns; after GROUP BY or ORDER BY ``(term)``. A variable after AS
is assigned by the query, not a parameter, and is left as it is; a parameter used as a VALUES variable is refused.
A parameter inside ``BOUND()``, which takes a variable only, is refused too: Oxigraph answers it false for a bound
parameter, and no term written in its place would answer the same.

Written like the SPARQL grammar's tokens, the lexer reads ``<`` followed by IRI characters up to ``>`` as an IRI,
as ``uses_keyword`` does: write spaces around ``<`` and ``>`` used as comparisons of a parameter.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from okg.errors import QueryError
from okg.graph.query import NOT_SYNTAX, query_form

_TOKENS = re.compile(
    rf"(?P<skipped>{NOT_SYNTAX.pattern})"
    r"|(?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)"
    r"|(?<![\w:?$.\-])(?P<keyword>SELECT|WHERE|FROM|GROUP|ORDER|BY|HAVING|LIMIT|OFFSET|VALUES|AS)(?![\w:\-])"
    r"|(?P<bracket>[(){}*])",
    re.DOTALL | re.IGNORECASE,
)
_BOUND_OPENS = re.compile(r"(?<![\w:?$])BOUND\s*\(\s*\Z", re.IGNORECASE)
_BOUND_CLOSES = re.compile(r"\s*\)")
# What ends a projection (SELECT ... WHERE {) or a GROUP BY or ORDER BY list, outside parentheses.
_CLAUSE_ENDS = {"WHERE", "FROM", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "VALUES", "{", "}"}


@dataclass
class _Select:
    """A SELECT, the query's or a subquery's: the SELECT around it and what its projection lists."""

    outer: "_Select | None"
    projected: set[str] = field(default_factory=set)  # variables listed bare
    star: bool = False  # SELECT *
    body: int | None = None  # the depth of braces its WHERE clause opened at
    opening: int | None = None  # where its WHERE clause's text starts, right after the brace

    def sees(self, name: str) -> bool:
        """Whether ``name`` here is the query's variable: every subquery on the way projects it."""
        return self.outer is None or ((self.star or name in self.projected) and self.outer.sees(name))


@dataclass
class _Use:
    """A variable in the text: where, in which SELECT, and in what place."""

    start: int
    end: int
    name: str
    select: _Select | None
    place: str  # "projection", "modifiers" (GROUP BY, ORDER BY), "values", "assigned" (after AS), or "" (anywhere else)


def substituted(query: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with each variable named in ``terms`` replaced by its term, in the way the term fits its place."""
    if not terms:
        return query
    uses, outermost = _uses(query)
    written = {name: str(term) for name, term in terms.items()}
    edits: list[tuple[int, int, str]] = []
    for use in uses:
        if use.name not in written or use.place == "assigned" or (use.select is not None and not use.select.sees(use.name)):
            continue
        term = written[use.name]
        if use.place == "values":
            raise QueryError(f"the parameter ?{use.name} is a VALUES variable of the query: a server cannot be given it")
        opens, closes = _BOUND_OPENS.search(query, 0, use.start), _BOUND_CLOSES.match(query, use.end)
        if use.place == "" and opens and closes:
            raise QueryError(f"the parameter ?{use.name} is tested by BOUND() in the query: a server cannot be given it")
        if use.place == "projection" and use.select is not None:
            alias = use.name if use.select.outer is None else f"{use.name}__okg_bound"
            replacement = f"({term} AS ?{alias})"
        else:
            replacement = f"({term})" if use.place == "modifiers" else term
        if query[use.end : use.end + 1] == "-":  # a language tag would run on into it
            replacement += " "
        edits.append((use.start, use.end, replacement))
    if outermost is not None and outermost.star and outermost.opening is not None:
        used = {use.name for use in uses if use.select is None or use.select.sees(use.name)} & set(written)
        binds = "".join(f" BIND ({written[name]} AS ?{name})" for name in sorted(used))
        edits.append((outermost.opening, outermost.opening, binds))
    parts, done = [], 0
    for start, end, replacement in sorted(edits):
        parts.append(query[done:start] + replacement)
        done = end
    return "".join(parts) + query[done:]


def _uses(query: str) -> tuple[list[_Use], _Select | None]:
    """Every variable of ``query`` with its SELECT and its place, and the query's own SELECT (None for other forms)."""
    uses: list[_Use] = []
    braces = parentheses = 0
    clause: tuple[str, int] | None = None  # "projection", "modifiers" or "values", and the parentheses it opened at
    # The innermost SELECT whose projection or WHERE clause is being read; an ASK, CONSTRUCT or DESCRIBE query is one
    # that sees every variable and never closes, so that the subqueries inside it are subqueries.
    select: _Select | None = None if query_form(query) == "SELECT" else _Select(None, star=True, body=-1)
    outermost: _Select | None = None
    previous = ""  # the last keyword or bracket
    for token in _TOKENS.finditer(query):
        kind, text = token.lastgroup, token.group()
        if kind == "skipped":
            continue
        at_top = clause is not None and parentheses == clause[1]
        if kind == "variable":
            if previous == "AS":
                place = "assigned"
            elif clause is not None and (at_top or clause[0] == "values"):
                place = clause[0]
            else:
                place = ""
            if place == "projection" and select is not None:
                select.projected.add(text[1:])
            uses.append(_Use(token.start(), token.end(), text[1:], select, place))
            previous = ""
            continue
        word = text.upper()
        if word in _CLAUSE_ENDS and (at_top or clause is None or clause[0] == "values"):
            clause = None
        if word == "SELECT":
            select = _Select(select)
            outermost = outermost or (select if select.outer is None else None)
            clause = ("projection", parentheses)
        elif word == "*" and at_top and clause is not None and clause[0] == "projection" and select is not None:
            select.star = True
        elif word == "BY" and previous in ("GROUP", "ORDER"):
            clause = ("modifiers", parentheses)
        elif word == "VALUES":
            clause = ("values", parentheses)
        elif word == "(":
            parentheses += 1
        elif word == ")":
            parentheses -= 1
        elif word == "{":
            if select is not None and select.body is None and clause is None:
                select.body, select.opening = braces, token.end()
            braces += 1
        elif word == "}":
            braces -= 1
            if select is not None and select.body == braces:  # the end of its WHERE clause
                select = select.outer
        previous = word
    return uses, outermost
