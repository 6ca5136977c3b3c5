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


def read_text(path: Path, limits: Limits) -> Iterator[Document | ReadProblem]:
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        yield ReadProblem(origin, "empty file", "skipped")
        return
    limits.check_document_bytes(size)
    data = path.read_bytes()
    try:
        text = decode(data)
    except ReadError as e:
        yield ReadProblem(origin, str(e))
        return
    yield text_document(text, origin)
