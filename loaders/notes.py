"""Notes a loader makes about a document it read: what it kept as printed, what it did not understand."""

from dataclasses import dataclass

from okg.loaders.spans import SourceSpan


@dataclass(frozen=True)
class Note:
    """Something the build summary reports about a document, with where it stands."""

    message: str
    span: SourceSpan | None
