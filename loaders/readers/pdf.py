"""PDF through pdfplumber: tables as cells, text outside them as headings, paragraphs and footnotes.

Each page's ruled tables are read as rows of cells; a table part on a later page
whose header repeats the table's header continues it (the repeated header is
dropped), and a row the page break cut in two comes out as a first row whose
key cells are empty, which the family's loader joins to the row above. Text
outside the tables becomes paragraphs, split where the vertical gap between lines
opens or a line starts with a paragraph number; a line in a larger type than the
body is a heading. Spans count the reader's text (one line per paragraph,
heading, footnote or table row) and give the page, and for rows the row of the
table part on that page, counted below its header.
"""

import re
from collections import Counter
from collections.abc import Mapping
from io import BytesIO
from statistics import median
from typing import Any, Literal, TypedDict, cast

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page as PdfPage
from pdfplumber.utils.exceptions import PdfminerException

from okg.errors import SourceError
from okg.loaders.readers.model import Block, Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.text import TextLines, footnote, paragraph_number, repeats_header
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_ENDED = re.compile(r"[.!?:;][\"”’)\]]*$")
_HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-\n(?=\w)")
# A gap between two lines larger than this share of the line height starts a new paragraph.
_PARAGRAPH_GAP = 0.6
# A paragraph whose lines all take less than this share of the page's width keeps its line breaks.
_SHORT_LINE = 0.45
# A footnote call is set at most this share of its line's type size.
_CALL_SIZE = 0.9
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A line whose type is this much larger than the body's is a heading.
_HEADING_SCALE = 1.15
# Lines within this share of the page's height from its top or bottom edge, which come back (their digits aside) on
# two pages or more, are the page's furniture: a running header ("GB.346/PFA/9"), a page number, what a browser
# prints around a page (its title and the time, its address and "1/2").
_MARGIN = 0.05


class _Char(TypedDict):
    """The fields this reader reads of a character pdfplumber gives (as a dict, with more fields)."""

    text: str
    fontname: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float


class _Line(TypedDict):
    """A line of text as pdfplumber's ``extract_text_lines(return_chars=True)`` gives it (as a dict)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list[_Char]


# A page's items in reading order: where each starts (its top), and a table's cells or a paragraph's lines.
_Item = tuple[float, Literal["table"], list[list[str | None]]] | tuple[float, Literal["text"], list[_Line]]


def read_pdf(raw: bytes, source: str) -> Document:
    """The blocks of a PDF, page by page."""
    try:
        pdf = pdfplumber.open(BytesIO(raw))
        pages = list(pdf.pages)
    except (PDFSyntaxError, PdfminerException, ValueError) as error:
        raise SourceError(source, f"not a readable PDF ({error})") from None
    with pdf:
        lines = TextLines()
        blocks: list[Block] = []
        laid_out: list[list[_Item]] = []
        margins: list[list[_Line]] = []
        for number, page in enumerate(pages, start=1):
            try:
                items, margin = _layout(page)
            except (PdfminerException, ValueError, KeyError) as error:
                raise SourceError(source, f"page {number} cannot be read ({error})") from None
            laid_out.append(items)
            margins.append(margin)
        recurring = Counter(key for margin in margins for key in {_furniture_key(line) for line in margin})
        debris: list[tuple[str, SourceSpan]] = []
        body_size = _body_size([item[2] for page_items in laid_out for item in page_items if item[1] == "text"])
        for number, (page_items, margin) in enumerate(zip(laid_out, margins), start=1):
            page_items += [(line["top"], "text", [line]) for line in margin if recurring[_furniture_key(line)] < 2]  # text set near an edge
            furniture = [(line["top"], collapse_spaces(line["text"])) for line in margin if recurring[_furniture_key(line)] > 1]
            for item in sorted([*page_items, *furniture], key=lambda entry: entry[0]):
                if len(item) == 2:  # the page's furniture, where it stands among the page's lines
                    debris.append((item[1], lines.add(item[1], number)))
                elif item[1] == "table":
                    _table(item[2], number, blocks, lines)
                else:
                    _text_block(item[2], number, body_size, blocks, lines, float(pages[number - 1].width))
        return Document(source=source, format="pdf", blocks=tuple(blocks), lines=tuple(lines.lines), pages=len(pages), debris=tuple(debris))


def _furniture_key(line: _Line) -> str:
    """A margin line's words with its numbers left out: page 1's footer and page 2's are one."""
    return re.sub(r"\d+", "#", collapse_spaces(line["text"]))


