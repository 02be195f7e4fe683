"""The `okg` command line: a thin click group over the library functions.

Exit codes: 0 success; 1 the work ran and found problems (a document that could
not be read); 2 the work could not run (usage error, bad manifest, no store).
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import TypeVar, cast

import click
import click.shell_completion
import pyoxigraph as ox
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from okg.errors import EXIT_ERROR, EXIT_PROBLEMS, CheckFailed, OkgError, QueryError
from okg.graph.analytics import centrality, co_responsibility, components, entity_network, export, shortest_path
from okg.graph.analytics.diff import ReleaseDiff, check_release, diff_releases, read_release
from okg.graph.analytics.diff import summary_line as changes_line
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.pipeline import BuildSummary, build_corpus
from okg.graph.check import CheckReport, check_store, load_shapes
from okg.graph.check.findings import write_fallbacks, write_text
from okg.graph.query.labels import in_language, translations
from okg.graph.query.library import bindings, find_query, named_queries, term
from okg.graph.query.parameter_names import unnamed_values
from okg.graph.query.serve import (
    DEFAULT_HOST,
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_RESULTS,
    DEFAULT_PORT,
    DEFAULT_QUEUE,
    DEFAULT_TIMEOUT,
    Limits,
    bind,
    create_app,
)
from okg.graph.query.serve import serve as run_endpoint
from okg.graph.sinks import names, sink
from okg.graph.store import DEFAULT_STORE, JSONLD_EXPORT, TRIG_EXPORT, TURTLE_EXPORT
from okg.graph.store.backends import Backend, open_backend

DEFAULT_MANIFEST = Path("data/corpus/manifest.toml")
T = TypeVar("T")


@dataclass
class Session:
    """State shared by the commands of one invocation (travels in the click context)."""

    console: Console
    errors: Console


class StoreLocation(click.ParamType):  # type: ignore[type-arg]  # generic in click's stubs, not at run time
    """Where the graph lives (graph/store/backends.py): a store folder, an export file, or a SPARQL server's URL."""

    name = "DIR|FILE|URL"

    def convert(self, value: object, param: click.Parameter | None, context: click.Context | None) -> Backend:
        return open_backend(value) if isinstance(value, (str, Path, Backend)) else self.fail(f"{value!r}: not a location")


store_option = click.option(
    "--store",
    "store",
    type=StoreLocation(),
    default=str(DEFAULT_STORE),
    show_default=True,
    envvar="OKG_STORE",
    help="Where the graph lives: a store folder (embedded Oxigraph), a TriG or N-Quads export (read into memory), "
    "or the SPARQL 1.1 endpoint URL of an existing server (env: OKG_STORE).",
)


class _Commands(click.Group):
    """okg's own commands, and those other packages contribute as entry points of the group ``okg.commands``
    (okg's page, `okg viz` and `okg docs`, is one: viz/commands.py), found when the command line is used.

    So the command line names no package that itself reads the graph, and imports run one way (viz imports graph).
    """

    def _contributed(self) -> None:
        for entry in entry_points(group="okg.commands"):
            if entry.name not in self.commands:
                self.add_command(entry.load(), entry.name)

    def list_commands(self, context: click.Context) -> list[str]:
        self._contributed()
        return super().list_commands(context)

    def get_command(self, context: click.Context, name: str) -> click.Command | None:
        self._contributed()
        return super().get_command(context, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="okg")
@click.pass_context
def main(context: click.Context) -> None:
    """okg: ILO oversight recommendations and Governing Body documents as one RDF knowledge graph.

    Build the graph from the corpus with `okg build`, check it before publication
    with `okg check`, and ask it questions in SPARQL with `okg query`.

    Exit codes: 0 success; 1 finished but found problems; 2 could not run.
    """
    context.obj = Session(console=Console(soft_wrap=True), errors=Console(stderr=True, soft_wrap=True))


