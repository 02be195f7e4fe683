"""The column words of the families' profiles, as the text readers look for them in table headers."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.text import collapse_spaces


@dataclass(frozen=True)
class ColumnWords:
    """A family's column words, by role, and the roles whose cells open each row."""

    family: str
    roles: dict[str, tuple[tuple[str, ...], ...]]  # role -> its header phrases, each as casefolded words
    row_keys: tuple[str, ...]
    openings: frozenset[tuple[str, ...]]  # every phrase's first words, the whole phrase included
    phrases: dict[tuple[str, ...], str]  # every phrase -> its role

    @classmethod
    def of(cls, family: str, columns: Mapping[str, Sequence[str]], row_keys: tuple[str, ...] = ()) -> "ColumnWords":
        """A family's column words from its profile's ``[columns]`` and ``row_keys``."""
        roles = {role: tuple(tuple(words_of(w)) for w in words) for role, words in columns.items()}
        openings = frozenset(p[:n] for phrases in roles.values() for p in phrases for n in range(1, len(p) + 1))
        return cls(family, roles, row_keys, openings, {p: role for role, phrases in roles.items() for p in phrases})

    def role_of(self, cell: str) -> str | None:
        """The role whose longest phrase ``cell`` opens with."""
        words = tuple(words_of(cell))
        for length in range(len(words), 0, -1):
            if role := self.phrases.get(words[:length]):
                return role
        return None

    def opens_phrase(self, words: list[str]) -> bool:
        """Whether ``words`` are a phrase of some role or the first words of one ("Rec." of "Rec. No")."""
        return tuple(words) in self.openings


def words_of(text: str) -> list[str]:
    """A header's words as the profiles' phrases are compared: casefolded, apostrophes alike."""
    return collapse_spaces(text.replace("’", "'")).casefold().split()


@cache
def profiles_with_columns(profiles: Profiles = SHIPPED) -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every family profile in use that has ``[columns]``: the family's name and the profile's data."""
    found = []
    for family in profiles.families():
        _, data = profiles.read(family)
        if isinstance(data.get("columns"), dict):
            found.append((family, data))
    return tuple(found)


@cache
def column_words(profiles: Profiles = SHIPPED) -> tuple[ColumnWords, ...]:
    """The column words of every family profile in use that has ``[columns]``."""
    return tuple(ColumnWords.of(family, data["columns"], tuple(data.get("row_keys", ()))) for family, data in profiles_with_columns(profiles))
