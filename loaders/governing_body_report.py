"""Loader for Governing Body reports: front matter, numbered paragraphs, footnotes, appendix plans.

The front matter is what stands before paragraph 1 (and the headings just above it).
Page breaks and footnotes split paragraphs, and a conversion sometimes drops a
paragraph's number. Continuations are recognised by the paragraph they continue
being unfinished (no closing full stop) or by starting in lower case; a paragraph
that lost its number between n and n+2 is paragraph n+1. Headings are sections;
a sub-heading is a heading the format ranks below them, or a short unnumbered line
without a closing full stop.

Reports on a strategy also carry its outcomes ("Outcome 1: …"), focus areas
("1.1. Focus area: …"), key deliverables (the phrases set in bold) and figures.
An appendix table of action items (Office Plan of Action) is read as a plan.
"""

import re
from dataclasses import dataclass, field
from typing import TypedDict

from okg.errors import SourceError
from okg.loaders.dates import iso_date
from okg.loaders.described import Described
from okg.loaders.notes import Note
from okg.loaders.profiles import any_of, read_profile
from okg.loaders.readers.column_words import ColumnWords, words_of
from okg.loaders.readers.model import Block, Document, Heading, Table
from okg.loaders.readers.model import Footnote as ModelFootnote
from okg.loaders.readers.model import Paragraph as ModelParagraph
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import (
    UN_SYMBOL,
    LabourStandardMention,
    cited_symbols,
    collapse_spaces,
    join_broken_words,
    labour_standards,
    outcome_references,
    tidy_document,
)

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_VALUE = str.maketrans(_SUPERSCRIPT, "0123456789")
# An outcome a paragraph lists: "(2) Respectful and empowering environment: Strengthening leadership, …".
_LISTED_OUTCOME = re.compile(r"\((?P<number>\d+)\)\s+(?P<title>[^:()]+?):\s+(?P<description>[^\n]+?)(?=\s*\(\d+\)\s|\s*$)")
_ENDED = re.compile(r"[.!?][\"”’)\]*]*$")
# "GB.343/PV, paragraph 721", "A/76/550, in paragraph 12": a paragraph of the document just cited.
_FOREIGN_PARAGRAPH = re.compile(rf"(?:{UN_SYMBOL.pattern}),\s*(?:\w+\s+)?$")
FAMILY = "governing-body-report"
_PROFILE_NAME, _PROFILE = read_profile(FAMILY)
_OUTCOME = re.compile(rf"^(?:{any_of(_PROFILE['outcome_headings'])})\s+(?P<number>\d+):\s*(?P<title>.+)$", re.IGNORECASE)
_FOCUS_AREA = re.compile(rf"^(?P<code>(?P<outcome>\d+)\.\d+)\.\s+(?:{any_of(_PROFILE['focus_area_headings'])}):\s*(?P<title>.+)$", re.IGNORECASE)
_PARAGRAPH_RANGE = re.compile(rf"(\d+)\s*(?:{any_of(_PROFILE['range_words'])})\s*(\d+)", re.IGNORECASE)
_PARAGRAPH_REFERENCE = re.compile(
    rf"(?<![\w/])(?:{any_of(_PROFILE['paragraph_words'])})\s+"
    rf"(?P<numbers>\d+(?:\s*(?:,|{any_of(_PROFILE['list_conjunctions'])}|{any_of(_PROFILE['range_words'])})\s*\d+)*)",
    re.IGNORECASE,
)
_SESSION = re.compile(rf"^(\d+)(?:{any_of(_PROFILE['ordinal_suffixes'])}) (?:{any_of(_PROFILE['session_words'])})\b", re.IGNORECASE)
# The appendix opens with a heading naming it ("Appendix", "Appendix I", "Annex").
_APPENDIX = re.compile(rf"^(?:{'|'.join(map(re.escape, _PROFILE['appendix']))})\b", re.IGNORECASE)
_APPENDIX_LINE = re.compile(rf"^(?:{any_of(_PROFILE['appendix'])})(?:\s+(?:[IVXLC]+|\d+))?\s*(?:[:.–—-]\s*[A-Z].*)?$", re.IGNORECASE)
_OUTCOME_LIST = re.compile(rf"\b(?:{'|'.join(map(re.escape, _PROFILE['outcome_lists']))})\b", re.IGNORECASE)
_SECTION_NAME = re.compile(rf"^(?:{'|'.join(map(re.escape, _PROFILE['section_names']))})$", re.IGNORECASE)
# Parts numbered in Roman numerals ("II. Challenges") are the sections; lettered ones ("A.") fall under them.
_PART_NUMBER = re.compile(r"^[IVX]+\.\s")
_ORDINALS = {word.casefold(): number for number, word in enumerate(_PROFILE["ordinals"], start=1)}
_SECTION_LINE = re.compile(rf"\s(?:{'|'.join(map(re.escape, _PROFILE['section_endings']))})$", re.IGNORECASE)
_SEGMENT_LINE = re.compile(rf"\s(?:{'|'.join(map(re.escape, _PROFILE['segment_endings']))})$", re.IGNORECASE)
_CARDINALS = {word.casefold(): number for number, word in enumerate(_PROFILE["cardinals"], start=1)}
_FIGURE = rf"\d+(?:\.\d+)?|(?i:{'|'.join(map(re.escape, _PROFILE['cardinals']))})"
_SCALE_WORDS = "|".join(map(re.escape, _PROFILE["scale_words"]))
_MEASUREMENT = re.compile(
    rf"(?<![\w.-])(?P<value>{_FIGURE})\s+(?:(?P<qualifier>[A-Z]{{2,}})\s+)?"
    rf"(?P<unit>(?:{_SCALE_WORDS}) \d+|{'|'.join(map(re.escape, _PROFILE['measurement_units']))})\b"
    # "a 6-month pilot", "a five-point rating scale": the figure and its unit made one adjective
    rf"|(?<![\w.-])(?P<compound_value>{_FIGURE})-(?P<compound_unit>{'|'.join(map(re.escape, _PROFILE['compound_units']))})\b(?!-)"
)
_ROLES: dict[str, str] = {verb.casefold(): unit for verb, unit in _PROFILE["measurement_roles"].items()}
_ROLE = re.compile(rf"\s+(?P<verb>{'|'.join(map(re.escape, _ROLES))})\b", re.IGNORECASE)
# "the average number of calendar days ... was 124 days": the sentence names what its days are.
_COUNTED = re.compile(rf"\bnumber of (?P<modifier>[a-z]+) (?P<unit>{'|'.join(map(re.escape, _PROFILE['measurement_units']))})\b")
# "400 staff members and managers": a second plural noun counted with the first.
_ALSO_COUNTED = re.compile(r"\s+and\s+(?P<noun>[a-z]{3,}[^s\W]s)\b")
# "an average score of 9.43 out of 10": what is scored.
_SCORED = re.compile(r"\b(?P<noun>[a-z]+) of\s*$")
# A section's code stands on the line after it ("INS", "PFA", "POL/1").
_SECTION_CODE = re.compile(r"^[A-Z]{2,6}(?:/[A-Z0-9]+)?$")
# The date a paper bears: "Date: 12 October 2020", "Date: JUNE 2, 2017"; or the session line's "Geneva, March 1998".
_DATE = r"\d{1,2} [A-Za-z]+ \d{4}|[A-Za-z]+ \d{1,2}, \d{4}|[A-Z][a-z]+ \d{4}"
_DATE_LINE = re.compile(rf"^(?:{any_of(_PROFILE['date_labels'])}):\s*(?P<date>{_DATE})", re.IGNORECASE)
_SESSION_DATE = re.compile(rf",\s*(?P<date>{_DATE})$")
# The paper's symbol on a line of its own, or at the end of a line in capitals beside it ("INTERNATIONAL LABOUR
# OFFICE   GB.273/PFA/7", the front page of the 1990s set in two columns).
_OWN_SYMBOL = re.compile(rf"^(?:[^a-z:]*\s)?(?P<symbol>{UN_SYMBOL.pattern})$")
_PLACE_AND_DATE = re.compile(rf"(?:^|\s)[A-Z][a-z]+,\s*(?P<date>{_DATE})\.?$")
# Each of the profile's forms of the agenda item line, its {ordinal} and {number} made groups.
_AGENDA_ITEM = tuple(
    re.compile("^" + re.escape(form).replace(r"\{ordinal\}", r"(?P<ordinal>[\w-]+)").replace(r"\{number\}", r"(?P<number>\d+)") + "$", re.IGNORECASE)
    for form in _PROFILE["agenda_item"]
)
_SUMMARY = re.compile(rf"^(?:{any_of(_PROFILE['summary_labels'])}):\s*", re.IGNORECASE)
_PURPOSE = {heading.casefold() for heading in _PROFILE["purpose_headings"]}
_UNLISTED_FIELDS = {label.casefold() for label in (*_PROFILE["date_labels"], *_PROFILE["summary_labels"])}
# A line of the plan holding an item's due date (of a form the profile gives) and its status: "2019–20 Ongoing".
_DUE_AND_STATUS = re.compile(rf"^(?P<due>{'|'.join(f'(?:{form})' for form in _PROFILE['value_patterns']['due-by'])})\s+(?P<status>\S.*)$")
# The plan's columns ("Action item", "Due by", "Status"): a row naming two of them is its header, printed again.
_PLAN_COLUMNS = ColumnWords.of("governing-body-report", _PROFILE["columns"])
# A component's word, or its tail when the conversion cut its first letters ("mponent 2:").
_COMPONENT = re.compile(rf"(?:{any_of(word[cut:] for word in _PROFILE['plan_components'] for cut in range(3))})\s+(?P<number>\d+):\s*(?P<title>.*)$")
_ITEM = re.compile(r"^(?P<number>\d{1,2})\.\s*(?P<text>.*)$")


