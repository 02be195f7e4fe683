"""Shell completion through click: the README's `_OKG_COMPLETE=bash_source okg`, sourced into a real bash."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def _complete(words: str) -> list[str]:
    """What bash offers after ``words`` (the last word being completed), with okg's completion script sourced."""
    typed = " ".join(f'"{word}"' for word in words.split(" "))  # a trailing space starts an empty word
    script = (
        f'eval "$(_OKG_COMPLETE=bash_source okg)"\n'
        f"COMP_WORDS=({typed}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n"
        '_okg_completion okg 2>/dev/null\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True, env=environment, timeout=60)
    assert run.returncode == 0, run.stderr
    return [line for line in run.stdout.splitlines() if line]


def test_the_readme_says_how_to_turn_completion_on() -> None:
    assert 'eval "$(_OKG_COMPLETE=bash_source okg)"' in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "words, offered",
    [
        ("okg que", ["queries", "query"]),
        ("okg analyze ", ["centrality", "components", "export", "path"]),
        ("okg query --for", ["--format"]),
        ("okg query --format ", ["csv", "json", "table", "tsv", "xml"]),
        ("okg query unit-", ["unit-everything", "unit-workload"]),
    ],
)
def test_bash_completes_commands_options_and_query_names(words, offered) -> None:
    assert _complete(words) == offered


def test_zsh_and_fish_scripts_are_offered() -> None:
    for shell, marker in (("zsh", "#compdef okg"), ("fish", "complete --no-files --command okg")):
        run = subprocess.run([str(BIN / "okg")], env={**os.environ, "_OKG_COMPLETE": f"{shell}_source"}, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and marker in run.stdout
