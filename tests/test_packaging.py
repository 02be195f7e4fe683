"""An installed wheel is one import name, okg, carries its data files, and lives beside packages named graph or queries."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MANIFEST, REPO

STAND_INS = ("queries", "graph")  # names other published packages (and many projects) use


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("okg-*.whl")
    return built


def test_the_wheel_has_one_top_level_name_and_every_data_file(wheel) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"okg"}
    for package in (
        "",
        "graph/",
        "graph/build/",
        "graph/build/builders/",
        "graph/store/",
        "graph/check/",
        "graph/query/",
        "graph/analytics/",
        "graph/cli/",
        "loaders/",
        "loaders/readers/",
        "ontology/",
        "shapes/",
        "queries/",
        "viz/",
    ):
        assert f"okg/{package}__init__.py" in names
    assert "okg/__main__.py" in names
    for folder, pattern in (("ontology", "*.ttl"), ("shapes", "*.ttl"), ("queries", "*.rq"), ("loaders/profiles", "*.toml")):
        for data in REPO.glob(f"{folder}/{pattern}"):
            assert f"okg/{folder}/{data.name}" in names
    for page in ("viz/page.html", "viz/ontology.html", "graph/query/query_page.html"):
        assert f"okg/{page}" in names
    for vendored in (REPO / "graph" / "query" / "vendor" / "codemirror").iterdir():  # the query page's editor, with its licence
        assert f"okg/graph/query/vendor/codemirror/{vendored.name}" in names


def test_the_installed_wheel_works_beside_packages_named_queries_and_graph(wheel, tmp_path) -> None:
    target = tmp_path / "site"
    for name in STAND_INS:  # stand-ins installed first: okg must neither overwrite them nor be shadowed by them
        (target / name).mkdir(parents=True)
        (target / name / "__init__.py").write_text(f"STAND_IN = {name!r}\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    dependencies = next(p for p in map(Path, sys.path) if p.name == "site-packages" and (p / "rdflib").is_dir())
    environment = {"PYTHONPATH": f"{target}:{dependencies}", "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}

    def okg(*arguments: str) -> subprocess.CompletedProcess:
        # -S skips site processing, so neither the checkout nor an editable install can shadow the wheel;
        # python -m okg is the okg command.
        return subprocess.run([sys.executable, "-S", "-m", "okg", *arguments], cwd=tmp_path, capture_output=True, text=True, env=environment)

    built = okg("build", "--manifest", str(MANIFEST), "--store", "store")
    assert built.returncode == 0, built.stderr
    assert "documents: 5 built, 0 failed" in built.stdout
    checked = okg("check", "--store", "store")
    assert checked.returncode == 0, checked.stderr
    assert "0 violations" in checked.stdout
    answered = okg("query", "recommendations-by-acceptance", "--store", "store", "--format", "csv")
    assert answered.stdout.splitlines() == ["as_of,acceptance,recommendations", ",Accepted,13", ",Not accepted,5", ",Under consideration,2"]
    where = subprocess.run(
        [sys.executable, "-S", "-c", "import okg.graph, queries, graph; print(okg.graph.__file__, queries.STAND_IN, graph.STAND_IN)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert where.stdout.split() == [str(target / "okg" / "graph" / "__init__.py"), "queries", "graph"], where.stderr
    for name in STAND_INS:  # untouched: the one file each had, as it was
        assert [(p.name, p.read_text(encoding="utf-8")) for p in (target / name).iterdir()] == [("__init__.py", f"STAND_IN = {name!r}\n")]