@dataclass(frozen=True)
class FrontMatter:
    """What a Governing Body document says about itself before its first section."""

    symbol: str | None  # the paper's own symbol, on a line of its own ("GB.352/PFA/5"); not in every rendering
    session: str | None  # "340th Session, Geneva, October-November 2020"
    session_number: int | None
    section: str | None  # "Institutional Section"
    section_code: str | None  # "INS"
    segment: str | None
    date: str | None  # as printed: "12 October 2020"
    agenda_item: int | None
    title: str | None
    purpose: str | None
    fields: dict[str, str]  # every "Label: value" line, by its label as printed
    author_unit: str | None  # the field the profile's [fields] author_unit labels
    related_documents: tuple[str, ...]
    outcome_references: tuple[str, ...]  # "Enabling outcome C"
    paragraph_references: tuple[int, ...]  # "see the draft decision in paragraph 36"
    span: SourceSpan


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph, joined across page breaks, emphasis and footnote markers removed."""

    number: int
    text: str
    section: str | None
    heading: str | None
    footnotes: tuple[int, ...]
    cited_symbols: tuple[str, ...]
    paragraph_references: tuple[int, ...]
    key_phrases: tuple[str, ...]  # the bold phrases
    labour_standards: tuple[LabourStandardMention, ...]
    outcome_references: tuple[str, ...]
    number_restored: bool  # the conversion dropped the number; it was restored from its neighbours
    span: SourceSpan


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    cited_symbols: tuple[str, ...]
    span: SourceSpan


@dataclass(frozen=True)
class OutcomeWording:
    """How one place of the report words an outcome: its title, and the line describing it where it gives one."""

    title: str
    description: str | None
    span: SourceSpan


@dataclass(frozen=True)
class StrategyOutcome:
    """An outcome of the strategy: its heading's title, the description its list gives, every wording with its lines."""

    number: int
    title: str
    description: str | None
    wordings: tuple[OutcomeWording, ...]
    span: SourceSpan


