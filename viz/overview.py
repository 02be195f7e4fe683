"""The overview the page opens on: reports sized by their recommendations and split by latest status, units
sized by the recommendations they carry, themes and Programme and Budget outcomes with their counts.

Read from the store with a few aggregate queries, so its cost follows the number of reports and units, not the
number of triples. Each report and unit carries its members (recommendations, their latest status and units) so
that the page expands it in place without another read.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from okg.errors import NodeNotFound
from okg.graph.query import rows_about
from okg.graph.store.backends import StoreLike, database_of
from okg.viz.cards import cards, status_of
from okg.viz.style import CATEGORIES, node_colour, numbered, short_label
from okg.viz.style import STYLE as CLASS_STYLE

if TYPE_CHECKING:  # viz.view imports this module to draw the overview
    from okg.viz.view import View

_PREFIXES = """PREFIX okg: <https://w3id.org/okg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# One row per recommendation: its report, number and latest status (the status-history graph's latestAssessment). A
# status in another scheme's words ("Completed", "Partially completed") is the JIU status the crosswalk
# (ontology/status-crosswalk.ttl) matches it to, exactly or closely enough to count with it.
_RECOMMENDATIONS = (
    _PREFIXES
    + """SELECT ?r ?report ?number ?acceptance ?implementation WHERE {
  ?r a okg:Recommendation ; okg:madeIn ?report .
  OPTIONAL { ?r okg:recommendationNumber ?number }
  OPTIONAL { ?r okg:latestAssessment ?a
             OPTIONAL { ?a okg:acceptanceStatus ?givenAcceptance OPTIONAL { ?givenAcceptance skos:exactMatch|skos:closeMatch ?matchedAcceptance } }
             OPTIONAL { ?a okg:implementationStatus ?given OPTIONAL { ?given skos:exactMatch|skos:closeMatch ?matched } } }
  BIND (COALESCE(?matchedAcceptance, ?givenAcceptance) AS ?acceptance)
  BIND (COALESCE(?matched, ?given) AS ?implementation) }"""
)
_RESPONSIBLE = _PREFIXES + "SELECT ?r ?unit WHERE { ?r a okg:Recommendation ; okg:responsibleUnit ?unit }"
# Aggregates: how many recommendations each theme and each outcome is inferred for.
_THEMES = (
    _PREFIXES
    + """SELECT ?t (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a okg:Recommendation ; okg:inferredTheme ?t }
GROUP BY ?t ORDER BY DESC(?n) ?t"""
)
_OUTCOMES = (
    _PREFIXES
    + """SELECT ?t (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a okg:Recommendation ; okg:inferredOutcome ?t }
GROUP BY ?t ORDER BY DESC(?n) ?t"""
)
# What else reaches a unit: texts that mention it, documents it wrote (anything but a recommendation's responsibility).
_NAMING = _PREFIXES + """SELECT ?s ?p ?type WHERE { ?s ?p <UNIT> ; a ?type FILTER (isIRI(?s) && ?p != okg:responsibleUnit) }"""
_NAMES = (
    _PREFIXES
    + """SELECT ?s ?label ?acronym WHERE { VALUES ?s { NODES }
  OPTIONAL { ?s rdfs:label|skos:prefLabel ?label } OPTIONAL { ?s okg:acronym ?acronym } }"""
)

# Statuses in the order an analyst reads them: what is stuck first.
STATUSES = ("not accepted", "open", "in progress", "implemented", "no status")
# Most nodes of one kind the overview draws labelled; the rest are summed in one "more" node (level of detail:
# 25 rows keep a column legible at the opening zoom in a 900-pixel-high window).
REPORT_ROWS = 12
ROWS = 25
SIDE_ROWS = 10  # themes and outcomes share a column
MOST_MEMBERS = ROWS - 1  # recommendations an expansion draws: a column no taller than the units'


