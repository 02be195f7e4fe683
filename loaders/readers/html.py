"""HTML pages (saved from a document site, or made by any converter): headings, paragraphs, lists, tables.

Spans count the page's own source lines (lxml's ``sourceline``) and, for tables,
the row below the header. Site furniture (navigation, banners, page headers and
footers, scripts, forms) is left out and listed as debris.
"""

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from okg.errors import SourceError
from okg.loaders.readers.model import Block, Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.text import continues_table, footnote, paragraph_number, repeats_header
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces

_FURNITURE = {"nav", "header", "footer", "script", "style", "noscript", "form", "button", "aside", "template", "svg"}
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "pre",
}
_HEADING = re.compile(r"^h([1-6])$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Lines a browser or a site prints around the text: "Page 1:", "Page 3 of 12".
_PAGE_LINE = re.compile(r"^Page \d+(?: of \d+)?:?$", re.IGNORECASE)


def read_html(text: str, source: str) -> Document:
    """The blocks of an HTML page."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise SourceError(source, f"not a readable HTML page ({error})") from None
    debris: list[tuple[str, SourceSpan]] = []
    for element in list(root.iter(*_FURNITURE)):
        if element.getparent() is not None:
            words = _text(element)
            if words and element.tag not in ("script", "style", "template", "svg"):
                debris.append((words, _span(element)))
            element.drop_tree()
    blocks: list[Block] = []
    body = found if (found := root.find("body")) is not None else root
    _walk(body, blocks, debris, in_notes=False)
    lines = text.splitlines()
    return Document(
        source=source, format="html", blocks=tuple(blocks), lines=tuple(lines), debris=tuple(sorted(debris, key=lambda item: item[1].first))
    )


def _walk(element: etree._Element, blocks: list[Block], debris: list[tuple[str, SourceSpan]], in_notes: bool) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        notes = in_notes or child.get("role") in ("doc-endnotes", "doc-footnotes") or "footnotes" in (child.get("class") or "")
        if heading := _HEADING.match(tag):
            if words := _text(child):
                blocks.append(Heading(words, int(heading.group(1)), _span(child)))
        elif tag == "table":
            _table(child, blocks)
        elif tag == "li" and notes:
            blocks.append(Footnote(_position_in_list(child), _text(child), _span(child)))
        elif tag in ("p", "li", "dt", "dd", "pre", "blockquote") or (
            tag == "div" and not any(isinstance(c.tag, str) and c.tag.lower() in _BLOCK for c in child)
        ):
            _paragraph(child, blocks, debris)
        else:
            _walk(child, blocks, debris, notes)


def _paragraph(element: etree._Element, blocks: list[Block], debris: list[tuple[str, SourceSpan]]) -> None:
    words = _text(element, breaks=True)
    if not words:
        return
    span = _span(element)
    if _PAGE_LINE.match(words):
        debris.append((words, span))
        return
    if note := footnote(words):
        blocks.append(Footnote(note[0], note[1], span))
        return
    number, text = paragraph_number(words)
    emphasis = tuple(
        phrase for bold in element.iter("b", "strong") if (phrase := _text(bold)) and not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.", phrase)
    )
    if number is None and _name(element) == "li" and (parent := element.getparent()) is not None and _name(parent) == "ol":
        number = str(_position_in_list(element))
    blocks.append(Paragraph(text.strip(), number, span, emphasis))


def _position_in_list(item: etree._Element) -> int:
    """An ordered-list item's printed number: its ``value``, or the list's ``start`` plus its place."""
    if item.get("value", "").isdigit():
        return int(item.get("value", ""))
    parent = item.getparent()
    start = int(parent.get("start", "")) if parent is not None and (parent.get("start") or "").isdigit() else 1
    siblings = [c for c in parent if isinstance(c.tag, str) and c.tag.lower() == "li"] if parent is not None else [item]
    return start + siblings.index(item)


def _table(element: etree._Element, blocks: list[Block]) -> None:
    rows: list[Row] = []
    header: Row | None = None
    body_row = 0
    spanning: dict[int, _Spanning] = {}  # grid column -> a cell above spanning down to it
    for tr in element.iter("tr"):
        if _nearest_table(tr) is not element:
            continue  # a row of a table nested in a cell
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        texts = _grid_row(cells, spanning)
        in_head = any(a.tag.lower() == "thead" for a in tr.iterancestors() if isinstance(a.tag, str))
        if header is None and not rows and (in_head or all(_name(c) == "th" for c in cells)):
            header = Row(tuple(texts), _span(tr))
            continue
        if header is not None and repeats_header(Row(tuple(texts), _span(tr)), header):
            continue  # the header printed again further down
        body_row += 1
        rows.append(Row(tuple(texts), SourceSpan(tr.sourceline or 0, tr.sourceline or 0, None, body_row)))
    if header is None and rows:
        header, rows = Row(rows[0].cells, SourceSpan(rows[0].span.first, rows[0].span.last)), rows[1:]
    if header is None:
        return
    continues = continues_table(header, blocks)
    last = rows[-1].span.last if rows else header.span.last
    blocks.append(Table(header, tuple(rows), continues, SourceSpan(header.span.first, last)))


# A footnote call's words: its number, bare or in brackets.
_CALL = re.compile(r"\[?(\d{1,3})\]?")


@dataclass
class _Spanning:
    """A cell spanning rows: its text, and how many rows below it still spans."""

    text: str
    below: int


def _grid_row(cells: list[etree._Element], spanning: dict[int, _Spanning]) -> list[str]:
    """A row's texts by grid column: a cell spanning columns is followed by empty ones; a cell spanning rows from a row
    above stands in each row it spans with its text, as Word's merged cells read (the row's facts are its too)."""
    texts: list[str] = []
    remaining = iter(cells)
    while True:
        column = len(texts)
        if column in spanning:
            texts.append(spanning[column].text)
            spanning[column].below -= 1
            if not spanning[column].below:
                del spanning[column]
            continue
        cell = next(remaining, None)
        if cell is None:
            if any(spanned > column for spanned in spanning):  # a short row: the spans right of it are used up too
                texts.append("")
                continue
            break
        text, across, down = _text(cell), _count(cell.get("colspan")), _count(cell.get("rowspan"))
        for offset in range(across):
            texts.append(text if offset == 0 else "")
            if down > 1:
                spanning[column + offset] = _Spanning(text if offset == 0 else "", down - 1)
    return texts


def _count(attribute: str | None) -> int:
    """A colspan or rowspan: 1 when absent or not a number."""
    return int(attribute) if attribute and attribute.strip().isdigit() and int(attribute) > 0 else 1


def _name(element: etree._Element) -> str:
    """An element's tag in lower case ("" for a comment or a processing instruction, whose tag is no name)."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _nearest_table(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if isinstance(a.tag, str) and a.tag.lower() == "table"), None)


