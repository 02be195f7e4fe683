"""Loader for the recommendations of an ILO evaluation ("RECOMMENDATION 1" ... with a unit table each).

Each recommendation is a heading line, a headline paragraph, explanatory
paragraphs, and a one-row table: responsible units, priority, time implication,
resource implication. Cells left empty (priority, in the bundled evaluation)
stay missing; nothing is filled in.
"""

import re
from dataclasses import dataclass

from loaders.errors import SourceError
from loaders.spans import SourceSpan
from loaders.text import LabourStandardMention, clean_cell, collapse_spaces, labour_standards, normalize_lines

_HEADING = re.compile(r"^RECOMMENDATION\s+(\S+)\s*$")
_TABLE_HEADER = ("Responsible units", "Priority", "Time implication", "Resource implication")


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


@dataclass(frozen=True)
class EvaluationRecommendations:
    """The recommendations section of an evaluation report."""

    source: str
    recommendations: tuple[EvaluationRecommendation, ...]


def parse(text: str, source: str) -> EvaluationRecommendations:
    """Read every "RECOMMENDATION N" block; ``source`` names the file in error messages."""
    lines = normalize_lines(text)
    starts = [i for i, line in enumerate(lines) if _HEADING.match(line.strip())]
    if not starts:
        raise SourceError(source, "no evaluation recommendations found (no 'RECOMMENDATION <number>' heading)")
    recommendations = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        recommendations.append(_recommendation(lines, start, end, source))
    numbers = [r.number for r in recommendations]
    duplicated = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicated:
        raise SourceError(source, f"recommendation number {duplicated[0]} appears more than once")
    return EvaluationRecommendations(source=source, recommendations=tuple(recommendations))


def _recommendation(lines: list[str], start: int, end: int, source: str) -> EvaluationRecommendation:
    heading = _HEADING.match(lines[start].strip())
    assert heading is not None
    if not heading.group(1).isdigit():
        raise SourceError(source, f"recommendation number {heading.group(1)!r} is not a number", start + 1)
    number = int(heading.group(1))
    header_index = next(
        (i for i in range(start + 1, end) if clean_cell(lines[i].split("\t")[0]) == _TABLE_HEADER[0]), None
    )
    if header_index is None:
        raise SourceError(source, f"recommendation {number} has no 'Responsible units' table", start + 1)
    header = [clean_cell(c) for c in lines[header_index].split("\t")]
    if tuple(header[: len(_TABLE_HEADER)]) != _TABLE_HEADER:
        raise SourceError(
            source, f"recommendation {number}: the table header should be {', '.join(_TABLE_HEADER)}", header_index + 1
        )
    values_index = next((i for i in range(header_index + 1, end) if lines[i].strip()), None)
    if values_index is None:
        raise SourceError(source, f"recommendation {number}: the responsible-units table has no row", header_index + 1)
    cells = lines[values_index].split("\t")
    if len(cells) > len(_TABLE_HEADER) and any(c.strip() for c in cells[len(_TABLE_HEADER):]):
        raise SourceError(source, f"row has {len(cells)} cells, the header has {len(_TABLE_HEADER)}", values_index + 1)
    units, priority, time, resource = [clean_cell(c) for c in (cells + [""] * 4)[:4]]

    paragraphs = [collapse_spaces(line) for line in lines[start + 1 : header_index] if line.strip()]
    if not paragraphs:
        raise SourceError(source, f"recommendation {number} has no text", start + 1)
    text = "\n\n".join(paragraphs[1:])
    return EvaluationRecommendation(
        number=number,
        headline=paragraphs[0],
        text=text,
        responsible_units=tuple(name.strip() for name in units.split(",") if name.strip()),
        priority=priority or None,
        time_implication=time or None,
        resource_implication=resource or None,
        labour_standards=labour_standards(" ".join(paragraphs)),
        span=SourceSpan(start + 1, values_index + 1),
        units_line=values_index + 1,
    )
