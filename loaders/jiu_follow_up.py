"""Loader for JIU follow-up status tables, of any organization that reports on JIU recommendations.

A follow-up table is a table whose header names at least a recommendation number
and a recommendation text. The role of each column (report, number, text,
addressee, intended impact, acceptance, implementation, impact achieved, remarks)
comes from its header words, and the sequence of roles must be one of the layouts
of the family's profile (``loaders/profiles/jiu-follow-up.toml``); statuses in the
organizations' wordings become the values of okg's schemes through the same file.
A printed status no wording matches is kept as printed and noted, never dropped.

Page breaks split the table into parts; a part continues the table before it
(see :mod:`loaders.readers`), and a row whose number cell is empty continues the
recommendation above it. Text that stands between two parts (a cell's last word
pushed out of the table by a page break) completes the row it interrupts. When the
table has no report column, the report is the JIU symbol and title printed above
the table ("JIU/REP/2019/6: Review of …").

Status legends printed in header cells leak into body cells on some pages
("“Accepted”; “Not accepted”; …"): runs of two or more quoted status wordings
are debris, never a value.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from okg.errors import ProfileError, SourceError
from okg.loaders.dates import PRINTED_DATE, iso_date
from okg.loaders.described import Described
from okg.loaders.notes import Note
from okg.loaders.profiles import SHIPPED, Profiles, any_of
from okg.loaders.readers.column_words import ColumnWords
from okg.loaders.readers.model import Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.stacked_cells import stacked_header
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import UN_SYMBOL, cited_symbols, clean_cell, collapse_spaces, join_broken_words, letters_and_digits, tidy_document

FAMILY = "jiu-follow-up"
ROLES = ("report", "number", "text", "addressee", "intended-impact", "acceptance", "implementation", "impact-achieved", "remarks")
STATUS_ROLES = ("acceptance", "implementation", "impact-achieved")

# A JIU report's symbol (JIU/REP/2019/6, JIU/REP/97/2, JIU/REP/2021/5/Rev.1) and its title, in a report cell or on
# a line above a table: the symbol first ("JIU/REP/2019/6: Review of …") or after the title, in brackets.
_SYMBOL = r"JIU/[A-Z]+/\d{2}(?:\d{2})?/\d+(?:\s*/\s*Rev\.\s*\d+)?"
_REPORT = re.compile(rf"^(?P<symbol>{_SYMBOL})\s*[:.–—-]?\s*(?P<title>.*)$")
_REPORT_AFTER_TITLE = re.compile(rf"^(?P<title>.+?)\s*[(\[]\s*(?P<symbol>{_SYMBOL})\s*[)\]]\.?$")
# Phrases in the impact column run together in one cell: "...accountability Enhanced control...".
_PHRASE_BOUNDARY = re.compile(r"(?<=[a-z])\s+(?=[A-Z])|\s*;\s*")
_TERMINAL = (".", ";", ":", "!", "?", ")", "”", '"')


@dataclass(frozen=True)
class JiuProfile:
    """The words the loader recognises, read from the family's profile and checked."""

    name: str
    role_words: dict[str, tuple[str, ...]]
    layouts: tuple[tuple[str, tuple[str, ...]], ...]
    statuses: dict[str, dict[str, str]]  # role -> wording (case folded) -> value of okg's scheme
    number_cell: re.Pattern[str]  # a number cell: the number, after one of the profile's prefixes
    as_of: re.Pattern[str]  # the date the statuses stand at
    cross_reference: re.Pattern[str]  # "Recommendations 1 and 3 above", "Recommendations 1 to 3"
    number_range: re.Pattern[str]  # "1 to 3", "1-3"
    directions: dict[str, str]  # a direction's wording (case folded) -> "above" or "below"
    conjunctions: frozenset[str]
    profiles: Profiles = SHIPPED  # the profiles in use it was read from, for the text's table finders

    @classmethod
    def load(cls, path: Path | None = None) -> "JiuProfile":
        """The shipped profile, or the one at ``path``; a profile that names unknown roles is refused."""
        return cls.of(SHIPPED if path is None else SHIPPED.with_file(path, FAMILY))

    @classmethod
    def of(cls, profiles: Profiles) -> "JiuProfile":
        """The family's profile among the ``profiles`` in use (a user's file where one is given), checked."""
        name, data = profiles.read(FAMILY)
        columns = data.get("columns", {})
        unknown = sorted(set(columns) - set(ROLES))
        if unknown:
            raise ProfileError(f"{name}: unknown column role {', '.join(unknown)} (known: {', '.join(ROLES)})")
        layouts = []
        for layout in data.get("layout", []):
            roles = tuple(layout.get("columns", ()))
            wrong = [r for r in roles if r not in columns]
            if wrong or "number" not in roles or "text" not in roles:
                raise ProfileError(
                    f"{name}: layout {layout.get('name')!r} needs the roles number and text, "
                    f"and words for each of its roles (none for {', '.join(wrong) or '-'})"
                )
            layouts.append((layout.get("name", ""), roles))
        if not layouts:
            raise ProfileError(f"{name}: no [[layout]]")
        wrong_keys = [role for role in data.get("row_keys", []) if role not in columns]
        if wrong_keys:
            raise ProfileError(f"{name}: row_keys names {', '.join(wrong_keys)}, which [columns] does not")
        statuses: dict[str, dict[str, str]] = {}
        for role, values in data.get("status", {}).items():
            if role not in STATUS_ROLES:
                raise ProfileError(f"{name}: [status.{role}] is no status column (known: {', '.join(STATUS_ROLES)})")
            statuses[role] = {_folded(w): value for value, wordings in values.items() for w in [value, *wordings]}
        conjunctions = any_of(data.get("list_conjunctions", []))
        references = data.get("cross_references", {})
        directions = {_folded(w): value for value, wordings in references.get("direction", {}).items() for w in wordings}
        unknown_directions = sorted(set(directions.values()) - {"above", "below"})
        if unknown_directions:
            raise ProfileError(f"{name}: [cross_references.direction] {', '.join(unknown_directions)} is neither above nor below")
        # a footnote's mark may follow the number ("2*", "2¹")
        number = re.compile(rf"^(?:(?:{any_of(data.get('number_prefixes', []))})\s*)?(?P<number>\d+)\.?\s*(?:\*+|†|[¹²³⁴-⁹⁰]+)?$", re.IGNORECASE)
        as_of = re.compile(rf"\b(?:{any_of(data.get('as_of', []))})\s+(?P<date>{PRINTED_DATE})", re.IGNORECASE)
        ranges = any_of(references.get("ranges", []))
        cross_reference = re.compile(
            rf"\b(?:{any_of(references.get('words', []))})\s+(?P<numbers>\d+(?:\s*(?:,|{conjunctions}|{ranges})\s*\d+)*)"
            rf"(?:\s+(?P<direction>{any_of(directions)}))?"
            # "… of JIU/REP/2019/6", "… of A/75/123", "… of the External Auditor": a symbol or a body's name after the word
            rf"(?P<elsewhere>\s+(?:{any_of(references.get('elsewhere', []))})\s+"
            rf"(?:(?:the\s+)?(?:{any_of(references.get('bodies', []))})\b|(?-i:[A-Z]{{1,6}}[./][A-Z0-9])))?",
            re.IGNORECASE,
        )
        number_range = re.compile(rf"(\d+)\s*(?:{ranges})\s*(\d+)", re.IGNORECASE)
        return cls(
            name,
            {role: tuple(words) for role, words in columns.items()},
            tuple(layouts),
            statuses,
            number,
            as_of,
            cross_reference,
            number_range,
            directions,
            frozenset(_folded(w) for w in data.get("list_conjunctions", [])),
            profiles,
        )

    def role_of(self, header_cell: str) -> str | None:
        """The role a header cell names: the role of the longest header word the cell starts with."""
        cell = _folded(header_cell)
        best: tuple[int, str] | None = None
        for role, words in self.role_words.items():
            for word in words:
                folded = _folded(word)
                if cell.startswith(folded) and not cell[len(folded) : len(folded) + 1].isalnum() and (best is None or len(folded) > best[0]):
                    best = (len(folded), role)
        return best[1] if best else None

    def role_name(self, role: str) -> str:
        return self.role_words[role][0]

    def status(self, role: str, printed: str) -> str | None:
        """The scheme's value for a printed status, or None when no wording of the profile matches."""
        wordings = self.statuses.get(role, {})
        found = wordings.get(_folded(printed))
        if found is None:  # "Accepted.", "In-progress": the same letters as a wording
            letters = letters_and_digits(printed)
            found = next((value for wording, value in wordings.items() if letters_and_digits(wording) == letters), None)
        return found

    def legend_words(self) -> frozenset[str]:
        """Words the status legends of header cells are made of."""
        return frozenset(w for wordings in self.statuses.values() for wording in wordings for w in wording.split()) | self.conjunctions


