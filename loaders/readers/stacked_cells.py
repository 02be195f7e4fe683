"""One-row tables whose cells a converter wrote one under another (``pdftotext`` without ``-layout``).

Such text keeps a table's header words and its cells' texts, but not where one
cell ends and the next begins, nor always their order: header words and values
come in runs ("Priority Time" / "implication" / "Short-term"). A run of lines
is read as a table when it holds the whole header of a family's table (every
line made of its column words, a word completing the cell above it) and values
that fall into its columns without guessing. A value of a shape the family's
profile gives (``[values]``, say a time implication "Short-term") anchors its
column, and is given as the profile spells it (pdftotext drops the hyphen of a
word it finds cut at a line's end: "Medium-to-longterm"); text of no shape
fills the one column whose values have no shape. Values follow the header's
order, so a shape two columns share ("Medium": a priority or a resource
implication) is placed by its neighbours. A table whose values could be placed
in more than one way, or whose header has more than one column of free text
(where the text of two cells cannot be told apart), is not read: its lines stay
paragraphs, for the loader to report, and :func:`stacked_header` finds its header
so the loader can say what it met.
"""

from dataclasses import dataclass
from functools import cache

from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.readers.column_words import ColumnWords, profiles_with_columns, words_of
from okg.loaders.readers.model import Row, Table
from okg.loaders.spans import SourceSpan
from okg.loaders.text import collapse_spaces, letters_and_digits

# Between its header words and its values, a table written one cell under another has at most this many blank lines.
_HEADER_RUNS = 8


@dataclass(frozen=True)
class ValueShapes:
    """A family's column words and the values each column's cells take, all casefolded."""

    family: str
    columns: ColumnWords
    values: dict[str, dict[str, str]]  # role -> its values with hyphens and spaces left out -> as the profile spells them

    def role_of(self, words: list[str]) -> str | None:
        """The role one of whose phrases ``words`` are, whole."""
        return self.columns.phrases.get(tuple(words))

    def roles_of_value(self, text: str) -> set[str]:
        """The columns a value's shape fits; a hyphen a converter dropped at a line's end does not matter."""
        key = letters_and_digits(text)
        return {role for role, values in self.values.items() if key in values}

    def wording(self, role: str, text: str) -> str:
        """A value of ``role``'s shape as the profile spells it (the hyphen a converter dropped put back)."""
        return self.values[role].get(letters_and_digits(text), text)


@cache
def value_shapes(profiles: Profiles = SHIPPED) -> tuple[ValueShapes, ...]:
    """The families whose profile in use gives both column words and value shapes."""
    return tuple(
        ValueShapes(
            family,
            ColumnWords.of(family, data["columns"]),
            {role: {letters_and_digits(v): v for v in values} for role, values in data["values"].items()},
        )
        for family, data in profiles_with_columns(profiles)
        if isinstance(data.get("values"), dict)
    )


@dataclass(frozen=True)
class StackedTable:
    """A one-row table read from cells written one under another, and the lines [first, last] (1-based) it takes."""

    table: Table
    first: int
    last: int


def find_stacked_tables(lines: list[str], shapes: tuple[ValueShapes, ...] | None = None, taken: frozenset[int] = frozenset()) -> list[StackedTable]:
    """The one-row tables among ``lines`` whose header and values can be placed; ``taken`` (line numbers) are skipped."""
    shapes = value_shapes() if shapes is None else shapes
    found: list[StackedTable] = []
    index = 0
    while index < len(lines):
        table = None
        if index + 1 not in taken and "\t" not in lines[index]:
            table = next((t for family in shapes if (t := _table_at(lines, index, family, taken))), None)
        if table is None:
            index += 1
            continue
        found.append(table)
        index = table.last
    return found


@dataclass
class _Block:
    """A value's lines."""

    texts: list[str]
    first: int  # 0-based line indices
    last: int


def _with_header_line(header: list[list[str]], line: str, columns: ColumnWords, continuing: bool) -> list[list[str]] | None:
    """The header's cells with a line's words added, or None when the line is no header line.

    On a line right below header words (``continuing``), the first words may complete
    a cell still short of a column name ("Rec." above, "No" here).
    """
    words = line.split()
    cells = [list(cell) for cell in header]
    position = 0
    if continuing:
        for cell in cells:
            if columns.phrases.get(tuple(words_of(" ".join(cell)))) is not None:
                continue
            while position < len(words) and columns.opens_phrase(words_of(" ".join(cell + words[: position + 1]))):
                position += 1
            if position:
                cell += words[:position]
                break
    while position < len(words):
        if not columns.opens_phrase(words_of(words[position])):
            return None
        end = position + 1
        while end < len(words) and columns.opens_phrase(words_of(" ".join(words[position : end + 1]))):
            end += 1
        cells.append(words[position:end])
        position = end
    return cells if words else None