@dataclass(frozen=True)
class FocusArea:
    code: str  # "1.1"
    outcome: int
    title: str
    span: SourceSpan


@dataclass(frozen=True)
class Deliverable:
    """A key deliverable: a bold phrase in a paragraph under a focus area."""

    phrase: str
    paragraph: int
    focus_area: str
    span: SourceSpan


@dataclass(frozen=True)
class Measurement:
    """A figure the text reports: value, unit, and the sentence saying what it measures."""

    value: str
    unit: str
    measures: str
    paragraph: int
    span: SourceSpan


@dataclass(frozen=True)
class PlanComponent:
    number: int
    title: str
    restored_from: str | None  # where a garbled title was restored from, if it was
    span: SourceSpan


@dataclass(frozen=True)
class ActionItem:
    number: int
    text: str
    component: int
    due_by: str
    status: str
    span: SourceSpan


@dataclass(frozen=True)
class Plan:
    title: str
    components: tuple[PlanComponent, ...]
    items: tuple[ActionItem, ...]
    span: SourceSpan


@dataclass(frozen=True)
class GoverningBodyReport:
    source: str
    front_matter: FrontMatter
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    strategy_outcomes: tuple[StrategyOutcome, ...]
    focus_areas: tuple[FocusArea, ...]
    deliverables: tuple[Deliverable, ...]
    measurements: tuple[Measurement, ...]
    plan: Plan | None
    cited_symbols: tuple[str, ...]
    notes: tuple[Note, ...] = ()  # what could not be read, with where it stands

    def described(self) -> Described:
        """What the paper says of itself on its front page."""
        front = self.front_matter
        return Described(symbol=front.symbol, title=front.title, date=iso_date(front.date) if front.date else None)


@dataclass
class _Block:
    """Lines of one paragraph (or of an unnumbered block) being collected."""

    number: int | None
    lines: list[str]
    first: int
    last: int
    section: str | None
    heading: str | None
    restored: bool = False
    extra: list["_Block"] = field(default_factory=list)
    emphasis: list[str] = field(default_factory=list)  # the bold phrases, in order

    @property
    def text(self) -> str:
        return join_broken_words(collapse_spaces(" ".join(self.lines)))


def parse(text: str, source: str) -> GoverningBodyReport:
    """Read a Governing Body report from plain text; ``source`` names the file in error messages."""
    return read(read_text(text, source))


