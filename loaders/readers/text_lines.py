"""How the lines of a plain text stand: pages, running headers and footers, where paragraphs end, headings.

Text from a converter (``pdftotext`` with or without ``-layout``, text copied from
a viewer) wraps each paragraph over lines of about the same width and marks
neither headings nor paragraph ends. They are told from how the lines stand:

- A form feed starts a page. Lines repeated at the top or the bottom of many
  pages, their numbers aside, with a page number among them (a document symbol
  and a page number), are running headers and footers: furniture, no part of
  the text.
- A blank line ends a paragraph, but for the blank lines at a page's foot: a
  paragraph the page break cuts goes on at the top of the next page.
- A line followed by a line starting in lower case was wrapped: the paragraph
  goes on, as it does on a line indented to where the text of the line above
  starts, past its paragraph number (``-layout`` keeps a hanging indent). Otherwise a line ends its paragraph when the next line's first word
  would have fitted on it (the converter did not wrap it there, so the writer
  ended it), with room to spare when the line closes no sentence; the wrap width is that of the lines a lower-case line goes on
  from, and a text without such lines is not wrapped at all. Widths are estimated from the characters, since type is
  proportional: narrow letters and punctuation count less, capitals and wide
  letters more.
- A line that ends its paragraph that way, has no closing punctuation, opens
  with a capital or a digit and is followed at once by a line opening with a
  capital, a digit or a bracket stands as a heading (a section's title, a
  front-page line), its rank for the family's loader to judge.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces, normalize_lines

_PAGE_BREAK = "\x00"  # stands for the form feed while lines are split (str.splitlines would split at it)
_NARROW = frozenset("fijlrtI.,;:'’!|()[]-– ")
_WIDE = frozenset("mwMW")
# A line whose width with the next line's first word stays under this share of the text's width was not wrapped.
_FITS = 0.99
# A line that closes no sentence ends its paragraph only when that word fits under this share: widths are
# estimated from the characters, and a sentence cut at a line's end ("… perception that the" / "ILO was …")
# is wrapped unless the line is clearly short (a title's last line).
_FITS_MID_SENTENCE = 0.95
# The share of the wrapped lines (by width) taken as the text's wrap width: the widest but for overlong lines.
_WIDTH_PERCENTILE = 0.95
_WRAPPED_LINES = 3
# How many lines at each end of a page may be running headers or footers.
_FURNITURE_LINES = 2
_ENDS_SENTENCE = re.compile(r"[.!?:;,][\"”’)\]*]*$")
_CALLS_AT_END = re.compile(r"(?:\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+)+$")
_DIGITS = re.compile(r"\d+")
# A word cut at the wrap ("Director-" / "General"): the line goes on, whatever the next one starts with.
_WRAPPED_HYPHEN = re.compile(r"\w-$")
_PARAGRAPH_NUMBER = re.compile(r"^ *\d{1,3}(?:\.\d{1,2})*\. +(?=\S)")


@dataclass(frozen=True)
class LineStanding:
    """What each line of a text is (indices count ``lines`` from 0)."""

    lines: tuple[str, ...]  # the text's lines, form feeds removed
    pages: tuple[int | None, ...]  # each line's page; None when the text has no form feeds
    page_count: int | None
    furniture: frozenset[int]  # running headers and footers
    ends_paragraph: tuple[bool, ...]  # the line ends its paragraph (blank and furniture lines: False)
    stands_as_heading: tuple[bool, ...]

    def debris(self) -> tuple[tuple[str, SourceSpan], ...]:
        """The furniture left out, with where it stood."""
        return tuple((collapse_spaces(self.lines[index]), SourceSpan(index + 1, index + 1, self.pages[index])) for index in sorted(self.furniture))


def line_standing(text: str) -> LineStanding:
    """The lines of ``text`` and how each stands."""
    marked = normalize_lines(text.replace("\f", _PAGE_BREAK))
    lines = tuple(line.replace(_PAGE_BREAK, "") for line in marked)
    page_count = None
    pages: list[int | None] = [None] * len(lines)
    if _PAGE_BREAK in "".join(marked):
        page = 1
        for index, line in enumerate(marked):
            leading = len(line) - len(line.lstrip(_PAGE_BREAK))
            page += leading
            pages[index] = page
            page += line.count(_PAGE_BREAK) - leading
        # the last page with text: pdftotext ends every page, the last too, with a form feed
        page_count = max((p for p, line in zip(pages, lines) if line.strip() and p is not None), default=None)
    furniture = _furniture(lines, pages)
    content = [i for i, line in enumerate(lines) if line.strip() and i not in furniture and "\t" not in line]
    width = _wrap_width([(lines[i], lines[j]) for i, j in zip(content, content[1:])])
    ends = [False] * len(lines)
    heading = [False] * len(lines)
    for position, index in enumerate(content):
        following = content[position + 1] if position + 1 < len(content) else None
        if following is None or _separated(lines, pages, furniture, index, following):
            ends[index] = True
            continue
        line, next_line = lines[index].strip(), lines[following].strip()
        if (
            lines[index].endswith("  ")
            or next_line[:1].islower()
            or _WRAPPED_HYPHEN.search(line)
            or _hangs_under(lines[index], lines[following])
            or not _fits(line, next_line, width * (_FITS_MID_SENTENCE if _unpunctuated(line) else _FITS))
        ):
            continue  # a line break the text forces (two spaces), or wrapped: the paragraph goes on
        ends[index] = True
        starts_block = position == 0 or ends[content[position - 1]]
        heading[index] = (
            starts_block
            and _unpunctuated(line)
            and line[:1].isalnum()
            and not line[:1].islower()
            and (next_line[:1].isalnum() and not next_line[:1].islower() or next_line[:1] == "(")
        )
    return LineStanding(lines, tuple(pages), page_count, frozenset(furniture), tuple(ends), tuple(heading))


def printed_width(text: str) -> float:
    """The width ``text`` takes in proportional type, in widths of an average letter."""
    return sum(0.5 if c in _NARROW else 1.5 if c in _WIDE else 1.2 if c.isupper() else 1.0 for c in text)


def _wrap_width(pairs: list[tuple[str, str]]) -> float:
    """Where the text's lines wrap: the width of the lines a line in lower case goes on from.

    A text with fewer such lines than ``_WRAPPED_LINES`` shows no wrapping: no line in it is full.
    """
    widths = sorted(printed_width(line.strip()) for line, after in pairs if after.strip()[:1].islower())
    return widths[int(len(widths) * _WIDTH_PERCENTILE)] if len(widths) >= _WRAPPED_LINES else math.inf


def _fits(line: str, next_line: str, room: float) -> bool:
    """Whether the next line's first word would have fitted at the end of ``line``, in a line ``room`` wide."""
    return printed_width(f"{line} {next_line.split()[0]}") < room