def _folded(text: str) -> str:
    return collapse_spaces(text.replace("’", "'")).casefold()


PROFILE = JiuProfile.load()


@dataclass(frozen=True)
class CrossReference:
    """A remark's pointer to recommendations of the same report; it may name the recommendation it remarks on."""

    numbers: tuple[int, ...]
    direction: str | None  # "above", "below", or None when the text gives none
    phrase: str
    to_itself: bool = False  # "to address recommendation 8" in recommendation 8's own remarks


@dataclass(frozen=True)
class JiuRecommendation:
    """One row of the follow-up table: a JIU recommendation and the organization's status of it.

    Statuses are the values of okg's schemes when the printed wording is one the
    profile knows; otherwise they are as printed and listed in ``unrecognised``.
    """

    report_symbol: str
    report_title: str  # "" when the table names the report by its symbol alone
    number: int
    text: str | None  # None for an empty cell (noted)
    addressee: str | None
    intended_impacts: tuple[str, ...]
    acceptance: str | None
    implementation: str | None
    impact_achieved: str | None
    remarks: str | None
    cross_references: tuple[CrossReference, ...]
    cited_symbols: tuple[str, ...]
    span: SourceSpan
    unrecognised: tuple[tuple[str, str], ...] = ()  # (column role, value as printed)


