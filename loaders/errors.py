"""The error a loader raises when a document cannot be read."""


class SourceError(Exception):
    """A document (or the manifest) that cannot be read as its family expects.

    The message names the file and, where there is one, the line.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")