@dataclass
class Overview:
    """The summary graph: nodes with counts, links between them, and the members each report or unit expands into."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # report or unit -> its recommendations
    recommendations: dict[str, dict] = field(default_factory=dict)  # recommendation -> node to draw when expanded
    title: str = "okg: overview"


def build_overview(store: StoreLike, report: str | None = None, unit: str | None = None) -> Overview:
    """The overview of ``store``; with ``report`` (symbol, title or IRI), that report alone, expanded into its
    recommendations by latest status and their units; with ``unit`` (acronym, name or IRI), that unit expanded into
    every recommendation it is responsible for, across reports."""
    database = database_of(store)
    rows = [
        (
            r["r"].value,
            r["report"].value,
            r["number"].value if r["number"] else None,
            status_of(r["acceptance"].value if r["acceptance"] else None, r["implementation"].value if r["implementation"] else None),
        )
        for r in database.query(_RECOMMENDATIONS)
    ]
    units_of: dict[str, list[str]] = defaultdict(list)
    for row in database.query(_RESPONSIBLE):
        units_of[row["r"].value].append(row["unit"].value)
    themes = [(row["t"].value, int(row["n"].value)) for row in database.query(_THEMES)]
    outcomes = [(row["t"].value, int(row["n"].value)) for row in database.query(_OUTCOMES)]
    reports = sorted({report_ for _, report_, _, _ in rows})
    names = _names(database, {*reports, *(u for us in units_of.values() for u in us), *(t for t, _ in themes + outcomes)})
    if report:
        wanted = report.casefold()
        chosen = [r for r in reports if wanted in (r.casefold(), names[r][0].casefold()) or r.casefold().endswith("/" + wanted)]
        if len(chosen) != 1:
            raise NodeNotFound(f"no report {report!r}" if not chosen else f"{report!r} names {len(chosen)} reports")
        rows = [row for row in rows if row[1] == chosen[0]]
        themes = outcomes = []
        title = f"okg: {names[chosen[0]][0]} by latest status"
    elif unit:
        wanted = unit.casefold()
        chosen = sorted({u for us in units_of.values() for u in us if wanted in (u.casefold(), *(n.casefold() for n in names[u]))})
        if len(chosen) != 1:
            raise NodeNotFound(f"no unit {unit!r} is responsible for a recommendation" if not chosen else f"{unit!r} names {len(chosen)} units")
        rows = [row for row in rows if chosen[0] in units_of.get(row[0], [])]
        units_of = {rec: [u for u in us if u == chosen[0]] for rec, us in units_of.items()}
        themes = outcomes = []
        title = f"okg: what reaches {names[chosen[0]][1]}"
    else:
        title = "okg: overview"
    view = Overview(title=title)
    by_report: dict[str, Counter] = defaultdict(Counter)
    by_unit: Counter = Counter()
    report_unit: Counter = Counter()
    for rec, report_, _, status in rows:
        by_report[report_][status] += 1
        for unit_ in units_of.get(rec, []):
            by_unit[unit_] += 1
            report_unit[report_, unit_] += 1
    ranked_reports = sorted(by_report, key=lambda r: (-sum(by_report[r].values()), names[r][0]))
    ranked_units = sorted(by_unit, key=lambda u: (-by_unit[u], names[u][1]))
    shown_reports, shown_units = ranked_reports[:REPORT_ROWS], ranked_units[:ROWS]
    for row, report_ in enumerate(shown_reports):
        counts = by_report[report_]
        total = sum(counts.values())
        split = " · ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
        view.nodes.append(
            _node(
                report_,
                "report",
                f"{short_label(names[report_][0])}\n{_count(total)}\n{split}",
                0,
                row,
                total,
                full=names[report_][0],
                detail=split,
                split={s: counts[s] for s in STATUSES if counts[s]},
            )
        )
    _more(view, "reports", ranked_reports[REPORT_ROWS:], sum(sum(by_report[r].values()) for r in ranked_reports[REPORT_ROWS:]), 0, len(shown_reports))
    for row, unit_ in enumerate(shown_units):
        view.nodes.append(
            _node(
                unit_,
                "unit",
                f"{short_label(names[unit_][1])} ({by_unit[unit_]})",
                2,
                row,
                by_unit[unit_],
                full=names[unit_][0],
                detail=f"responsible for {_count(by_unit[unit_])}",
            )
        )
    _more(view, "units", ranked_units[ROWS:], sum(by_unit[u] for u in ranked_units[ROWS:]), 2, len(shown_units))
    for offset, (kind, counted) in enumerate((("theme", themes), ("P&B outcome", outcomes))):
        first = offset * (SIDE_ROWS + 1)
        for row, (node, count) in enumerate(counted[:SIDE_ROWS]):
            view.nodes.append(
                _node(
                    node,
                    kind,
                    f"{short_label(names[node][0])} ({count})",
                    3,
                    first + row,
                    count,
                    full=names[node][0],
                    detail=f"inferred for {_count(count)}",
                )
            )
        _more(
            view,
            "themes" if kind == "theme" else "outcomes",
            [n for n, _ in counted[SIDE_ROWS:]],
            sum(c for _, c in counted[SIDE_ROWS:]),
            3,
            first + min(len(counted), SIDE_ROWS),
        )
    shown = set(shown_reports) | set(shown_units)
    view.edges = [
        {
            "id": f"o{i}",
            "from": r,
            "to": u,
            "width": 1 + min(n, 20) ** 0.5,
            "label": "",
            "relation": f"{n} recommendations",
            "color": {"color": "#c8c8c8"},
            "arrows": "",
        }
        for i, ((r, u), n) in enumerate(sorted(report_unit.items()))
        if r in shown and u in shown
    ]
    for rec, report_, number, status in rows:
        view.members.setdefault(report_, []).append(rec)
        for unit_ in units_of.get(rec, []):
            view.members.setdefault(unit_, []).append(rec)
        label = f"{short_label(names[report_][0], 24)}: rec. {number}" if number else short_label(names[report_][0])
        view.recommendations[rec] = {
            "id": rec,
            "label": label,
            "fullLabel": f"{names[report_][0]}: recommendation {number}",
            "category": "recommendation",
            "kind": "Recommendation",
            "status": status,
            "shape": "dot",
            "size": 10,
            "color": node_colour(STYLE["recommendation"][0], STATUS_COLOUR[status]),
            "borderWidth": 4,
            "borderWidthSelected": 5,
            "priority": PRIORITY["recommendation"],
            "names": [],
            "units": units_of.get(rec, []),
            "report": report_,
            "card": {},
            "number": int(number) if number and number.isdigit() else 0,
        }
    for members in view.members.values():
        members.sort(key=lambda r: (view.recommendations[r]["report"], view.recommendations[r]["number"], r))
    # Cards (text, source) only for the recommendations a click on a drawn node shows: at 1M triples, carding all
    # 14,000 took 2.6 s of the overview's 4.2 s and most of its page. The others show their label and status.
    carded = {rec for node in view.nodes for rec in view.members.get(node["id"], [])[:MOST_MEMBERS]}
    for rec, card in cards(store, carded).items():
        view.recommendations[rec]["card"] = card.as_dict()
    if unit:
        _naming(database, store, view, chosen[0])
    if report or unit:
        next(n for n in view.nodes if n["id"] == chosen[0])["expand"] = True
    return view


def _count(recommendations: int) -> str:
    return f"{recommendations} recommendation{'s' if recommendations != 1 else ''}"


def _names(database, nodes: set[str]) -> dict[str, tuple[str, str]]:
    """Each node's (label, short name): units go by their acronym."""
    names: dict[str, tuple[str, str]] = {}
    for row in rows_about(database, _NAMES, nodes):
        label = row["label"].value if row["label"] else row["s"].value.rsplit("/", 1)[-1]
        acronym = row["acronym"].value if row["acronym"] else label
        names[row["s"].value] = min(names.get(row["s"].value, (label, acronym)), (label, acronym))
    return names


