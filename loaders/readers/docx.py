"""Word documents (.docx) through python-docx: headings, paragraphs with their list numbers, tables.

Spans count the reader's text (one line per paragraph and per table row, see
:class:`loaders.readers.text.TextLines`); a table row's span also gives its row
below the header. Word has no pages until it lays the text out, so no page.
"""

import re
from io import BytesIO
from typing import TYPE_CHECKING, cast
from zipfile import BadZipFile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from okg.errors import SourceError
from okg.loaders.readers.model import Block, Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.text import TextLines, continues_table, footnote, paragraph_number, repeats_header
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces

if TYPE_CHECKING:
    from docx.oxml.numbering import CT_NumPr
    from docx.oxml.shared import CT_DecimalNumber


def read_docx(raw: bytes, source: str) -> Document:
    """The blocks of a Word document."""
    try:
        word = docx.Document(BytesIO(raw))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise SourceError(source, f"not a readable Word document ({error})") from None
    lines = TextLines()
    blocks: list[Block] = []
    numbering = _ListNumbers(word)
    # Word numbers footnotes in the order they are called, whatever their ids.
    called = [n.get(qn("w:id")) for n in word.element.body.iter(qn("w:footnoteReference"))]
    notes = {note_id: str(position) for position, note_id in enumerate(dict.fromkeys(called), start=1)}
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:p"):
            _paragraph(WordParagraph(element, word), blocks, lines, numbering, notes)
        elif element.tag == qn("w:tbl"):
            _table(WordTable(element, word), blocks, lines)
    _footnotes(word, blocks, lines, notes)
    return Document(source=source, format="docx", blocks=tuple(blocks), lines=tuple(lines.lines))


def _words(element: etree._Element, notes: dict[str, str]) -> str:
    """The text of a paragraph's XML: a line break stays a newline, a footnote reference becomes its
    number in superscript digits (as printed), deleted text and field codes are left out."""
    parts = []
    for node in element.iter():
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:footnoteReference"):
            parts.append(" " + notes.get(node.get(qn("w:id"), ""), "").translate(_SUPERSCRIPT))
    return "\n".join(line for line in (collapse_spaces(part) for part in "".join(parts).split("\n")) if line)


def _footnotes(word: docx.document.Document, blocks: list[Block], lines: TextLines, notes: dict[str, str]) -> None:
    """Word's footnotes (its footnotes part), after the body, numbered as Word numbers them."""
    try:
        part = word.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return
    for note in etree.fromstring(part.blob).iter(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = collapse_spaces(" ".join(_words(p, notes) for p in note.iter(qn("w:p"))))
        note_id = note.get(qn("w:id"))
        if text and note_id in notes:
            blocks.append(Footnote(int(notes[note_id]), text, lines.add(text)))


def _paragraph(paragraph: WordParagraph, blocks: list[Block], lines: TextLines, numbering: "_ListNumbers", notes: dict[str, str]) -> None:
    text = _words(paragraph._p, notes)
    if not text:
        return
    style = paragraph.style.name if paragraph.style is not None else ""
    span = lines.add(text.replace("\n", " "))
    if style == "Title" or style.startswith("Heading"):
        level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
        blocks.append(Heading(text, level, span))
        return
    if note := footnote(text):
        blocks.append(Footnote(note[0], note[1], span))
        return
    number, text = paragraph_number(text)
    if number is None:
        number = numbering.number(paragraph)
    blocks.append(Paragraph(text.strip(), number, span, _bold_phrases(paragraph)))


def _bold_phrases(paragraph: WordParagraph) -> tuple[str, ...]:
    """Runs of bold text, each run of consecutive bold runs one phrase."""
    phrases: list[str] = []
    current: list[str] = []
    for run in paragraph.runs:
        if run.bold:
            current.append(run.text)
        elif run.text.strip() and current:
            phrases.append(collapse_spaces("".join(current)))
            current = []
    if current:
        phrases.append(collapse_spaces("".join(current)))
    return tuple(p for p in phrases if p and not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.", p))


def _table(table: WordTable, blocks: list[Block], lines: TextLines) -> None:
    header: Row | None = None
    rows: list[Row] = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is listed once per grid column it spans
            seen.add(id(cell._tc))
            cells.append(collapse_spaces(" ".join(p.text for p in cell.paragraphs)))
        marked_header = row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        if header is not None and (marked_header or repeats_header(Row(tuple(cells), SourceSpan(0, 0)), header)):
            continue  # the header row repeated
        span = lines.add("\t".join(cells), None, None if header is None else len(rows) + 1)
        if header is None:
            header = Row(tuple(cells), span)
        else:
            rows.append(Row(tuple(cells), span))
    if header is None:
        return
    continues = continues_table(header, blocks)
    last = rows[-1].span.last if rows else header.span.last
    blocks.append(Table(header, tuple(rows), continues, SourceSpan(header.span.first, last)))


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _ListNumbers:
    """The numbers Word prints before the items of numbered lists, counted as Word counts them."""

    def __init__(self, word: docx.document.Document) -> None:
        self._starts: dict[tuple[str, str], int] = {}
        self._formats: dict[tuple[str, str], str] = {}
        self._counts: dict[tuple[str, str], int] = {}
        try:
            numbering = word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            reference = num.find(qn("w:abstractNumId"))
            definition = abstract.get(reference.get(qn("w:val"))) if reference is not None else None
            for level in definition.findall(qn("w:lvl")) if definition is not None else []:
                key = (num_id, level.get(qn("w:ilvl")))
                start, number_format = level.find(qn("w:start")), level.find(qn("w:numFmt"))
                self._starts[key] = int(start.get(qn("w:val"))) if start is not None else 1
                self._formats[key] = number_format.get(qn("w:val")) if number_format is not None else "decimal"
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    self._starts[(num_id, override.get(qn("w:ilvl")))] = int(start.get(qn("w:val")))

    def number(self, paragraph: WordParagraph) -> str | None:
        """The item's number when the paragraph is an item of a decimal numbered list."""
        properties = paragraph._p.pPr
        # python-docx types an optional child (ZeroOrOne) as its descriptor, not as the element or None it reads as
        numbered = cast("CT_NumPr | None", properties.numPr) if properties is not None else None
        num_id = cast("CT_DecimalNumber | None", numbered.numId) if numbered is not None else None
        if numbered is None or num_id is None:
            return None
        level = cast("CT_DecimalNumber | None", numbered.ilvl)
        key = (str(num_id.val), str(level.val if level is not None else 0))
        if self._formats.get(key, "decimal") != "decimal":
            return None
        self._counts[key] = self._counts.get(key, self._starts.get(key, 1) - 1) + 1
        return str(self._counts[key])
