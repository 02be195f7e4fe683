"""How much of a document its loader understood: the share of its text that became records.

A block (paragraph, heading, footnote, table row) is understood when a record's
span reaches one of its lines or a record holds its text (a section heading);
a table's header is understood with its rows.
This is measured from the spans alone, so it holds for every family.
"""

import dataclasses
from dataclasses import dataclass

from okg.loaders.notes import Note
from okg.loaders.readers.model import Document, Table
from okg.loaders.spans import SourceSpan
from okg.loaders.text import tidy_document


@dataclass(frozen=True)
class Coverage:
    """The share of the document's text in understood blocks, and the blocks not understood."""

    share: float  # 0..1, by characters
    not_understood: tuple[tuple[str, SourceSpan], ...]  # (the block's first words, where it stands)


def record_values(records: object) -> tuple[list[SourceSpan], set[str]]:
    """Every source span and every text in a loader's records, however deeply nested (notes aside)."""
    found: list[SourceSpan] = []
    texts: set[str] = set()
    stack = [records]
    while stack:
        value = stack.pop()
        if isinstance(value, Note):
            continue  # what a loader reports it did not read is no fact
        if isinstance(value, SourceSpan):
            found.append(value)
        elif isinstance(value, str):
            texts.add(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            stack.extend(getattr(value, f.name) for f in dataclasses.fields(value))
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
    return found, texts


def coverage(document: Document, records: object) -> Coverage:
    """How much of ``document`` the records came from."""
    # loaders read the tidied text (hyphens a converter dropped restored): a heading's words are matched as read
    document = tidy_document(document)
    covered: set[int] = set()
    spans, texts = record_values(records)
    for span in spans:
        covered.update(range(span.first, span.last + 1))

    def understood(span: SourceSpan, text: str = "") -> bool:
        # a heading whose words became a fact (a paragraph's section) is understood too
        return text in texts or any(line in covered for line in range(span.first, span.last + 1))

    units: list[tuple[str, SourceSpan, bool]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            rows = [(" ".join(r.cells), r.span, understood(r.span)) for r in block.rows]
            if block.header is not None:
                header_read = any(read for _, _, read in rows) or understood(block.header.span)
                rows.insert(0, (" ".join(block.header.cells), block.header.span, header_read))
            units += rows
        else:
            units.append((block.text, block.span, understood(block.span, block.text)))
    total = sum(len(text) for text, _, _ in units)
    read = sum(len(text) for text, _, ok in units if ok)
    return Coverage(
        share=read / total if total else 0.0,
        not_understood=tuple((" ".join(text.split()[:8]), span) for text, span, ok in units if not ok and text.strip()),
    )
