"""Graph builders: one per document family, turning a loader's records into triples.

Each builder has the same signature: ``build(graph, document, records, vocabularies)``
adds the triples of one corpus document to ``graph`` (that document's named graph).
"""

from collections.abc import Callable
from typing import Any

from rdflib import Graph

from graph.builders import jiu_follow_up
from graph.corpus import CorpusDocument
from graph.vocabularies import Vocabularies

Builder = Callable[[Graph, CorpusDocument, Any, Vocabularies], None]

BUILDERS: dict[str, Builder] = {
    "jiu-follow-up": jiu_follow_up.build,
}
