"""Tables of many rows whose cells a converter wrote one under another (``pdftotext`` without ``-layout``).

Such text sets each cell as a block of lines, blocks apart by blank lines, row after
row in the header's order: the header's words ("Action item" / "Due by" / "Status"),
then the first row's cells, then the next row's. Where a cell is empty nothing is
written, so cells are not counted but anchored: a column whose values have a form the
family's profile gives (``[value_patterns]``, say a due date "By end 2019") places each
row, its other cells being the blocks just before and after that value, one per
column. Blocks between two rows so placed (a group's title spanning the columns,
"Component 2: …") make a row of their own, their cells in the header's order, and a
line opening with a paragraph number starts a block (the converter sets a title and
the row below it without a blank line). A header printed again (after a page break)
continues the table. A row whose cells cannot be told apart (a value of the form with
no block for the cells before it) leaves the table unread: its lines stay paragraphs,
for the loader to report.
"""

import re
from dataclasses import dataclass
from functools import cache

from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.readers.column_words import ColumnWords, profiles_with_columns, words_of
from okg.loaders.readers.model import Row, Table
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces

# Between two of its header's words, such a table has at most this many blank lines.
_HEADER_GAP = 2
_NUMBERED = re.compile(r"^\d{1,3}(?:\.\d{1,2})*\.\s+\S")
_HYPHEN_AT_LINE_END = re.compile(r"(?<=\w)-\n(?=\w)")


@dataclass(frozen=True)
class ValueForms:
    """A family's column words and the forms of the values of some columns (whole cells)."""

    columns: ColumnWords
    forms: dict[str, re.Pattern[str]]  # role -> the form its values take


@cache
def value_forms(profiles: Profiles = SHIPPED) -> tuple[ValueForms, ...]:
    """The families whose profile in use gives column words and value forms (``[value_patterns]``)."""
    return tuple(
        ValueForms(
            ColumnWords.of(family, data["columns"]),
            {role: re.compile("|".join(f"(?:{p})" for p in patterns)) for role, patterns in data["value_patterns"].items()},
        )
        for family, data in profiles_with_columns(profiles)
        if isinstance(data.get("value_patterns"), dict)
    )


@dataclass(frozen=True)
class StackedRowsTable:
    """A table read from cells written one under another: its parts, and the lines [first, last] (1-based) it takes."""

    parts: tuple[Table, ...]
    first: int
    last: int


@dataclass
class _Block:
    """A cell's lines (0-based indices)."""

    texts: list[str]
    first: int
    last: int

    @property
    def text(self) -> str:
        """The cell's lines as one text; a line ending in a hyphen goes on without a space."""
        return collapse_spaces(_HYPHEN_AT_LINE_END.sub("-", "\n".join(self.texts)))


def find_stacked_row_tables(
    lines: list[str], families: tuple[ValueForms, ...] | None = None, taken: frozenset[int] = frozenset()
) -> list[StackedRowsTable]:
    """The tables of many rows among ``lines`` whose cells stand one under another; ``taken`` (line numbers) are skipped."""
    families = value_forms() if families is None else families
    found: list[StackedRowsTable] = []
    index = 0
    while index < len(lines):
        headers = [(family, header) for family in families if (header := _header_at(lines, index, family, taken))]
        table = next((t for family, header in headers if (t := _table_at(lines, index, header, family, taken))), None)
        if table is not None:
            found.append(table)
            index = table.last
        else:  # past the header's words: a table unread starts at none of them
            index = max([index + 1] + [header[1] for _, header in headers])
    return found


