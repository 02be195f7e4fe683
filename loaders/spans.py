"""Source spans: the lines (and, where the format has them, page and table row) a record came from."""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SourceSpan:
    """Lines ``first``..``last`` (1-based, inclusive) of the source.

    For a text file the lines are the file's own. For PDF, Word and HTML they are the
    lines of the reader's text of the document (one line per paragraph or table row,
    see :mod:`loaders.readers`), and ``page`` (first page, PDF only) and ``row``
    (first table row, counted from 1 below the header) say where in the original.
    """

    first: int
    last: int
    page: int | None = None
    row: int | None = None

    def widen(self, line: int) -> "SourceSpan":
        """The span grown to include ``line``."""
        return replace(self, first=min(self.first, line), last=max(self.last, line))

    def where(self) -> str:
        """Human words for the span: "lines 3-5, page 2, row 4"."""
        lines = f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"
        page = f", page {self.page}" if self.page is not None else ""
        row = f", row {self.row}" if self.row is not None else ""
        return lines + page + row
