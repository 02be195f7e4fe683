"""What a node's card in the page shows: key fields, an excerpt of its text, and where it came from."""

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.namespaces import OKG
from graph.store import open_store

_TEXTS = (str(OKG.recommendationText), str(OKG.text), str(OKG.headline), str(OKG.remarks), str(OKG.measures))
_NUMBERS = (str(OKG.recommendationNumber), str(OKG.paragraphNumber), str(OKG.actionItemNumber),
            str(OKG.footnoteNumber), str(OKG.areaNumber))
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

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v}


def cards(store: Path, nodes: set[str]) -> dict[str, Card]:
    """A card for each of ``nodes``, read in one pass over the store."""
    labels: dict[str, str] = {}
    spans: dict[str, tuple[str, int, int]] = {}
    derived: dict[str, list[str]] = {}
    assessments: dict[str, tuple[str, str | None, str | None]] = {}  # recommendation -> (as of, acceptance, implementation)
    facts: dict[str, dict[str, list[str]]] = {}
    span_parts: dict[str, dict[str, str]] = {}
    assessment_parts: dict[str, dict[str, str]] = {}
    for quad in open_store(store).quads_for_pattern(None, None, None, None):
        subject, predicate, obj = quad.subject.value, quad.predicate.value, quad.object
        value = obj.value
        if predicate in (_LABEL, _PREF_LABEL) and isinstance(obj, ox.Literal):
            labels.setdefault(subject, value)
        if subject in nodes:
            facts.setdefault(subject, {}).setdefault(predicate, []).append(value)
            if predicate == _DERIVED:
                derived.setdefault(subject, []).append(value)
        if predicate in (str(OKG.sourceDocument), str(OKG.startLine), str(OKG.endLine)):
            span_parts.setdefault(subject, {})[predicate] = value
        if predicate in (str(OKG.assesses), str(OKG.asOf), str(OKG.acceptanceStatus), str(OKG.implementationStatus)):
            assessment_parts.setdefault(subject, {})[predicate] = value
    for parts in assessment_parts.values():
        recommendation = parts.get(str(OKG.assesses))
        if recommendation in nodes:
            as_of = parts.get(str(OKG.asOf), "")
            if recommendation not in assessments or as_of > assessments[recommendation][0]:
                assessments[recommendation] = (as_of, parts.get(str(OKG.acceptanceStatus)), parts.get(str(OKG.implementationStatus)))
    for span, parts in span_parts.items():
        if len(parts) == 3:
            spans[span] = (parts[str(OKG.sourceDocument)], int(parts[str(OKG.startLine)]), int(parts[str(OKG.endLine)]))

    result = {}
    for node in nodes:
        node_facts = facts.get(node, {})
        card = Card()
        card.number = next((node_facts[p][0] for p in _NUMBERS if p in node_facts), None)
        text = next((node_facts[p][0] for p in _TEXTS if p in node_facts), None)
        if text:
            card.excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"
        card.due = (node_facts.get(str(OKG.dueBy)) or [None])[0]
        card.responsible_units = sorted(labels.get(u, u) for u in node_facts.get(str(OKG.responsibleUnit), []))
        if node in assessments:
            _, acceptance, implementation = assessments[node]
            card.status = " / ".join(labels.get(s, s) for s in (acceptance, implementation) if s)
        elif str(OKG.actionStatus) in node_facts:
            card.status = node_facts[str(OKG.actionStatus)][0]
        located = sorted(spans[s] for s in derived.get(node, []) if s in spans)
        if located:
            document, first, last = located[0]
            card.source = f"{labels.get(document, document)}, lines {first}-{last}"
        result[node] = card
    return result


def status_class(card: Card) -> str | None:
    """implemented, in-progress, not-accepted or open: how a recommendation's border is drawn."""
    status = (card.status or "").casefold()
    if "not accepted" in status or "not relevant" in status:
        return "not-accepted"
    if "implemented" in status:
        return "implemented"
    if "in progress" in status:
        return "in-progress"
    return "open" if status else None
