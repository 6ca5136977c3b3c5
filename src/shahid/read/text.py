"""Plain text files: the whole file is the document; its first non-empty line is the title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from shahid.read.document import Document, ReadError, ReadProblem
from shahid.read.encoding import decode
from shahid.read.limits import Limits
from shahid.read.meta import first_line


def text_document(text: str, origin: str, *, url: str | None = None) -> Document | ReadProblem:
    if not text.strip():
        return ReadProblem(origin, "empty document (no text)", "skipped")
    return Document(text=text, title=first_line(text), url=url, origin=origin)


def text_from_bytes(data: bytes, origin: str, limits: Limits) -> Document | ReadProblem:
    """One text document from bytes (a file's or standard input's): size limit, encoding, title."""
    if not data:
        return ReadProblem(origin, "empty file", "skipped")
    try:
        limits.check_document_bytes(len(data))
        text = decode(data)
    except ReadError as e:
        return ReadProblem(origin, str(e))
    return text_document(text, origin)


def read_text(path: Path, limits: Limits) -> Iterator[Document | ReadProblem]:
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        yield ReadProblem(origin, "empty file", "skipped")
        return
    limits.check_document_bytes(size)
    yield text_from_bytes(path.read_bytes(), origin, limits)
