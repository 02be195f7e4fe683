"""The code's habits, checked where CI runs the tests: ruff's lint, with the rules pyproject.toml selects, and its format."""

import subprocess
import sys

from tests.conftest import REPO

CODE = ("graph", "loaders", "viz", "okg-package", "tests", "benchmarks")


def test_ruff_finds_nothing() -> None:
    found = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "graph", "loaders", "viz", "okg-package", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stdout + found.stderr
