"""Loader for a management response to an assessment (the MOPAN institutional assessment of the ILO).

The document is an optional covering letter (the conversion may print it more than
once: the copies yield one letter) followed by the response under its title (the
first heading after the letters) in sections: positive findings, areas for
improvement, conclusions. Each area for improvement opens with an emphasised phrase
naming it; the paragraphs up to the next such phrase belong to it. Sentences that
say what the organization will do are its follow-up commitments. The words for
salutations, closings, section names and commitments are in
``loaders/profiles/management-response.toml``.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from okg.errors import SourceError
from okg.loaders.dates import PRINTED_DATE, iso_date
from okg.loaders.described import Described
from okg.loaders.notes import Note
from okg.loaders.profiles import read_profile
from okg.loaders.readers.model import Block, Document, Footnote, Heading, Paragraph, Table
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import cited_symbols, collapse_spaces, join_broken_words, outcome_references, tidy_document

_ENDED = re.compile(r"[.!?][\"”’)*]*$")
# A letter's date line: "16 November 2021", "JUNE 2, 2017", or after the place it was written at ("Geneva, 2 June 2024").
_DATE = re.compile(rf"^(?:[A-Z][\w .'-]{{0,40}},\s*)?(?P<date>{PRINTED_DATE})\.?$")
# The blocks a response is read from: every block but the tables, each with its text.
_TextBlock = Heading | Paragraph | Footnote


def _starting_with(words: list[str], whole_word: bool = True) -> re.Pattern[str]:
    """Text starting with one of ``words`` (case ignored); with ``whole_word``, the word followed by no letter."""
    return re.compile(rf"^(?:{'|'.join(re.escape(w) for w in words)}){'(?![a-z])' if whole_word else ''}", re.IGNORECASE)


FAMILY = "management-response"
_PROFILE_NAME, _PROFILE = read_profile(FAMILY)
_SALUTATION = _starting_with(_PROFILE["letter"]["salutations"])
_CLOSING = _starting_with(_PROFILE["letter"]["closings"])
_COPY = _starting_with(_PROFILE["letter"]["copy"])
_ADDRESSEE = _starting_with(_PROFILE["letter"]["addressee_titles"])
_ROLE = re.compile(rf"^(?:The\s+)?(?:{'|'.join(map(re.escape, _PROFILE['letter']['signatory_roles']))})$", re.IGNORECASE)
# "Positive finding" names "Positive Findings" too: a section name may go on.
_SECTIONS = {kind: _starting_with(words, whole_word=False) for kind, words in _PROFILE["sections"].items()}
_COMMITMENT = re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in _PROFILE['commitments']['phrases'])})\b")
_RESTATEMENT = _starting_with(_PROFILE["commitments"]["restatements"])
_BACK_REFERENCE = re.compile(rf"\b(?:{'|'.join(map(re.escape, _PROFILE['commitments']['back_references']))})\b", re.IGNORECASE)
_ASSESSMENT_WORDS = re.compile(rf"\b(?:{'|'.join(map(re.escape, _PROFILE['commitments']['assessment_words']))})\b", re.IGNORECASE)
_LETTER_FINDING = re.compile("|".join(map(re.escape, _PROFILE["letter"]["findings"])), re.IGNORECASE)
# Measures a sentence numbers: "This involves: (i) a review …, and ii) integration of …".
_MEASURE = re.compile(r"(?:^|(?<=[\s:;,]))\(?(?:i{1,3}|iv|vi{0,3}|ix|x|[a-h])\)\s+")


@dataclass(frozen=True)
class Addressee:
    name: str  # "H.E. Mr Morten Jespersen"
    position: str  # "Ambassador, Permanent Representative of Denmark to the UN in Geneva"


@dataclass(frozen=True)
class CoveringLetter:
    date: str | None  # as printed: "16 November 2021"; None when the letter bears no date
    signatory: str | None  # None when no name follows a closing
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
    title: str  # the emphasised phrase as printed, markup removed
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
    notes: tuple[Note, ...] = ()  # what the letter does not say that a letter usually does, with where

    def described(self) -> Described:
        """What the response says of itself: its title, and the day its covering letter was written."""
        dated = self.letter.date if self.letter is not None else None
        return Described(title=self.assessment, date=iso_date(dated) if dated else None)


@dataclass
class _Paragraph:
    text: str
    emphasis: tuple[str, ...]
    first: int
    last: int
    starts: list[tuple[int, SourceSpan]] = field(default_factory=list)  # where each joined block starts in text

    def span_of(self, part: str) -> SourceSpan:
        """The lines of the blocks ``part`` of the text stands on (the whole paragraph's if not found)."""
        begin = self.text.find(part)
        if begin < 0 or not self.starts:
            return SourceSpan(self.first, self.last)
        spans = [span for offset, span in self.starts if offset < begin + len(part)]
        first = next(span for offset, span in reversed(self.starts) if offset <= begin)
        return SourceSpan(first.first, spans[-1].last)


def parse(text: str, source: str) -> ManagementResponse:
    """Read a management response from plain text; ``source`` names the file in error messages."""
    return read(read_text(text, source))


def read(document: Document) -> ManagementResponse:
    """Read a management response (any format)."""
    document = tidy_document(document)
    source = document.source
    blocks = [b for b in document.blocks if not isinstance(b, Table)]
    salutations = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and _is_salutation(b.text)]
    letters_end = _after_signature(blocks, salutations[-1]) if salutations else 0
    title_index = next((i for i in range(letters_end, len(blocks)) if isinstance(blocks[i], Heading)), None)
    if title_index is None:
        raise SourceError(source, "no assessment title (a heading after any covering letter) found: not a management response")
    title = blocks[title_index]
    letter = _letter(blocks[:title_index], salutations, source)
    notes = _letter_notes(letter, blocks[salutations[0]].span) if letter is not None else ()
    sections = _sections(blocks[title_index + 1 :])
    positive = next((paras for name, paras in sections if _SECTIONS["positive_findings"].match(name)), [])
    improvement = next((paras for name, paras in sections if _SECTIONS["areas_for_improvement"].match(name)), None)
    if improvement is None:
        raise SourceError(source, "no 'Areas for improvement' section found", title.span.first)
    conclusions = next((paras for name, paras in sections if _SECTIONS["conclusions"].match(name)), [])
    letter_findings = _letter_findings(blocks[:title_index], salutations) if letter is not None else []
    return ManagementResponse(
        source=source,
        assessment=title.text,
        letter=letter,
        positive_findings=tuple(letter_findings + [Finding(p.text, SourceSpan(p.first, p.last)) for p in positive]),
        areas_for_improvement=_areas(improvement, source),
        conclusions=" ".join(p.text for p in conclusions) or None,
        notes=notes,
    )


