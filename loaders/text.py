"""Cleaning text that came out of PDF conversion: HTML fragments, odd spaces, symbols cited."""

import html
import re

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACE = re.compile(r"\s+")

# ILO Governing Body symbols (GB.346/PFA/3, GB.340/INS/18/6, GB.347/PFA/INF/7,
# GB.343/PV) and JIU report symbols (JIU/REP/2020/8, JIU/NOTE/2019/1).
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


def cited_symbols(text: str) -> tuple[str, ...]:
    """GB and JIU document symbols cited in ``text``, in order of first mention."""
    found = [m.group(0) for m in GB_SYMBOL.finditer(text)]
    found += [m.group(0) for m in JIU_SYMBOL.finditer(text)]
    return tuple(dict.fromkeys(found))
