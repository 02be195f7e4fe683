"""Loader for the recommendations of an ILO evaluation ("RECOMMENDATION 1" ... with a unit table each).

Each recommendation is a block saying "Recommendation N" (a heading, or a
paragraph of its own in text), a headline paragraph, explanatory paragraphs, and
a one-row table: responsible units, priority, time implication, resource
implication, the columns found from their header words
(``loaders/profiles/evaluation-recommendations.toml``). Cells left empty (priority, in the bundled evaluation)
stay missing; nothing is filled in. A value no wording of the profile names is kept as printed and noted.
"""

import re
from dataclasses import dataclass

from okg.errors import SourceError
from okg.loaders.described import Described
from okg.loaders.notes import Note
from okg.loaders.profiles import any_of, read_profile
from okg.loaders.readers.model import Block, Document, Heading, Paragraph, Row, Table
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import LabourStandardMention, collapse_spaces, labour_standards, letters_and_digits, tidy_document

FAMILY = "evaluation-recommendations"
_PROFILE_NAME, _PROFILE = read_profile(FAMILY)
# "RECOMMENDATION 3" alone, or followed by a colon or full stop and its headline ("Recommendation 3: Strengthen …").
_HEADING = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _PROFILE['heading_words']))})\s+(\S+?)(?:\s*$|\s*[:.–—]\s*(?P<headline>\S.*)?$)", re.IGNORECASE | re.DOTALL
)
_COLUMNS: dict[str, list[str]] = _PROFILE["columns"]


# A labelled value: one of the column words, a colon, the value up to the next label (after a semicolon), a line's
# end or the text's; a semicolon before no label stays in the value ("DDG/FOP; Regional Office for Africa").
_LABEL_WORDS = any_of(w for ws in _COLUMNS.values() for w in ws)
_LABEL = re.compile(rf"(?:^|(?<=[;\n])\s*)(?P<label>{_LABEL_WORDS})\s*:\s*(?P<value>.*?)(?=\s*;\s*(?:{_LABEL_WORDS})\s*:|\n|$)", re.IGNORECASE)
# Each column's values as the profile spells them, by their letters and digits alone ("Medium to long term").
_WORDINGS = {role: {letters_and_digits(value): value for value in values} for role, values in _PROFILE["values"].items()}


@dataclass(frozen=True)
class EvaluationRecommendation:
    """One evaluation recommendation with its responsibility table."""

    number: int
    headline: str
    text: str  # the explanatory paragraphs, separated by blank lines
    responsible_units: tuple[str, ...]  # names as printed, one per unit
    priority: str | None
    time_implication: str | None
    resource_implication: str | None
    labour_standards: tuple[LabourStandardMention, ...]
    span: SourceSpan
    units_line: int
    unrecognised: tuple[tuple[str, str], ...] = ()  # (column role, value as printed) that no wording names


@dataclass(frozen=True)
class EvaluationRecommendations:
    """The recommendations section of an evaluation report."""

    source: str
    recommendations: tuple[EvaluationRecommendation, ...]
    notes: tuple[Note, ...] = ()  # values kept as printed, with where they stand

    def described(self) -> Described:
        """The recommendations section says nothing of the report it is part of."""
        return Described()


def parse(text: str, source: str) -> EvaluationRecommendations:
    """Read every "RECOMMENDATION N" block of a plain text; ``source`` names the file in error messages."""
    return read(read_text(text, source))


def read(document: Document) -> EvaluationRecommendations:
    """Read every recommendation of an evaluation report (any format): a block that says only
    "Recommendation N" (in any case) opens it, and its responsible-units table closes it."""
    source = document.source
    blocks = tidy_document(document).blocks
    starts = [i for i, block in enumerate(blocks) if isinstance(block, (Heading, Paragraph)) and _HEADING.match(_printed(block))]
    if not starts:
        raise SourceError(source, "no evaluation recommendations found (no 'RECOMMENDATION <number>' heading)")
    recommendations = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(blocks)
        recommendations.append(_recommendation(blocks, start, end, source))
    numbers = [r.number for r in recommendations]
    duplicated = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicated:
        raise SourceError(source, f"recommendation number {duplicated[0]} appears more than once")
    notes = tuple(
        Note(f"recommendation {r.number}: {role} {printed!r} is no wording of {_PROFILE_NAME}; kept as printed", r.span)
        for r in recommendations
        for role, printed in r.unrecognised
    )
    return EvaluationRecommendations(source=source, recommendations=tuple(recommendations), notes=notes)


def _roles(header: Row) -> tuple[str, ...]:
    """The column each header cell names ("" for a cell no word of the profile names)."""
    found = []
    for cell in header.cells:
        folded = cell.casefold()
        words = [(len(w), role) for role, ws in _COLUMNS.items() for w in ws if folded.startswith(w.casefold())]
        found.append(max(words)[1] if words else "")
    return tuple(found)


