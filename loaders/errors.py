"""The error a loader raises when a document cannot be read."""

from okg.loaders.spans import SourceSpan


class SourceError(Exception):
    """A document (or the manifest) that cannot be read as its family expects.

    The message names the file and, where there is one, the line (and, for PDF, the page).
    """

    def __init__(self, source: str, reason: str, line: int | None = None, page: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        self.page = page
        where = f"{source}:{line}" if line is not None else source
        where += f" (page {page})" if page is not None else ""
        super().__init__(f"{where}: {reason}")

    @classmethod
    def at(cls, source: str, reason: str, span: SourceSpan) -> "SourceError":
        """The error for what stands at ``span``: its first line, and its page where the format has pages."""
        return cls(source, reason, span.first, span.page)
