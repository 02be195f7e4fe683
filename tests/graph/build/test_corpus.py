"""The corpus manifest: what the bundled corpus holds, and manifests that must be refused."""

from pathlib import Path

import pytest

from okg.errors import ManifestError
from okg.graph.build.corpus import read_manifest
from tests.conftest import MANIFEST


def test_the_bundled_manifest_lists_the_five_documents() -> None:
    documents = read_manifest(MANIFEST)
    assert [(d.id, d.family, d.symbol or d.belongs_to) for d in documents] == [
        ("gb346-pfa9-jiu-follow-up", "jiu-follow-up", "GB.346/PFA/9"),
        ("mopan-2020-21-management-response", "management-response", None),
        ("gb340-ins6-un-reform-update", "governing-body-report", "GB.340/INS/6"),
        ("hle-covid19-response-recommendations", "evaluation-recommendations", None),
        ("gb347-pfa14-hr-strategy-progress", "governing-body-report", "GB.347/PFA/14"),
    ]
    assert all(d.path.is_file() and d.title and d.description for d in documents)


def _manifest(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "manifest.toml"
    path.write_text(f"[[document]]\n{entry}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("file", ["../outside.txt", "/etc/passwd", "sub/../../outside.txt"])
def test_a_file_outside_the_corpus_folder_is_refused(tmp_path, file) -> None:
    manifest = _manifest(tmp_path, f'id = "x"\nfile = "{file}"\ntitle = "X"\nfamily = "jiu-follow-up"')
    with pytest.raises(ManifestError, match="outside the corpus folder|absolute path"):
        read_manifest(manifest)


def test_a_missing_field_is_named(tmp_path) -> None:
    # family is not required: without it, okg finds the family from the content
    with pytest.raises(ManifestError, match=r"document 1: missing title$"):
        read_manifest(_manifest(tmp_path, 'id = "x"\nfile = "x.txt"'))


def test_invalid_toml_is_reported_with_the_file(tmp_path) -> None:
    path = tmp_path / "manifest.toml"
    path.write_text("[[document]\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"manifest\.toml: not valid TOML"):
        read_manifest(path)