def _layout(page: PdfPage) -> tuple[list[_Item], list[_Line]]:
    """A page's tables and paragraphs in reading order, top to bottom, and apart the lines set at its top or bottom
    edge (its furniture, when they come back on other pages)."""
    words_bottom = max((char["bottom"] for char in page.chars), default=None)
    # A row cut by the page break has no rule below it; a rule under the page's last
    # text closes its cells, so the cut row stays in the table.
    settings = {"explicit_horizontal_lines": [words_bottom + 1]} if words_bottom is not None else {}
    tables = page.find_tables(table_settings=settings)
    items: list[_Item] = [(t.bbox[1], "table", t.extract()) for t in tables]
    outside = page.filter(lambda obj: not any(_inside(obj, t.bbox) for t in tables))
    # pdfplumber types its objects as plain dicts (str -> Any): these are lines of text with their characters
    text_lines = cast(list[_Line], outside.extract_text_lines(return_chars=True))
    height = float(page.height)
    margin = [line for line in text_lines if line["bottom"] < _MARGIN * height or line["top"] > (1 - _MARGIN) * height]
    body = [line for line in text_lines if not any(line is edge for edge in margin)]
    for paragraph in _paragraphs(_with_calls(body)):
        items.append((paragraph[0]["top"], "text", paragraph))
    return sorted(items, key=lambda entry: entry[0]), margin


def _body_size(paragraphs: list[list[_Line]]) -> float:
    """The type size most of the text outside tables is set in."""
    sizes = [round(char["size"], 1) for group in paragraphs for line in group for char in line["chars"]]
    return max(set(sizes), key=sizes.count) if sizes else 0.0


def _joined(text: str) -> str:
    """Lines of a cell or paragraph as one text; a line ending in a hyphen goes on without a space."""
    return collapse_spaces(_HYPHEN_AT_LINE_END.sub("-", text))