@main.command()
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_MANIFEST,
    show_default=True,
    help="Corpus manifest (TOML) listing the documents and their families.",
)
@click.option(
    "--check",
    "run_check",
    is_flag=True,
    help="Validate the new graph first; refuse to write the release if it has violations.",
)
@click.option("--strict", is_flag=True, help="Stop at the first document that cannot be read; write nothing.")
@click.option(
    "--graph-store",
    metavar="URL",
    help="Load the graphs into this SPARQL 1.1 Graph Store Protocol endpoint of an existing server "
    "(without it, a server given as --store is loaded with SPARQL 1.1 Update).",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes reading the documents  [default: one per core]")
@click.option("--keep-previous", is_flag=True, help="Keep the store this build replaces as STORE.previous, for `okg diff STORE.previous STORE`.")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@store_option
@click.pass_obj
def build(
    session: Session,
    manifest: Path,
    store: Backend,
    run_check: bool,
    strict: bool,
    graph_store: str | None,
    jobs: int | None,
    keep_previous: bool,
    files: tuple[Path, ...],
) -> None:
    """Read every document of the corpus (or the FILES given, without a manifest) and write the knowledge graph.

    Documents may be PDF, Word (.docx), HTML or plain text; the format is found
    from the file itself. A document without a family (FILES, or a manifest entry
    without one) gets the family whose loader understands most of it.

    Writes an embedded store (Oxigraph) and the exports okg.trig (one named graph
    per document), okg.jsonld (the same, as JSON-LD) and okg.ttl (all graphs
    merged) into the --store folder. The new
    store replaces the old one only when the build is complete (and, with --check,
    only when the graph has no violations).
    """
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=session.errors,
        transient=True,
    ) as progress:
        task = progress.add_task("reading documents", total=None)

        def done(document: CorpusDocument) -> None:
            progress.update(task, description=f"read {document.id}")
            progress.advance(task)

        try:
            summary = guard(
                lambda: build_corpus(
                    manifest,
                    store,
                    on_document=done,
                    check=run_check,
                    strict=strict,
                    graph_store=graph_store,
                    jobs=jobs,
                    keep_previous=keep_previous,
                    files=list(files) or None,
                    on_start=lambda total: progress.update(task, total=total),
                )
            )
        except CheckFailed as refusal:
            write_text(cast(CheckReport, refusal.report), session.errors, severities=("Violation",))
            click.echo(f"okg: {refusal}", err=True)
            sys.exit(refusal.exit_code)
    _print_summary(session, summary)
    if summary.failed:
        sys.exit(EXIT_PROBLEMS)


def _print_summary(session: Session, summary: BuildSummary) -> None:
    out = session.console
    for problem in summary.unresolved_units:
        out.print(f"unresolved {problem.document_id}: {problem.message}", markup=False, highlight=False)
    for problem in summary.notes:
        out.print(f"note {problem.document_id}: {problem.message}", markup=False, highlight=False)
    for problem in summary.failed:
        session.errors.print(f"failed {problem.document_id}: {problem.message}", markup=False, highlight=False)
    out.print(
        f"documents: {len(summary.built)} built, {len(summary.failed)} failed; unresolved unit names: {len(summary.unresolved_units)}",
        highlight=False,
    )
    for kind, count in sorted(summary.entities.items()):
        out.print(f"  {kind}: {count}", highlight=False)
    out.print(f"triples: {summary.triples}", highlight=False)
    if summary.check is not None:
        out.print(f"check: {summary.check}", markup=False, highlight=False)
    out.print(
        f"seconds: {summary.seconds:.2f} (per document, summed: reading {summary.parse_seconds:.2f}, "
        f"graphs {summary.graph_seconds:.2f}; loading {summary.load_seconds:.2f}"
        + (f", exports {summary.export_seconds:.2f})" if not summary.server else ")"),
        highlight=False,
    )
    if not summary.written:
        kept = summary.server or (summary.store if summary.store.exists() else None)
        out.print(
            f"nothing written: no document could be read; {f'{kept} kept as it was' if kept else 'no store was made'}", markup=False, highlight=False
        )
    elif summary.server:
        out.print(f"graph store: {summary.server} (one graph per document, replaced whole)", markup=False, highlight=False)
    else:
        out.print(
            f"store: {summary.store} (exports {summary.store / TRIG_EXPORT}, {summary.store / JSONLD_EXPORT}, {summary.store / TURTLE_EXPORT})",
            highlight=False,
        )
    if summary.changes is not None:
        for shrunk in summary.changes.shrunk():
            session.errors.print(
                f"warning: {shrunk.subject} now yields {shrunk.new}; its previous release yielded {shrunk.old}", markup=False, highlight=False
            )
        out.print(f"changes against the store replaced: {changes_line(summary.changes)} (okg diff lists them)", markup=False, highlight=False)


def _complete_query(_context: click.Context, _parameter: click.Parameter, incomplete: str) -> list[click.shell_completion.CompletionItem]:
    """Shell completion of `okg query`: the named queries, else files (a .rq file).

    The file item comes first: bash's script clears what came before it and falls back to file names.
    """
    named = [click.shell_completion.CompletionItem(q.name, help=q.question) for q in named_queries() if q.name.startswith(incomplete)]
    return [click.shell_completion.CompletionItem(incomplete, type="file"), *named]