def read(document: Document) -> GoverningBodyReport:
    """Read a Governing Body report (any format): front matter, numbered paragraphs, footnotes, appendix."""
    document = tidy_document(document)
    source = document.source
    blocks = list(document.blocks)
    first = next((i for i, b in enumerate(blocks) if isinstance(b, ModelParagraph) and b.number == "1"), None)
    if first is None:
        raise SourceError(source, "no section heading and no paragraph numbered 1 found: not a Governing Body report")
    # The headings just above paragraph 1 open the body ("Introduction"), but for the title (the line
    # after the agenda item); what stands before is front matter.
    body_start = first
    while body_start > 0 and isinstance(blocks[body_start - 1], Heading) and not (body_start > 1 and _agenda_item(_printed(blocks[body_start - 2]))):
        body_start -= 1
    appendix = next((i for i, b in enumerate(blocks) if i > first and _opens_appendix(b)), len(blocks))
    body_line = blocks[body_start].span.first
    front = _front_matter(blocks[:body_start], body_line, source)
    parts, footnotes, headed, focus_areas = _body(blocks[body_start:appendix])
    # the appendix's footnotes are the paper's too (and a paragraph's call finds its note wherever the page put it)
    footnotes += [Footnote(b.number, b.text, cited_symbols(b.text), b.span) for b in blocks[appendix:] if isinstance(b, ModelFootnote)]
    paragraphs, notes = _paragraphs(parts, {f.number for f in footnotes})
    outcomes = _outcomes(headed, _listed_outcomes(paragraphs, blocks[body_start:appendix], _marks_emphasis(blocks)))
    if not paragraphs:
        raise SourceError(source, "no numbered paragraphs found", body_line)
    plan = None
    if appendix < len(blocks):
        try:
            plan = _plan(blocks[appendix:], len(document.lines), paragraphs, source)
        except SourceError as error:  # an appendix of another kind (a table, a text): the paper is read all the same
            notes.append(
                Note(f"the appendix is not read as a plan of action ({error.reason})", SourceSpan(blocks[appendix].span.first, len(document.lines)))
            )

    deliverables = tuple(
        Deliverable(phrase, p.number, area.code, p.span)
        for p in paragraphs
        if (area := _focus_area_of(p, focus_areas)) is not None
        for phrase in p.key_phrases
    )
    measurements = tuple(m for p in paragraphs for m in _measurements(p))
    everything = " ".join([front.purpose or "", *front.fields.values(), *(p.text for p in paragraphs), *(f.text for f in footnotes)])
    return GoverningBodyReport(
        source=source,
        front_matter=front,
        paragraphs=paragraphs,
        footnotes=tuple(footnotes),
        strategy_outcomes=tuple(outcomes),
        focus_areas=tuple(focus_areas),
        deliverables=deliverables,
        measurements=measurements,
        plan=plan,
        cited_symbols=cited_symbols(everything),
        notes=tuple(notes) + (() if _marks_emphasis(blocks) else _unread_for_want_of_bold(paragraphs, focus_areas)),
    )


def _opens_appendix(block: Block) -> bool:
    """A heading naming an appendix or annex ("Appendix", "Annex II"); in text that marks no headings, a line of its
    own saying so, numbered or titled after a colon or dash at most ("Appendix I: Follow-up to …"), never prose
    ("Annex table 1 below gives the figures")."""
    if isinstance(block, Heading):
        return bool(_APPENDIX.match(block.text))
    return isinstance(block, ModelParagraph) and not block.number and bool(_APPENDIX_LINE.match(block.text))


def _marks_emphasis(blocks: list[Block]) -> bool:
    """Whether the document's format keeps bold: some paragraph of it carries emphasis."""
    return any(isinstance(b, ModelParagraph) and b.emphasis for b in blocks)


def _unread_for_want_of_bold(paragraphs: tuple[Paragraph, ...], focus_areas: list[FocusArea]) -> tuple[Note, ...]:
    """What a text that keeps no bold (pdftotext's plain text) does not let be read, paragraph by paragraph.

    Key deliverables are the phrases set in bold under a focus area: in plain words they cannot be told
    from the text around them, so none is guessed.
    """
    return tuple(
        Note(
            f"paragraph {paragraph.number} stands under focus area {area.code}, but the text marks no bold: its key deliverables are not read",
            paragraph.span,
        )
        for paragraph in paragraphs
        if (area := _focus_area_of(paragraph, focus_areas)) is not None
    )


def _printed(block: Block) -> str:
    """A block's text as printed: a paragraph's number in front of it, a table row's cells in a line."""
    if isinstance(block, ModelParagraph):
        return f"{block.number}. {block.text}" if block.number else block.text
    if isinstance(block, Table):
        return " ".join(" ".join(row.cells) for row in ([block.header] if block.header else []) + list(block.rows))
    return block.text


def _agenda_item(line: str) -> re.Match[str] | None:
    """The line as one of the profile's forms of the agenda item line, or None."""
    return next((found for form in _AGENDA_ITEM if (found := form.match(line))), None)


