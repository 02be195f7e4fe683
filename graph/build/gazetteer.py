"""Finding and resolving the names of registry entries (units, strategies, outcomes) in text."""

import re
from collections.abc import Iterable

from rdflib import URIRef


def normal(name: str) -> str:
    """A name folded for comparison: straight apostrophes, single spaces, no case."""
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().casefold()


def _as_written(name: str) -> str:
    """A pattern for ``name`` as running text writes it: exact, but the first letter in either case."""
    first, rest = name[:1], name[1:]
    return f"[{re.escape(first.upper())}{re.escape(first.lower())}]{re.escape(rest)}" if first.isalpha() else re.escape(name)


class Gazetteer:
    """Names and acronyms of registry entries.

    Whole names are looked up ignoring case; in running text names must appear as
    written (only the first letter may change case: "the evaluation office" of the UN
    is not the ILO's Evaluation Office) and acronyms exactly.
    """

    def __init__(self, names: Iterable[tuple[str, URIRef]], acronyms: Iterable[tuple[str, URIRef]] = ()) -> None:
        names = [(name.replace("’", "'"), entry) for name, entry in names]
        self._names = {normal(name): entry for name, entry in names}
        self._acronyms = dict(acronyms)
        # Longest first, so "Bureau for Employers' Activities" wins over a shorter name inside it.
        written = sorted({name for name, _ in names}, key=len, reverse=True)
        name_pattern = "|".join(_as_written(n) for n in written)
        acronym_pattern = "|".join(re.escape(a) for a in sorted(self._acronyms, key=len, reverse=True))
        self._name_finder = re.compile(rf"(?<!\w)(?:{name_pattern})(?!\w)") if name_pattern else None
        self._acronym_finder = re.compile(rf"(?<![\w/])(?:{acronym_pattern})(?![\w/])") if acronym_pattern else None

    def lookup(self, name: str) -> URIRef | None:
        """The entry a whole name or acronym stands for, if any."""
        return self._acronyms.get(name.strip()) or self._names.get(normal(name))

    def find(self, text: str) -> list[tuple[URIRef, str]]:
        """Every entry named in ``text`` with the words that name it, in order of first mention."""
        folded = text.replace("’", "'")
        found: dict[URIRef, tuple[int, str]] = {}
        for finder in (self._name_finder, self._acronym_finder):
            if finder is None:
                continue
            for match in finder.finditer(folded):
                entry = self.lookup(match.group(0))
                if entry is not None and entry not in found:
                    found[entry] = (match.start(), text[match.start() : match.end()])
        return [(entry, words) for entry, (_, words) in sorted(found.items(), key=lambda item: item[1][0])]
