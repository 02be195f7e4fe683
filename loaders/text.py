"""Cleaning text that came out of PDF conversion: HTML fragments, odd spaces, escapes, broken words, symbols cited."""

import html
import re
from dataclasses import dataclass, replace

from okg.loaders.profiles import any_of, read_profile
from okg.loaders.readers.model import Document, Footnote, Heading, Paragraph, Row, Table

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACE = re.compile(r"\s+")

# Document symbols of the UN system in their usual forms: a body and session with a dot
# (GB.346/PFA/9, IDB.45/8), or slash-separated parts ending in a number
# (WO/PBC/31/5, JIU/REP/2019/6, A/76/550, JIU/NOTE/2020/1).
UN_SYMBOL = re.compile(
    r"\b(?:[A-Z]{1,5}\.\d{1,3}(?:/[A-Z0-9]+(?:\.\d+)?)+|[A-Z]{1,5}(?:/[A-Z]{1,5})*/\d{1,4}(?:/[A-Z0-9]+)*)"
    r"(?:\(Rev\.\d*\))?"
)
# Two bodies' symbols among them, which say what kind of document is cited: ILO Governing Body
# symbols (GB.346/PFA/3, GB.340/INS/18/6, GB.347/PFA/INF/7, GB.343/PV) and JIU report symbols
# (JIU/REP/2020/8, JIU/NOTE/2019/1).
GB_SYMBOL = re.compile(r"\bGB\.\d{3}/[A-Z]+(?:/[A-Z]+)?(?:/\d+)*(?:\(Rev\.\d*\))?")
JIU_SYMBOL = re.compile(r"\bJIU/(?:REP|NOTE|ML)/\d{4}/\d+")


def normalize_lines(text: str) -> list[str]:
    """Split text into lines, dropping a BOM and turning non-breaking spaces into spaces."""
    return text.lstrip("\ufeff").replace("\u00a0", " ").splitlines()


def clean_cell(raw: str) -> str:
    """Text of a cell with HTML tags and entities removed and whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", raw))).strip()


def collapse_spaces(text: str) -> str:
    """Whitespace runs as single spaces, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


_PROFILE_NAME, _PROFILE = read_profile("text")
# A converter to Markdown escapes punctuation it would otherwise read as markup (US\$73, \*, \_, \[).
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!$|<>~^=\"'])")
# "face-to- face": a hyphen ending a line or page joined to the next word with a space; the hyphen is the
# word's own and stays. Before a conjunction it is a suspended hyphen ("non- and under-represented").
_BROKEN_WORD = re.compile(
    rf"(?<=[^\W\d_])- +(?!(?:{'|'.join(map(re.escape, _PROFILE['suspended_hyphen_conjunctions']))})\b)(?=[^\W\d_A-Z])"
)


def remove_escapes(text: str) -> str:
    """Text without the backslashes a conversion put before punctuation: "US\\$73 million" -> "US$73 million"."""
    return _ESCAPE.sub("", text)


def join_broken_words(text: str) -> str:
    """Words hyphenated across a line or page break made whole again: "face-to- face" -> "face-to-face"."""
    return _BROKEN_WORD.sub("-", text)


def tidy(text: str) -> str:
    """Text as printed: conversion escapes removed, words broken across lines joined."""
    return join_broken_words(remove_escapes(text))


def tidy_document(document: Document) -> Document:
    """The document with every block's text tidied (:func:`tidy`), whatever format it was read from."""
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            block = replace(block, text=tidy(block.text), emphasis=tuple(tidy(e) for e in block.emphasis))
        elif isinstance(block, (Heading, Footnote)):
            block = replace(block, text=tidy(block.text))
        elif isinstance(block, Table):
            block = replace(
                block,
                header=None if block.header is None else _tidy_row(block.header),
                rows=tuple(_tidy_row(row) for row in block.rows),
            )
        blocks.append(block)
    return replace(document, blocks=tuple(blocks))


def _tidy_row(row: Row) -> Row:
    return replace(row, cells=tuple(tidy(cell) for cell in row.cells))


def cited_symbols(text: str) -> tuple[str, ...]:
    """Document symbols of the UN system cited in ``text`` (:data:`UN_SYMBOL`), in order of first mention."""
    return tuple(dict.fromkeys(m.group(0) for m in UN_SYMBOL.finditer(text)))


@dataclass(frozen=True)
class LabourStandardMention:
    """An international labour standard named in the text: "Social Protection Floors Recommendation, 2012 (No. 202)"."""

    kind: str  # "Convention" or "Recommendation"
    title: str
    year: int
    number: int


_STANDARDS = _PROFILE["labour_standards"]
_STANDARD_KINDS = {word.casefold(): kind for kind, words in _STANDARDS["kinds"].items() for word in words}
_LABOUR_STANDARD = re.compile(
    rf"(?P<title>(?:[A-Z][\w'’-]*\s+(?:(?:{any_of(_STANDARDS['title_words'])})\s+)*)*?(?P<kind>{any_of(w for words in _STANDARDS['kinds'].values() for w in words)})),"
    rf"\s+(?P<year>\d{{4}})\s+\((?:{any_of(_STANDARDS['number_labels'])})\s*(?P<number>\d+)\)"
)
_DROPPED_OPENING = re.compile(rf"^(?:{any_of(_STANDARDS['dropped_openings'])})\s+")


def labour_standards(text: str) -> tuple[LabourStandardMention, ...]:
    """The ILO Conventions and Recommendations named with year and number in ``text``."""
    found = []
    for match in _LABOUR_STANDARD.finditer(text):
        title = _DROPPED_OPENING.sub("", match.group("title"))
        kind = _STANDARD_KINDS[match.group("kind").casefold()]
        found.append(LabourStandardMention(kind, title, int(match.group("year")), int(match.group("number"))))
    return tuple(dict.fromkeys(found))


# Programme and Budget results: "Enabling outcome C", "Policy outcome 3", "Output 3.3".
_RESULTS = _PROFILE["programme_and_budget"]
_OUTCOME_REFERENCE = re.compile(rf"\b(?:(?:{any_of(_RESULTS['outcomes'])}) [A-C1-8]|(?:{any_of(_RESULTS['outputs'])}) \d\.\d+)\b")


def outcome_references(text: str) -> tuple[str, ...]:
    """The Programme and Budget outcomes and outputs named in ``text``, as written."""
    return tuple(dict.fromkeys(m.group(0) for m in _OUTCOME_REFERENCE.finditer(text)))
