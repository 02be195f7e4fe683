"""What a node's card in the page shows: key fields, an excerpt of its text, and where it came from."""

from dataclasses import asdict, dataclass, field

import pyoxigraph as ox

from graph.namespaces import OKG
from graph.node_quads import NodeQuads

_TEXTS = (str(OKG.recommendationText), str(OKG.text), str(OKG.headline), str(OKG.remarks), str(OKG.measures))
_NUMBERS = (str(OKG.recommendationNumber), str(OKG.paragraphNumber), str(OKG.actionItemNumber),
            str(OKG.footnoteNumber), str(OKG.areaNumber))
# Read for every card: spelled out once (an rdflib namespace lookup costs microseconds each time).
_DUE = str(OKG.dueBy)
_RESPONSIBLE = str(OKG.responsibleUnit)
_ACTION_STATUS = str(OKG.actionStatus)
_ASSESSES = str(OKG.assesses)
_AS_OF = str(OKG.asOf)
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

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v}


def cards(store: NodeQuads, nodes: set[str]) -> dict[str, Card]:
    """A card for each of ``nodes``, read from the store around each node."""
    reader = _CardReader(store)
    return {node: reader.card(node) for node in nodes}


class _CardReader:
    """Looks up what a card shows; labels of units, statuses and documents are read once."""

    def __init__(self, store: NodeQuads) -> None:
        self._store = store
        self._labels: dict[str, str] = {}

    def _facts(self, node: str) -> dict[str, list[str]]:
        facts: dict[str, list[str]] = {}
        for quad in self._store.about(node):
            facts.setdefault(quad.predicate.value, []).append(quad.object.value)
        for values in facts.values():
            values.sort()  # the same card whatever order the store gives
        return facts

    def label(self, node: str) -> str:
        if node not in self._labels:
            facts = self._facts(node)
            self._labels[node] = next((facts[p][0] for p in (_LABEL, _PREF_LABEL) if p in facts), node)
        return self._labels[node]

    def card(self, node: str) -> Card:
        facts = self._facts(node)
        card = Card()
        card.number = next((facts[p][0] for p in _NUMBERS if p in facts), None)
        text = next((facts[p][0] for p in _TEXTS if p in facts), None)
        if text:
            card.excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"
        card.due = (facts.get(_DUE) or [None])[0]
        card.responsible_units = sorted(self.label(u) for u in facts.get(_RESPONSIBLE, []))
        latest = self._latest_assessment(node)
        if latest is not None:
            card.status = " / ".join(self.label(s) for s in latest if s)
        elif _ACTION_STATUS in facts:
            card.status = facts[_ACTION_STATUS][0]
        located = sorted(span for span in map(self._span, facts.get(_DERIVED, [])) if span is not None)
        if located:
            document, first, last = located[0]
            card.source = f"{self.label(document)}, lines {first}-{last}"
        return card

    def _latest_assessment(self, recommendation: str) -> tuple[str | None, str | None] | None:
        """(acceptance, implementation) of the most recent status assessment of ``recommendation``."""
        latest = None
        for quad in self._store.database.quads_for_pattern(None, ox.NamedNode(_ASSESSES), ox.NamedNode(recommendation), None):
            facts = self._facts(quad.subject.value)
            as_of = (facts.get(_AS_OF) or [""])[0]
            if latest is None or as_of > latest[0]:
                latest = (as_of, (facts.get(_ACCEPTANCE) or [None])[0],
                          (facts.get(_IMPLEMENTATION) or [None])[0])
        return latest[1:] if latest is not None else None

    def _span(self, span: str) -> tuple[str, int, int] | None:
        facts = self._facts(span)
        parts = [(facts.get(p) or [None])[0] for p in _SPAN_PARTS]
        if None in parts:
            return None
        return parts[0], int(parts[1]), int(parts[2])


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
