"""Plain text from any converter: lines with tabs are table rows, other lines paragraphs.

Nothing here knows one converter. A paragraph is a run of non-blank lines; a line
that opens with a paragraph number ("12. The Office …", or "12." alone on its line
with the text on the next) starts a new one, and where a line ends its paragraph,
stands as a heading, or is a running header or footer is told from how the lines
stand (:mod:`loaders.readers.text_lines`: wrapping, page breaks). A line made of
digits in superscript followed by text is a footnote. Tab-separated lines are
table rows; a run of them is a table part, and a part whose first row repeats the
header of the table before it (a page break repeating the header) continues that
table, as does a headerless part with as many cells as that table. Tables that no tabs
set apart (cells placed by spacing, or written one under another) are found by
:mod:`loaders.readers.text_tables`.
"""

import re
from dataclasses import replace

from okg.errors import SourceError
from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.readers.model import Block, Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.text_lines import line_standing
from okg.loaders.readers.text_tables import tables_in_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import clean_cell, collapse_spaces

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE = re.compile(r"^(?P<number>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(?P<text>\S.*)$", re.DOTALL)
_NUMBER_FIRST = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,2})*)\.(?:\s+(?P<text>\S.*))?$", re.DOTALL)
_NUMBER_PREFIX = re.compile(r"^\**\d{1,3}(?:\.\d{1,2})*\.\**\s*")
_NUMBER_ONLY = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.")
# Headings: Markdown's "# Title", "## Section", or a line opened by an arrow ("▶ Introduction"),
# or by the "? " an editor saving as Windows-1252 leaves in the arrow's place.
_MARKDOWN_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+)$")
_ARROW_HEADING = re.compile(r"^(?:[▶►]\s*|\?\s+)(?P<text>\S.*)$")
# Decoration before a heading's words: an arrow, or the "?" an editor left in its place.
_DECORATION = re.compile(r"^[^\w*“\"'(\[]+")
_LIST_ITEM = re.compile(r"^[-•]\s+(?P<text>.*)$")
_EMPHASIS = re.compile(r"\*{2,3}(?P<phrase>[^*]+?)\*{2,3}")
_MARKUP = re.compile(r"\*+")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\([^)]*\)")
# A table rule drawn with dashes ("-----\t-----", "|---|---|"): layout, not content.
_RULE = re.compile(r"^[-|+:=\s]*-[-|+:=\s]*$")
_WRAPPED_HYPHEN = re.compile(r"\w-$")


def decode(raw: bytes, source: str) -> str:
    """The text of a file's bytes: UTF-8 with or without a byte-order mark; anything else refused clearly."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise SourceError(source, f"not a text file (NUL byte at offset {nul})", raw[:nul].count(b"\n") + 1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1252")
            hint = "; it looks like Windows-1252: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise SourceError(source, f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}){hint}", line) from None


def footnote(text: str) -> tuple[int, str] | None:
    """A footnote's number and text, when ``text`` opens with its number in superscript digits."""
    match = _FOOTNOTE.match(text.strip())
    if match is None:
        return None
    return int(match.group("number").translate(_SUPERSCRIPT_DIGITS)), collapse_spaces(match.group("text"))


def paragraph_number(text: str) -> tuple[str | None, str]:
    """A paragraph's printed number ("12." at its start) and its text without it."""
    match = _NUMBER_FIRST.match(text.strip())
    if match is None:
        return None, text
    return match.group("number"), match.group("text") or ""


