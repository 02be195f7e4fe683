"""Tables in text laid out in columns (``pdftotext -layout`` and the like): rows of cells from spacing.

Such text sets a table's cells side by side, apart by runs of spaces, each cell
wrapped over as many lines as it needs. A table is recognised from its header: a
line whose parts (text apart by two or more spaces) are column words of a family's
profile (``[columns]`` in ``loaders/profiles/*.toml``), at least two of them whole
and fewer parts of unknown words, with the lines below it that complete its cells
("Rec." over "No").
Columns are placed from the header's cells and from the gaps the lines below share;
each part of a line goes to the column it overlaps most, since a cell need not
start where its header does. A row starts on a line where every row-key column of
the family (``row_keys``, say a report and a number) has text, or, for a family
without keys, on a line after a blank one with text in two columns or more, or
with one run of text (a title spanning the columns) when the table goes on after
it; the lines below it, up to the next row, are its wrapped lines. Tables whose
cells a converter wrote one under another are found by :mod:`stacked_cells` (one
row) and :mod:`stacked_rows` (many rows). A header printed again
(after a page break) starts a part that continues the table; a row the break cut
comes out as the part's first row, its key cells empty.
"""

import re
from dataclasses import dataclass

from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.readers.column_words import ColumnWords, column_words, words_of
from okg.loaders.readers.model import Row, Table
from okg.loaders.readers.stacked_cells import find_stacked_tables, value_shapes
from okg.loaders.readers.stacked_rows import find_stacked_row_tables, value_forms
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces

_PART = re.compile(r"\S+(?: \S+)*")  # text apart from its neighbours by two spaces or more
_WORD = re.compile(r"\S+")
_HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-\n(?=\w)")
# Cells set side by side are at least this many spaces apart.
_GAP = 2
# A part of a header line (a cell, or cells one space apart) has at most this many words.
_HEADER_WORDS = 8
# A header's cell wraps over at most this many lines.
_HEADER_LINES = 3


@dataclass(frozen=True)
class Column:
    """A column: the character positions [left, right) its cells take."""

    left: int
    right: int


@dataclass(frozen=True)
class Piece:
    """Text on one line apart from its neighbours by two spaces or more."""

    text: str
    start: int
    end: int


def pieces(line: str) -> list[Piece]:
    """The runs of text on a line that two spaces or more set apart, with their positions."""
    return [Piece(m.group(0), m.start(), m.end()) for m in _PART.finditer(line)]


def header_cells(line: str, vocabulary: ColumnWords) -> list[Piece] | None:
    """The cells of a header's first line, when its parts are the family's column words.

    A part may hold several cells set one space apart ("Rec. Recommendation"): it is cut
    where the words stop being one phrase of the profile. A part none of whose words
    opens a phrase is a column the profile does not know; a part that opens a phrase
    and goes on with other words is prose ("Report on the"), and the line no header.
    None when the line is no header (fewer than two whole column names, or more
    unknown columns than known ones).
    """
    parts = pieces(line)
    if len(parts) < 2:
        return None  # a header sets its cells apart; a line of one run of words is prose
    cells: list[Piece] = []
    unknown = 0
    for part in parts:
        words = [(m.group(0), part.start + m.start(), part.start + m.end()) for m in _WORD.finditer(part.text)]
        if len(words) > _HEADER_WORDS:
            return None
        if not any(vocabulary.opens_phrase(words_of(w[0])) for w in words):
            unknown += 1
            cells.append(part)
            continue
        if not vocabulary.opens_phrase(words_of(words[0][0])):
            return None
        current = [words[0]]
        for word in words[1:]:
            if vocabulary.opens_phrase(words_of(" ".join(w[0] for w in current + [word]))):
                current.append(word)
            elif vocabulary.opens_phrase(words_of(word[0])):
                cells.append(_joined_piece(current))
                current = [word]
            else:
                return None
        cells.append(_joined_piece(current))
    whole = sum(1 for c in cells if vocabulary.role_of(c.text) is not None)
    return cells if whole >= 2 and unknown < whole else None


def _joined_piece(words: list[tuple[str, int, int]]) -> Piece:
    return Piece(" ".join(w[0] for w in words), words[0][1], words[-1][2])


