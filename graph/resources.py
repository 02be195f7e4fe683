"""Finding okg's data files (ontology, shapes, queries) in the installed packages."""

from importlib.resources import files
from importlib.resources.abc import Traversable


def ontology_files() -> list[Traversable]:
    """The ontology's Turtle files, in a stable order."""
    return sorted((f for f in files("okg.ontology").iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


def query_files() -> list[Traversable]:
    """The named SPARQL queries (.rq), in a stable order."""
    return sorted((f for f in files("okg.queries").iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)


def shape_files() -> list[Traversable]:
    """The SHACL shapes' Turtle files, in a stable order."""
    return sorted((f for f in files("okg.shapes").iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)
