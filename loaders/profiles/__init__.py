"""Family profiles: the words each document family recognises, one TOML file per family.

The files ship inside the package and are read with importlib.resources, so an
installed okg finds them outside the checkout too.
"""

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any


class ProfileError(Exception):
    """A family profile that cannot be used; the message names the file and what is wrong."""


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
