"""The README's examples: CI runs its test command word for word, and every okg example runs and prints what it shows.

The examples run in README order in one folder of their own, as a reader would
type them in a checkout: `.venv/bin/okg` is the okg under test, `queries/` and
`data/` are the checkout's, and the editor's files an example names
(`my-rules.ttl`, `rules/`) are the test fixture of editor shapes. Installing
(`python3 -m venv`, `pip install`) and the test command itself are left out.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, free_port

README = REPO / "README.md"
SERVED_PORT = "8000"  # the port the README's curl example names


@dataclass(frozen=True)
class Example:
    """One fenced block of the README: its commands, and the output the README shows for the last one (if any)."""

    line: int
    language: str
    commands: tuple[str, ...]
    shown: str | None


def readme_examples(text: str) -> list[Example]:
    """The README's sh and python blocks, and the plain blocks written as a `$ command` and its output.

    A plain block right after an sh block (nothing but blank lines between) is the
    output of that block's last command.
    """
    lines = text.splitlines()
    blocks: list[tuple[int, str, list[str], int]] = []  # (first line, language, body, closing line)
    number = 0
    while number < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[number])
        if fence:
            end = next(n for n in range(number + 1, len(lines)) if lines[n].startswith("```"))
            blocks.append((number + 1, fence.group(1), lines[number + 1 : end], end))
            number = end
        number += 1
    examples = []
    for index, (first, language, body, end) in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if language == "sh":
            shown = None
            if following and following[1] == "" and all(not line.strip() for line in lines[end + 1 : following[0] - 1]):
                shown = "\n".join(following[2])
            examples.append(Example(first, "sh", tuple(_shell_lines(body)), shown))
        elif language == "python":
            examples.append(Example(first, "python", ("\n".join(body),), None))
        elif language == "" and body and body[0].startswith("$ "):
            examples.append(Example(first, "sh", (body[0].removeprefix("$ "),), "\n".join(body[1:])))
    return examples


def _shell_lines(body: list[str]) -> list[str]:
    """The block's commands, continuation lines joined, each step of an `&&` chain apart, only okg and curl steps kept."""
    joined = re.sub(r"\\\n\s*", "", "\n".join(body))
    commands = []
    for line in joined.splitlines():
        steps = [step.strip() for step in line.split("&&")]
        commands += [step for step in steps if re.search(r"(^|\| *)\.venv/bin/okg\b", step) or step.startswith("curl ")]
    return commands


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))


def test_ci_runs_the_readme_test_command() -> None:
    ci_command = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci_command.startswith("python3 -m venv .venv")
    assert f"\n{ci_command}\n" in README.read_text(encoding="utf-8")


def test_the_readme_examples_are_found() -> None:
    commands = [command for example in EXAMPLES for command in example.commands]
    assert ".venv/bin/okg query queries/recommendations-by-acceptance.rq" in commands
    assert ".venv/bin/okg analyze path HRD JIU/REP/2020/8" in commands
    assert all("pip install" not in command and "pytest" not in command for command in commands)
    assert sum(example.shown is not None for example in EXAMPLES) >= 2


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory) -> Path:
    """A folder laid out as a reader's checkout, with the graph built."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "okg").symlink_to(Path(sys.executable).parent / "okg")
    for name in ("queries", "data"):
        (folder / name).symlink_to(REPO / name)
    shutil.copy(FIXTURES / "editor-shapes.ttl", folder / "my-rules.ttl")
    (folder / "rules").mkdir()
    shutil.copy(FIXTURES / "editor-shapes.ttl", folder / "rules" / "editor.ttl")
    subprocess.run([".venv/bin/okg", "build"], cwd=folder, env=_environment(), check=True, capture_output=True)
    return folder


def _environment() -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES", "OKG_STORE")}
    environment["PYTHONIOENCODING"] = "utf-8"
    return environment


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"line-{example.line}" for example in EXAMPLES])
def test_the_readme_example_runs_and_prints_what_it_shows(example: Example, reader_folder: Path) -> None:
    if example.language == "python":
        run = subprocess.run(
            [sys.executable, "-c", example.commands[0]], cwd=reader_folder, env=_environment(), capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip(), "the example printed nothing"
        return
    port = str(free_port())
    server = None
    try:
        for command in example.commands:
            if command.endswith("&"):  # a server: on a free port, waited for before the next command
                server = subprocess.Popen(
                    ["bash", "-c", f"exec {command.removesuffix('&').strip()} --port {port}"],
                    cwd=reader_folder,
                    env=_environment(),
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                _wait_for(int(port), server)
                continue
            command = command.replace(f"127.0.0.1:{SERVED_PORT}", f"127.0.0.1:{port}")
            run = subprocess.run(
                ["bash", "-o", "pipefail", "-c", command], cwd=reader_folder, env=_environment(), capture_output=True, text=True, timeout=300
            )
            # 0, or 1 for "ran and found problems" (an editor's rules finding violations); never 2, could not run
            assert run.returncode in (0, 1), f"{command}\n{run.stderr}"
            assert "Traceback" not in run.stderr, run.stderr
            assert run.stdout.strip(), f"{command} printed nothing"
        if example.shown is not None:
            assert _lines(run.stdout) == _lines(example.shown)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            assert server.poll() is None, "the server exited"
            time.sleep(0.2)
    raise AssertionError("the server did not start listening within 60 s")