def _node(node: str, category: str, label: str, column: int, row: int, count: int, full: str, detail: str, split: dict | None = None) -> dict:
    # Columns, not forces: a fixed grid is what keeps every label clear of every other at the opening zoom.
    colour, shape = STYLE[category]
    worst = next((s for s in STATUSES if (split or {}).get(s)), None)
    border = STATUS_COLOUR[worst] if worst else colour
    drawn = {
        "id": node,
        "label": label,
        "fullLabel": full,
        "category": category,
        "count": count,
        "column": column,
        "x": COLUMN_X[column],
        "y": row * ROW_HEIGHT[column],
        "detail": detail,
        "split": split or {},
        "shape": shape,
        "color": node_colour(colour, border),
        "borderWidth": 3 if worst else 1,
        "borderWidthSelected": 4 if worst else 2,
        "priority": PRIORITY[category] * 1000 + min(count, 999),
        "card": {},
        "names": [],
        "kind": category,
    }
    if shape == "box":  # a box's size is its label's: its margin grows with the count instead
        drawn["margin"] = 4 + round(min(count, 100) ** 0.5)
    else:  # capped so that a node stays inside its row
        drawn["size"] = 6 + 2 * min(count, 36) ** 0.5
    if shape == "pie":  # drawn as an inline image (the page allows data: images, and fetches nothing)
        drawn.update(shape="image", image=pie(split or {}), size=10 + 2 * min(count, 36) ** 0.5)
    return drawn


def pie(split: dict[str, int]) -> str:
    """A pie of a report's recommendations by latest status, as an SVG data URI, slices in STATUSES order."""
    total = sum(split.values())
    slices, turned = [], 0.0
    for status in STATUSES:
        share = split.get(status, 0) / total if total else 0
        if share == 1:
            slices.append(f"<circle cx='50' cy='50' r='48' fill='{STATUS_COLOUR[status]}'/>")
        elif share:
            start, end = turned * 2 * math.pi, (turned + share) * 2 * math.pi
            points = [(50 + 48 * math.sin(a), 50 - 48 * math.cos(a)) for a in (start, end)]
            slices.append(
                f"<path d='M50 50 L{points[0][0]:.2f} {points[0][1]:.2f} A48 48 0 {int(share > 0.5)} 1 "
                f"{points[1][0]:.2f} {points[1][1]:.2f} Z' fill='{STATUS_COLOUR[status]}'/>"
            )
        turned += share
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'>{''.join(slices)}"
        "<circle cx='50' cy='50' r='48' fill='none' stroke='#2ca02c' stroke-width='4'/></svg>"
    )
    return "data:image/svg+xml," + quote(svg)