def _completes_header(line: str, cells: list[Piece], vocabulary: ColumnWords) -> list[tuple[int, str]] | None:
    """The cell each word of ``line`` completes ("No" under "Rec."), or None when the line is no part of the header."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(line)]
    if not words:
        return None
    placed = []
    for text, start, end in words:
        index = _nearest(cells, start, end)
        # a word of the cell's wrapped text: the cell's last words with it open a phrase
        cell_words = words_of(cells[index].text)
        if not any(vocabulary.opens_phrase(cell_words[k:] + words_of(text)) for k in range(len(cell_words))):
            return None
        placed.append((index, text))
    return placed


def _nearest(cells: list[Piece], start: int, end: int) -> int:
    """The cell a span overlaps most, or the one nearest to it."""

    def score(index: int) -> tuple[int, int]:
        cell = cells[index]
        overlap = min(end, cell.end) - max(start, cell.start)
        return overlap, -abs(start - cell.start)

    return max(range(len(cells)), key=score)


def find_columns(header: list[Piece], body: list[str]) -> list[Column]:
    """The columns of a table part from its header cells and the gaps its body lines share.

    Between two header cells the edge is the leftmost position no body text runs
    across, so a cell set left of its header ("E" under "Addressee") is still its
    column's; where every position between them is crossed (a cell wider than its
    column), the edge is the next header's start.
    """
    found = [piece for line in body for piece in pieces(line)]
    lefts = [header[0].start]
    for cell, following in zip(header, header[1:]):
        edge = following.start
        for x in range(cell.end, following.start + 1):
            if not any(piece.start < x < piece.end for piece in found):
                edge = x
                break
        lefts.append(max(edge, lefts[-1] + 1))
    lefts[0] = min([lefts[0]] + [piece.start for piece in found])
    width = max([piece.end for piece in found] + [header[-1].end])
    return [Column(left, right) for left, right in zip(lefts, lefts[1:] + [width + 1])]


def column_of(columns: list[Column], start: int, end: int) -> int:
    """The column a piece of text overlaps most (the first, on a tie)."""
    overlaps = [min(end, c.right) - max(start, c.left) for c in columns]
    return max(range(len(columns)), key=lambda i: (overlaps[i], -i))


def line_cells(line: str, columns: list[Column]) -> dict[int, list[str]]:
    """The texts of one line by column.

    A cell's line is one run of words, so a second piece in a column, starting
    within a gap's width of the next column (a short cell set left of its header),
    is the next column's when that column has nothing else on the line.
    """
    placed = [(column_of(columns, piece.start, piece.end), piece) for piece in pieces(line)]
    taken = {column for column, _ in placed}
    cells: dict[int, list[str]] = {}
    for position, (column, piece) in enumerate(placed):
        following = column + 1
        if (
            position > 0
            and placed[position - 1][0] == column
            and following < len(columns)
            and following not in taken
            and columns[following].left - piece.start <= _GAP
        ):
            column = following
            taken.add(following)
        cells.setdefault(column, []).append(piece.text)
    return cells


@dataclass(frozen=True)
class FoundTable:
    """A table found in the text: its parts, and the lines [first, last] (1-based) it takes."""

    parts: tuple[Table, ...]
    first: int
    last: int


def tables_in_text(lines: list[str], profiles: Profiles = SHIPPED) -> list[FoundTable]:
    """Every table of a text whose cells no tabs part: laid out in columns, or written one cell under another,
    found with the column words and value forms of the ``profiles`` in use."""
    found = find_tables(lines, column_words(profiles))
    taken = frozenset(n for table in found for n in range(table.first, table.last + 1))
    found += [FoundTable((t.table,), t.first, t.last) for t in find_stacked_tables(lines, value_shapes(profiles), taken)]
    taken = frozenset(n for table in found for n in range(table.first, table.last + 1))
    found += [FoundTable(t.parts, t.first, t.last) for t in find_stacked_row_tables(lines, value_forms(profiles), taken)]
    return sorted(found, key=lambda table: table.first)


def find_tables(lines: list[str], vocabulary: tuple[ColumnWords, ...] | None = None) -> list[FoundTable]:
    """The tables laid out in columns among ``lines``, each with its parts and lines."""
    vocabulary = column_words() if vocabulary is None else vocabulary
    found: list[FoundTable] = []
    index = 0
    while index < len(lines):
        # a line with tabs is a row of a table whose cells the tabs already part (read by the text reader)
        header = None if "\t" in lines[index] else _header_at(lines, index, vocabulary)
        if header is None:
            index += 1
            continue
        table = _read_table(lines, index, header)
        found.append(table)
        index = table.last  # the 0-based index of the line after the table
    return found


@dataclass(frozen=True)
class _Header:
    """A table's header: the family whose words it has, its first line's cells, its cells' names and roles."""

    words: ColumnWords
    cells: list[Piece]
    names: tuple[str, ...]  # each cell's words over the header's lines ("Rec. No")
    roles: tuple[str | None, ...]
    height: int  # lines


