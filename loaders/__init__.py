"""Loaders: one module per document family; text in, plain records with source spans out.

Loaders know nothing about RDF. Each family module exposes ``parse(text, source)``
returning its document record; :data:`LOADERS` maps the manifest's family names
to those functions.
"""

from collections.abc import Callable
from typing import Any

from loaders import jiu_follow_up

Loader = Callable[[str, str], Any]

LOADERS: dict[str, Loader] = {
    "jiu-follow-up": jiu_follow_up.parse,
}

# Families the corpus knows about whose loaders are not written yet: the build
# reports and skips them instead of failing on an unknown family.
PLANNED_FAMILIES: frozenset[str] = frozenset(
    {"evaluation-recommendations", "management-response", "governing-body-report"}
)
