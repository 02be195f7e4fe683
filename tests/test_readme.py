"""CI runs the README's test command, word for word."""

from tests.conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    ci_command = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci_command.startswith("python3 -m venv .venv")
    assert f"\n{ci_command}\n" in (REPO / "README.md").read_text(encoding="utf-8")