def _printed(block: Heading | Paragraph) -> str:
    """A block's text as printed, its paragraph number included."""
    number = getattr(block, "number", None)
    return f"{number}. {block.text}" if number else block.text


def _recommendation(blocks: tuple[Block, ...], start: int, end: int, source: str) -> EvaluationRecommendation:
    opening = blocks[start]
    assert isinstance(opening, (Heading, Paragraph))  # read() starts recommendations at headings and paragraphs only
    heading = _HEADING.match(_printed(opening))
    assert heading is not None
    if not heading.group(1).isdigit():
        raise SourceError.at(source, f"recommendation number {heading.group(1)!r} is not a number", opening.span)
    number = int(heading.group(1))
    table_index = next(
        (
            i
            for i, block in enumerate(blocks[start + 1 : end], start=start + 1)
            if isinstance(block, Table) and block.header is not None and "responsible-units" in _roles(block.header)
        ),
        None,
    )
    if table_index is not None:
        by_role, values_span, text_end = _table_fields(blocks, table_index, end, number, source)
    elif (fields := _labelled_fields(blocks, start + 1, end)) is not None:
        by_role, values_span, text_end = fields
    else:
        raise SourceError.at(
            source, f"recommendation {number} has no {_COLUMNS['responsible-units'][0]!r} table or line ('Responsible units: …')", opening.span
        )
    units, priority, time, resource = (
        by_role.get(role, "") for role in ("responsible-units", "priority", "time-implication", "resource-implication")
    )

    printed = {"priority": priority, "time-implication": time, "resource-implication": resource}
    spelled = {role: _WORDINGS.get(role, {}).get(letters_and_digits(value)) for role, value in printed.items() if value}
    paragraphs = [_printed(b) for b in blocks[start + 1 : text_end] if isinstance(b, (Heading, Paragraph))]
    if heading.group("headline"):
        paragraphs.insert(0, collapse_spaces(heading.group("headline")))
    if not paragraphs:
        raise SourceError.at(source, f"recommendation {number} has no text", opening.span)
    return EvaluationRecommendation(
        number=number,
        headline=paragraphs[0],
        text="\n\n".join(paragraphs[1:]),
        responsible_units=tuple(name.strip() for name in re.split(r"[,;]", units) if name.strip()),
        priority=spelled.get("priority") or priority or None,
        time_implication=spelled.get("time-implication") or time or None,
        resource_implication=spelled.get("resource-implication") or resource or None,
        labour_standards=labour_standards(" ".join(paragraphs)),
        span=SourceSpan(opening.span.first, values_span.last, opening.span.page),
        units_line=values_span.first,
        unrecognised=tuple((role, printed[role]) for role, wording in spelled.items() if wording is None),
    )


def _table_fields(blocks: tuple[Block, ...], table_index: int, end: int, number: int, source: str) -> tuple[dict[str, str], SourceSpan, int]:
    """The responsibility table's values by column role, the span of its row, and where the text before it ends."""
    table = blocks[table_index]
    assert isinstance(table, Table) and table.header is not None
    roles = _roles(table.header)
    values = table.rows[0] if table.rows else None
    following = blocks[table_index + 1] if table_index + 1 < end else None
    if values is None and isinstance(following, Table) and following.header is None and following.rows:
        values = following.rows[0]  # a blank line between the header and its row
    if values is None:
        raise SourceError.at(source, f"recommendation {number}: the responsible-units table has no row", table.header.span)
    cells = list(values.cells)
    if len(cells) > len(roles) and any(cells[len(roles) :]):
        raise SourceError.at(source, f"row has {len(cells)} cells, the header has {len(roles)}", values.span)
    return dict(zip(roles, cells)), values.span, table_index


def _labelled_fields(blocks: tuple[Block, ...], begin: int, end: int) -> tuple[dict[str, str], SourceSpan, int] | None:
    """The values printed as labelled lines instead of a table ("Responsible units: SOCPRO, PARDEV; Priority: High"),
    by column role, the span of those lines, and where the text before them ends; None without a responsible-units
    line."""
    first = next((i for i in range(begin, end) if _labelled(blocks[i])), None)
    if first is None:
        return None
    found: dict[str, str] = {}
    last = first
    for index in range(first, end):
        block = blocks[index]
        if not (isinstance(block, (Heading, Paragraph)) and _labelled(block)):
            break
        for field in _LABEL.finditer(block.text):
            role = _label_role(field.group("label"))
            if role:
                found.setdefault(role, field.group("value").strip().rstrip(".;").strip())
        last = index
    if "responsible-units" not in found:
        return None
    return found, SourceSpan(blocks[first].span.first, blocks[last].span.last), first


def _labelled(block: Block) -> bool:
    """Whether a block opens with a label of a column and its colon."""
    return isinstance(block, (Heading, Paragraph)) and (found := _LABEL.match(block.text)) is not None and bool(_label_role(found.group("label")))


def _label_role(label: str) -> str:
    """The column role a label names ("" for none)."""
    return _roles(Row((label,), SourceSpan(0, 0)))[0]