def _letter_notes(letter: CoveringLetter, salutation: SourceSpan) -> tuple[Note, ...]:
    """What the covering letter lacks, said rather than refused: the response is read all the same."""
    notes = []
    if letter.date is None:
        notes.append(Note("the covering letter has no date line okg reads; the response is read all the same", salutation))
    if letter.signatory is None:
        notes.append(Note("the covering letter has no signatory (a name after a closing); the response is read all the same", salutation))
    return tuple(notes)


def _is_salutation(text: str) -> bool:
    return bool(_SALUTATION.match(text)) and text.endswith(",") and len(text) < 80


def _after_signature(blocks: Sequence[_TextBlock], salutation: int, end: int | None = None) -> int:
    """The index after a letter's copy line; for a letter with none, the index of the first heading after it (the
    response's title), else ``end``."""
    end = len(blocks) if end is None else end
    copy_line = next((i for i in range(salutation, end) if _COPY.match(blocks[i].text)), None)
    if copy_line is not None:
        return copy_line + 1
    return next((i for i in range(salutation, end) if isinstance(blocks[i], Heading)), end)


def _letter(blocks: Sequence[_TextBlock], salutations: list[int], source: str) -> CoveringLetter | None:
    """The covering letter; repeated copies of it are recognised and kept as one."""
    if not salutations:
        return None
    copies = []
    for position, salutation in enumerate(salutations):
        begin = None if position == 0 else _after_signature(blocks, salutations[position - 1])
        end = salutations[position + 1] if position + 1 < len(salutations) else len(blocks)
        copies.append(_read_letter(blocks, begin, salutation, _after_signature(blocks, salutation, end)))
    first = copies[0]
    for other in copies[1:]:
        if other.text != first.text or other.date != first.date:
            raise SourceError(source, "two different covering letters; only one is expected", other.span.first)
    return CoveringLetter(**{**first.__dict__, "repeated_at": tuple(c.span for c in copies[1:])})


def _read_letter(blocks: Sequence[_TextBlock], begin: int | None, salutation: int, end: int) -> CoveringLetter:
    """One copy of the letter: its head (``begin``..salutation; None: from the document's start) and body."""
    head = blocks[begin or 0 : salutation]
    date = next((match.group("date") for b in head if (match := _DATE.match(b.text)) and iso_date(match.group("date"))), None)
    # The signatory's role heads the letter: a heading (not a document title), or a line set wholly in bold;
    # in a text that marks neither, a line naming one of the profile's roles.
    role = next(
        (
            b.text
            for b in head
            if (isinstance(b, Heading) and b.level != 1 and b.marked) or (isinstance(b, Paragraph) and b.emphasis and " ".join(b.emphasis) == b.text)
        ),
        None,
    )
    role = role or next((b.text for b in head if _ROLE.match(b.text)), None)
    addressees = []
    for place, block in enumerate(head):
        if _ADDRESSEE.match(block.text):
            name, _, position = block.text.partition("\n")
            below = head[place + 1] if place + 1 < len(head) else None
            if not position and below is not None and not (_ADDRESSEE.match(below.text) or _DATE.match(below.text)):
                position = below.text  # a text that keeps no line breaks sets the position apart, below the name
            addressees.append(Addressee(name.strip(), collapse_spaces(position)))
    body: list[str] = []
    after_closing: list[str] = []
    copy_to: tuple[str, ...] = ()
    closing = False
    for block in blocks[salutation + 1 : end]:
        text = block.text
        if _CLOSING.match(text):
            closing = True
        elif _COPY.match(text):
            copy_to = tuple(part.strip() for part in text.split(":", 1)[-1].split(";") if part.strip())
        elif closing:
            after_closing.append(text)  # a signature's description, then the name
        else:
            body.append(collapse_spaces(text))
    first_line = 1 if begin is None else blocks[begin - 1].span.last + 1
    return CoveringLetter(
        date=date,
        signatory=after_closing[-1] if after_closing else None,
        signatory_role=role,
        addressees=tuple(addressees),
        copy_to=copy_to,
        text="\n\n".join(body),
        span=SourceSpan(first_line, blocks[end - 1].span.last),
        repeated_at=(),
    )