def _hangs_under(line: str, next_line: str) -> bool:
    """Whether ``next_line`` is indented to where the text of ``line`` starts, past its paragraph number
    (``pdftotext -layout`` keeps a paragraph's lines under its first word)."""
    indent = len(next_line) - len(next_line.lstrip(" "))
    number = _PARAGRAPH_NUMBER.match(line)
    return indent > 0 and indent == (number.end() if number else len(line) - len(line.lstrip(" ")))


def _unpunctuated(line: str) -> bool:
    return not _ENDS_SENTENCE.search(_CALLS_AT_END.sub("", line))


def _separated(lines: tuple[str, ...], pages: list[int | None], furniture: set[int], index: int, following: int) -> bool:
    """Whether a blank line stands between two lines, but for those at the foot of a page."""
    between = [i for i in range(index + 1, following) if i not in furniture]
    return bool(between) and pages[index] == pages[following]


def _furniture(lines: tuple[str, ...], pages: list[int | None]) -> set[int]:
    """Lines at a page's top or foot whose words (numbers aside) stand there on at least half the pages.

    One of them must number the page (its numbers change from page to page: "GB.340/INS/6 3", or "3" alone):
    lines repeated word for word and no page number with them are the text's own (a table's header printed
    again on each page).
    """
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.strip() and (page := pages[index]) is not None:
            by_page.setdefault(page, []).append(index)
    if len(by_page) < 2:
        return set()
    needed = max(2, math.ceil(len(by_page) / 2))
    found: set[int] = set()
    for end in (slice(0, _FURNITURE_LINES), slice(-_FURNITURE_LINES, None)):
        places = {page: indices[end] for page, indices in by_page.items()}
        seen = Counter(key for indices in places.values() for key in {_furniture_key(lines[i]) for i in indices})
        running = {i for indices in places.values() for i in indices if seen[_furniture_key(lines[i])] >= needed}
        printed: dict[str, set[str]] = {}
        for index in running:
            printed.setdefault(_furniture_key(lines[index]), set()).add(collapse_spaces(lines[index]))
        if any(len(forms) > 1 for forms in printed.values()):  # a page number among them
            found |= running
    return found


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", collapse_spaces(line))
