"""Finding a document's family from its content, when the manifest does not say.

Every family's loader tries the document; of those that read it, the one that
understood the largest share of its text wins. The reason given names the share
and what each other family missed, so the choice can be checked.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from okg.errors import SourceError
from okg.loaders.coverage import coverage
from okg.loaders.readers.model import Document


@dataclass(frozen=True)
class Detection:
    """The family chosen, its records, and why it was chosen."""

    family: str
    records: Any
    reason: str


def detect_family(document: Document, loaders: Mapping[str, Callable[[Document], Any]]) -> Detection:
    """The family whose loader (of ``loaders``, by family) understands most of ``document``; SourceError naming what
    was looked for if none does."""
    read: list[tuple[float, str, Any]] = []
    refusals: dict[str, str] = {}
    for family, load in loaders.items():
        try:
            records = load(document)
        except SourceError as error:
            refusals[family] = error.reason
            continue
        read.append((coverage(document, records).share, family, records))
    if not read:
        looked_for = "; ".join(f"{family}: {reason}" for family, reason in refusals.items())
        raise SourceError(document.source, f"no family reads this document ({looked_for})")
    read.sort(key=lambda entry: entry[0], reverse=True)
    share, family, records = read[0]
    others = [f"{f} understood {s:.0%}" for s, f, _ in read[1:]] + [f"{f} found {r}" for f, r in refusals.items()]
    return Detection(family, records, f"{family} understood {share:.0%} of its text; " + "; ".join(others))
