"""Where builders put triples: anything with rdflib's ``add((s, p, o))`` (an rdflib Graph, or a plain set)."""

from dataclasses import dataclass, field
from typing import Protocol

from rdflib.term import Node

from okg.loaders.notes import Note

# One statement, as rdflib types its terms.
Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    def add(self, triple: Triple, /) -> object: ...


@dataclass
class DocumentGraphs:
    """The two graphs a document's triples go to: what its text states, and what okg infers from it.

    The build collects them in plain sets (a build adds millions of triples, and an
    rdflib Graph costs ~25 µs for each); tests pass rdflib Graphs to compare.
    """

    stated: TripleSink
    inferred: TripleSink
    notes: list[Note] = field(default_factory=list)  # what the build summary says of values no scheme knows
