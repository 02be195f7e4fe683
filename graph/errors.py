"""okg's exceptions and the exit codes the command line maps them to.

Exit codes (a contract, as in pySHACL): 0 success; 1 the work ran and found
problems (documents that could not be read, check violations); 2 the work could
not run (usage error, unreadable manifest, no store).
"""

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


class OkgError(Exception):
    """An error okg reports in one line instead of a traceback."""

    exit_code = EXIT_ERROR


class ManifestError(OkgError):
    """The corpus manifest is missing, malformed, or names a file it must not."""


class StoreError(OkgError):
    """The store is missing or cannot be opened."""


class QueryError(OkgError):
    """A SPARQL query that cannot be parsed or run."""


class ShapesError(OkgError):
    """A file of shapes given to the check is missing or cannot be read."""


class ServeError(OkgError):
    """The endpoint cannot start: its address is in use, or its query workers cannot load the store."""


class CheckFailed(OkgError):
    """The graph has findings at or above the severity that blocks publication."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, report: object, message: str) -> None:
        super().__init__(message)
        self.report = report


class DocumentFailed(OkgError):
    """A document could not be read and the build was asked to stop at the first such (--strict)."""

    exit_code = EXIT_PROBLEMS