def _header_at(lines: list[str], index: int, vocabulary: tuple[ColumnWords, ...]) -> _Header | None:
    """The header that starts on ``lines[index]``, read with the family whose words name most of its cells."""
    best: _Header | None = None
    for words in vocabulary:
        cells = header_cells(lines[index], words)
        if cells is None:
            continue
        continuation = []
        for below in lines[index + 1 : index + _HEADER_LINES]:
            placed = _completes_header(below, cells, words)
            if placed is None:
                break
            continuation.append(placed)
        names = [cell.text for cell in cells]
        for placed in continuation:
            for i, text in placed:
                names[i] = f"{names[i]} {text}"
        header = _Header(words, cells, tuple(names), tuple(words.role_of(n) for n in names), 1 + len(continuation))
        if best is None or sum(r is not None for r in header.roles) > sum(r is not None for r in best.roles):
            best = header
    return best


def _read_table(lines: list[str], index: int, header: _Header) -> FoundTable:
    """The table whose header starts at ``lines[index]``, part by part, up to the first line that is not its."""
    parts: list[Table] = []
    first = index
    while True:
        body_start = index + header.height
        body_end = _body_end(lines, body_start, header)
        part, end = _part(lines, index, body_start, body_end, header, continues=bool(parts))
        parts.append(part)
        index = end
        following_index = index
        while following_index < len(lines) and not lines[following_index].strip():
            following_index += 1  # blank lines between a part and the header printed again
        following = _header_at(lines, following_index, (header.words,)) if following_index < len(lines) else None
        if following is None or following.roles != header.roles:
            break
        header, index = following, following_index
    return FoundTable(tuple(parts), first + 1, index)


def _body_end(lines: list[str], start: int, header: _Header) -> int:
    """Where a part's body ends: at the next header, or at a line after a blank one that opens no row."""
    end = start
    blank = False
    while end < len(lines):
        line = lines[end]
        if "\t" in line:
            break
        if not line.strip():
            blank = True
            end += 1
            continue
        if _header_at(lines, end, (header.words,)) is not None:
            break
        if blank and len(pieces(line)) < 2 and not (not header.words.row_keys and _row_follows(lines, end, header)):
            break
        blank = False
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _row_follows(lines: list[str], index: int, header: _Header) -> bool:
    """Whether a line of one run of text, after a blank one, is a row of a table without row keys.

    Such a line is a row whose one cell spans the columns (a group's title, "Component 2: …") or
    fills the first column alone, when the table goes on after its lines: the first line after the
    next blank ones sets text in two columns or more and is no header printed again. Prose after
    the table is followed by more prose, and ends it.
    """
    if pieces(lines[index])[0].start > header.cells[0].end:
        return False  # a row's first cell stands at the table's left
    following = index + 1
    while following < len(lines) and lines[following].strip() and "\t" not in lines[following]:
        following += 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    return (
        following < len(lines)
        and "\t" not in lines[following]
        and len(pieces(lines[following])) >= 2
        and _header_at(lines, following, (header.words,)) is None
    )


def _part(lines: list[str], header_index: int, start: int, end: int, header: _Header, continues: bool) -> tuple[Table, int]:
    """One part of a table: its header row and its rows; returns it and the index of the line after it."""
    columns = find_columns(header.cells, lines[start:end])
    keys = [i for i, role in enumerate(header.roles) if role in header.words.row_keys]
    rows: list[tuple[int, int, list[list[str]]]] = []  # first line, last line, lines of each cell
    blank = True
    last = start
    for index in range(start, end):
        line = lines[index]
        if not line.strip():
            blank = True
            continue
        cells = line_cells(line, columns)
        opens = all(k in cells for k in keys) if keys else blank  # the body's end vetted each line after a blank
        if rows and not opens and blank and keys:
            break  # after a blank line, text that opens no row is no part of the table
        if opens or not rows:
            rows.append((index, index, [[] for _ in columns]))
        first, _, texts = rows[-1]
        for column, parts in cells.items():
            texts[column].append(" ".join(parts))
        rows[-1] = (first, index, texts)
        blank = False
        last = index + 1
    header_row = Row(header.names, SourceSpan(header_index + 1, header_index + header.height))
    body = tuple(Row(tuple(_cell_text(texts) for texts in cell_lines), SourceSpan(first + 1, final + 1)) for first, final, cell_lines in rows)
    last_line = body[-1].span.last if body else header_row.span.last
    return Table(header_row, body, continues, SourceSpan(header_index + 1, last_line)), max(last, start)


def _cell_text(lines: list[str]) -> str:
    """A cell's wrapped lines as one text; a line ending in a hyphen goes on without a space."""
    return collapse_spaces(_HYPHEN_AT_LINE_END.sub("-", "\n".join(lines)))