def _front_matter(blocks: list[Block], body_line: int, source: str) -> FrontMatter:
    stripped = [collapse_spaces(_printed(b)) for b in blocks if not isinstance(b, ModelFootnote)]
    fields: dict[str, str] = {}
    session = section = section_code = segment = date = title = purpose = symbol = None
    session_number = agenda_item = None
    for index, line in enumerate(stripped):
        following = next((s for s in stripped[index + 1 :] if s), None)
        if symbol is None and title is None and (own := _OWN_SYMBOL.match(line)) and not _SECTION_CODE.match(line):
            symbol = own.group("symbol")
        elif match := _SESSION.match(line):
            session, session_number = line, int(match.group(1))
            if date is None and (printed := _SESSION_DATE.search(line)):
                date = printed.group("date")  # the 1990s: no date line, the session's month
        elif date is None and title is None and (placed := _PLACE_AND_DATE.search(line)):
            date = placed.group("date")  # "Geneva, November 1998" on a line of its own
        elif _SECTION_LINE.search(line) and section is None:
            section = line
            section_code = following if following and _SECTION_CODE.match(following) else None
        elif _SEGMENT_LINE.search(line):
            segment = line
        elif match := _DATE_LINE.match(line):
            date = match.group("date")
        elif match := _agenda_item(line):
            found = match.groupdict()
            agenda_item = int(found["number"]) if found.get("number") else _ORDINALS.get(found["ordinal"].casefold())
            title = following
        elif line.casefold() in _PURPOSE:
            purpose = next((s for s in stripped[index + 1 :] if s), None)
            if purpose:
                purpose = _SUMMARY.sub("", purpose)
        elif (match := re.match(r"^(?P<key>[A-Z][A-Za-z ]{2,40}):\s+(?P<value>.+)$", line)) and match.group("key").casefold() not in _UNLISTED_FIELDS:
            fields[match.group("key")] = match.group("value").rstrip(".")
    if title is None:
        raise SourceError(source, "front matter has no '… item on the agenda' line followed by a title")
    related = cited_symbols(_field(fields, "related_documents") or "")
    references = _paragraph_references(purpose or "")
    first = blocks[0].span.first if blocks else body_line
    return FrontMatter(
        symbol=symbol,
        session=session,
        session_number=session_number,
        section=section,
        section_code=section_code,
        segment=segment,
        date=date,
        agenda_item=agenda_item,
        title=title,
        purpose=purpose,
        fields=fields,
        author_unit=_field(fields, "author_unit"),
        related_documents=related,
        outcome_references=outcome_references(_field(fields, "main_outcome") or ""),
        paragraph_references=references,
        span=SourceSpan(first, body_line - 1),
    )


def _field(fields: dict[str, str], name: str) -> str | None:
    """The value of the front page's field ``name`` (a key of the profile's [fields]), under any of its labels."""
    labels = {label.casefold() for label in _PROFILE["fields"][name]}
    return next((value for label, value in fields.items() if label.casefold() in labels), None)


def _body(blocks: list[Block]) -> tuple[list[_Block], list[Footnote], list[tuple[int, OutcomeWording]], list[FocusArea]]:
    parts: list[_Block] = []
    footnotes: list[Footnote] = []
    outcomes: list[tuple[int, OutcomeWording]] = []  # "Outcome 1: …" headings
    focus_areas: list[FocusArea] = []
    section: str | None = None
    heading: str | None = None
    for block in blocks:
        span = block.span
        if isinstance(block, Heading) and _opens_section(block):
            section, heading = block.text, None
            continue
        if isinstance(block, Heading):  # a sub-heading, where the format ranks it below sections
            heading = block.text
            if match := _OUTCOME.match(block.text):
                outcomes.append((int(match.group("number")), OutcomeWording(match.group("title"), None, span)))
            elif match := _FOCUS_AREA.match(block.text):
                focus_areas.append(FocusArea(match.group("code"), int(match.group("outcome")), match.group("title"), span))
            continue
        if isinstance(block, ModelFootnote):
            footnotes.append(Footnote(block.number, block.text, cited_symbols(block.text), span))
            continue
        if isinstance(block, Table):
            continue  # tables in the body carry no numbered paragraph
        if block.number is not None and block.number.isdigit():
            parts.append(_Block(int(block.number), [block.text], span.first, span.last, section, heading, emphasis=list(block.emphasis)))
            continue
        content = _printed(block)
        current = parts[-1] if parts else None
        # a footnote call after the full stop does not leave the paragraph unfinished
        unfinished = current is not None and not _ENDED.search(_SUPERSCRIPT_RUN.sub("", current.text))
        if current is not None and (unfinished or content[:1].islower()):
            current.lines.append(content)
            current.emphasis += block.emphasis
            current.last = span.last
            continue
        plain = collapse_spaces(content)
        if match := _OUTCOME.match(plain):
            heading = plain
            outcomes.append((int(match.group("number")), OutcomeWording(match.group("title"), None, span)))
            continue
        if match := _FOCUS_AREA.match(plain):
            heading = plain
            focus_areas.append(FocusArea(match.group("code"), int(match.group("outcome")), match.group("title"), span))
            continue
        if not _ENDED.search(plain) and len(plain) < 200:
            heading = plain  # a sub-heading: short, no closing full stop
            continue
        parts.append(_Block(None, [content], span.first, span.last, section, heading, emphasis=list(block.emphasis)))
    return parts, footnotes, outcomes, focus_areas