def _more(view: Overview, what: str, rest: list[str], count: int, column: int, row: int) -> None:
    if rest:
        view.nodes.append(
            _node(
                f"more-{what}",
                "more",
                f"{len(rest)} more {what} ({count})",
                column,
                row,
                count,
                full=f"{len(rest)} more {what}, with {count} recommendations",
                detail=f"not drawn here: okg viz --{'unit' if what == 'units' else 'report'} NAME draws one"
                if what in ("reports", "units")
                else "not drawn here",
            )
        )


def _naming(database, store: StoreLike, view: Overview, unit: str) -> None:
    """Add to the unit view what names the unit across documents (paragraphs, commitments, the documents it wrote),
    in the last column, each drawn in its class's colour and shape and linked to the unit by its relation."""
    kinds: dict[str, set[str]] = defaultdict(set)
    relations: dict[str, set[str]] = defaultdict(set)
    for row in database.query(_NAMING.replace("UNIT", unit)):
        kinds[row["s"].value].add(row["type"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        relations[row["s"].value].add(row["p"].value.rsplit("#", 1)[-1])
    names = _names(database, set(kinds))
    found = cards(store, set(kinds))
    for row, node in enumerate(sorted(kinds, key=lambda n: (names[n][0], n))):
        # The most specific class drawn: a JIU report rather than a document.
        kind = next((k for k in CATEGORIES if k in kinds[node]), sorted(kinds[node])[0])
        name = CATEGORIES.get(kind, "other")
        colour, shape = CLASS_STYLE[name]
        label = numbered(names[node][0], name, found[node].number)
        view.nodes.append(
            {
                "id": node,
                "label": short_label(label),
                "fullLabel": label,
                "category": name,
                "kind": kind,
                "x": COLUMN_X[3],
                "y": row * ROW_HEIGHT[3],
                "shape": shape,
                "size": 10,
                "color": node_colour(colour, colour),
                "borderWidth": 1,
                "priority": PRIORITY["theme"] * 1000,
                "card": found[node].as_dict(),
                "names": [],
                "detail": ", ".join(sorted(relations[node])),
            }
        )
        view.edges += [
            {"id": f"n{row}-{relation}", "from": node, "to": unit, "label": "", "relation": relation, "color": {"color": "#6b6b6b"}, "arrows": "to"}
            for relation in sorted(relations[node])
        ]


# The overview's classes (name in the legend -> colour, vis-network shape), and status colours, worst first.
STYLE = {
    "report": ("#2ca02c", "pie"),
    "recommendation": ("#1f77b4", "dot"),
    "unit": ("#ff7f0e", "box"),
    "theme": ("#e377c2", "star"),
    "P&B outcome": ("#d62728", "triangle"),
    "more": ("#bdbdbd", "box"),
}
STATUS_COLOUR = {"not accepted": "#d62728", "open": "#7f7f7f", "in progress": "#ff9f1c", "implemented": "#2ca02c", "no status": "#d9d9d9"}
# Whose label wins when two would overlap: reports, then units, themes and outcomes, then recommendations.
PRIORITY = {"report": 5, "unit": 4, "theme": 3, "P&B outcome": 3, "more": 2, "recommendation": 1}
COLUMN_X = (0, 420, 800, 1150)  # reports, the recommendations of what is expanded, units, themes and outcomes
# Row height of each column, in canvas units: a node, its label below (font 20) and a gap, so no label touches the
# next node. The page places an expansion's recommendations in column 1.
ROW_HEIGHT = (115, 60, 56, 64)


def overview_view(store: StoreLike, report: str | None = None, unit: str | None = None) -> "View":
    """The overview as a page's view: summary nodes, and the recommendations each report and unit expands into."""
    from okg.viz.view import View  # here, not at the top: viz.view imports this module to draw the overview

    found = build_overview(store, report, unit)
    totals = {
        "reports": sum(1 for n in found.nodes if n["category"] == "report")
        + sum(int(n["label"].split()[0]) for n in found.nodes if n["id"] == "more-reports"),
        "recommendations": len(found.recommendations),
        "units": len({u for r in found.recommendations.values() for u in r["units"]}),
    }
    extra = {
        "members": found.members,
        "recommendations": found.recommendations,
        "totals": totals,
        "expand": [n["id"] for n in found.nodes if n.get("expand")],
        "layout": {"memberX": COLUMN_X[1], "memberRow": ROW_HEIGHT[1], "mostMembers": MOST_MEMBERS},
    }
    return View(found.nodes, found.edges, False, found.title, mode="overview", extra=extra)