@main.command()
@click.argument("query", shell_complete=_complete_query)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter, bound as an RDF term (repeatable); see `okg queries` for each query's parameters.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(names("results")),
    default="table",
    show_default=True,
    help="table for reading; csv, tsv or json (SPARQL 1.1 results formats) for other tools.",
)
@click.option(
    "--default-graph",
    "default_graphs",
    multiple=True,
    metavar="IRI",
    help="A graph merged into the default graph (repeatable); with this or --named-graph, the query's FROM and FROM NAMED are replaced.",
)
@click.option("--named-graph", "named_graphs", multiple=True, metavar="IRI", help="A graph GRAPH may name (repeatable).")
@click.option("--endpoint", metavar="URL", help="The same as --store URL: ask this SPARQL 1.1 endpoint of an existing server.")
@click.option(
    "--lang",
    "language",
    metavar="TAG",
    help="Write the vocabularies' labels in this language (fr, es, ...) where they have one; the rest stay in English.",
)
@store_option
@click.pass_obj
def query(
    session: Session,
    query: str,
    params: tuple[str, ...],
    output_format: str,
    default_graphs: tuple[str, ...],
    named_graphs: tuple[str, ...],
    endpoint: str | None,
    language: str | None,
    store: Backend,
) -> None:
    """Run a named query from the library (see `okg queries`), a SPARQL file, or - for standard input.

    The query sees every document's named graph merged as its default graph; use
    GRAPH to ask about one document, or restrict the dataset with FROM and FROM NAMED
    in the query or --default-graph and --named-graph. The prefixes okg, vocab, skos, dcterms, prov,
    org, rdf, rdfs and xsd are predeclared. Parameters are bound as RDF terms
    (--param unit=HRD), never pasted into the query text (a server, which takes text only, gets each
    written as its term, escaped: a value never becomes query syntax).
    """
    given = guard(lambda: _parameters(params))
    text, terms = guard(lambda: _resolve_query(query, given))
    dataset = (list(default_graphs), list(named_graphs)) if default_graphs or named_graphs else (None, None)
    backend = open_backend(endpoint) if endpoint else store
    results = guard(lambda: backend.query(text, terms, *dataset))
    try:
        warnings = unnamed_values(backend, {name: terms[name] for name in given if name in terms})
    except QueryError:  # a lookup a server will not answer costs the warnings only, not the results
        warnings = []
    for warning in warnings:
        session.errors.print(f"warning: {warning}", markup=False, highlight=False)
    if language:
        results = guard(lambda: in_language(results, translations(backend.query, language)))
    sink("results", output_format).write(results, sys.stdout.buffer)


@main.command()
@click.pass_obj
def queries(session: Session) -> None:
    """List the named queries: each one's name, question and parameters."""
    for named in named_queries():
        session.console.print(f"[bold]{named.name}[/]", highlight=False)
        session.console.print(f"  {named.question}", highlight=False)
        for parameter in named.parameters:
            default = f" (default {parameter.default})" if parameter.default else ""
            session.console.print(f"  --param {parameter.name}=<{parameter.kind}>{default}: {parameter.description}", highlight=False)


def _parameters(params: tuple[str, ...]) -> dict[str, str]:
    given = {}
    for param in params:
        name, equals, value = param.partition("=")
        if not equals or not name:
            raise QueryError(f"--param {param!r}: write it as NAME=VALUE")
        given[name.strip()] = value
    return given


def _resolve_query(query: str, given: dict[str, str]) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """The query text and its bound parameters, from a named query, a file, or standard input."""
    if query == "-":
        return sys.stdin.read(), {k: term("iri" if v.startswith("<") else "literal", v, k) for k, v in given.items()}
    path = Path(query)
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query ({error})") from None
        return text, {k: term("iri" if v.startswith("<") else "literal", v, k) for k, v in given.items()}
    named = find_query(query)
    return named.text, bindings(named, given)


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(names("findings")),
    default="text",
    show_default=True,
    help="text for reading; json for programs; turtle for the standard SHACL validation report.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["violation", "warning"]),
    default="violation",
    show_default=True,
    help="The least severe finding that makes the check fail (exit 1).",
)
@click.option("--endpoint", metavar="URL", help="The same as --store URL: check the graphs on this SPARQL 1.1 endpoint of an existing server.")
@click.option(
    "--shapes",
    "added_shapes",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="PATH",
    help="Also check with the SHACL shapes in this file or folder (repeatable).",
)
@click.option(
    "--only-shapes",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="PATH",
    help="Check with the shapes in this file or folder instead of okg's own (repeatable).",
)
@click.option("--verbose", "-v", is_flag=True, help="Name the shapes validated on every target, not only on Oxigraph's candidates, and why.")
@store_option
@click.pass_obj
def check(
    session: Session,
    output_format: str,
    fail_on: str,
    endpoint: str | None,
    added_shapes: tuple[Path, ...],
    only_shapes: tuple[Path, ...],
    verbose: bool,
    store: Backend,
) -> None:
    """Check the graph before publication with the SHACL shapes (structure and publication rules).

    Prints the findings grouped by document and severity, each with its message,
    the node's label and its source lines, then a one-line total. Exits 0 when
    nothing fails, 1 when a finding at or above --fail-on (or of a severity the
    shapes define themselves) does, 2 on an error.
    """
    shapes = guard(lambda: load_shapes(added_shapes + only_shapes, shipped=not only_shapes))
    report = guard(lambda: check_store(open_backend(endpoint) if endpoint else store, shapes))
    if verbose:
        write_fallbacks(report, session.errors)
    sink("findings", output_format).write(report, sys.stdout.buffer)
    if report.fails(fail_on.capitalize()):
        sys.exit(EXIT_PROBLEMS)


