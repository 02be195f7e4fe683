"""Loader for a management response to an assessment (the MOPAN institutional assessment of the ILO).

The document is a covering letter from the Director-General (the conversion
repeats it: both copies yield one letter) followed by the response in sections:
introduction, positive findings, areas for improvement, conclusions. Each area
for improvement opens with an emphasised phrase naming it; the paragraphs up to
the next such phrase belong to it. Sentences that say what the ILO will do are
its follow-up commitments.
"""

import re
from dataclasses import dataclass

from loaders.errors import SourceError
from loaders.spans import SourceSpan
from loaders.text import cited_symbols, collapse_spaces, normalize_lines, outcome_references

# "## ▶ Areas for improvement": the marker is decoration (and "?" once a Windows editor has saved it).
_SECTION = re.compile(r"^#{1,3}\s*[^\w*]*(?P<title>.+?)\s*$")
_EMPHASIS = re.compile(r"\*{2,3}(?P<phrase>[^*]+?)\*{2,3}")
_MARKUP = re.compile(r"\*+")
_ENDED = re.compile(r"[.!?][\"”’)*]*$")
_DATE = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")
_COMMITMENT = re.compile(
    r"\b(?:will|intends to|is committed to|has committed to|is actively working|is currently developing|"
    r"will be (?:duly )?(?:considered|followed up|stepped up|steadily pursued|developed))\b"
)


@dataclass(frozen=True)
class Addressee:
    name: str  # "H.E. Mr Morten Jespersen"
    position: str  # "Ambassador, Permanent Representative of Denmark to the UN in Geneva"


@dataclass(frozen=True)
class CoveringLetter:
    date: str  # as printed: "16 November 2021"
    signatory: str
    signatory_role: str | None
    addressees: tuple[Addressee, ...]
    copy_to: tuple[str, ...]
    text: str
    span: SourceSpan
    repeated_at: tuple[SourceSpan, ...]  # further copies of the same letter in the file


@dataclass(frozen=True)
class Finding:
    """A positive finding the response acknowledges."""

    text: str
    span: SourceSpan


@dataclass(frozen=True)
class Commitment:
    """A follow-up action the response says the ILO will take."""

    text: str
    outcome_references: tuple[str, ...]
    span: SourceSpan


@dataclass(frozen=True)
class AreaForImprovement:
    number: int
    title: str  # the emphasised phrase, markup removed
    text: str
    commitments: tuple[Commitment, ...]
    outcome_references: tuple[str, ...]
    cited_symbols: tuple[str, ...]
    span: SourceSpan


@dataclass(frozen=True)
class ManagementResponse:
    source: str
    assessment: str  # "2020-21 Institutional Assessment of the ILO by MOPAN"
    letter: CoveringLetter | None
    positive_findings: tuple[Finding, ...]
    areas_for_improvement: tuple[AreaForImprovement, ...]
    conclusions: str | None


@dataclass
class _Paragraph:
    text: str
    first: int
    last: int


def parse(text: str, source: str) -> ManagementResponse:
    """Read a management response; ``source`` names the file in error messages."""
    lines = normalize_lines(text)
    title_index = next((i for i, line in enumerate(lines) if re.match(r"^#\s+\S", line)), None)
    if title_index is None:
        raise SourceError(source, "no '# <assessment title>' heading found: not a management response")
    assessment = collapse_spaces(lines[title_index].lstrip("#"))
    letter = _letter(lines[:title_index], source)
    sections = _sections(lines, title_index + 1)
    positive = next((paras for name, paras in sections if name.casefold().startswith("positive finding")), [])
    improvement = next((paras for name, paras in sections if name.casefold().startswith("areas for improvement")), None)
    if improvement is None:
        raise SourceError(source, "no 'Areas for improvement' section found", title_index + 1)
    conclusions = next((paras for name, paras in sections if name.casefold().startswith("conclusion")), [])
    return ManagementResponse(
        source=source,
        assessment=assessment,
        letter=letter,
        positive_findings=tuple(Finding(_plain(p.text), SourceSpan(p.first, p.last)) for p in positive),
        areas_for_improvement=_areas(improvement, source),
        conclusions=" ".join(_plain(p.text) for p in conclusions) or None,
    )


def _letter(lines: list[str], source: str) -> CoveringLetter | None:
    """The covering letter; repeated copies of it are recognised and kept as one."""
    starts = [i for i, line in enumerate(lines) if line.strip() == "Excellencies,"]
    if not starts:
        return None
    copies = []
    for position, start in enumerate(starts):
        begin = 0 if position == 0 else _after_signature_block(lines, starts[position - 1])
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        copies.append(_read_letter(lines, begin, start, _after_signature_block(lines, start, end), source))
    first = copies[0]
    for other in copies[1:]:
        if other.text != first.text or other.date != first.date:
            raise SourceError(source, "two different covering letters; only one is expected", other.span.first)
    return CoveringLetter(**{**first.__dict__, "repeated_at": tuple(c.span for c in copies[1:])})


