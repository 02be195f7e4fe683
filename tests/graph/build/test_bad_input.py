"""Bad documents: clear errors naming the file and line, nothing lost, and encodings handled or refused."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from tests.conftest import MANIFEST, REPO, document_quads

CORPUS = REPO / "data" / "corpus"


def _manifest(folder: Path, entries: list[tuple[str, str, str]]) -> Path:
    lines = []
    for document_id, file, family in entries:
        lines += ["[[document]]", f'id = "{document_id}"', f'file = "{file}"', f'title = "{document_id}"', f'family = "{family}"']
    path = folder / "manifest.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda f: (f / "x.txt").write_text("text\n"), "unknown family 'minutes' (known: evaluation-recommendations"),
        (lambda f: None, "x.txt: file not found"),
        (lambda f: (f / "x.txt").mkdir(), "x.txt: cannot read the file"),
        (lambda f: (f / "x.txt").write_bytes(b"RECOMMENDATION 1\n\x00\x01binary"), "x.txt:2: not a text file (NUL byte at offset 17)"),
        (
            lambda f: (f / "x.txt").write_bytes("Intro\nThe Bureau’s view\n".encode("cp1252")),
            "x.txt:2: not UTF-8 text (byte 0x92 at offset 16); it looks like Windows-1252: save it as UTF-8",
        ),
    ],
    ids=["unknown family", "missing file", "unreadable file", "not text", "windows-1252"],
)
def test_a_bad_document_is_named_and_costs_only_itself(tmp_path, setup, message) -> None:
    setup(tmp_path)
    shutil.copy(CORPUS / "hle-covid19-response-recommendations.txt", tmp_path / "good.txt")
    family = "minutes" if "unknown family" in message else "evaluation-recommendations"
    manifest = _manifest(tmp_path, [("bad", "x.txt", family), ("good", "good.txt", "evaluation-recommendations")])
    result = CliRunner().invoke(main, ["build", "--manifest", str(manifest), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert "documents: 1 built, 1 failed" in result.output


def test_strict_stops_at_the_first_bad_document_and_writes_nothing(tmp_path) -> None:
    shutil.copy(CORPUS / "hle-covid19-response-recommendations.txt", tmp_path / "good.txt")
    (tmp_path / "bad.txt").write_text("not an evaluation\n", encoding="utf-8")
    manifest = _manifest(tmp_path, [("bad", "bad.txt", "evaluation-recommendations"), ("good", "good.txt", "evaluation-recommendations")])
    result = CliRunner().invoke(main, ["build", "--strict", "--manifest", str(manifest), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "bad.txt: no evaluation recommendations found" in result.output
    assert not (tmp_path / "store").exists()


def _variant_corpus(folder: Path, transform) -> Path:
    folder.mkdir()
    for source in CORPUS.glob("*.txt"):
        (folder / source.name).write_bytes(transform(source.read_text(encoding="utf-8")))
    shutil.copy(MANIFEST, folder / "manifest.toml")
    return folder / "manifest.toml"


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: ("\ufeff" + text).encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace(" of the ", "\u00a0of\u00a0the\u00a0").encode("utf-8"),
    ],
    ids=["utf-8 with BOM", "CRLF line endings", "non-breaking spaces"],
)
def test_encoding_variants_load_to_the_same_graph(built_corpus, tmp_path, transform) -> None:
    manifest = _variant_corpus(tmp_path / "corpus", transform)
    summary = build_corpus(manifest, tmp_path / "store")
    assert summary.failed == [] and summary.unresolved_units == []
    assert document_quads(tmp_path / "store") == document_quads(built_corpus.store)


def test_straight_quotes_instead_of_smart_ones_give_the_same_graph_but_for_the_quote_characters(built_corpus, tmp_path) -> None:
    straight = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    manifest = _variant_corpus(tmp_path / "corpus", lambda text: text.translate(straight).encode("utf-8"))
    summary = build_corpus(manifest, tmp_path / "store")
    assert summary.failed == [] and summary.unresolved_units == []

    def normalised(store: Path) -> set[tuple]:
        return {(q.subject, q.predicate, q.object.value.translate(straight), q.graph_name) for q in document_quads(store)}

    assert normalised(tmp_path / "store") == normalised(built_corpus.store)


def test_windows_1252_documents_fail_clearly_unless_they_are_ascii(built_corpus, tmp_path) -> None:
    # Saved as Windows-1252 the way an editor does it (characters it lacks become "?"). Four documents
    # keep non-ASCII Windows-1252 bytes and are refused with a clear message; the MOPAN response's only
    # non-ASCII characters are its "▶" markers, which Windows-1252 lacks, so it becomes plain ASCII,
    # which is UTF-8 too, and loads to the same graph as the original.
    manifest = _variant_corpus(tmp_path / "corpus", lambda text: text.encode("cp1252", errors="replace"))
    result = CliRunner().invoke(main, ["build", "--manifest", str(manifest), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert result.output.count("it looks like Windows-1252: save it as UTF-8") == 4
    assert "gb346-pfa9-jiu-follow-up.txt:3: not UTF-8 text (byte 0x93 at offset 32)" in result.output
    assert "documents: 1 built, 4 failed" in result.output
    mopan = "https://w3id.org/okg/id/graph/mopan-2020-21-management-response"
    assert {q for q in document_quads(tmp_path / "store") if q.graph_name.value == mopan} == {
        q for q in document_quads(built_corpus.store) if q.graph_name.value == mopan
    }