@main.command()
@click.argument("old", type=StoreLocation())
@click.argument("new", type=StoreLocation())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(names("changes")),
    default="text",
    show_default=True,
    help="text for reading; json for programs; markdown for an editor's changelog.",
)
@click.option("--check", "run_check", is_flag=True, help="Run the check on a release that has no saved findings, so that findings are compared too.")
@click.pass_obj
def diff(session: Session, old: Backend, new: Backend, output_format: str, run_check: bool) -> None:
    """List what changed from the release OLD to the release NEW (store folders, TriG exports or SPARQL servers' URLs).

    Recommendations added and removed, status changes, text changes, units
    reassigned, action items whose status or due date changed, documents that
    yield fewer recommendations, paragraphs or items, and check findings new and
    resolved (where both releases carry them: `okg build --check` saves them, or
    --check runs the check now). Exits 0 when there are no differences, 1 when
    there are, 2 on an error.
    """

    def compare() -> ReleaseDiff:
        facts = read_release(old), read_release(new)
        if run_check:
            check_release(old, facts[0])
            check_release(new, facts[1])
        return diff_releases(*facts)

    changes = guard(compare)
    sink("changes", output_format).write(changes, sys.stdout.buffer)
    if changes:
        sys.exit(EXIT_PROBLEMS)


@main.group()
def analyze() -> None:
    """Graph analytics (NetworkX): central units, paths between nodes, components, exports."""


@analyze.command("centrality")
@store_option
@click.pass_obj
def analyze_centrality(session: Session, store: Backend) -> None:
    """Units ranked by co-responsibility: degree (who shares the most) and betweenness (who bridges)."""
    rows = guard(lambda: centrality(co_responsibility(entity_network(store))))
    table = Table("unit", "degree", "shared", "betweenness")
    for row in rows:
        table.add_row(Text(row.unit), str(row.degree), str(row.shared), f"{row.betweenness:.4f}")
    session.console.print(table)


@analyze.command("path")
@click.argument("start")
@click.argument("end")
@store_option
@click.pass_obj
def analyze_path(session: Session, start: str, end: str, store: Backend) -> None:
    """The shortest chain of relations between START and END (each a label, acronym, symbol or IRI)."""
    steps = guard(lambda: shortest_path(entity_network(store), start, end))
    for step in steps:
        marker = " (inferred)" if step.inferred else ""
        session.console.print(f"{step.subject} --[{step.relation}{marker}]--> {step.object}", markup=False, highlight=False)
    session.console.print(f"{len(steps)} step{'s' if len(steps) != 1 else ''}", highlight=False)


@analyze.command("components")
@store_option
@click.pass_obj
def analyze_components(session: Session, store: Backend) -> None:
    """Connected components, and the units, outcomes and strategies nothing links to."""
    found = guard(lambda: components(entity_network(store)))
    session.console.print(f"components: {len(found.sizes)} (sizes {', '.join(map(str, found.sizes))})", highlight=False)
    session.console.print(f"orphans: {len(found.orphans)}", highlight=False)
    for kind, label in found.orphans:
        session.console.print(f"  {kind}: {label}", markup=False, highlight=False)


