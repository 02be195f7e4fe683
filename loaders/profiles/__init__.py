"""Family profiles: the words each document family recognises, one TOML file per family.

The files ship inside the package and are read with importlib.resources, so an
installed okg finds them outside the checkout too.
"""

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from okg.errors import ProfileError


def profile_text(family: str) -> tuple[str, str]:
    """The shipped profile of ``family``: its name for messages, and its TOML text."""
    resource = files("okg.loaders.profiles") / f"{family}.toml"
    return f"loaders/profiles/{family}.toml", resource.read_text(encoding="utf-8")


def read_profile(family: str, path: Path | None = None) -> tuple[str, dict[str, Any]]:
    """The profile of ``family`` (or the file at ``path``) as TOML data, with its name for messages."""
    if path is None:
        name, text = profile_text(family)
    else:
        name, text = str(path), path.read_text(encoding="utf-8")
    try:
        return name, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{name}: not valid TOML ({error})") from None


def any_of(words: Iterable[str]) -> str:
    """A regular expression matching any of a profile's ``words`` as printed, the longest first ("Focus area" before
    "Focus"); with no words, one that matches nothing (a profile without them recognises nothing there)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)"


@dataclass(frozen=True)
class Profiles:
    """The family profiles in use: the shipped ones, and a user's own file in place of a family's where one is given.

    Readers and loaders that use profiles take one of these, so a file given by path
    reaches every one of them (the text reader's table finders included).
    """

    given: tuple[tuple[str, Path], ...] = ()  # family -> the user's file

    def with_file(self, path: Path, family: str | None = None) -> "Profiles":
        """These profiles with the file at ``path`` as the profile of ``family`` (by default, the file's name: jiu-follow-up.toml)."""
        family = family or path.stem
        return Profiles(tuple((f, p) for f, p in self.given if f != family) + ((family, path),))

    def families(self) -> tuple[str, ...]:
        """Every family with a profile, shipped or given, by name."""
        shipped = (r.name.removesuffix(".toml") for r in files("okg.loaders.profiles").iterdir() if r.name.endswith(".toml"))
        return tuple(sorted({*shipped, *(family for family, _ in self.given)}))

    def path_of(self, family: str) -> Path | None:
        """The file given for ``family``; None when the shipped profile is in use."""
        return dict(self.given).get(family)

    def read(self, family: str) -> tuple[str, dict[str, Any]]:
        """The profile of ``family`` in use (:func:`read_profile`): the file given for it, else the shipped one."""
        return read_profile(family, self.path_of(family))


SHIPPED = Profiles()
