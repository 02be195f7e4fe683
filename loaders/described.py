"""What a document says of itself: its symbol, title and date, and the document it belongs to.

A file built without a manifest is named by its file name until its content says more; a manifest entry that
leaves a field out takes what the document prints (the manifest's word wins where it gives one).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Described:
    """A document's own description; None where it does not say."""

    symbol: str | None = None  # "GB.352/PFA/5", printed on its front page
    title: str | None = None
    date: str | None = None  # ISO: "2024-10-10", or "1998-11" when it prints the month only
    belongs_to: str | None = None  # the symbol of the document it is a reference document to