class TextLines:
    """The text of a document read from PDF, Word or HTML: one line per block or table row.

    Spans of such documents count these lines, so each record can be found again in
    the reader's text and, through page and row, in the original.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, text: str, page: int | None = None, row: int | None = None) -> SourceSpan:
        """Add a line; return its span."""
        self.lines.append(text)
        return SourceSpan(len(self.lines), len(self.lines), page, row)


def read_text(text: str, source: str, profiles: Profiles = SHIPPED) -> Document:
    """The blocks of a plain text; spans count the text's own lines. Tables laid out by spacing are found with the
    column words of the ``profiles`` in use."""
    # Form feeds (pdftotext opens each page with one) are dropped from the lines, so spans count lines as an
    # editor does; they give each block its page.
    standing = line_standing(text)
    lines = list(standing.lines)
    tables_found = {table.first: table for table in tables_in_text(lines, profiles)}  # tables no tabs part
    in_tables = {n for table in tables_found.values() for n in range(table.first, table.last + 1)}
    blocks: list[Block] = []
    paragraph: list[str] = []  # the paragraph's lines as printed, markup included
    paragraph_number: str | None = None
    paragraph_first = 0
    footnote_number: int | None = None  # the paragraph being read is this footnote
    last_read = 0  # the index of the paragraph's last line read
    rows: list[Row] = []

    def end_paragraph(last: int) -> None:
        nonlocal paragraph, paragraph_number, footnote_number
        if paragraph:
            text, emphasis = _inline(paragraph)
            if footnote_number is not None:
                blocks.append(Footnote(footnote_number, text, span(paragraph_first, last)))
            else:
                blocks.append(Paragraph(text, paragraph_number, span(paragraph_first, last), emphasis))
        paragraph, paragraph_number, footnote_number = [], None, None

    def span(first: int, last: int) -> SourceSpan:
        return SourceSpan(first, last, standing.pages[first - 1])

    def end_table() -> None:
        if rows:
            blocks.append(_table_part(rows, blocks))
            rows.clear()

    for index, line in enumerate(lines):
        number = index + 1
        if number in in_tables:
            if number in tables_found:
                end_paragraph(number - 1)
                end_table()
                blocks.extend(_on_pages(part, standing.pages) for part in tables_found[number].parts)
            continue
        if index in standing.furniture:
            continue  # a running header or footer: reported as debris, and no break in the paragraph it stands in
        if "\t" in line:
            end_paragraph(number - 1)
            if not _RULE.match(line):
                rows.append(Row(tuple(clean_cell(cell) for cell in line.split("\t")), span(number, number)))
            continue
        end_table()
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            if not stripped and paragraph and not standing.ends_paragraph[last_read]:
                continue  # the foot of a page the paragraph goes on after
            end_paragraph(number - 1)
            continue
        if heading := (_MARKDOWN_HEADING.match(stripped) or _ARROW_HEADING.match(stripped)):
            end_paragraph(number - 1)
            level = len(heading.group("marks")) if heading.groupdict().get("marks") else None
            words = _inline([_DECORATION.sub("", heading.group("text"))])[0]
            blocks.append(Heading(words, level, span(number, number)))
            continue
        if footnote := _FOOTNOTE.match(stripped):
            end_paragraph(number - 1)
            footnote_number = int(footnote.group("number").translate(_SUPERSCRIPT_DIGITS))
            paragraph_first, last_read = number, index
            paragraph.append(footnote.group("text"))  # its wrapped lines follow
            if standing.ends_paragraph[index]:
                end_paragraph(number)
            continue
        item = _LIST_ITEM.match(stripped)
        content = item.group("text") if item else stripped
        numbered = _NUMBER_FIRST.match(_MARKUP.sub("", content).strip())
        if standing.stands_as_heading[index] and not (numbered or item or paragraph):
            blocks.append(Heading(_inline([content])[0], None, span(number, number), marked=False))
            continue
        if numbered or item:
            end_paragraph(number - 1)
            paragraph_first = number
            if numbered:
                paragraph_number = numbered.group("number")
                # the text after the number, its emphasis kept: "**5.** Part I" -> "Part I"
                content = _NUMBER_PREFIX.sub("", content, count=1)
        elif not paragraph:
            paragraph_first = number
        hard_break = line.endswith("  ")  # two spaces: a line break within the paragraph
        paragraph.append(content + ("  " if hard_break else ""))
        last_read = index
        if not hard_break and standing.ends_paragraph[index] and not (numbered and not numbered.group("text")):
            end_paragraph(number)  # the next line does not go on with this paragraph
    end_paragraph(len(lines))
    end_table()
    return Document(source=source, format="text", blocks=tuple(blocks), lines=tuple(lines), pages=standing.page_count, debris=standing.debris())


def _on_pages(table: Table, pages: tuple[int | None, ...]) -> Table:
    """A table part found among the lines, its spans given the pages their first lines stand on."""

    def paged(span: SourceSpan) -> SourceSpan:
        return replace(span, page=pages[span.first - 1])

    def paged_row(row: Row) -> Row:
        return replace(row, span=paged(row.span))

    header = paged_row(table.header) if table.header is not None else None
    return replace(table, header=header, rows=tuple(paged_row(row) for row in table.rows), span=paged(table.span))


def _inline(lines: list[str]) -> tuple[str, tuple[str, ...]]:
    """A paragraph's text and its emphasised phrases from its printed lines.

    Markdown's inline marks are read as what they mean: ``**phrase**`` is emphasis,
    ``[text](address)`` is the text, two spaces ending a line are a line break.
    """
    parts = []
    for position, line in enumerate(lines):
        hard_break = line.endswith("  ") and position + 1 < len(lines)
        # a word hyphenated at the wrap ("Director-" / "General") goes on without a space, its hyphen kept
        joint = "\n" if hard_break else "" if _WRAPPED_HYPHEN.search(line) and position + 1 < len(lines) else " "
        parts.append(line.strip() + joint)
    raw = _LINK.sub(r"\g<text>", "".join(parts))
    emphasis = tuple(collapse_spaces(m.group("phrase")) for m in _EMPHASIS.finditer(raw) if not _NUMBER_ONLY.fullmatch(m.group("phrase").strip()))
    text = "\n".join(collapse_spaces(part) for part in _MARKUP.sub("", raw).split("\n"))
    return text.strip(), emphasis


def _table_part(rows: list[Row], blocks: list[Block]) -> Table:
    """A run of rows as a table part, joined to the table before it when it continues it."""
    previous = next((b for b in reversed(blocks) if isinstance(b, Table)), None)
    previous_header = previous.header if previous is not None else None
    span = SourceSpan(rows[0].span.first, rows[-1].span.last)
    if previous_header is not None and repeats_header(rows[0], previous_header):
        return Table(rows[0], tuple(rows[1:]), True, span)
    if previous_header is not None and len(rows[0].cells) == len(previous_header.cells):
        return Table(None, tuple(rows), True, span)
    return Table(rows[0], tuple(rows[1:]), False, span)


def continues_table(header: Row, blocks: list[Block]) -> bool:
    """Whether a table whose header is ``header`` continues the last table of ``blocks`` (its header repeated)."""
    previous = next((b for b in reversed(blocks) if isinstance(b, Table)), None)
    return previous is not None and previous.header is not None and repeats_header(header, previous.header)


def repeats_header(row: Row, header: Row) -> bool:
    """Whether ``row`` is ``header`` printed again (each cell the same, or the same words shortened)."""
    cells = [c for c in row.cells if c]
    names = [c for c in header.cells if c]
    return len(cells) == len(names) and all(
        a.casefold().startswith(b.casefold()) or b.casefold().startswith(a.casefold()) for a, b in zip(cells, names)
    )