def _opens_section(heading: Heading) -> bool:
    """Whether a heading is a section's: ranked so by the format, marked as one, or (a line that only stands
    as a heading) numbered as a part ("II.") or named as a section in the profile."""
    if heading.level is not None:
        return heading.level <= 2
    return heading.marked or bool(_PART_NUMBER.match(heading.text) or _SECTION_NAME.match(heading.text))


def _paragraphs(blocks: list[_Block], footnote_numbers: set[int]) -> tuple[tuple[Paragraph, ...], list[Note]]:
    """Numbered paragraphs, with unnumbered blocks given their lost number or joined to the previous one, each with
    the footnotes it calls (its superscripts but the ones glued to a word that name no footnote: "45,000 m²"), and
    notes on the numbering.

    After a paragraph left unfinished ("… three phases:"), a number opening words in lower case, or going on from
    the list's own count (1, 2, 3 …) while its items end unfinished ("; and"), numbers an item of a list inside that
    paragraph ("1. the southern wing;"). A number no greater than the paragraph before it is read as part of that
    paragraph too, and noted: the paper's paragraphs are numbered in order, once each.
    """
    numbered: list[_Block] = []
    notes: list[Note] = []
    listed = 0  # the count of the list inside the paragraph being read
    for position, block in enumerate(blocks):
        before = numbered[-1] if numbered else None
        if block.number is not None and before is not None and before.number is not None:
            unfinished = not _ENDED.search((before.extra or [before])[-1].text)
            item = unfinished and (block.lines[0][:1].islower() or block.number == listed + 1)
            if item or block.number <= before.number:
                if not item:
                    notes.append(
                        Note(
                            f"paragraph {block.number} comes after paragraph {before.number}: read as part of it", SourceSpan(block.first, block.last)
                        )
                    )
                listed = block.number if item else listed
                block.lines[0] = f"{block.number}. {block.lines[0]}"
                block.number = None
                before.extra.append(block)
                continue
        listed = 0
        if block.number is not None:
            numbered.append(block)
            continue
        previous = numbered[-1].number if numbered else 0
        following = next((b.number for b in blocks[position + 1 :] if b.number is not None), None)
        if following == (previous or 0) + 2:
            block.number, block.restored = (previous or 0) + 1, True
            numbered.append(block)
        elif numbered:
            numbered[-1].extra.append(block)
        # an unnumbered block before the first paragraph is introductory text: not a paragraph
    paragraphs = []
    for block in numbered:
        assert block.number is not None
        raw = "\n\n".join([block.text, *(extra.text for extra in block.extra)])
        last = max([block.last, *(extra.last for extra in block.extra)])

        calls = [_superscript(run.group()) for run in _SUPERSCRIPT_RUN.finditer(raw) if not _glued(run, footnote_numbers)]
        text = _plain(_SUPERSCRIPT_RUN.sub(lambda run: run.group() if _glued(run, footnote_numbers) else "", raw))
        paragraphs.append(
            Paragraph(
                number=block.number,
                text=text,
                section=block.section,
                heading=block.heading,
                footnotes=tuple(calls),
                cited_symbols=cited_symbols(text),
                paragraph_references=tuple(n for n in _paragraph_references(text) if n != block.number),
                key_phrases=tuple(
                    dict.fromkeys(
                        phrase
                        for phrase in [*block.emphasis, *(p for extra in block.extra for p in extra.emphasis)]
                        if len(phrase) < 120  # a whole sentence in bold is emphasis, not a deliverable's name
                    )
                ),
                labour_standards=labour_standards(text),
                outcome_references=outcome_references(text),
                number_restored=block.restored,
                span=SourceSpan(block.first, last),
            )
        )
    return tuple(paragraphs), notes


_SUPERSCRIPT_RUN = re.compile(rf"\s?[{_SUPERSCRIPT}]+")


def _glued(run: re.Match[str], footnote_numbers: set[int]) -> bool:
    """Whether a superscript glued to the word before it names no footnote of the document: the word's own ("45,000
    m²"). A call stands apart from its word ("reform ¹", "diversity.²") or names a footnote the document has."""
    word_before = run.start() > 0 and run.string[run.start() - 1].isalnum() and not run.group()[0].isspace()
    return word_before and _superscript(run.group()) not in footnote_numbers


