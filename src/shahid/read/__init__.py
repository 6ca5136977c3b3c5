"""Readers: turn files and folders into :class:`Document` objects.

    >>> from shahid.read import read
    >>> for item in read(["articles/"], fmt="auto"):
    ...     if isinstance(item, ReadProblem): print("skipped", item)
    ...     else: print(item.title)

Formats: ``text`` (the file is one document, its first line the title), ``jsonl`` (also a
JSON array), ``csv`` (also TSV), ``html`` (trafilatura), ``warc`` (warcio) and ``rss``
(RSS/Atom, feedparser). ``auto`` picks by extension, else by the file's first bytes.
A file or record that cannot be read yields a :class:`ReadProblem` (path and reason)
and reading goes on with the next one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from shahid.read.document import Document, ReadError, ReadProblem
from shahid.read.feed import read_feed
from shahid.read.html import read_html
from shahid.read.limits import DEFAULT_MAX_DOCUMENT_MB, Limits
from shahid.read.meta import headline_title, parse_published
from shahid.read.tabular import parse_mapping, read_csv, read_jsonl
from shahid.read.text import read_text, text_from_bytes
from shahid.read.warc import read_warc

__all__ = [
    "DEFAULT_MAX_DOCUMENT_MB",
    "FORMATS",
    "Document",
    "Limits",
    "ReadError",
    "ReadProblem",
    "detect_format",
    "headline_title",
    "parse_mapping",
    "parse_published",
    "read",
    "read_path",
    "read_report",
]

FORMATS = ("auto", "text", "jsonl", "csv", "html", "warc", "rss")

_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "rss",
    ".atom": "rss",
}
_SKIP_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .css .js .pdf .zip .tar .gz .bz2 .xz .7z "
    ".exe .so .pyc .db .sqlite .parquet .mp3 .mp4 .wav .woff .woff2 .ttf "
    # a ledger's companions: SQLite's journal files, the `shahid link` lock
    ".db-wal .db-shm .db-journal .sqlite-wal .sqlite-shm .sqlite-journal .lock".split()
)


def detect_format(path: Path) -> str | None:
    """The format of ``path`` from its name, else from its first bytes; None for files to leave alone."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _SKIP_SUFFIXES:
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "text"  # let the reader report the error
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"warc/"):
        return "warc"
    if stripped.startswith((b"{", b"[")):
        return "jsonl"
    if b"<rss" in stripped or b"<feed" in stripped or b"<rdf:rdf" in stripped:
        return "rss"
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<html" in stripped[:512]:
        return "html"
    return "text"


def _iter_files(path: Path) -> Iterator[Path]:
    """Files under a folder, in a stable order, hidden files and folders left out."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith("."):
                yield Path(root) / f


def read_path(
    path: Path, fmt: str = "auto", *, mapping: Mapping[str, str] | None = None, limits: Limits | None = None
) -> Iterator[Document | ReadProblem]:
    """Documents in one file (``fmt`` or detected), problems included; never raises for bad input."""
    limits = limits or Limits()
    kind = detect_format(path) if fmt == "auto" else fmt
    if kind is None:
        return
    readers: dict[str, Callable[[], Iterator[Document | ReadProblem]]] = {
        "text": lambda: read_text(path, limits),
        "jsonl": lambda: read_jsonl(path, mapping, limits),
        "csv": lambda: read_csv(path, mapping, limits),
        "html": lambda: read_html(path, limits),
        "warc": lambda: read_warc(path, limits),
        "rss": lambda: read_feed(path, limits),
    }
    if kind not in readers:
        raise ValueError(f"unknown format {kind!r}: one of {', '.join(FORMATS)}")
    try:
        yield from readers[kind]()
    except (ReadError, OSError, UnicodeError, ValueError) as e:
        yield ReadProblem(str(path), str(e) if isinstance(e, ReadError) else f"{type(e).__name__}: {e}")


def read(
    paths: Iterable[str | os.PathLike[str]],
    fmt: str = "auto",
    *,
    mapping: Mapping[str, str] | str | None = None,
    published: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Document | ReadProblem]:
    """Documents from files and folders, in order; problems are yielded, not raised.

    ``published`` (``YYYY-MM-DD``) is the publication date of documents whose input
    gives none (plain text files, records without a date).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if isinstance(mapping, str):
        mapping = parse_mapping(mapping)
    default_published = parse_published(published) if published else None
    if published and default_published is None:
        raise ValueError(f"--published {published!r} is not a date (YYYY-MM-DD)")
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files: Iterable[Path] = _iter_files(path)
        elif path.exists():
            files = [path]
        else:
            yield ReadProblem(str(path), "no such file or folder")
            continue
        for f in files:
            for item in read_path(f, fmt, mapping=mapping, limits=limits):
                if default_published and isinstance(item, Document) and item.published is None:
                    item.published = default_published
                yield item


def read_report(name: str, limits: Limits | None = None, *, stdin: Any = None) -> Document | ReadProblem:
    """One plain-text report for ``shahid extract``: a file path, or ``-`` for standard input.

    The same reader as ``ingest`` uses for text files (size limit, encoding detection, title),
    so both commands read the same text from the same bytes, or refuse it with the same reason.
    """
    limits = limits or Limits()
    if name == "-":
        import sys

        data = (stdin or sys.stdin).buffer.read()
        return text_from_bytes(data, "<stdin>", limits)
    path = Path(name)
    if not path.exists():
        return ReadProblem(name, "no such file")
    if path.is_dir():
        return ReadProblem(name, "is a directory (use 'shahid ingest' for folders)")
    items = list(read_path(path, "text", limits=limits))
    return items[0] if items else ReadProblem(name, "nothing to read")
