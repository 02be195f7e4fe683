"""Loaders: one module per document family; a document in, plain records with source spans out.

Loaders know nothing about RDF or file formats: a reader (:mod:`loaders.readers`)
turns the file into the document model, and the family's loader reads that.
:data:`FAMILIES` maps the manifest's family names to those loaders;
:data:`LOADERS` gives the same loaders for plain text (``parse(text, source)``).
"""

from collections.abc import Callable
from typing import Any

from okg.loaders import evaluation_recommendations, governing_body_report, jiu_follow_up, management_response
from okg.loaders.readers.model import Document
from okg.loaders.readers.text import read_text

Loader = Callable[[str, str], Any]
FamilyLoader = Callable[[Document], Any]


FAMILIES: dict[str, FamilyLoader] = {
    "jiu-follow-up": jiu_follow_up.read,
    "evaluation-recommendations": evaluation_recommendations.read,
    "management-response": management_response.read,
    "governing-body-report": governing_body_report.read,
}

LOADERS: dict[str, Loader] = {
    family: (lambda text, source, load=load: load(read_text(text, source))) for family, load in FAMILIES.items()
}
