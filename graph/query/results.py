"""Writing query results as a readable table, CSV, TSV or SPARQL results JSON: the sinks of kind ``results``."""

from typing import IO

import pyoxigraph as ox
from rich.table import Table
from rich.text import Text

from okg.graph.namespaces import PREFIXES, compact
from okg.graph.query import Results
from okg.graph.sinks import sink, text_console


def write_results(results: Results, output_format: str, out: IO[bytes]) -> None:
    """Write ``results`` to ``out`` in the results format (sink) named ``output_format``: table, csv, tsv or json."""
    sink("results", output_format).write(results, out)


def _graph(results: Results, out: IO[bytes]) -> bool:
    """Write a CONSTRUCT or DESCRIBE query's graph as Turtle, whatever the results format asked; False for other results."""
    if not isinstance(results, ox.QueryTriples):
        return False
    out.write(ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")
    return True


def _standard(results: Results, out: IO[bytes], form: ox.QueryResultsFormat) -> None:
    if isinstance(results, ox.QueryTriples):
        _graph(results, out)
    else:
        out.write(results.serialize(format=form) or b"")


def write_csv(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results CSV."""
    _standard(results, out, ox.QueryResultsFormat.CSV)


def write_tsv(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results TSV."""
    _standard(results, out, ox.QueryResultsFormat.TSV)


def write_json(results: Results, out: IO[bytes]) -> None:
    """SPARQL 1.1 Query Results JSON."""
    _standard(results, out, ox.QueryResultsFormat.JSON)


def write_table(results: Results, out: IO[bytes]) -> None:
    """A table for reading, each term as a person reads it, and the number of rows."""
    if isinstance(results, ox.QueryTriples):
        _graph(results, out)
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
