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
from dataclasses import dataclass, field
from pathlib import Path

from okg.errors import ProfileError, SourceError
from okg.loaders.notes import Note
from okg.loaders.profiles import SHIPPED, Profiles, any_of
from okg.loaders.readers.column_words import ColumnWords
from okg.loaders.readers.model import Document, Footnote, Heading, Paragraph, Row, Table
from okg.loaders.readers.stacked_cells import stacked_header
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from okg.loaders.text import UN_SYMBOL, cited_symbols, clean_cell, collapse_spaces, join_broken_words, tidy_document

FAMILY = "jiu-follow-up"
ROLES = ("report", "number", "text", "addressee", "intended-impact", "acceptance", "implementation", "impact-achieved", "remarks")
STATUS_ROLES = ("acceptance", "implementation", "impact-achieved")

_REPORT = re.compile(r"^(?P<symbol>JIU/[A-Z]+/\d{4}/\d+)\s*[:.–—-]?\s*(?P<title>.*)$")
# Phrases in the impact column run together in one cell: "...accountability Enhanced control...".
_PHRASE_BOUNDARY = re.compile(r"(?<=[a-z])\s+(?=[A-Z])")
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
    cross_reference: re.Pattern[str]  # "Recommendations 1 and 3 above"
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
        number = re.compile(rf"^(?:(?:{any_of(data.get('number_prefixes', []))})\s*)?(?P<number>\d+)\.?$", re.IGNORECASE)
        as_of = re.compile(rf"\b(?:{any_of(data.get('as_of', []))}) ([A-Z][a-z]+ \d{{4}})", re.IGNORECASE)
        cross_reference = re.compile(
            rf"\b(?:{any_of(references.get('words', []))})\s+(?P<numbers>\d+(?:\s*(?:,|{conjunctions})\s*\d+)*)"
            rf"(?:\s+(?P<direction>{any_of(directions)}))?",
            re.IGNORECASE,
        )
        return cls(
            name,
            {role: tuple(words) for role, words in columns.items()},
            tuple(layouts),
            statuses,
            number,
            as_of,
            cross_reference,
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
        return self.statuses.get(role, {}).get(_folded(printed))

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
    report_title: str
    number: int
    text: str
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


@dataclass
class _Row:
    """A recommendation being assembled from its first row and its continuations."""

    roles: tuple[str, ...]
    report: tuple[str, str] | None  # symbol and title printed above the table, when it has no report column
    span: SourceSpan
    cells: dict[str, list[str]] = field(default_factory=dict)

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
                _read_row(rows, row, roles, report, legend, profile, source)
            continue
        if isinstance(block, Footnote):
            continue
        named = _REPORT.match(block.text)
        if named and named.group("title"):
            report = (named.group("symbol"), collapse_spaces(named.group("title")))
            interrupting = []
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
    recommendations = tuple(_recommendation(row, profile, source) for row in rows)
    notes = [
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
    as_of = profile.as_of.search(text_before)
    parent = re.search(rf"\(({UN_SYMBOL.pattern})\)", text_before)
    return JiuFollowUpTable(
        source=source,
        parent_symbol=parent.group(1) if parent else None,
        as_of=as_of.group(1) if as_of else None,
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
    rows: list[_Row], row: Row, roles: tuple[str, ...], report: tuple[str, str] | None, legend: re.Pattern[str], profile: JiuProfile, source: str
) -> None:
    cells = list(row.cells)
    if len(cells) > len(roles) and any(c for c in cells[len(roles) :]):
        raise SourceError.at(source, f"row has {len(cells)} cells, the header has {len(roles)}", row.span)
    cells = (cells + [""] * len(roles))[: len(roles)]
    number_cell = cells[roles.index("number")]
    if number_cell:
        if not profile.number_cell.match(number_cell):
            raise SourceError.at(source, f"recommendation number {number_cell!r} is not a number", row.span)
        rows.append(_Row(roles, report, row.span))
    elif not rows:
        raise SourceError.at(source, "continuation row before the first recommendation", row.span)
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


def _recommendation(row: _Row, profile: JiuProfile, source: str) -> JiuRecommendation:
    printed_number = profile.number_cell.match(row.joined("number"))
    assert printed_number is not None  # _read_row opened the row at a number cell the profile's pattern matched
    number = int(printed_number.group("number"))
    if "report" in row.roles:
        report = _REPORT.match(row.joined("report"))
        if report is None or not report.group("title"):
            raise SourceError.at(source, f"report cell {row.joined('report')!r} does not start with a JIU symbol", row.span)
        symbol, title = report.group("symbol"), collapse_spaces(report.group("title"))
    elif row.report is not None:
        symbol, title = row.report
    else:
        raise SourceError.at(source, f"recommendation {number}: the table has no report column and no JIU symbol is printed above it", row.span)
    for role in ("text", "addressee", "acceptance"):
        if role in row.roles and not row.joined(role):
            raise SourceError.at(source, f"recommendation {number} has an empty {profile.role_name(role)!r} cell", row.span)
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
        text=text,
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


def _cross_references(remarks: str, own_number: int, profile: JiuProfile) -> tuple[CrossReference, ...]:
    references = []
    for match in profile.cross_reference.finditer(remarks):
        numbers = tuple(int(n) for n in re.findall(r"\d+", match.group("numbers")))
        direction = profile.directions[_folded(match.group("direction"))] if match.group("direction") else None
        references.append(CrossReference(numbers, direction, match.group(0), numbers == (own_number,)))
    return tuple(references)
