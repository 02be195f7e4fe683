"""The words each family recognises live in its profile (loaders/profiles/*.toml), not in the loaders' code."""

import ast
import re
import tomllib
from pathlib import Path

from tests.conftest import REPO

LOADER_CODE = REPO / "loaders"
# Messages name what was looked for in the profile's words; they are not what is recognised.
_MESSAGES = {"SourceError", "Note", "ProfileError", "at"}
# A role's or a field's name, a regular expression's group or slot names: okg's own names, not printed words.
_OWN_NAMES = re.compile(r"^[a-z_-]+$|\(\?P<\w+>|\\?\{\w+\\?\}")


def _profile_phrases() -> set[str]:
    phrases: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str) and len(re.sub(r"\W", "", value)) >= 4:
            phrases.add(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    for profile in (LOADER_CODE / "profiles").glob("*.toml"):
        collect(tomllib.loads(profile.read_text(encoding="utf-8")))
    return phrases


def _literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that could hold recognised words: not docstrings, messages or f-strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    left_out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            left_out.add(id(body[0].value))  # a docstring
        called = isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in _MESSAGES
        if called or isinstance(node, ast.JoinedStr):
            left_out.update(id(part) for part in ast.walk(node))
    return [
        (node.lineno, _OWN_NAMES.sub(" ", node.value))
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in left_out
    ]


def test_no_loader_names_a_word_of_a_profile() -> None:
    phrases = _profile_phrases()
    assert len(phrases) > 100  # the profiles were read
    found = [
        (path.name, line, phrase)
        for path in sorted(LOADER_CODE.glob("*.py"))
        for line, text in _literals(path)
        for phrase in phrases
        if re.search(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", text, re.IGNORECASE)
    ]
    assert found == []
