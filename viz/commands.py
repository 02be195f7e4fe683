"""The page's commands, contributed to okg's command line (entry points ``okg.commands`` in pyproject.toml):
`okg viz` writes the graph as an interactive page, `okg docs` the ontology's page."""

from pathlib import Path

import click

from okg.graph.cli import Session, guard, store_option
from okg.viz.ontology_page import write_ontology_page
from okg.viz.page import write_page
from okg.viz.view import STYLE, Selection, build_view


@click.command()
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("graph.html"), show_default=True, help="The HTML file to write."
)
@click.option("--report", help="Draw this report (symbol or title) and its recommendations by latest status, with their units.")
@click.option(
    "--unit",
    help="Draw this unit (acronym or name) and what reaches it across documents: the recommendations it "
    "is responsible for, their reports, the texts that mention it.",
)
@click.option("--all", "whole", is_flag=True, help="Draw the whole graph instead of the overview.")
@click.option("--focus", help="Draw only the neighbourhood of this node (label, acronym, symbol or IRI).")
@click.option("--depth", type=int, default=1, show_default=True, help="How many links away from --focus to draw.")
@click.option("--classes", help=f"Comma-separated classes to draw ({', '.join(STYLE)}).")
@click.option("--document", help="Draw only what comes from this source document (its symbol or title), with its neighbours.")
@click.option("--theme", help="Draw only what is about this theme, with its neighbours.")
@store_option
@click.pass_obj
def viz(
    session: Session,
    output: Path,
    report: str | None,
    unit: str | None,
    whole: bool,
    focus: str | None,
    depth: int,
    classes: str | None,
    document: str | None,
    theme: str | None,
    store: Path,
) -> None:
    """Write the graph as one interactive HTML page that opens offline.

    With no option, the overview: reports sized by their recommendations and split by
    latest status, units, themes and outcomes with their counts; click a report or a
    unit to expand it. --report and --unit open on one of them; --all, --focus,
    --classes, --document and --theme draw the graph itself, each class in its own
    colour and shape. Hover or click for a node's card; search and filter in the page.
    """
    categories = tuple(c.strip() for c in classes.split(",")) if classes else ()
    overview = not (whole or focus or categories or document or theme)
    selection = Selection(
        focus=focus, depth=depth, categories=categories, document=document, theme=theme, overview=overview, report=report, unit=unit
    )
    view = guard(lambda: build_view(store, selection))
    write_page(view, output)
    session.console.print(f"{output}: {len(view.nodes)} nodes, {len(view.edges)} edges", markup=False, highlight=False)


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/ontology"),
    show_default=True,
    help="The folder to write index.html into.",
)
@click.pass_obj
def docs(session: Session, output: Path) -> None:
    """Write the ontology's documentation page: every class and property, the SKOS schemes and their concepts,
    a diagram of the main classes; one HTML file that opens offline."""
    page = guard(lambda: write_ontology_page(output))
    session.console.print(f"{page}", markup=False, highlight=False)
