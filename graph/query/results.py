"""Writing query results as a readable table, CSV, TSV or SPARQL results JSON."""

from typing import IO

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table
from rich.text import Text

from okg.graph.namespaces import PREFIXES, compact
from okg.graph.query import Results

FORMATS = ("table", "csv", "tsv", "json")
_SERIALIZERS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def write_results(results: Results, output_format: str, out: IO[bytes], console: Console) -> None:
    """Write ``results`` to ``out`` (CSV/TSV/JSON, standard SPARQL formats) or as a table on ``console``."""
    if isinstance(results, ox.QueryTriples):
        # CONSTRUCT and DESCRIBE give a graph: Turtle whatever the format asked.
        out.write(ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"")
        return
    if output_format != "table":
        out.write(results.serialize(format=_SERIALIZERS[output_format]))
        return
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
