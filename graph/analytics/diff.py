"""Comparing two releases of the graph: what an editor's changelog for the next Governing Body paper lists.

A release is a store folder (``okg build``'s output), a TriG export or a SPARQL server. From each,
a few queries read what editors compare: recommendations (label, wordings,
responsible units, latest status), action items (status, due date), how many
recommendations, paragraphs and items each document yields, and the check's
findings where the release carries them (``okg build --check`` saves them).
"""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from okg.errors import StoreError
from okg.graph.namespaces import PREFIXES
from okg.graph.store import FINDINGS, reading_store
from okg.graph.store.backends import Backend, EmbeddedStore, open_backend

# What a document yields, counted per document to warn when a new release of it yields fewer.
COUNTED_CLASSES = {
    "Recommendation": "recommendations",
    "Paragraph": "paragraphs",
    "ActionItem": "action items",
    "Footnote": "footnotes",
    "Commitment": "commitments",
    "Deliverable": "deliverables",
    "Measurement": "figures",
}


@dataclass(frozen=True)
class Status:
    """A recommendation's latest status assessment."""

    acceptance: str | None
    implementation: str | None
    impact_achieved: str | None
    as_of: str

    def words(self) -> str:
        """ "Accepted, In progress (as of 2022-07)"."""
        parts = [p for p in (self.acceptance, self.implementation) if p]
        impact = f", impact {self.impact_achieved}" if self.impact_achieved else ""
        return f"{', '.join(parts) or 'no status'}{impact} (as of {self.as_of})"

    def same_state(self, other: "Status") -> bool:
        return (self.acceptance, self.implementation, self.impact_achieved) == (other.acceptance, other.implementation, other.impact_achieved)


@dataclass
class RecommendationState:
    label: str
    texts: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    status: Status | None = None


@dataclass
class ActionItemState:
    label: str
    statuses: set[str] = field(default_factory=set)
    due_dates: set[str] = field(default_factory=set)


@dataclass
class ReleaseFacts:
    """What one release says, in the terms a changelog compares."""

    recommendations: dict[str, RecommendationState]
    action_items: dict[str, ActionItemState]
    yields: dict[str, dict[str, int]]  # document title -> counted thing -> how many
    findings: set[tuple[str, str, str, str]] | None  # (severity, rule, node label, message); None: not saved


@dataclass(frozen=True)
class Change:
    """One difference between two releases."""

    kind: str  # recommendation added/removed, status changed, text changed, units reassigned, ...
    subject: str  # the label of what changed
    old: str | None = None
    new: str | None = None


