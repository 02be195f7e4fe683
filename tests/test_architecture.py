"""How okg's packages depend on each other, and what importing them does (issue 19).

Imports are read from the source (ast), so a dependency is seen whether or not a test runs it.
"""

import ast
import subprocess
import sys

import networkx as nx

from okg.errors import EXIT_ERROR, OkgError, ProfileError, SourceError
from tests.conftest import REPO

# okg's packages, as the folders of the checkout that pyproject.toml maps into okg
PACKAGES = {"graph": "graph", "loaders": "loaders", "viz": "viz", "okg-package": "okg"}


def _package_of(module: str) -> str | None:
    """The package of okg a module name belongs to (okg.graph.cli -> graph; okg.errors -> okg), None if not okg's."""
    parts = module.split(".")
    if parts[0] != "okg":
        return None
    return parts[1] if len(parts) > 2 and parts[1] in PACKAGES.values() else "okg"


def package_imports() -> nx.DiGraph:
    """Each package of okg to the packages of okg its modules import (anywhere in a module, not only at its top)."""
    arrows = nx.DiGraph()
    for folder, package in PACKAGES.items():
        arrows.add_node(package)
        for path in (REPO / folder).rglob("*.py"):
            if path.name == "__main__.py":  # `python -m okg`: the command line, above every package
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module]
                    if isinstance(node, ast.ImportFrom) and node.module and not node.level
                    else []
                )
                for name in names:
                    target = _package_of(name)
                    if target is not None and target != package:
                        arrows.add_edge(package, target, example=f"{path.relative_to(REPO)} imports {name}")
    return arrows


def test_imports_between_packages_run_one_way() -> None:
    arrows = package_imports()
    cycles = list(nx.simple_cycles(arrows))
    assert not cycles, "import cycles: " + "; ".join(
        " -> ".join(f"{a} ({arrows.edges[a, b]['example']})" for a, b in zip(c, c[1:] + c[:1])) for c in cycles
    )
    # the loaders know nothing of the graph or the page; the page reads the graph, never the other way
    assert set(arrows.successors("loaders")) <= {"okg"}
    assert "viz" not in nx.descendants(arrows, "graph")


def test_importing_the_command_line_leaves_rdflib_as_it_was() -> None:
    # regression: graph/check/ swapped rdflib's SPARQL processor for the whole process as it was imported
    probe = (
        "import okg.graph.cli, okg.graph.check, okg.viz.commands\n"
        "from rdflib import plugin\nfrom rdflib.query import Processor\n"
        "print(plugin.get('sparql', Processor).__module__)"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert found == "rdflib.plugins.sparql.processor"


def test_the_check_puts_rdflib_back_as_it_was(built_corpus) -> None:
    from rdflib import plugin
    from rdflib.query import Processor

    from okg.graph.check import check_store

    report = check_store(built_corpus.store)
    assert report.findings  # the bundled corpus has Warnings: pySHACL ran its SPARQL-based rules
    assert plugin.get("sparql", Processor).__module__ == "rdflib.plugins.sparql.processor"


def test_every_error_a_loader_raises_is_one_of_okgs_and_decides_the_exit_code() -> None:
    assert issubclass(SourceError, OkgError) and issubclass(ProfileError, OkgError)
    assert SourceError("a.txt", "no table", line=3).exit_code == EXIT_ERROR
    assert str(SourceError("a.txt", "no table", line=3, page=2)) == "a.txt:3 (page 2): no table"