def _superscript(digits: str) -> int:
    return int(digits.strip().translate(_SUPERSCRIPT_VALUE))


def _plain(text: str) -> str:
    """Paragraph text with its parts' joins tidied."""
    return text.replace("\n\n ", "\n\n").strip()


def _paragraph_references(text: str) -> tuple[int, ...]:
    found: list[int] = []
    for match in _PARAGRAPH_REFERENCE.finditer(text):
        if _FOREIGN_PARAGRAPH.search(text[: match.start()]):
            continue  # "GB.343/PV, para. 721" points into another document
        for part in re.split(rf"\s*(?:,|{any_of(_PROFILE['list_conjunctions'])})\s*", match.group("numbers"), flags=re.IGNORECASE):
            if (spanned := _PARAGRAPH_RANGE.fullmatch(part)) and 0 < int(spanned.group(2)) - int(spanned.group(1)) <= 50:
                found += range(int(spanned.group(1)), int(spanned.group(2)) + 1)  # "paragraphs 3 to 6"
            else:
                found += [int(n) for n in re.findall(r"\d+", part)][:1]
    return tuple(dict.fromkeys(found))


def _listed_outcomes(paragraphs: tuple[Paragraph, ...], blocks: list[Block], bold_kept: bool = True) -> list[tuple[int, OutcomeWording]]:
    """The outcomes a paragraph lists ("includes the following outcomes: (1) Title: description. (2) …").

    An item is a number in brackets, its title ending with a colon, and the line describing it; the
    paragraph's words before the first item name outcomes. Where the text keeps bold (``bold_kept``),
    a title is also set in bold; in plain words (pdftotext's text) the list's own form tells it.
    """
    found = []
    for paragraph in paragraphs:
        titles = [phrase for phrase in paragraph.key_phrases if phrase.endswith(":")]
        lead = paragraph.text.split("(1)", 1)[0]
        if (bold_kept and not titles) or "(1)" not in paragraph.text or not _OUTCOME_LIST.search(lead):
            continue
        for match in _LISTED_OUTCOME.finditer(paragraph.text):
            title = match.group("title")
            if bold_kept and f"{title}:" not in titles:
                continue
            item = f"({match.group('number')}) {title}:"
            span = next(
                (b.span for b in blocks if paragraph.span.first <= b.span.first <= paragraph.span.last and item in collapse_spaces(_printed(b))),
                paragraph.span,
            )
            found.append((int(match.group("number")), OutcomeWording(title, match.group("description"), span)))
    return found


def _outcomes(headed: list[tuple[int, OutcomeWording]], listed: list[tuple[int, OutcomeWording]]) -> list[StrategyOutcome]:
    """Each outcome once, with every wording of it in the order of the text: its heading's title, else its list's."""
    outcomes = []
    for number in sorted({number for number, _ in headed + listed}):
        wordings = sorted((w for n, w in listed + headed if n == number), key=lambda w: w.span.first)
        heading = next((w for n, w in headed if n == number), None)
        description = next((w.description for w in wordings if w.description), None)
        main = heading or wordings[0]
        outcomes.append(StrategyOutcome(number, main.title, description, tuple(wordings), main.span))
    return outcomes


def _focus_area_of(paragraph: Paragraph, focus_areas: list[FocusArea]) -> FocusArea | None:
    if paragraph.heading is None:
        return None
    return next((area for area in focus_areas if paragraph.heading.startswith(f"{area.code}. Focus area")), None)


def _measurements(paragraph: Paragraph) -> list[Measurement]:
    found = []
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(])|\n\n", paragraph.text):
        named = {m.group("unit"): f"{m.group('modifier')} {m.group('unit')}" for m in _COUNTED.finditer(sentence)}
        for match in _MEASUREMENT.finditer(sentence):
            value = match.group("value") or match.group("compound_value")
            unit = _unit(match, sentence, named)
            if value.casefold() in _CARDINALS:
                value = str(_CARDINALS[value.casefold()])
            found.append(Measurement(value, unit, sentence.strip(), paragraph.number, paragraph.span))
    return found


def _unit(match: re.Match[str], sentence: str, named: dict[str, str]) -> str:
    """The noun phrase a figure counts, as the sentence prints it."""
    if match.group("compound_unit"):
        return match.group("compound_unit")
    unit = match.group("unit")
    after = sentence[match.end() :]
    if re.match(rf"(?:{_SCALE_WORDS}) ", unit):
        scored = _SCORED.search(sentence[: match.start()])
        return f"{scored.group('noun')} {unit}" if scored else unit
    if role := _ROLE.match(after):
        return _ROLES[role.group("verb").casefold()]
    if unit in named:
        return named[unit]
    if unit not in _PROFILE["share_units"] and (also := _ALSO_COUNTED.match(after)):
        return f"{unit} and {also.group('noun')}"
    return unit