def _header_at(lines: list[str], start: int, family: ValueForms, taken: frozenset[int]) -> tuple[list[str], int] | None:
    """The column names of a header whose cells stand one under another from ``lines[start]``, and the index after it."""
    if start + 1 in taken or not lines[start].strip():
        return None
    names: list[str] = []
    roles: list[str] = []
    index, gap, after = start, 0, start
    while index < len(lines) and index + 1 not in taken and "\t" not in lines[index]:
        line = lines[index].strip()
        if not line:
            gap += 1
            if gap > _HEADER_GAP:
                break
            index += 1
            continue
        role = family.columns.phrases.get(tuple(words_of(line)))
        if role is None or role in roles:
            break
        names.append(line)
        roles.append(role)
        index, gap, after = index + 1, 0, index + 1
    if len(names) < 2 or not set(roles) & set(family.forms):
        return None
    return names, after


def _table_at(lines: list[str], start: int, header: tuple[list[str], int], family: ValueForms, taken: frozenset[int]) -> StackedRowsTable | None:
    """The table whose ``header`` starts at ``lines[start]``, when each of its rows can be placed."""
    names, index = header
    roles = [family.columns.phrases[tuple(words_of(n))] for n in names]
    parts: list[Table] = []
    header_first = start
    while True:
        blocks, end = _blocks(lines, index, family, names, taken)
        following = _header_at(lines, end, family, taken) if end < len(lines) else None
        again = following if following is not None and following[0] == names else None
        rows = _rows(blocks, roles, family, closed=again is not None)
        if not rows:
            break
        header_row = Row(tuple(names), SourceSpan(header_first + 1, index))
        parts.append(Table(header_row, tuple(rows), bool(parts), SourceSpan(header_first + 1, rows[-1].span.last)))
        if again is None:
            break
        header_first, index = end, again[1]
    if not parts:
        return None
    return StackedRowsTable(tuple(parts), start + 1, parts[-1].span.last)


def _blocks(lines: list[str], start: int, family: ValueForms, names: list[str], taken: frozenset[int]) -> tuple[list[_Block], int]:
    """The cells' blocks from ``lines[start]`` up to a header printed again (or a line a table takes), and where they end."""
    blocks: list[_Block] = []
    index = start
    while index < len(lines) and index + 1 not in taken and "\t" not in lines[index]:
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if line == names[0] and (again := _header_at(lines, index, family, taken)) and again[0] == names:
            break
        if blocks and blocks[-1].last == index - 1 and not _NUMBERED.match(line):
            blocks[-1].texts.append(line)
            blocks[-1].last = index
        else:
            blocks.append(_Block([line], index, index))
        index += 1
    return blocks, index


def _rows(blocks: list[_Block], roles: list[str], family: ValueForms, closed: bool) -> list[Row]:
    """The rows the blocks make, each placed by its value of a known form; [] when a row cannot be placed.

    Blocks after the last row so placed are the table's only when a header printed again ``closed`` the part.
    """
    anchor = next(i for i, role in enumerate(roles) if role in family.forms)
    form = family.forms[roles[anchor]]
    rows: list[Row] = []
    used = 0  # blocks placed so far
    for position, block in enumerate(blocks):
        if position < used or not form.fullmatch(block.text):
            continue
        first, last = position - anchor, position + (len(roles) - anchor)
        if first < used or last > len(blocks):
            return []  # the cells before or after the value are missing: its row cannot be told
        if first > used:  # blocks between two rows: a row of their own (a title across the columns)
            between = blocks[used:first]
            if len(between) > len(roles):
                return []
            rows.append(_row([b.text for b in between] + [""] * (len(roles) - len(between)), between))
        cells = blocks[first:last]
        if any(form.fullmatch(c.text) for c in cells if c is not block):
            return []  # two values of the form in one row
        rows.append(_row([c.text for c in cells], cells))
        used = last
    rest = blocks[used:]
    if rows and closed and rest:
        if len(rest) > len(roles):
            return []
        rows.append(_row([b.text for b in rest] + [""] * (len(roles) - len(rest)), rest))
    return rows


def _row(cells: list[str], blocks: list[_Block]) -> Row:
    return Row(tuple(cells), SourceSpan(blocks[0].first + 1, blocks[-1].last + 1))
