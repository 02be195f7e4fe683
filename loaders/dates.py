"""Dates as documents print them ("12 October 2020", "JUNE 2, 2017", "November 1998"), and what day or month each is."""

import re
from datetime import date

from okg.loaders.profiles import read_profile

_, _PROFILE = read_profile("text")
_MONTHS = [month.casefold() for month in _PROFILE["months"]]
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_MONTH = r"[A-Za-z]{3,}\.?"
# A date as printed, day first or month first, or a month alone: a pattern to put in a loader's own expressions.
PRINTED_DATE = rf"{_DAY}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_MONTH}\s+\d{{4}}"
_FORMS = (
    re.compile(rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<month>{_MONTH})\s+(?P<year>\d{{4}})"),
)


def month_number(word: str) -> int | None:
    """1 to 12 for a month's name or its first three or more letters, in any case; None for any other word."""
    word = word.rstrip(".").casefold()
    if len(word) < 3:
        return None
    return next((number for number, month in enumerate(_MONTHS, start=1) if month.startswith(word)), None)


def iso_date(printed: str) -> str | None:
    """``printed`` as an ISO date ("2020-10-12"), or year and month ("1998-11") when it names no day; None when it
    is no date (a word that is no month, a day the month does not have)."""
    for form in _FORMS:
        if (match := form.fullmatch(printed.strip())) and (month := month_number(match.group("month"))):
            year = int(match.group("year"))
            if "day" not in form.groupindex:
                return f"{year:04d}-{month:02d}"
            try:
                return date(year, month, int(match.group("day").rstrip("stndrh"))).isoformat()
            except ValueError:
                return None
    return None
