"""What a node's card in the page shows: key fields, an excerpt of its text, and where it came from."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rdflib.namespace import SKOS

from okg.graph.namespaces import OKG
from okg.graph.query import rows_about, rows_by_node
from okg.graph.store.backends import StoreLike, database_of

_TEXTS = (str(OKG.recommendationText), str(OKG.text), str(OKG.headline), str(OKG.remarks), str(OKG.measures))
_NUMBERS = (str(OKG.recommendationNumber), str(OKG.paragraphNumber), str(OKG.actionItemNumber), str(OKG.footnoteNumber), str(OKG.areaNumber))
_DUE = str(OKG.dueBy)
_RESPONSIBLE = str(OKG.responsibleUnit)
_ACTION_STATUS = str(OKG.actionStatus)
_AS_OF = str(OKG.asOf)
# The status history's latest assessment of a recommendation: of two documents with the same date, the one the
# queries and the overview take (graph/build/status_history.py), so that the card says what the ring draws.
_LATEST = str(OKG.latestAssessment)
_ACCEPTANCE = str(OKG.acceptanceStatus)
_IMPLEMENTATION = str(OKG.implementationStatus)
_SPAN_PARTS = (str(OKG.sourceDocument), str(OKG.startLine), str(OKG.endLine))
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
EXCERPT = 300


@dataclass
class Card:
    """The readable facts of one node. Plain text only: the page escapes all of it."""

    number: str | None = None
    status: str | None = None  # recommendation: acceptance / implementation; action item: status as printed
    responsible_units: list[str] = field(default_factory=list)
    due: str | None = None
    excerpt: str | None = None
    source: str | None = None  # "GB.340/INS/6, lines 184-188"
    # recommendation: one of the overview's statuses (status_of), the crosswalk followed; how it is drawn, not shown
    standing: str | None = None

    def as_dict(self) -> dict:
        # Not dataclasses.asdict: it deep-copies every field, a measurable cost at thousands of cards.
        return {k: v for k, v in vars(self).items() if v and k != "standing"}


def cards(store: StoreLike, nodes: set[str], facts: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Card]:
    """A card for each of ``nodes``, read from the store in a few queries over all of them.

    ``facts``, when the caller has read them already (graph.analytics.neighbourhood reads them with the nodes' names),
    holds each node's values of :data:`FACTS`; else they are read here.
    """
    database = database_of(store)
    ordered = sorted(nodes)
    if facts is None:
        facts = {node: {} for node in ordered}
        for node, (_, predicate, value) in rows_by_node(database, _FACTS, ordered):
            facts[node].setdefault(predicate.value, []).append(value.value)
    # The two queries run side by side: Oxigraph lets go of Python's lock while it reads, and on disk most of their
    # time is its lookups (measured at 6,251 nodes of ~1M triples: 1.5 s one after the other, 0.9 s side by side).
    with ThreadPoolExecutor(2) as readers:
        span_rows, assessment_rows = readers.map(lambda query: list(rows_by_node(database, query, ordered)), (_SPANS, _ASSESSMENTS))
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for node, (_, document, first, last) in span_rows:
        spans.setdefault(node, []).append((document.value, int(first.value), int(last.value)))
    # recommendation -> (as of, acceptance, implementation, and the two as the crosswalk matches them to the JIU's)
    latest: dict[str, tuple[str | None, ...]] = {}
    for node, (_, as_of, *statuses) in assessment_rows:
        found = (as_of.value, *(status.value if status is not None else None for status in statuses))
        latest[node] = max(latest.get(node, found), found, key=lambda a: tuple(value or "" for value in a))
    named = {value for node in ordered for value in facts[node].get(_RESPONSIBLE, [])}
    named |= {s for _, *statuses in latest.values() for s in statuses[:2] if s} | {d for found in spans.values() for d, _, _ in found}
    labels: dict[str, dict[str, str]] = {}
    for row in rows_about(database, _LABELS, named):
        found = labels.setdefault(row["s"].value, {})
        found[row["p"].value] = min(found.get(row["p"].value, row["o"].value), row["o"].value)

    def label(node: str) -> str:
        return next((labels[node][p] for p in (_LABEL, _PREF_LABEL) if p in labels.get(node, {})), node)

    result = {}
    for node in ordered:
        node_facts = facts[node]  # of each predicate, the first value in order is shown
        card = Card()
        card.number = next((min(node_facts[p]) for p in _NUMBERS if p in node_facts), None)
        text = next((min(node_facts[p]) for p in _TEXTS if p in node_facts), None)
        if text:
            card.excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"
        card.due = min(node_facts[_DUE]) if _DUE in node_facts else None
        card.responsible_units = sorted(label(u) for u in node_facts.get(_RESPONSIBLE, []))
        if node in latest:
            _, acceptance, implementation, matched_acceptance, matched_implementation = latest[node]
            card.status = " / ".join(label(s) for s in (acceptance, implementation) if s)
            card.standing = status_of(matched_acceptance or acceptance, matched_implementation or implementation)
        elif _ACTION_STATUS in node_facts:
            card.status = min(node_facts[_ACTION_STATUS])
        if node in spans:
            document, first, last = min(spans[node])
            card.source = f"{label(document)}, lines {first}-{last}"
        result[node] = card
    return result


FACTS = (*_NUMBERS, *_TEXTS, _DUE, _RESPONSIBLE, _ACTION_STATUS)  # what a card shows of the node's own statements
# Each query is run with the nodes given in place of NODES, each node with its position ?n (graph.query.rows_by_node),
# but _LABELS, which is run with the nodes alone (graph.query.rows_about).
_FACTS = f"SELECT ?n ?p ?o WHERE {{ VALUES (?s ?n) {{ NODES }} ?s ?p ?o FILTER (?p IN ({', '.join(f'<{p}>' for p in FACTS)})) }}"
_SPANS = (
    f"SELECT ?n ?document ?first ?last WHERE {{ VALUES (?s ?n) {{ NODES }} ?s <{_DERIVED}> ?span . "
    f"?span <{_SPAN_PARTS[0]}> ?document ; <{_SPAN_PARTS[1]}> ?first ; <{_SPAN_PARTS[2]}> ?last }}"
)
_MATCH = f"<{SKOS.exactMatch}>|<{SKOS.closeMatch}>"
_ASSESSMENTS = (
    f"SELECT ?n ?asOf ?acceptance ?implementation ?acceptanceMatch ?implementationMatch WHERE {{ VALUES (?s ?n) {{ NODES }} "
    f"?s <{_LATEST}> ?assessment . ?assessment <{_AS_OF}> ?asOf . "
    f"OPTIONAL {{ ?assessment <{_ACCEPTANCE}> ?acceptance OPTIONAL {{ ?acceptance {_MATCH} ?acceptanceMatch }} }} "
    f"OPTIONAL {{ ?assessment <{_IMPLEMENTATION}> ?implementation OPTIONAL {{ ?implementation {_MATCH} ?implementationMatch }} }} }}"
)
_LABELS = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ NODES }} ?s ?p ?o FILTER (?p IN (<{_LABEL}>, <{_PREF_LABEL}>)) }}"


def status_class(card: Card) -> str | None:
    """implemented, in-progress, not-accepted or open: how a recommendation's border is drawn (the crosswalk
    followed: "Completed" is implemented); None for a node with no status."""
    if card.standing is not None:
        return None if card.standing == "no status" else card.standing.replace(" ", "-")
    status = (card.status or "").casefold()
    if "not accepted" in status or "not relevant" in status:
        return "not-accepted"
    if "implemented" in status:
        return "implemented"
    if "in progress" in status:
        return "in-progress"
    return "open" if status else None


def status_of(acceptance: str | None, implementation: str | None) -> str:
    """One of STATUSES from a latest assessment's acceptance and implementation values (IRIs)."""
    acceptance, implementation = (acceptance or "").rsplit("/", 1)[-1], (implementation or "").rsplit("/", 1)[-1]
    if not acceptance and not implementation:
        return "no status"
    if acceptance in ("not-accepted", "not-relevant"):
        return "not accepted"
    if implementation == "implemented":
        return "implemented"
    if implementation == "in-progress":
        return "in progress"
    return "open"