def _table_at(lines: list[str], start: int, family: ValueShapes, taken: frozenset[int]) -> StackedTable | None:
    """The stacked table whose header's first line is ``lines[start]``, if its cells can all be placed."""
    first = _with_header_line([], lines[start].strip(), family.columns, False)
    if first is None or family.role_of(words_of(" ".join(first[0]))) is None:
        return None
    header: list[list[str]] = []
    header_lines: list[int] = []
    blocks: list[_Block] = []
    runs = 0
    index = start
    while index < len(lines) and index + 1 not in taken and "\t" not in lines[index]:
        if len(blocks) > len(header) and _complete(header, family):
            break  # one block more than the row can hold: enough to see where it ends
        line = lines[index].strip()
        if not line:
            runs += 1
            if runs > _HEADER_RUNS:
                break
            index += 1
            continue
        grown = _with_header_line(header, line, family.columns, bool(header_lines) and header_lines[-1] == index - 1)
        if grown is not None and not _complete(header, family):
            header = grown
            header_lines.append(index)
        else:
            previous = blocks[-1] if blocks else None
            if (
                previous is not None
                and previous.last == index - 1
                and not family.roles_of_value(line)
                and not family.roles_of_value(previous.texts[-1])
            ):
                previous.texts.append(line)  # a wrapped line of the same free text
                previous.last = index
            else:
                blocks.append(_Block([line], index, index))
        index += 1
    if not _complete(header, family):
        return None
    roles = [family.role_of(words_of(" ".join(cell))) for cell in header]
    placed = _placement(blocks, roles, family)
    if placed is None:
        return None
    blocks = blocks[: len(placed)]
    cells = [""] * len(roles)
    for block, column in zip(blocks, placed):
        text = collapse_spaces(" ".join(block.texts))
        role = roles[column]
        cells[column] = family.wording(role, text) if role in family.values else text
    last = max([header_lines[-1]] + [b.last for b in blocks])
    header_row = Row(tuple(" ".join(cell) for cell in header), SourceSpan(header_lines[0] + 1, header_lines[-1] + 1))
    row = Row(tuple(cells), SourceSpan(min(b.first for b in blocks) + 1, max(b.last for b in blocks) + 1))
    table = Table(header_row, (row,), False, SourceSpan(start + 1, last + 1))
    return StackedTable(table, start + 1, last + 1)


def _complete(header: list[list[str]], family: ValueShapes) -> bool:
    """Whether every cell of the header names a column and they name every column the shapes speak of."""
    roles = [family.role_of(words_of(" ".join(cell))) for cell in header]
    return bool(roles) and None not in roles and set(family.values) <= set(roles)


def _placement(blocks: list[_Block], roles: list[str | None], family: ValueShapes) -> list[int] | None:
    """The column of each leading value block: the one way to place them in header order, or None.

    The values read are the longest run of blocks that can be placed at all; a block
    after them (the next paragraph) ends the table.
    """
    free = [i for i, role in enumerate(roles) if role not in family.values]
    if len(free) != 1:
        return None  # two columns of free text cannot be told apart

    def candidates(block: _Block) -> list[int]:
        fits = family.roles_of_value(" ".join(block.texts))
        return [i for i, role in enumerate(roles) if role in fits] if fits else free

    def ways(position: int, after: int, count: int) -> list[list[int]]:
        if position == count:
            return [[]]
        return [[column] + rest for column in candidates(blocks[position]) if column > after for rest in ways(position + 1, column, count)]

    for count in range(min(len(blocks), len(roles)), 0, -1):
        found = ways(0, -1, count)
        if found:
            return found[0] if len(found) == 1 and free[0] in found[0] else None
    return None


def stacked_header(lines: tuple[str, ...] | list[str], columns: ColumnWords, roles: set[str]) -> int | None:
    """The first line (1-based) of a header whose words stand one under another and name ``roles``, if any.

    It tells a table whose cells a converter wrote without their columns (one under
    another) from a document that has no such table, so a loader can say which it met.
    """
    for start, line in enumerate(lines):
        header = _with_header_line([], line.strip(), columns, False)
        if header is None:
            continue
        previous = start
        for index in range(start + 1, min(len(lines), start + 3 * _HEADER_RUNS)):
            text = lines[index].strip()
            if not text:
                continue
            grown = _with_header_line(header, text, columns, previous == index - 1)
            if grown is None:
                break
            header, previous = grown, index
        if roles <= {columns.phrases.get(tuple(words_of(" ".join(cell)))) for cell in header}:
            return start + 1
    return None