def _letter_findings(blocks: Sequence[_TextBlock], salutations: list[int]) -> list[Finding]:
    """The positive findings the letter acknowledges, from its first copy: each sentence that notes one."""
    end = _after_signature(blocks, salutations[0], salutations[1] if len(salutations) > 1 else len(blocks))
    return [
        Finding(sentence, block.span)
        for block in blocks[salutations[0] + 1 : end]
        if isinstance(block, Paragraph)
        for sentence in _sentences(collapse_spaces(block.text))
        if _LETTER_FINDING.search(sentence)
    ]


def _sections(blocks: Sequence[Block]) -> list[tuple[str, list[_Paragraph]]]:
    """Sections (a heading and its paragraphs), paragraphs joined across page breaks."""
    sections: list[tuple[str, list[_Paragraph]]] = []
    for block in blocks:
        if isinstance(block, Heading):
            sections.append((block.text, []))
            continue
        if not sections or not isinstance(block, Paragraph):
            continue
        paragraphs = sections[-1][1]
        text = f"{block.number}. {block.text}" if block.number else block.text
        if paragraphs and (not _ENDED.search(paragraphs[-1].text) or text[:1].islower()):
            previous = paragraphs[-1]
            previous.starts.append((len(previous.text) + 1, block.span))
            previous.text = join_broken_words(f"{previous.text} {text}")
            previous.emphasis += block.emphasis
            previous.last = block.span.last
        else:
            paragraphs.append(_Paragraph(text, block.emphasis, block.span.first, block.span.last, [(0, block.span)]))
    return sections


def _areas(paragraphs: list[_Paragraph], source: str) -> tuple[AreaForImprovement, ...]:
    groups: list[tuple[str, list[_Paragraph]]] = []
    for paragraph in paragraphs:
        if paragraph.emphasis:
            groups.append((_title(paragraph.emphasis[0]), [paragraph]))
        elif groups:
            groups[-1][1].append(paragraph)
        # paragraphs before the first emphasised phrase introduce the section
    if not groups:
        # No phrase is emphasised (a converter's plain text drops bold): the areas cannot be told apart. None is
        # read, and their paragraphs are reported as not understood rather than split by guess.
        return ()
    areas = []
    for number, (title, members) in enumerate(groups, start=1):
        text = "\n\n".join(p.text for p in members)
        commitments = tuple(
            Commitment(promise, outcome_references(promise), p.span_of(promise)) for p in members for promise in _paragraph_commitments(p.text)
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
    """The area's name: its emphasised phrase as printed ("ILO's field capacity"), without the full stop or colon of a
    phrase set as a run-in heading ("**Gender parity at senior levels.** The ILO …")."""
    return re.sub(r"(?<!\.\.)[.:]$", "", collapse_spaces(phrase)).rstrip()


def _paragraph_commitments(text: str) -> list[str]:
    """The commitments of a paragraph, in order; one that refers back to the commitment before it ("The Office
    will continue to look for innovative solutions […] in this regard") continues that one, from its first
    sentence through this one, instead of standing as its own."""
    promises: list[str] = []
    for sentence in _sentences(text):
        found = _commitments(sentence)
        begin = text.find(promises[-1]) if promises else -1
        if found == [sentence] and begin >= 0 and _BACK_REFERENCE.search(sentence):
            promises[-1] = text[begin : text.find(sentence, begin) + len(sentence)]
        else:
            promises += found
    return promises


def _commitments(sentence: str) -> list[str]:
    """What a sentence commits the organization to: the measures it numbers, each one; else the sentence, if it commits.

    A sentence that only restates the one before ("This will be steadily pursued") or says what the
    assessment's words will do ("MOPAN's observations will help …") commits to nothing.
    """
    measures = _MEASURE.split(sentence)
    if len(measures) > 2:  # a lead ("This involves:") and two or more measures
        return [re.sub(r"(?:,?\s+and|[,;.])\s*$", "", m.strip()) for m in measures[1:] if m.strip()]
    promise = _COMMITMENT.search(sentence)
    if promise is None or _RESTATEMENT.match(sentence):
        return []
    subject, verb = sentence[: promise.start()], sentence[promise.end() :]
    if _ASSESSMENT_WORDS.search(subject) and not verb.lstrip().startswith("be "):
        return []
    return [sentence]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.strip()]