def _footnote_call(node: etree._Element) -> str | None:
    """The number of a footnote call: a superscript number ("<sup>4</sup>", "<sup><a href="#fn4">4</a></sup>",
    "<sup>[4]</sup>"), or a link within the page whose words are such a number (Word's "<a href="#_ftn4"><sup>[4]</sup>
    </a>"); None for anything else."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    linked_here = tag == "a" and (node.get("href") or "").startswith("#")
    if tag != "sup" and not (linked_here and any(isinstance(d.tag, str) and d.tag.lower() == "sup" for d in node.iterdescendants())):
        return None
    number = _CALL.fullmatch("".join(node.itertext()).strip())
    return number.group(1) if number else None


def _span(element: etree._Element) -> SourceSpan:
    line = element.sourceline or 0
    return SourceSpan(line, line)


def _text(element: etree._Element, breaks: bool = False) -> str:
    """An element's words: block children and line breaks separate words, inline tags do not.

    With ``breaks``, a line break (``<br>``) stays a newline.
    """
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            parts.append(node.tail or "")
            return
        if breaks and node.tag.lower() == "br":
            parts.append("\n" + (node.tail or ""))
            return
        if (call := _footnote_call(node)) is not None:
            # a footnote call: its number as the superscript digits it is printed in
            parts.append(" " + call.translate(_SUPERSCRIPT) + (node.tail or ""))
            return
        block = node.tag.lower() in _BLOCK
        if block:
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            visit(child)
        if block:
            parts.append(" ")
        parts.append(node.tail or "") if node is not element else None

    visit(element)
    lines = "".join(parts).replace("\u00a0", " ").split("\n")
    return "\n".join(line for line in (collapse_spaces(line) for line in lines) if line)