@dataclass
class ReleaseDiff:
    """Every difference between an old and a new release, in changelog order."""

    changes: list[Change]
    findings_compared: bool

    def __bool__(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for change in self.changes:
            counted[change.kind] = counted.get(change.kind, 0) + 1
        return counted

    def shrunk(self) -> list[Change]:
        """Documents that now yield fewer recommendations, paragraphs or items than before."""
        return [c for c in self.changes if c.kind == "document yields fewer"]


# Each kind of change, in changelog order, with how a count of them reads.
KINDS = {
    "recommendation added": "recommendations added",
    "recommendation removed": "recommendations removed",
    "status changed": "status changes",
    "text changed": "text changes",
    "units reassigned": "recommendations with units reassigned",
    "action item added": "action items added",
    "action item removed": "action items removed",
    "action item changed": "action items changed",
    "document yields fewer": "documents yield fewer",
    "finding new": "new findings",
    "finding changed": "findings changed",
    "finding resolved": "findings resolved",
}


def read_release(release: Path | Backend) -> ReleaseFacts:
    """The facts of ``release``: a store folder, an export file, or a backend (:func:`okg.graph.store.backends.open_backend`)."""
    if isinstance(release, EmbeddedStore):
        release = release.folder
    if isinstance(release, Path) and not release.is_file():
        with reading_store(release) as database:  # not held after: a build may delete the release it read
            return _facts(database, release / FINDINGS)
    backend = open_backend(release)
    return _facts(backend.database(), backend.saved_findings())


def _facts(database: ox.Store, saved: Path | None) -> ReleaseFacts:
    return ReleaseFacts(
        recommendations=_recommendations(database),
        action_items=_action_items(database),
        yields=_yields(database),
        findings=_saved_findings(saved),
    )


def check_release(release: Path | Backend, facts: ReleaseFacts) -> None:
    """Give ``facts`` the findings of a check run now on ``release``, where it has none saved."""
    if facts.findings is not None:
        return
    from okg.graph.check import check_store  # the check loads pySHACL: only when asked

    report = check_store(open_backend(release))
    facts.findings = {(f.severity, f.rule, f.label, f.message) for f in report.findings}


def diff_releases(old: ReleaseFacts, new: ReleaseFacts) -> ReleaseDiff:
    """What changed from ``old`` to ``new``."""
    changes: list[Change] = []
    label = {**{k: v.label for k, v in old.recommendations.items()}, **{k: v.label for k, v in new.recommendations.items()}}
    for node in sorted(new.recommendations.keys() - old.recommendations.keys(), key=label.__getitem__):
        status = new.recommendations[node].status
        changes.append(Change("recommendation added", label[node], new=status.words() if status else None))
    for node in sorted(old.recommendations.keys() - new.recommendations.keys(), key=label.__getitem__):
        changes.append(Change("recommendation removed", label[node]))
    for node in sorted(old.recommendations.keys() & new.recommendations.keys(), key=label.__getitem__):
        before, after = old.recommendations[node], new.recommendations[node]
        if after.status and (before.status is None or not before.status.same_state(after.status)):
            changes.append(Change("status changed", label[node], before.status.words() if before.status else None, after.status.words()))
        if before.texts != after.texts:
            # Wordings of older documents stay in the graph: the change is the wording added (or the one gone).
            changes.append(
                Change("text changed", label[node], _texts(before.texts - after.texts or before.texts), _texts(after.texts - before.texts))
            )
        if before.units != after.units:
            changes.append(Change("units reassigned", label[node], ", ".join(sorted(before.units)) or None, ", ".join(sorted(after.units)) or None))
    changes += _action_item_changes(old.action_items, new.action_items)
    for document in sorted(old.yields.keys() & new.yields.keys()):
        for thing, count in sorted(old.yields[document].items()):
            now = new.yields[document].get(thing, 0)
            if now < count:
                changes.append(Change("document yields fewer", document, f"{count} {thing}", f"{now} {thing}"))
    compared = old.findings is not None and new.findings is not None
    if old.findings is not None and new.findings is not None:
        # A finding is one rule's on one node: a message that now names one more document is the same finding, changed.
        found_before, found_after = _findings_by_node(old.findings), _findings_by_node(new.findings)
        for (severity, rule, subject), messages in sorted(found_after.items()):
            if (severity, rule, subject) not in found_before:
                changes += [Change("finding new", subject, None, f"{severity}: {rule}: {message}") for message in messages]
            elif messages != found_before[(severity, rule, subject)]:
                said, says = (" | ".join(found[(severity, rule, subject)]) for found in (found_before, found_after))
                changes.append(Change("finding changed", subject, f"{severity}: {rule}: {said}", f"{severity}: {rule}: {says}"))
        for (severity, rule, subject), messages in sorted(found_before.items()):
            if (severity, rule, subject) not in found_after:
                changes += [Change("finding resolved", subject, f"{severity}: {rule}: {message}", None) for message in messages]
    order = {kind: position for position, kind in enumerate(KINDS)}
    changes.sort(key=lambda c: order[c.kind])  # stable: each kind keeps its own order
    return ReleaseDiff(changes, compared)


def summary_line(diff: ReleaseDiff) -> str:
    """ "changes against the previous release: 2 recommendations added, 4 status changes, ..." or "no differences"."""
    if not diff:
        return "no differences"
    counts = diff.counts()
    return ", ".join(f"{counts[kind]} {kind if counts[kind] == 1 else plural}" for kind, plural in KINDS.items() if kind in counts)


def as_text(diff: ReleaseDiff) -> str:
    """The changes for reading in a terminal, one per line, grouped by kind."""
    if not diff:
        return "no differences" + _findings_note(diff)
    lines = []
    for kind in KINDS:
        changes = [c for c in diff.changes if c.kind == kind]
        if changes:
            lines.append(f"{KINDS[kind]} ({len(changes)})")
            lines += [f"  {c.subject}{_arrow(c)}" for c in changes]
    lines.append(summary_line(diff) + _findings_note(diff))
    return "\n".join(lines)


def as_markdown(diff: ReleaseDiff) -> str:
    """The changes as a Markdown changelog, one section per kind."""
    if not diff:
        return "# Changes\n\nNo differences." + _findings_note(diff) + "\n"
    parts = ["# Changes", "", summary_line(diff) + "." + _findings_note(diff)]
    for kind in KINDS:
        changes = [c for c in diff.changes if c.kind == kind]
        if changes:
            parts += ["", f"## {KINDS[kind][0].upper()}{KINDS[kind][1:]} ({len(changes)})", ""]
            parts += [f"- **{_escape(c.subject)}**{_escape(_arrow(c))}" for c in changes]
    return "\n".join(parts) + "\n"


def as_json(diff: ReleaseDiff) -> str:
    """The changes as JSON: counts by kind, whether findings were compared, and every change."""
    return json.dumps(
        {"counts": diff.counts(), "findings_compared": diff.findings_compared, "changes": [asdict(c) for c in diff.changes]},
        indent=2,
        ensure_ascii=False,
    )


# The sinks of kind ``changes`` (graph/sinks.py).


def write_changes_text(diff: ReleaseDiff, out: IO[bytes]) -> None:
    """The changes for reading (:func:`as_text`)."""
    out.write((as_text(diff) + "\n").encode())


def write_changes_json(diff: ReleaseDiff, out: IO[bytes]) -> None:
    """The changes as JSON (:func:`as_json`)."""
    out.write((as_json(diff) + "\n").encode())


def write_changes_markdown(diff: ReleaseDiff, out: IO[bytes]) -> None:
    """The changes as an editor's changelog in Markdown (:func:`as_markdown`)."""
    out.write((as_markdown(diff) + "\n").encode())


def _arrow(change: Change) -> str:
    if change.old is not None and change.new is not None:
        return f": {change.old} -> {change.new}"
    if change.new is not None:
        return f": {change.new}"
    if change.old is not None:
        return f": {change.old}"
    return ""


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def _findings_by_node(findings: set[tuple[str, str, str, str]]) -> dict[tuple[str, str, str], list[str]]:
    """Findings by (severity, rule, node label), each with its messages in order."""
    by_node: dict[tuple[str, str, str], list[str]] = {}
    for severity, rule, subject, message in sorted(findings):
        by_node.setdefault((severity, rule, subject), []).append(message)
    return by_node


def _findings_note(diff: ReleaseDiff) -> str:
    return "" if diff.findings_compared else " (check findings not compared: a release has none saved; use --check)"


def _texts(texts: set[str]) -> str | None:
    return " | ".join(sorted(texts)) or None


def _action_item_changes(old: dict[str, ActionItemState], new: dict[str, ActionItemState]) -> list[Change]:
    changes = []
    for node in sorted(new.keys() - old.keys()):
        changes.append(Change("action item added", new[node].label, new=_item_words(new[node])))
    for node in sorted(old.keys() - new.keys()):
        changes.append(Change("action item removed", old[node].label, old=_item_words(old[node])))
    for node in sorted(old.keys() & new.keys()):
        before, after = old[node], new[node]
        if (before.statuses, before.due_dates) != (after.statuses, after.due_dates):
            changes.append(Change("action item changed", after.label, _item_words(before), _item_words(after)))
    return changes


def _item_words(item: ActionItemState) -> str:
    return f"{' | '.join(sorted(item.statuses)) or 'no status'}, due {' | '.join(sorted(item.due_dates)) or 'no date'}"


def _rows(database: ox.Store, query: str) -> Iterable[dict[str, str]]:
    results = cast(ox.QuerySolutions, database.query(query, prefixes=PREFIXES))
    names = [v.value for v in results.variables]
    for row in results:
        yield {name: row[name].value for name in names if row[name] is not None}


def _recommendations(database: ox.Store) -> dict[str, RecommendationState]:
    found: dict[str, RecommendationState] = {}
    for row in _rows(database, "SELECT ?node ?label WHERE { ?node a okg:Recommendation ; rdfs:label ?label }"):
        found[row["node"]] = RecommendationState(row["label"])
    for row in _rows(database, "SELECT ?node ?text WHERE { ?node a okg:Recommendation ; okg:recommendationText ?text }"):
        found[row["node"]].texts.add(row["text"])
    units = """SELECT ?node ?name ?acronym WHERE {
                 ?node a okg:Recommendation ; okg:responsibleUnit ?unit .
                 ?unit skos:prefLabel ?name . OPTIONAL { ?unit okg:acronym ?acronym } }"""
    for row in _rows(database, units):
        found[row["node"]].units.add(row.get("acronym", row["name"]))
    latest = """SELECT ?node ?date ?acceptance ?implementation ?impact WHERE {
                  ?node a okg:Recommendation ; okg:latestAssessment ?assessment .
                  ?assessment okg:asOf ?date .
                  OPTIONAL { ?assessment okg:acceptanceStatus/skos:prefLabel ?acceptance }
                  OPTIONAL { ?assessment okg:implementationStatus/skos:prefLabel ?implementation }
                  OPTIONAL { ?assessment okg:impactAchieved/skos:prefLabel ?impact } }"""
    for row in _rows(database, latest):
        found[row["node"]].status = Status(row.get("acceptance"), row.get("implementation"), row.get("impact"), row["date"])
    return found


def _action_items(database: ox.Store) -> dict[str, ActionItemState]:
    query = """SELECT ?node ?label ?status ?due WHERE {
                 ?node a okg:ActionItem ; rdfs:label ?label .
                 OPTIONAL { ?node okg:actionStatus ?status }
                 OPTIONAL { ?node okg:dueBy ?due } }"""
    found: dict[str, ActionItemState] = {}
    for row in _rows(database, query):
        item = found.setdefault(row["node"], ActionItemState(row["label"]))
        item.statuses.update([row["status"]] if "status" in row else [])
        item.due_dates.update([row["due"]] if "due" in row else [])
    return found


def _yields(database: ox.Store) -> dict[str, dict[str, int]]:
    classes = " ".join(f"okg:{name}" for name in COUNTED_CLASSES)
    query = f"""SELECT ?title ?class (COUNT(DISTINCT ?node) AS ?count) WHERE {{
                  VALUES ?class {{ {classes} }}
                  ?document okg:namedGraph ?graph ; dcterms:title ?title .
                  GRAPH ?graph {{ ?node a ?class }} }}
                GROUP BY ?title ?class"""
    found: dict[str, dict[str, int]] = {}
    for row in _rows(database, query):
        thing = COUNTED_CLASSES[row["class"].rsplit("#", 1)[-1]]
        found.setdefault(row["title"], {})[thing] = int(row["count"])
    return found


def _saved_findings(path: Path | None) -> set[tuple[str, str, str, str]] | None:
    if path is None or not path.is_file():
        return None
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        return {(f["severity"], f["rule"], f["label"], f["message"]) for f in saved["findings"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoreError(f"{path}: cannot read the saved check findings ({error})") from None