@analyze.command("export")
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write GraphML (Gephi, Cytoscape) here.")
@click.option("--csv", "csv_folder", type=click.Path(file_okay=False, path_type=Path), help="Write nodes.csv and edges.csv into this folder.")
@store_option
@click.pass_obj
def analyze_export(session: Session, graphml: Path | None, csv_folder: Path | None, store: Backend) -> None:
    """Export the entity network for other graph tools."""
    if graphml is None and csv_folder is None:
        raise click.UsageError("give --graphml FILE, --csv FOLDER, or both")
    network = guard(lambda: entity_network(store))
    export(network, graphml, csv_folder)
    session.console.print(f"{network.number_of_nodes()} nodes, {network.number_of_edges()} edges written", highlight=False)


@main.command("export")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(names("graph")),
    default="trig",
    show_default=True,
    help="trig, nquads or jsonld: every document's named graph; turtle: their union; "
    "graph-store: PUT each named graph to the Graph Store Protocol URL given as --output.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE|URL",
    help="The file to write (- for standard output), or the Graph Store Protocol URL for graph-store.",
)
@store_option
@click.pass_obj
def export_graph(session: Session, output_format: str, output: str, store: Backend) -> None:
    """Write the graph where it lives (--store: a store folder, an export, a server) in another form or place.

    A server's graph saved as TriG becomes a release `okg diff` and `okg query --store FILE` read;
    a store folder's graph put on a server with graph-store is the same as `okg build --graph-store`.
    """
    writer = sink("graph", output_format)
    if output_format == "graph-store" and not output.startswith(("http://", "https://")):
        raise click.UsageError("graph-store puts the graphs on a server: give its Graph Store Protocol URL as --output")
    database = guard(store.database)
    if output_format == "graph-store" or output == "-":
        guard(lambda: writer.write(database, output if output_format == "graph-store" else sys.stdout.buffer))
        return
    partial = Path(f"{output}.part")  # a failed export leaves no half-written file under the name asked for
    try:
        with partial.open("wb") as out:
            guard(lambda: writer.write(database, out))
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    session.errors.print(f"{output}: {output_format}", markup=False, highlight=False)


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on; loopback only unless told otherwise.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a query may take, parsing included; the worker running it is then stopped.",
)
@click.option(
    "--max-results",
    default=DEFAULT_MAX_RESULTS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most rows (or triples) one answer may hold; larger answers are refused.",
)
@click.option(
    "--max-memory",
    default=DEFAULT_MAX_MEMORY,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="MB",
    help="Memory one query may take; the worker running it is then stopped.",
)
@click.option(
    "--workers",
    default=Limits.workers,
    show_default="one per core, at least 2",
    type=click.IntRange(min=1),
    help="Queries evaluated at once, each in its own worker process.",
)
@click.option(
    "--queue",
    default=DEFAULT_QUEUE,
    show_default=True,
    type=click.IntRange(min=0),
    help="Requests that may wait for a worker; more get 503 with Retry-After.",
)
@click.option("--allow-service", is_flag=True, help="Let queries use SERVICE (federated queries to other endpoints).")
@click.option(
    "--public-host",
    "public_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name clients may use in the Host header besides the address listened on (repeatable; "
    "needed with --host 0.0.0.0). Other names are refused, so a web page cannot reach the endpoint by DNS rebinding.",
)
@click.option(
    "--endpoint", metavar="URL", help="The same as --store URL: answer from this SPARQL 1.1 endpoint of an existing server, with these limits."
)
@store_option
@click.pass_obj
def serve(
    session: Session,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    max_memory: int,
    workers: int,
    queue: int,
    allow_service: bool,
    public_hosts: tuple[str, ...],
    endpoint: str | None,
    store: Backend,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql.

    GET and POST queries; results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle,
    N-Triples, RDF/XML or JSON-LD, by content negotiation or the format parameter
    (?format=csv). Updates are refused (403). A browser opening the address gets a
    query page with the named queries as examples; it works offline.
    Stops cleanly on SIGTERM or Ctrl+C.
    """
    limits = Limits(timeout=timeout, max_results=max_results, max_memory=max_memory, workers=workers, queue=queue, allow_service=allow_service)
    sock = guard(lambda: bind(host, port))
    app = guard(lambda: create_app(open_backend(endpoint) if endpoint else store, limits, host=host, port=port, public_hosts=public_hosts))
    session.errors.print(f"okg: SPARQL endpoint at http://{host}:{port}/sparql (read-only, {timeout:g} s per query)", markup=False)
    run_endpoint(app, sock)


def guard(work: Callable[[], T]) -> T:
    """Run ``work``; report okg's own errors in one line, exiting with the error's code, instead of a traceback."""
    try:
        return work()
    except CheckFailed:
        raise
    except OkgError as error:
        click.echo(f"okg: {error}", err=True)
        sys.exit(getattr(error, "exit_code", EXIT_ERROR))
