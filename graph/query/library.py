"""The named query library (queries/*.rq): each file's header says its question, parameters and columns.

Header lines, read by okg and by people alike:

    # Question: which action items were overdue on a date?
    # Parameter: as_of date - the date to judge on; default: ...
    # Parameter: unit literal "HRD" - the unit's acronym or any of its names
    # Columns: item, plan, ...

A parameter is ``name kind [default] - description``; kind is literal, iri or
date. Values are bound as RDF terms through the engine, never pasted into text (a server gets each written
in as its term, escaped: graph/query/substitution.py).
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from okg.errors import QueryError
from okg.graph.resources import query_files

_PARAMETER = re.compile(
    r"^(?P<name>\w+)\s+(?P<kind>literal|iri|date)(?:\s+(?P<default>\"[^\"]*\"|<[^>]*>|\d{4}-\d{2}-\d{2}))?\s*(?:-\s*(?P<description>.*))?$"
)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # literal, iri or date
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    parameters: tuple[Parameter, ...]
    columns: str
    text: str


def named_queries() -> list[NamedQuery]:
    """Every query of the library, by name."""
    return [_read(resource.name.removesuffix(".rq"), resource.read_text(encoding="utf-8")) for resource in query_files()]


def find_query(name: str) -> NamedQuery:
    """The named query ``name``; a clear error listing the names when there is none."""
    for query in named_queries():
        if query.name == name:
            return query
    names = [q.name for q in named_queries()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    if close:
        raise QueryError(f"no query file or named query {name!r}; did you mean {' or '.join(close)}? (okg queries lists them all)")
    raise QueryError(f"no query file or named query {name!r} (named queries: {', '.join(names)})")


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """RDF terms for the query's parameters: the values given, else the defaults."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (its parameters: {known})")
    terms = {}
    for parameter in query.parameters:
        value = given.get(parameter.name, _unquoted(parameter.default))
        if value is not None:
            terms[parameter.name] = term(parameter.kind, value, parameter.name)
    return terms


def term(kind: str, value: str, name: str) -> ox.NamedNode | ox.Literal:
    """``value`` as the RDF term a parameter of ``kind`` takes."""
    if kind == "iri":
        try:
            return ox.NamedNode(value.strip("<>"))
        except ValueError as error:
            raise QueryError(f"parameter {name}: {value!r} is not an IRI ({error})") from None
    if kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {name}: {value!r} is not a date (YYYY-MM-DD)") from None
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return ox.Literal(value)


def _unquoted(default: str | None) -> str | None:
    if default is None:
        return None
    return default.strip('"') if default.startswith('"') else default.strip("<>")


def _read(name: str, text: str) -> NamedQuery:
    question, columns, parameters = "", "", []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("Question:"):
            question, last = body.removeprefix("Question:").strip(), "question"
        elif body.startswith("Parameter:"):
            match = _PARAMETER.match(body.removeprefix("Parameter:").strip())
            if match is None:
                raise QueryError(f"{name}.rq: cannot read the parameter line {line!r}")
            parameters.append(Parameter(match["name"], match["kind"], match["default"], match["description"] or ""))
            last = None
        elif body.startswith("Columns:"):
            columns, last = body.removeprefix("Columns:").strip(), "columns"
        elif line.startswith("#   ") and last == "columns":
            columns = f"{columns} {body}"
        elif line.startswith("#   ") and last == "question":
            question = f"{question} {body}"
        else:
            last = None
    if not question:
        raise QueryError(f"{name}.rq: no '# Question:' header")
    return NamedQuery(name, question, tuple(parameters), columns, text)
