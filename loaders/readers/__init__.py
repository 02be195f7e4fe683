"""Readers: one per file format, all yielding the same document model (:mod:`loaders.readers.model`).

The format is found from the file's first bytes (a PDF's ``%PDF-``, a Word file's
ZIP signature with ``word/document.xml`` inside, an HTML page's doctype or tags),
then from its extension; anything else is read as plain text.
"""

import os
import stat
import zipfile
from io import BytesIO
from pathlib import Path

from okg.errors import SourceError
from okg.loaders.profiles import SHIPPED, Profiles
from okg.loaders.readers.model import Document

FORMATS = ("pdf", "docx", "html", "text")
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<!--")
_EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html"}


def file_format(raw: bytes, name: str) -> str:
    """The format of a file from its bytes, then its name's extension: one of :data:`FORMATS`."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        try:
            if "word/document.xml" in zipfile.ZipFile(BytesIO(raw)).namelist():
                return "docx"
        except zipfile.BadZipFile:
            pass
    opening = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if opening.startswith(_HTML_OPENINGS) and b"<" in opening[1:]:
        return "html"
    return _EXTENSIONS.get(Path(name).suffix.lower(), "text")


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def read_document(path: Path, profiles: Profiles = SHIPPED) -> Document:
    """Read the file at ``path`` in its format (plain text with the ``profiles`` in use); a file that cannot be read
    raises :class:`SourceError`."""
    source = str(path)
    try:
        # Opened without blocking and checked before reading: a FIFO or a device would block or never end.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as file:
            mode = os.fstat(file.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise SourceError(source, f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'special file')})")
            raw = file.read()
    except FileNotFoundError:
        raise SourceError(source, "file not found") from None
    except OSError as error:
        raise SourceError(source, f"cannot read the file ({error.strerror or error})") from None
    return read_bytes(raw, source, profiles)


def read_bytes(raw: bytes, source: str, profiles: Profiles = SHIPPED) -> Document:
    """Read a file's bytes in the format they are in; ``source`` names it in messages and spans, plain text is read
    with the ``profiles`` in use."""
    found = file_format(raw, source)
    if found == "pdf":
        from okg.loaders.readers.pdf import read_pdf  # pdfplumber is imported only for PDF files

        return read_pdf(raw, source)
    if found == "docx":
        from okg.loaders.readers.docx import read_docx

        return read_docx(raw, source)
    from okg.loaders.readers.text import decode, read_text

    if found == "html":
        from okg.loaders.readers.html import read_html

        return read_html(decode(raw, source), source)
    return read_text(decode(raw, source), source, profiles)