def _plan(blocks: list[Block], last_line: int, paragraphs: tuple[Paragraph, ...], source: str) -> Plan:
    """The appendix's plan of action: components and action items with due date and status.

    ``blocks`` starts with the appendix heading. Each table row and each paragraph is a
    line of the plan: its cells (a paragraph is one cell).
    """
    appendix_line = blocks[0].span.first
    if len(blocks) < 2:
        raise SourceError(source, "the appendix is empty", appendix_line)
    title_block = blocks[1]
    lines: list[tuple[list[str], int]] = []
    for block in blocks[2:]:
        if isinstance(block, Table):
            rows = ([block.header] if block.header is not None else []) + list(block.rows)
            lines += [([collapse_spaces(c) for c in row.cells], row.span.first) for row in rows]
        elif not isinstance(block, ModelFootnote):
            lines.append(([collapse_spaces(_printed(block))], block.span.first))
    components: list[PlanComponent] = []
    items: list[_PlanItem] = []
    for cells, number in lines:
        filled = [c for c in cells if c]
        if not filled or _names_plan_columns(filled):
            continue
        joined = collapse_spaces(" ".join(filled))
        if component := _COMPONENT.search(joined):
            components.append(_component(int(component.group("number")), filled, joined, number, paragraphs))
            continue
        if len(filled) >= 3 and (item := _ITEM.match(" ".join(filled[:-2]))):
            items.append(_item(item, filled[-2], filled[-1], components, number, source))
            continue
        if item := _ITEM.match(joined):
            items.append(_item(item, None, None, components, number, source))
            continue
        if pair := _DUE_AND_STATUS.match(joined):
            waiting = next((i for i in items if i["due_by"] is None), None)
            if waiting is None:
                raise SourceError(source, f"due date and status {joined!r} belong to no action item", number)
            waiting.update({"due_by": pair.group("due"), "status": pair.group("status"), "last": number})
            continue
        raise SourceError(source, f"unrecognised line in the action plan table: {joined[:60]!r}", number)
    unfinished = [i["number"] for i in items if i["due_by"] is None]
    if unfinished:
        raise SourceError(source, f"action item {unfinished[0]} has no due date and status", title_block.span.first)
    return Plan(
        title=collapse_spaces(_printed(title_block)),
        components=tuple(components),
        items=tuple(_action_item(i) for i in items),
        span=SourceSpan(appendix_line, last_line),
    )


def _names_plan_columns(cells: list[str]) -> bool:
    """Whether a row of the plan is its header: two of its cells or more are whole column names of the profile."""
    return sum(tuple(words_of(cell)) in _PLAN_COLUMNS.phrases for cell in cells) >= 2


class _PlanItem(TypedDict):
    """An action item of the plan being read: its due date and status may stand on a line after it."""

    number: int
    text: str
    component: int
    due_by: str | None
    status: str | None
    first: int
    last: int


def _action_item(item: _PlanItem) -> ActionItem:
    """A plan's action item, read to its due date and status (the plan refuses an item without them)."""
    assert item["due_by"] is not None and item["status"] is not None
    return ActionItem(item["number"], item["text"], item["component"], item["due_by"], item["status"], SourceSpan(item["first"], item["last"]))


def _item(match: re.Match[str], due: str | None, status: str | None, components: list[PlanComponent], line: int, source: str) -> _PlanItem:
    if not components:
        raise SourceError(source, "an action item comes before any component", line)
    return {
        "number": int(match.group("number")),
        "text": collapse_spaces(match.group("text")),
        "component": components[-1].number,
        "due_by": due,
        "status": status,
        "first": line,
        "last": line,
    }


def _component(number: int, cells: list[str], joined: str, line: int, paragraphs: tuple[Paragraph, ...]) -> PlanComponent:
    """A component heading; a garbled one is restored from the body's matching section heading."""
    heading_found = _COMPONENT.search(joined)
    assert heading_found is not None  # the caller found the component's word in ``joined``
    title = collapse_spaces(heading_found.group("title"))
    if cells[0].startswith(tuple(_PROFILE["plan_components"])):
        return PlanComponent(number, title, None, SourceSpan(line, line))
    # The conversion cut the cell into pieces ("opportuniti", "pport"). The body has the same
    # heading in full under its letter (B. for component 2): take it if the pieces match it.
    letter = chr(ord("A") + number - 1)
    heading = next((p.heading for p in paragraphs if p.heading and p.heading.startswith(f"{letter}. ")), None)
    if heading is not None:
        words = re.findall(r"\w+", " ".join(cells).split(":", 1)[-1])
        matched = sum(1 for w in words if w.casefold() in heading.casefold())
        if words and matched / len(words) >= 0.8:
            return PlanComponent(number, heading[3:], f"section heading {heading[:2]} of the report", SourceSpan(line, line))
    return PlanComponent(number, title, None, SourceSpan(line, line))