@dataclass(frozen=True)
class JiuFollowUpTable:
    """A JIU follow-up status document: its table's recommendations and their as-of date."""

    source: str
    parent_symbol: str | None
    as_of: str | None  # as printed, e.g. "July 2022"
    recommendations: tuple[JiuRecommendation, ...]
    notes: tuple[Note, ...] = ()

    def described(self) -> Described:
        """What the table says of itself: the day or month its statuses stand at, the paper it is a reference to."""
        return Described(date=iso_date(self.as_of) if self.as_of else None, belongs_to=self.parent_symbol)


@dataclass
class _Row:
    """A recommendation being assembled from its first row and its continuations."""

    roles: tuple[str, ...]
    report: tuple[str, str] | None  # symbol and title printed above the table, when it has no report column
    span: SourceSpan
    cells: dict[str, list[str]] = field(default_factory=dict)
    unread: Note | None = None  # why the row is not read (reported), when it is not

    def add(self, role: str, fragment: str, span: SourceSpan) -> None:
        if fragment:
            self.cells.setdefault(role, []).append(fragment)
        self.span = self.span.widen(span.first).widen(span.last)

    def joined(self, role: str) -> str:
        return join_broken_words(collapse_spaces(" ".join(self.cells.get(role, []))))


def parse(text: str, source: str, profile: JiuProfile = PROFILE) -> JiuFollowUpTable:
    """Read a JIU follow-up status table from plain text; ``source`` names the file in error messages.

    The text's tables laid out by spacing are found with the profiles ``profile`` came from (a user's file included).
    """
    return read(read_text(text, source, profile.profiles), profile)


