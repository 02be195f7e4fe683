"""Reading the corpus manifest: which documents there are and which loader reads each."""

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from okg.errors import ManifestError
from okg.loaders.described import Described

_REQUIRED = ("id", "file", "title")
_OPTIONAL = ("symbol", "belongs_to", "date", "description")
# Without a family, okg finds it from the document's content (loaders.detection).
_FAMILY = "family"
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


@dataclass(frozen=True)
class CorpusDocument:
    """One manifest entry: a source file and what the manifest says about it."""

    id: str
    path: Path
    title: str
    family: str | None  # None: found from the content when the document is read
    symbol: str | None = None
    belongs_to: str | None = None
    date: str | None = None
    description: str | None = None
    named_by_file: bool = False  # built without a manifest: id and title from the file name, until its content says

    def completed(self, described: Described) -> "CorpusDocument":
        """This document with what its content says of itself where the manifest said nothing (the manifest wins)."""
        # a reference document prints the symbol of the paper it belongs to on its front page: not its own
        symbol = self.symbol or (described.symbol if described.symbol != self.belongs_to else None)
        belongs_to = self.belongs_to or described.belongs_to
        return replace(
            self,
            symbol=symbol,
            title=(described.title if self.named_by_file and described.title else self.title),
            date=self.date or described.date,
            belongs_to=belongs_to if belongs_to != symbol else None,
        )


def read_manifest(manifest_path: Path) -> list[CorpusDocument]:
    """The documents a manifest lists, with their paths resolved inside its folder."""
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{manifest_path}: manifest not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{manifest_path}: cannot read the manifest ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{manifest_path}: not valid TOML ({error})") from None

    entries = manifest.get("document")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{manifest_path}: no [[document]] entries")
    corpus_dir = manifest_path.parent.resolve()
    documents: list[CorpusDocument] = []
    for position, entry in enumerate(entries, start=1):
        where = f"{manifest_path}: document {position}"
        missing = [key for key in _REQUIRED if not isinstance(entry.get(key), str) or not entry[key].strip()]
        if missing:
            raise ManifestError(f"{where}: missing {', '.join(missing)}")
        unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL) - {_FAMILY})
        if unknown:
            raise ManifestError(f"{where} ({entry['id']}): unknown field {', '.join(unknown)}")
        if not _ID.match(entry["id"]):
            raise ManifestError(f"{where}: id {entry['id']!r} must be lower-case letters, digits, '.' and '-'")
        if entry.get("date") and not _DATE.match(entry["date"]):
            raise ManifestError(f"{where} ({entry['id']}): date {entry['date']!r} is not YYYY-MM-DD or YYYY-MM")
        documents.append(
            CorpusDocument(
                id=entry["id"],
                path=_inside(corpus_dir, entry["file"], where),
                title=entry["title"].strip(),
                family=entry[_FAMILY].strip() if isinstance(entry.get(_FAMILY), str) and entry[_FAMILY].strip() else None,
                **{key: entry[key].strip() for key in _OPTIONAL if entry.get(key)},
            )
        )
    ids = [d.id for d in documents]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ManifestError(f"{manifest_path}: duplicate document id {', '.join(duplicates)}")
    return documents


def documents_from_files(paths: list[Path]) -> list[CorpusDocument]:
    """Documents for files given without a manifest: id and title from the file name, family from the content."""
    documents: list[CorpusDocument] = []
    taken: set[str] = set()
    for path in paths:
        base = re.sub(r"[^a-z0-9.-]+", "-", path.stem.casefold()).strip("-.") or "document"
        identifier, count = base, 1
        while identifier in taken:
            count += 1
            identifier = f"{base}-{count}"
        taken.add(identifier)
        documents.append(CorpusDocument(id=identifier, path=path.resolve(), title=path.stem, family=None, named_by_file=True))
    return documents


def _inside(corpus_dir: Path, file: str, where: str) -> Path:
    """The file's path, refused when it points outside the corpus folder."""
    if Path(file).is_absolute():
        raise ManifestError(f"{where}: file {file!r} is an absolute path; give it relative to the manifest")
    path = (corpus_dir / file).resolve()
    if not path.is_relative_to(corpus_dir):
        raise ManifestError(f"{where}: file {file!r} is outside the corpus folder {corpus_dir}")
    return path
