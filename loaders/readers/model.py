"""The document model every reader yields and every loader reads.

A document is a sequence of blocks in reading order: headings, paragraphs
(numbered or not), tables with rows of cells, and footnotes. Each block knows
where it came from: the lines of the document's text (``Document.lines``), and
the page and table row where the format has them. Loaders read this structure
and never the marks of the program that produced the file.
"""

from dataclasses import dataclass

from okg.loaders.spans import SourceSpan


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` 1 is the highest (a title), None when the format does not say.

    ``marked`` is False for a line the reader took for a heading only from how it
    stands (short, unpunctuated, a paragraph right below it) in a text that marks
    no headings: its rank (section or sub-heading) is for the family's loader to judge.
    """

    text: str
    level: int | None
    span: SourceSpan
    marked: bool = True


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``number`` is its printed number ("5", "1.1") when the format numbers it.

    ``emphasis`` holds the phrases set in bold (or strong emphasis), in order; a line
    break the text forces (not a wrap) is kept as a newline in ``text``.
    """

    text: str
    number: str | None
    span: SourceSpan
    emphasis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Footnote:
    """A footnote's text and its number."""

    number: int
    text: str
    span: SourceSpan


@dataclass(frozen=True)
class Row:
    """One row of a table: its cells' texts (whitespace collapsed) and where it stands."""

    cells: tuple[str, ...]
    span: SourceSpan


@dataclass(frozen=True)
class Table:
    """A table, or the part of one that a page (or the text) holds.

    ``header`` is the header row when the part has one. A part whose header repeats
    the header of the table before it continues that table (``continues`` is True):
    page breaks split long tables into such parts.
    """

    header: Row | None
    rows: tuple[Row, ...]
    continues: bool
    span: SourceSpan


Block = Heading | Paragraph | Footnote | Table


@dataclass(frozen=True)
class Document:
    """A source file read into blocks.

    ``lines`` is the document's text, the lines every span counts: the file itself
    for text, the reader's text (one line per paragraph, heading, footnote or table
    row, cells separated by tabs) for PDF, Word and HTML. ``debris`` lists what the
    reader left out as no part of the text (site banners, running page headers),
    with where it stood, so a build can report it.
    """

    source: str
    format: str  # "text", "pdf", "docx" or "html"
    blocks: tuple[Block, ...]
    lines: tuple[str, ...]
    pages: int | None = None
    debris: tuple[tuple[str, SourceSpan], ...] = ()

    @property
    def text(self) -> str:
        """The document's text, its lines joined."""
        return "\n".join(self.lines)