def read(document: Document, profile: JiuProfile = PROFILE) -> JiuFollowUpTable:
    """Read the JIU follow-up tables of a document (any format) with the family's profile."""
    document = tidy_document(document)
    source = document.source
    legend = _legend(profile)
    legend_words = profile.legend_words()
    rows: list[_Row] = []
    roles: tuple[str, ...] | None = None  # the layout of the table being read; None outside one
    report: tuple[str, str] | None = None
    interrupting: list[Paragraph | Heading] = []
    preamble: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            if block.header is not None and not block.continues:
                roles = _layout(block.header, profile, source) if _names_follow_up(block.header, profile) else None
            elif block.header is not None and roles is None and _names_follow_up(block.header, profile):
                roles = _layout(block.header, profile, source)
            if roles is None:
                continue
            for fragment in interrupting:
                if not _is_legend_debris(fragment.text, legend_words):
                    _attach_loose_fragment(rows, fragment, source)
            interrupting = []
            for row in block.rows:
                _read_row(rows, row, roles, report, legend, profile)
            continue
        if isinstance(block, Footnote):
            continue
        named = _REPORT.match(block.text) or (_REPORT_AFTER_TITLE.match(block.text) if isinstance(block, Heading) else None)
        if named:  # a report's symbol above its table; a title on the line below a symbol alone
            report = (_symbol(named.group("symbol")), collapse_spaces(named.group("title")))
            interrupting = []
        elif report is not None and not report[1] and not (rows and rows[-1].report == report):
            report = (report[0], collapse_spaces(block.text))
        elif roles is not None:
            interrupting.append(block)
        elif not rows:
            preamble.append(block.text)
    if not rows:
        if roles is not None:
            header = next(b for b in document.blocks if isinstance(b, Table) and b.header is not None and _names_follow_up(b.header, profile))
            raise SourceError.at(source, "the follow-up table has no recommendation rows", header.span)
        stacked = stacked_header(document.lines, ColumnWords.of(profile.name, profile.role_words), {"number", "text"})
        if stacked is None:
            raise SourceError(
                source,
                "no JIU follow-up table found (no table whose header names a recommendation "
                f"number and its text: {profile.role_name('number')!r}, {profile.role_name('text')!r})",
            )
        # A follow-up table whose cells stand one under another is still this family's document: what it
        # says of itself is read, and the table is reported not read rather than rebuilt by guessing.
        unread = Note(
            f"the follow-up table's header words stand one under another at line {stacked}, as pdftotext "
            "without -layout writes a table's cells without their columns: its rows cannot be rebuilt "
            "without guessing and are not read (read the PDF, or pdftotext -layout output, instead)",
            SourceSpan(stacked, len(document.lines)),
        )
        before_table = [b.text for b in document.blocks if not isinstance(b, Table) and b.span.first < stacked]
        return _follow_up_table(source, profile, before_table, (), [unread])
    read_rows: list[JiuRecommendation] = []
    notes: list[Note] = []
    above: tuple[str, str] | None = None  # the report the last report cell printed names, whether its row was read or not
    for entry in rows:
        report = _report_of(entry, above)
        above = report if "report" in entry.roles else above
        if (recommendation := _recommendation(entry, report, profile, notes)) is not None:
            read_rows.append(recommendation)
    recommendations = tuple(read_rows)
    notes += [
        Note(f"recommendation {r.number} of {r.report_symbol}: {role} {printed!r} is no wording of {profile.name}; kept as printed", r.span)
        for r in recommendations
        for role, printed in r.unrecognised
    ]
    notes += [
        Note(f"text after the follow-up table not read: {b.text[:60]!r}", b.span) for b in interrupting if not _is_legend_debris(b.text, legend_words)
    ]
    return _follow_up_table(source, profile, preamble, recommendations, notes)


def _follow_up_table(
    source: str, profile: JiuProfile, preamble: list[str], recommendations: tuple[JiuRecommendation, ...], notes: list[Note]
) -> JiuFollowUpTable:
    """The document's table, with its parent document and as-of date read from the text before the table."""
    text_before = " ".join(preamble)
    printed = [match.group("date") for match in profile.as_of.finditer(text_before)]
    dated = sorted((day, date) for date in printed if (day := iso_date(date)))
    if printed and not dated:
        notes = [
            *notes,
            Note(f"the statuses stand 'as of' {printed[0]!r}, which is no date okg reads; the manifest's date, if it gives one, is used", None),
        ]
    parent = re.search(rf"\(({UN_SYMBOL.pattern})\)", text_before)
    return JiuFollowUpTable(
        source=source,
        parent_symbol=parent.group(1) if parent else None,
        as_of=dated[-1][1] if dated else None,  # the latest: an earlier one is a past report's
        recommendations=recommendations,
        notes=tuple(notes),
    )


