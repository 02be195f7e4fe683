"""Writing a query's answer: its results as a readable table, CSV, TSV, SPARQL results JSON or XML (the sinks of kind
``results``), and the graph a CONSTRUCT or DESCRIBE gives as Turtle, N-Triples, RDF/XML or JSON-LD (kind ``triples``).

Each sink that a client may ask for over HTTP names its media types (:func:`~okg.graph.sinks.answers`); the endpoint
negotiates among them (graph/query/serve.py), and `okg query` chooses by name.
"""

from collections.abc import Iterable
from typing import IO

import pyoxigraph as ox
from rich.table import Table
from rich.text import Text

from okg.graph.namespaces import EXPORT_PREFIXES, compact
from okg.graph.query import Results
from okg.graph.sinks import answers, sink, text_console


def _standard(results: Results, out: IO[bytes], form: ox.QueryResultsFormat) -> None:
    if isinstance(results, ox.QueryTriples):  # a query's graph is a graph whatever the results format: Turtle
        sink("triples", "turtle").write(results, out)
    else:
        results.serialize(out, format=form)  # streamed: a writer counting what it is given may stop it early


@answers("application/sparql-results+json", "application/json")
def write_json(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results JSON."""
    _standard(results, out, ox.QueryResultsFormat.JSON)


@answers("application/sparql-results+xml", "application/xml", "text/xml")
def write_xml(results: Results, out: IO[bytes]) -> None:
    """SPARQL Query Results XML."""
    _standard(results, out, ox.QueryResultsFormat.XML)


@answers("text/csv")
def write_csv(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results CSV."""
    _standard(results, out, ox.QueryResultsFormat.CSV)


@answers("text/tab-separated-values")
def write_tsv(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results TSV."""
    _standard(results, out, ox.QueryResultsFormat.TSV)


def write_table(results: Results, out: IO[bytes]) -> None:
    """A table for reading, each term as a person reads it, and the number of rows."""
    if isinstance(results, ox.QueryTriples):
        sink("triples", "turtle").write(results, out)
        return
    with text_console(out) as console:
        if isinstance(results, ox.QueryBoolean):
            console.print("true" if bool(results) else "false")
            return
        names = [variable.value for variable in results.variables]
        table = Table(*names, show_lines=False)
        count = 0
        for solution in results:
            table.add_row(*(Text(readable(solution[name])) for name in names))
            count += 1
        console.print(table)
        console.print(f"{count} row{'s' if count != 1 else ''}")


def readable(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A term as a person reads it: a literal's value, a prefixed IRI, or empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


Triples = Iterable[ox.Triple]  # a CONSTRUCT or DESCRIBE query's graph (Oxigraph's QueryTriples, or triples read back)


def _triples(triples: Triples, out: IO[bytes], form: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
    ox.serialize(triples, out, format=form, prefixes=prefixes)


@answers("text/turtle", "application/x-turtle")
def write_triples_turtle(triples: Triples, out: IO[bytes]) -> None:
    """A query's graph in Turtle, names prefixed as in okg's exports."""
    _triples(triples, out, ox.RdfFormat.TURTLE, EXPORT_PREFIXES)


@answers("application/n-triples", "text/plain")
def write_triples_ntriples(triples: Triples, out: IO[bytes]) -> None:
    """A query's graph in N-Triples, a triple a line."""
    _triples(triples, out, ox.RdfFormat.N_TRIPLES)


@answers("application/rdf+xml", "application/xml")
def write_triples_rdfxml(triples: Triples, out: IO[bytes]) -> None:
    """A query's graph in RDF/XML."""
    _triples(triples, out, ox.RdfFormat.RDF_XML, EXPORT_PREFIXES)


@answers("application/ld+json", "application/json")
def write_triples_jsonld(triples: Triples, out: IO[bytes]) -> None:
    """A query's graph in JSON-LD (expanded)."""
    _triples(triples, out, ox.RdfFormat.JSON_LD)
