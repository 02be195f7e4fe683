"""Source spans: the line range in a source file that a record came from."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceSpan:
    """Lines ``first``..``last`` (1-based, inclusive) of the source file."""

    first: int
    last: int

    def widen(self, line: int) -> "SourceSpan":
        """The span grown to include ``line``."""
        return SourceSpan(min(self.first, line), max(self.last, line))
