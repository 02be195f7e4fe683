"""Loaders: one module per document family; a document in, plain records with source spans out.

Loaders know nothing about RDF or file formats: a reader (:mod:`loaders.readers`)
turns the file into the document model, and the family's loader reads that.
:data:`FAMILIES` maps the manifest's family names to those loaders;
:data:`LOADERS` gives the same loaders for plain text (``parse(text, source)``).
"""

from collections.abc import Callable
from typing import Any

from loaders import evaluation_recommendations, governing_body_report, jiu_follow_up, management_response
from loaders.errors import SourceError
from loaders.readers.model import Document
from loaders.readers.text import read_text

Loader = Callable[[str, str], Any]
FamilyLoader = Callable[[Document], Any]


def _lines_of(family: str, parse: Loader) -> FamilyLoader:
    """A loader that still reads a plain text's lines rather than the document's blocks."""
    def load(document: Document) -> Any:
        if document.format != "text":
            raise SourceError(document.source, f"the {family} loader reads plain text only so far, not {document.format}")
        return parse(document.text, document.source)
    return load


FAMILIES: dict[str, FamilyLoader] = {
    "jiu-follow-up": jiu_follow_up.read,
    "evaluation-recommendations": evaluation_recommendations.read,
    "management-response": _lines_of("management-response", management_response.parse),
    "governing-body-report": governing_body_report.read,
}

LOADERS: dict[str, Loader] = {
    family: (lambda text, source, load=load: load(read_text(text, source))) for family, load in FAMILIES.items()
}