def _names_follow_up(header: Row, profile: JiuProfile) -> bool:
    roles = {profile.role_of(cell) for cell in header.cells if cell}
    return {"number", "text"} <= roles


def _layout(header: Row, profile: JiuProfile, source: str) -> tuple[str, ...]:
    """The roles of the header's columns, when they form one of the profile's layouts."""
    cells = list(header.cells)
    while cells and not cells[-1]:
        cells.pop()  # a converter's empty trailing cells
    found = tuple(profile.role_of(cell) or "" for cell in cells)
    for _, roles in profile.layouts:
        if found == roles:
            return roles
    # Name the first column that differs from the layout the header comes closest to.
    nearest = max((roles for _, roles in profile.layouts), key=lambda roles: _common_prefix(found, roles))
    position = _common_prefix(found, nearest)
    expected = profile.role_name(nearest[position]) if position < len(nearest) else "nothing"
    printed = cells[position] if position < len(cells) else "nothing"
    raise SourceError.at(
        source,
        f"table header column {position + 1} should be {expected!r}, found {printed!r} (no layout of {profile.name} has these columns)",
        header.span,
    )


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _read_row(
    rows: list[_Row], row: Row, roles: tuple[str, ...], report: tuple[str, str] | None, legend: re.Pattern[str], profile: JiuProfile
) -> None:
    cells = list(row.cells)
    extra = len(cells) > len(roles) and any(cells[len(roles) :])
    cells = (cells + [""] * len(roles))[: len(roles)]
    number_cell = cells[roles.index("number")]
    if number_cell:
        unread = None
        if not profile.number_cell.match(number_cell):
            unread = Note(f"the row at line {row.span.first} not read: its number {number_cell!r} is no number", row.span)
        elif extra:
            unread = Note(f"the row at line {row.span.first} not read: it has {len(row.cells)} cells, the header {len(roles)}", row.span)
        rows.append(_Row(roles, report, row.span, unread=unread))
    elif not rows:
        rows.append(_Row(roles, report, row.span, unread=Note(f"the row at line {row.span.first} not read: no number opens it", row.span)))
    elif extra and rows[-1].unread is None:
        rows[-1].unread = Note(
            f"the row at line {rows[-1].span.first} not read: a line of it has {len(cells)} cells, the header {len(roles)}", row.span
        )
    for role, cell in zip(roles, cells):
        rows[-1].add(role, collapse_spaces(legend.sub(" ", cell)), row.span)


def _legend(profile: JiuProfile) -> re.Pattern[str]:
    """Two or more quoted status wordings in a row: a header's legend leaking into cells."""
    wordings = sorted({w for s in profile.statuses.values() for w in s}, key=len, reverse=True)
    quoted = rf"[“\"]\s*(?:{'|'.join(re.escape(w) for w in wordings)})\s*[”\"]"
    return re.compile(rf"{quoted}(?:\s*;?\s*(?:and\s+)?{quoted})+\s*;?", re.IGNORECASE)


def _is_legend_debris(text: str, legend_words: frozenset[str]) -> bool:
    """Text made only of the status legend's words, quotes and separators."""
    words = re.sub(r"[“”\"';,]", " ", clean_cell(text)).casefold().split()
    return bool(words) and all(w in legend_words for w in words)


def _attach_loose_fragment(rows: list[_Row], block: Paragraph | Heading, source: str) -> None:
    """Give text between table parts to the cell it completes: the text if unfinished, else the remarks."""
    if not rows:
        raise SourceError.at(source, f"text outside any table row: {block.text!r}", block.span)
    row = rows[-1]
    role = "text" if not row.joined("text").endswith(_TERMINAL) else ("remarks" if "remarks" in row.roles else "text")
    row.add(role, clean_cell(block.text), block.span)


