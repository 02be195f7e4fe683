"""okg's one exception hierarchy, and the exit codes the command line maps it to.

Every error okg reports to its user is an :class:`OkgError`; its ``exit_code`` decides how
``okg`` exits (a contract, as in pySHACL): 0 success; 1 the work ran and found problems
(documents that could not be read, check violations); 2 the work could not run (usage
error, unreadable manifest, profile or document, no store).
"""

from typing import Protocol

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


class Located(Protocol):
    """Where something stands in its source (a loader's SourceSpan): its first line, and its page if it has one.

    Read-only, as a frozen SourceSpan's fields are.
    """

    @property
    def first(self) -> int: ...

    @property
    def page(self) -> int | None: ...


class OkgError(Exception):
    """An error okg reports in one line instead of a traceback."""

    exit_code = EXIT_ERROR


class SourceError(OkgError):
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
    def at(cls, source: str, reason: str, span: Located) -> "SourceError":
        """The error for what stands at ``span``: its first line, and its page where the format has pages."""
        return cls(source, reason, span.first, span.page)


class ProfileError(OkgError):
    """A family profile that cannot be used; the message names the file and what is wrong."""


class ManifestError(OkgError):
    """The corpus manifest is missing, malformed, or names a file it must not."""


class StoreError(OkgError):
    """The store is missing or cannot be opened."""


class QueryError(OkgError):
    """A SPARQL query that cannot be parsed or run."""


class QueryRefused(QueryError):
    """A SPARQL server refused a query; ``status`` is its HTTP status (400: the server found the request malformed)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ShapesError(OkgError):
    """A file of shapes given to the check is missing or cannot be read."""


class ServeError(OkgError):
    """The endpoint cannot start: its address is in use, or its query workers cannot load the store."""


class NodeNotFound(OkgError):
    """A node named on the command line that the graph does not have, or has more than once."""


class UsageProblem(OkgError):
    """A selection the page cannot draw."""


class ViewTooLarge(UsageProblem):
    """A selection of more nodes than a page draws; ``nodes`` says how many it holds."""

    def __init__(self, message: str, nodes: int) -> None:
        super().__init__(message)
        self.nodes = nodes


class CheckFailed(OkgError):
    """The graph has findings at or above the severity that blocks publication."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, report: object, message: str) -> None:
        super().__init__(message)
        self.report = report


class DocumentFailed(OkgError):
    """A document could not be read and the build was asked to stop at the first such (--strict)."""

    exit_code = EXIT_PROBLEMS
