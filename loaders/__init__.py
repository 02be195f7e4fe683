"""Loaders: one module per document family; text in, plain records with source spans out.

Loaders know nothing about RDF. Each family module exposes ``parse(text, source)``
returning its document record; :data:`LOADERS` maps the manifest's family names
to those functions.
"""

from collections.abc import Callable
from typing import Any

from loaders import evaluation_recommendations, governing_body_report, jiu_follow_up, management_response

Loader = Callable[[str, str], Any]

LOADERS: dict[str, Loader] = {
    "jiu-follow-up": jiu_follow_up.parse,
    "evaluation-recommendations": evaluation_recommendations.parse,
    "management-response": management_response.parse,
    "governing-body-report": governing_body_report.parse,
}