def _recommendation(row: _Row, report: tuple[str, str] | None, profile: JiuProfile, notes: list[Note]) -> JiuRecommendation | None:
    """The recommendation a row gives, of ``report`` (symbol, title); None for a row that cannot be read, noted with
    why."""
    if row.unread is not None:
        notes.append(row.unread)
        return None
    printed_number = profile.number_cell.match(row.joined("number"))
    assert printed_number is not None  # a row opens at a number cell the profile's pattern matched, or is unread
    if report is None:
        cell = row.joined("report")
        notes.append(
            Note(
                f"recommendation {printed_number.group('number')} not read: "
                + (f"its report cell {cell[:60]!r} names no JIU report" if cell else "no report cell or JIU symbol above the table names its report"),
                row.span,
            )
        )
        return None
    number = int(printed_number.group("number"))
    symbol, title = report
    for role in ("text", "addressee", "acceptance"):
        if role in row.roles and not row.joined(role):
            notes.append(Note(f"recommendation {number} of {symbol} has an empty {profile.role_name(role)!r} cell", row.span))
    statuses: dict[str, str | None] = {}
    unrecognised = []
    for role in STATUS_ROLES:
        printed = row.joined(role)
        value = profile.status(role, printed) if printed else None
        if printed and value is None:
            unrecognised.append((role, printed))
        statuses[role] = value or printed or None
    text = row.joined("text")
    remarks = row.joined("remarks") or None
    # A page break can cut a phrase in two: split the joined cell, not its fragments.
    impacts = tuple(phrase for phrase in _PHRASE_BOUNDARY.split(row.joined("intended-impact")) if phrase)
    return JiuRecommendation(
        report_symbol=symbol,
        report_title=title,
        number=number,
        text=text or None,
        addressee=row.joined("addressee") or None,
        intended_impacts=impacts,
        acceptance=statuses["acceptance"],
        implementation=statuses["implementation"],
        impact_achieved=statuses["impact-achieved"],
        remarks=remarks,
        cross_references=_cross_references(remarks or "", number, profile),
        cited_symbols=cited_symbols(f"{text} {remarks or ''}"),
        span=row.span,
        unrecognised=tuple(unrecognised),
    )


def _report_of(row: _Row, above: tuple[str, str] | None) -> tuple[str, str] | None:
    """The symbol and title of the report a row's recommendation is of: its report cell's, the report printed above
    the table, or (an empty report cell: one cell spanning rows, printed once) the last report cell's, ``above``."""
    if "report" not in row.roles:
        return row.report
    cell = row.joined("report")
    if not cell:
        return above
    named = _REPORT.match(cell) or _REPORT_AFTER_TITLE.match(cell)
    return (_symbol(named.group("symbol")), collapse_spaces(named.group("title"))) if named else None


def _symbol(printed: str) -> str:
    """A symbol as the JIU writes it: "JIU/REP/2021/5 / Rev. 1" is JIU/REP/2021/5/Rev.1."""
    return re.sub(r"\s*/\s*Rev\.\s*", "/Rev.", printed)


def _spanned(first: int, last: int) -> Iterable[int]:
    """The numbers of a range as printed ("1 to 3"); words that run backwards or over 50 numbers are no range ("4 to
    2024" says when): the first number alone."""
    return range(first, last + 1) if 0 <= last - first <= 50 else (first,)


def _cross_references(remarks: str, own_number: int, profile: JiuProfile) -> tuple[CrossReference, ...]:
    references = []
    for match in profile.cross_reference.finditer(remarks):
        if match.group("elsewhere"):
            continue  # "recommendation 3 of JIU/REP/2019/6", "recommendation 12 of the External Auditor": another's
        listed = profile.number_range.sub(lambda r: " ".join(map(str, _spanned(int(r.group(1)), int(r.group(2))))), match.group("numbers"))
        numbers = tuple(int(n) for n in re.findall(r"\d+", listed))
        direction = profile.directions[_folded(match.group("direction"))] if match.group("direction") else None
        references.append(CrossReference(numbers, direction, match.group(0), numbers == (own_number,)))
    return tuple(references)
