"""An installed wheel carries the ontology, shapes and queries and finds them outside the checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MANIFEST, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("okg-*.whl")
    return built


def test_the_wheel_holds_every_package_and_data_file(wheel) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in ("graph", "graph/builders", "loaders", "ontology", "shapes", "queries", "viz"):
        assert f"{package}/__init__.py" in names
    for data in REPO.glob("ontology/*.ttl"):
        assert f"ontology/{data.name}" in names
    for data in REPO.glob("queries/*.rq"):
        assert f"queries/{data.name}" in names
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_wheel_builds_outside_the_checkout(wheel, tmp_path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    dependencies = next(p for p in map(Path, sys.path) if p.name == "site-packages" and (p / "rdflib").is_dir())
    # -S skips site processing, so neither the checkout nor an editable install can shadow the wheel.
    script = (
        "import sys, graph, ontology; from graph.cli import main;"
        f" assert graph.__file__.startswith({str(target)!r}), graph.__file__;"
        f" sys.argv = ['okg', 'build', '--manifest', {str(MANIFEST)!r}, '--store', 'store']; main()"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", script], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": f"{target}:{dependencies}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "documents: 5 built, 0 failed" in result.stdout