def _after_signature_block(lines: list[str], start: int, end: int | None = None) -> int:
    end = len(lines) if end is None else end
    copy_line = next((i for i in range(start, end) if lines[i].strip().startswith("Copy")), None)
    return (copy_line + 1) if copy_line is not None else end


def _read_letter(lines: list[str], begin: int, salutation: int, end: int, source: str) -> CoveringLetter:
    head = [line.strip() for line in lines[begin:salutation]]
    date = next((line for line in head if _DATE.match(line)), None)
    if date is None:
        raise SourceError(source, "the covering letter has no date line", salutation + 1)
    role = next((_plain(re.sub(r"^[^\w*]+", "", line)) for line in head if re.match(r"^[►▶?]\s", line)), None)
    addressees = []
    for index, line in enumerate(head):
        if line.startswith("H.E."):
            position = []
            for following in head[index + 1 :]:
                if not following or following.startswith("H.E."):
                    break
                position.append(following)
            addressees.append(Addressee(line, collapse_spaces(" ".join(position))))
    body: list[str] = []
    signatory = None
    copy_to: tuple[str, ...] = ()
    closing = False
    for index in range(salutation + 1, end):
        line = lines[index].strip()
        if not line:
            continue
        if line.startswith("Yours sincerely"):
            closing = True
        elif line.startswith("Copy"):
            copy_to = tuple(part.strip() for part in line.split(":", 1)[-1].split(";") if part.strip())
        elif closing and not line.startswith("A handwritten signature"):
            signatory = line
        elif not closing:
            body.append(line)
    if signatory is None:
        raise SourceError(source, "the covering letter has no signatory", salutation + 1)
    return CoveringLetter(
        date=date,
        signatory=signatory,
        signatory_role=role,
        addressees=tuple(addressees),
        copy_to=copy_to,
        text="\n\n".join(body),
        span=SourceSpan(begin + 1, end),
        repeated_at=(),
    )


def _sections(lines: list[str], start: int) -> list[tuple[str, list[_Paragraph]]]:
    """Sections ("## ▶ Areas for improvement") with their paragraphs, joined across page breaks."""
    sections: list[tuple[str, list[_Paragraph]]] = []
    for index in range(start, len(lines)):
        line, number = lines[index].strip(), index + 1
        if not line or line == "---":
            continue
        if match := _SECTION.match(line):
            sections.append((_plain(match.group("title")), []))
            continue
        if not sections:
            continue
        paragraphs = sections[-1][1]
        if paragraphs and (not _ENDED.search(paragraphs[-1].text) or line[:1].islower()):
            paragraphs[-1].text = f"{paragraphs[-1].text} {line}"
            paragraphs[-1].last = number
        else:
            paragraphs.append(_Paragraph(line, number, number))
    return sections


def _areas(paragraphs: list[_Paragraph], source: str) -> tuple[AreaForImprovement, ...]:
    groups: list[tuple[str, list[_Paragraph]]] = []
    for paragraph in paragraphs:
        emphasis = _EMPHASIS.search(paragraph.text)
        if emphasis:
            groups.append((_title(emphasis.group("phrase")), [paragraph]))
        elif groups:
            groups[-1][1].append(paragraph)
        # paragraphs before the first emphasised phrase introduce the section
    if not groups:
        raise SourceError(source, "no area for improvement found (no emphasised phrase naming one)", paragraphs[0].first if paragraphs else None)
    areas = []
    for number, (title, members) in enumerate(groups, start=1):
        text = "\n\n".join(_plain(p.text) for p in members)
        commitments = tuple(
            Commitment(sentence, outcome_references(sentence), SourceSpan(p.first, p.last))
            for p in members
            for sentence in _sentences(_plain(p.text))
            if _COMMITMENT.search(sentence)
        )
        areas.append(
            AreaForImprovement(
                number=number,
                title=title,
                text=text,
                commitments=commitments,
                outcome_references=outcome_references(text),
                cited_symbols=cited_symbols(text),
                span=SourceSpan(members[0].first, members[-1].last),
            )
        )
    return tuple(areas)


def _title(phrase: str) -> str:
    """The area's name from its emphasised phrase: no possessive "ILO's", no acronyms in brackets."""
    title = re.sub(r"\s*\([A-Z]+\)", "", phrase)
    title = re.sub(r"^(?:the\s+)?ILO[’']s\s+", "", title)
    return collapse_spaces(title)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]


def _plain(text: str) -> str:
    return collapse_spaces(_MARKUP.sub("", text))
