"""okg's types, checked where CI runs the tests: ``mypy --strict`` on the loaders, the graph and the errors (CHECKED),
with the settings of pyproject.toml's [tool.mypy].

mypy reads modules by their import names from folders, and the checkout's folders are not laid out as okg
installs (pyproject.toml maps loaders/ to okg.loaders, okg-package/ to okg, ...); the editable install's import
hook gives Python that mapping but is no path mypy can follow. So the test lays okg out in a temporary folder of
links, as pyproject.toml's package-dir maps it, and runs mypy there.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO

CHECKED = ("-p", "okg.loaders", "-p", "okg.graph", "-m", "okg.errors")


def okg_in_links(folder: Path) -> Path:
    """``folder``/okg: the checkout's packages linked in under their import names (pyproject.toml's package-dir)."""
    package_dir: dict[str, str] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-dir"]
    root = folder / "okg"
    root.mkdir()
    for module in (REPO / package_dir["okg"]).glob("*.py"):
        (root / module.name).symlink_to(module)
    for name, source in package_dir.items():
        if name != "okg":
            (root / name.removeprefix("okg.").replace(".", "/")).symlink_to(REPO / source, target_is_directory=True)
    return root


def test_mypy_strict_finds_nothing_in_the_checked_modules(tmp_path: Path) -> None:
    okg_in_links(tmp_path)
    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            *CHECKED,
        ],
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    # mypy names the files by the links (okg/loaders/text.py is loaders/text.py, okg/errors.py is okg-package/errors.py)
    assert found.returncode == 0, found.stdout + found.stderr
