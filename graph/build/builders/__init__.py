"""Graph builders: one per document family, turning a loader's records into triples.

Each builder has the same signature: ``build(graphs, document, records, resolver)``
adds one corpus document's triples to ``graphs.stated`` (what the text states) and
``graphs.inferred`` (theme links okg infers, with their evidence). Families, each with
its builder, are registered in :mod:`okg.graph.build.families`.
"""

from collections.abc import Callable
from typing import Any

from okg.graph.build.builders import evaluation_recommendations, governing_body_report, jiu_follow_up, management_response
from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.corpus import CorpusDocument
from okg.graph.build.resolution import Resolver

Builder = Callable[[DocumentGraphs, CorpusDocument, Any, Resolver], None]

__all__ = ["Builder", "evaluation_recommendations", "governing_body_report", "jiu_follow_up", "management_response"]