def _inside(obj: Mapping[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    """Whether the middle of a pdfplumber object (a dict of any kind of object: char, rect, curve...) is in ``bbox``."""
    x0, top, x1, bottom = bbox
    middle_x: float = (obj["x0"] + obj["x1"]) / 2
    middle_y: float = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _with_calls(text_lines: list[_Line]) -> list[_Line]:
    """Footnote calls set small and raised, which come out as lines of their own, put back into their line.

    A line of small digits that sits on the top of the next line is that line's footnote call (or a
    footnote's number): it goes back in at its place, as the superscript digits it is printed as.
    """
    merged: list[_Line] = []
    pending: list[_Line] = []
    for line in text_lines:
        text = line["text"].strip()
        if text.isdigit() and line["chars"]:
            pending.append(line)
            continue
        for call in pending:
            size = max((c["size"] for c in line["chars"]), default=0)
            if call["chars"][0]["size"] < size * _CALL_SIZE and line["top"] - call["bottom"] < size * 0.5:
                line = _insert_call(line, call)
            else:
                merged.append(call)
        pending = []
        merged.append(line)
    return merged + pending


def _insert_call(line: _Line, call: _Line) -> _Line:
    """``line`` with the digits of ``call`` put in after the last glyph left of them."""
    before = sum(1 for c in line["chars"] if c["x1"] <= call["x0"] + 0.5 and c["text"].strip())
    position, seen = 0, 0
    while position < len(line["text"]) and seen < before:
        seen += bool(line["text"][position].strip())
        position += 1
    digits = call["text"].strip().translate(_SUPERSCRIPT)
    text = f"{line['text'][:position]} {digits} {line['text'][position:]}".strip()
    return {**line, "text": text}


def _paragraphs(text_lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into paragraphs by the gaps between them and by paragraph numbers."""
    groups: list[list[_Line]] = []
    for line in text_lines:
        if groups:
            previous = groups[-1][-1]
            height = previous["bottom"] - previous["top"]
            gap = line["top"] - previous["bottom"]
            if gap <= _PARAGRAPH_GAP * height and paragraph_number(line["text"])[0] is None and not footnote(line["text"]):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _text_block(group: list[_Line], page: int, body_size: float, blocks: list[Block], lines: TextLines, width: float) -> None:
    if len(group) > 1 and all(line["x1"] - line["x0"] < width * _SHORT_LINE for line in group):
        # Lines far shorter than the page's are set one under another (an address), not wrapped.
        text = "\n".join(collapse_spaces(line["text"]) for line in group)
    else:
        text = _joined("\n".join(line["text"] for line in group))
    if not text:
        return
    span = lines.add(text.replace("\n", " "), page)
    sizes = [char["size"] for line in group for char in line["chars"] if char["text"].strip()]
    if sizes and median(sizes) > body_size * _HEADING_SCALE:
        blocks.append(Heading(text, None, span))
    elif note := footnote(text):
        blocks.append(Footnote(note[0], note[1], span))
    else:
        number, words = paragraph_number(text)
        emphasis = _bold_phrases(group)
        previous = blocks[-1] if blocks else None
        if number is None and isinstance(previous, (Paragraph, Footnote)) and previous.span.page == page - 1 and not _ENDED.search(previous.text):
            # The page break cut this paragraph (or footnote): its first part ends the previous page unfinished.
            joined = _joined(f"{previous.text}\n{words}")
            if isinstance(previous, Footnote):
                blocks[-1] = Footnote(previous.number, joined, previous.span.widen(span.last))
            else:
                blocks[-1] = Paragraph(joined, previous.number, previous.span.widen(span.last), previous.emphasis + emphasis)
            return
        blocks.append(Paragraph(words.strip(), number, span, emphasis))


def _bold_phrases(group: list[_Line]) -> tuple[str, ...]:
    """Runs of characters set in a bold face, each run one phrase; a run may go on to the next line."""
    phrases: list[str] = []
    current = ""
    for line in group:
        previous: _Char | None = None
        for char in line["chars"]:
            bold = "Bold" in char.get("fontname", "") or "Black" in char.get("fontname", "")
            if previous is not None and char["x0"] == previous["x0"] and char["text"] == previous["text"]:
                continue  # pdfplumber lists a ligature once per letter it stands for
            if bold and char["text"].strip():
                if previous is None:  # the phrase's start, or its next line (no space after a hyphen)
                    space = bool(current) and not current.endswith("-")
                else:
                    space = char["x0"] - previous["x1"] > char["size"] * 0.15
                current += (" " if space else "") + char["text"].translate(_LIGATURES)
                previous = char
            elif char["text"].strip():
                if current:
                    phrases.append(current)
                current, previous = "", None
        previous = None
    if current.strip():
        phrases.append(current)
    found = (collapse_spaces(p) for p in phrases)
    return tuple(p for p in found if p and not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.", p))


def _table(extracted: list[list[str | None]], page: int, blocks: list[Block], lines: TextLines) -> None:
    cells = [[_joined(cell or "") for cell in row] for row in extracted]
    cells = [row for row in cells if any(row)]
    if not cells:
        return
    previous = next((b for b in reversed(blocks) if isinstance(b, Table)), None)
    previous_header = previous.header if previous is not None else None
    first = Row(tuple(cells[0]), SourceSpan(0, 0))
    if previous_header is not None and repeats_header(first, previous_header):
        header, body, continues = first, cells[1:], True  # the header repeated on a new page
    elif previous_header is not None and len(cells[0]) == len(previous_header.cells):
        header, body, continues = None, cells, True  # a continuation without the header repeated
    else:
        header, body, continues = first, cells[1:], False
    header_span = lines.add("\t".join(header.cells), page) if header is not None else None
    rows = []
    for position, row in enumerate(body, start=1):
        rows.append(Row(tuple(row), lines.add("\t".join(row), page, position)))
    spans = [s for s in [header_span, *(r.span for r in rows)] if s is not None]
    header_row = Row(header.cells, header_span) if header is not None and header_span is not None else None
    blocks.append(Table(header_row, tuple(rows), continues, SourceSpan(spans[0].first, spans[-1].last, page)))
