"""JSON Lines, JSON arrays and CSV/TSV: one record per document, fields chosen by a mapping.

A mapping names, for each document field, the record field that holds it::

    title=title,text=text,published=timestamp,outlet=source

Unmapped document fields fall back to common names (``text``/``body``/``content``,
``title``/``headline``, ``published``/``date``/``timestamp``, ``outlet``/``source``/``site``,
``url``/``link``). A dotted name reads a nested JSON field (``meta.date``). Record fields
other than the text are kept in ``Document.meta``. Files are streamed: any size works.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from shahid.read.document import Document, ReadError, ReadProblem
from shahid.read.encoding import check_text, detect_encoding
from shahid.read.limits import Limits
from shahid.read.meta import outlet_from_url, parse_published

FIELDS = ("text", "title", "published", "outlet", "url", "lang")
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "pubdate", "publish_date", "timestamp", "datetime"),
    "outlet": ("outlet", "source", "site", "publisher", "sitename"),
    "url": ("url", "link", "href"),
    "lang": ("lang", "language"),
}
_SAMPLE = 1 << 16


def parse_mapping(spec: str | Iterable[str] | None) -> dict[str, str]:
    """``"title=title,text=body"`` (or several such strings) → ``{"title": "title", "text": "body"}``."""
    if spec is None:
        return {}
    parts: list[str] = []
    for s in [spec] if isinstance(spec, str) else spec:
        parts.extend(p for p in s.split(",") if p.strip())
    out: dict[str, str] = {}
    for p in parts:
        target, sep, source = p.partition("=")
        target, source = target.strip(), source.strip()
        if not sep or not target or not source:
            raise ValueError(f"bad mapping {p!r}: expected FIELD=COLUMN, e.g. text=body")
        if target not in FIELDS:
            raise ValueError(f"bad mapping {p!r}: {target!r} is not one of {', '.join(FIELDS)}")
        out[target] = source
    return out


def _get(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    if "." in name:
        cur: Any = record
        for part in name.split("."):
            if not isinstance(cur, Mapping) or part not in cur:
                return None
            cur = cur[part]
        return cur
    return None


class RecordMapper:
    """Turns a record (dict) into a Document according to a mapping."""

    def __init__(self, mapping: Mapping[str, str] | None, limits: Limits) -> None:
        self.mapping = dict(mapping or {})
        self.limits = limits
        self._resolved: dict[frozenset[str], dict[str, str | None]] = {}

    def _fields(self, record: Mapping[str, Any]) -> dict[str, str | None]:
        keys = frozenset(record)
        got = self._resolved.get(keys)
        if got is None:
            got = {}
            for f in FIELDS:
                if f in self.mapping:
                    got[f] = self.mapping[f]
                else:
                    got[f] = next((n for n in DEFAULT_NAMES[f] if n in keys), None)
            if len(self._resolved) < 64:
                self._resolved[keys] = got
        return got

    def document(self, record: Any, origin: str) -> Document | ReadProblem:
        if not isinstance(record, Mapping):
            return ReadProblem(origin, f"not a record (a JSON object) but {type(record).__name__}")
        fields = self._fields(record)
        text_field = fields["text"]
        if text_field is None:
            return ReadProblem(
                origin,
                "no text field (name it with --map text=FIELD; fields here: "
                + ", ".join(sorted(map(str, record))[:12])
                + ")",
            )
        text = _get(record, text_field)
        if text is None:
            return ReadProblem(origin, f"no field {text_field!r} in this record")
        if not isinstance(text, str):
            return ReadProblem(origin, f"field {text_field!r} is not a string")
        if not text.strip():
            return ReadProblem(origin, f"empty text (field {text_field!r})", "skipped")
        try:
            self.limits.check_document_text(text)
            check_text(text)
        except ReadError as e:
            return ReadProblem(origin, str(e))

        def s(f: str) -> str | None:
            name = fields[f]
            v = _get(record, name) if name else None
            if v is None:
                return None
            v = (
                v
                if isinstance(v, str)
                else (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v))
            )
            return v.strip() or None

        raw_published = _get(record, fields["published"]) if fields["published"] else None
        published = parse_published(raw_published)
        url = s("url")
        meta = {k: v for k, v in record.items() if k != text_field}
        if raw_published is not None and published is None:
            meta["unreadable_published"] = raw_published
        return Document(
            text=text,
            title=s("title"),
            outlet=s("outlet") or outlet_from_url(url),
            url=url,
            published=published,
            origin=origin,
            lang=s("lang"),
            meta=meta,
        )


def _mostly_utf8(sample: bytes) -> bool:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in sample[:4096]:
        return False
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - sample.decode("utf-8", errors="ignore").count("\ufffd")
    return bad <= max(1, len(decoded) // 1000) and bad < len(decoded)


def _open_text(path: Path) -> tuple[IO[str], str]:
    """Open a (possibly huge) text file with the encoding its beginning shows."""
    raw = path.open("rb")
    sample = raw.read(_SAMPLE)
    raw.seek(0)
    if _mostly_utf8(sample):  # a few bad lines are reported one by one, not the whole file
        enc = "utf-8"
    else:
        try:
            enc = detect_encoding(sample, complete=len(sample) < _SAMPLE)
        except ReadError:
            raw.close()
            raise
    if enc == "utf-8":
        enc = "utf-8-sig"
    return io.TextIOWrapper(raw, encoding=enc, errors="strict", newline=""), enc


def read_jsonl(path: Path, mapping: Mapping[str, str] | None, limits: Limits) -> Iterator[Document | ReadProblem]:
    """JSON Lines (one object a line); a file whose first character is ``[`` is read as a JSON array."""
    if path.stat().st_size == 0:
        yield ReadProblem(str(path), "empty file", "skipped")
        return
    mapper = RecordMapper(mapping, limits)
    fh, enc = _open_text(path)
    with fh:
        head = fh.read(1)
        while head and head.isspace():
            head = fh.read(1)
        if head == "[":
            yield from _read_json_array(fh, path, mapper)
            return
        fh.seek(0)
        ascii_compatible = codecs.lookup(enc).name not in {
            "utf-16",
            "utf-16-le",
            "utf-16-be",
            "utf-32",
            "utf-32-le",
            "utf-32-be",
        }
        lines = _lines_tolerant(path, enc) if ascii_compatible else enumerate(fh, 1)
        n_records = 0
        for lineno, line in lines:
            if isinstance(line, ReadProblem):
                yield line
                continue
            if not line.strip():
                continue
            origin = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield ReadProblem(origin, f"invalid JSON: {e.msg} at column {e.colno}")
                continue
            n_records += 1
            yield mapper.document(record, origin)
        if n_records == 0:
            yield ReadProblem(str(path), "no records in file", "skipped")


def _lines_tolerant(path: Path, enc: str) -> Iterator[tuple[int, str | ReadProblem]]:
    """Numbered lines of an ASCII-compatible file; a line that does not decode becomes a problem."""
    codec = "utf-8" if enc == "utf-8-sig" else enc
    with path.open("rb") as raw:
        for lineno, bline in enumerate(raw, 1):
            if lineno == 1 and bline.startswith(codecs.BOM_UTF8):
                bline = bline[3:]
            try:
                yield lineno, bline.decode(codec)
            except UnicodeDecodeError as e:
                yield (
                    lineno,
                    ReadProblem(f"{path}:{lineno}", f"cannot decode as {codec}: {e.reason} at byte {e.start}"),
                )


def _read_json_array(fh: IO[str], path: Path, mapper: RecordMapper) -> Iterator[Document | ReadProblem]:
    fh.seek(0)
    try:
        data = json.load(fh)
    except json.JSONDecodeError as e:
        yield ReadProblem(str(path), f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
        return
    if not data:
        yield ReadProblem(str(path), "no records in file", "skipped")
    for i, record in enumerate(data):
        yield mapper.document(record, f"{path}#{i}")


def read_csv(path: Path, mapping: Mapping[str, str] | None, limits: Limits) -> Iterator[Document | ReadProblem]:
    """CSV or TSV with a header row; the delimiter is sniffed among ``, ; TAB |``."""
    if path.stat().st_size == 0:
        yield ReadProblem(str(path), "empty file", "skipped")
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    mapper = RecordMapper(mapping, limits)
    fh, _enc = _open_text(path)
    with fh:
        sample = fh.read(_SAMPLE)
        fh.seek(0)
        if path.suffix.lower() == ".tsv":
            delimiter = "\t"
        else:
            try:
                delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|").delimiter
            except csv.Error:
                delimiter = ","
        reader = csv.DictReader(fh, delimiter=delimiter)
        n = 0
        try:
            for row in reader:
                n += 1
                record = {k: v for k, v in row.items() if k is not None}  # None: surplus cells
                yield mapper.document(record, f"{path}:{reader.line_num}")
        except (csv.Error, UnicodeDecodeError) as e:
            yield ReadProblem(f"{path}:{reader.line_num}", f"unreadable CSV after {n} rows: {e}")
            return
        if n == 0:
            yield ReadProblem(str(path), "no rows under the header", "skipped")
