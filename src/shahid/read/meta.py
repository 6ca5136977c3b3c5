"""Metadata helpers shared by the readers: publication dates, outlets from URLs, titles."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

_YMD_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")


def parse_published(value: object) -> str | None:
    """A publication date as ``YYYY-MM-DD``, or None when ``value`` is not a date we can read.

    Accepts ``2013-01-27``, ``2013-01-27 19:20:15``, ISO 8601 with a zone, ``2013/01/27``,
    RFC 2822 (``Sun, 27 Jan 2013 19:20:15 +0200``), ``time.struct_time``, ``date``/``datetime``
    and Unix epoch seconds or milliseconds. The date is the one written (no zone conversion),
    except for epoch numbers, which are read in UTC.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _ymd(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    m = _YMD_RE.match(s)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if s.isdigit() and len(s) in (10, 13):
        return parse_published(int(s))
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.alarabiya.net/x`` → ``alarabiya.net``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def first_line(text: str) -> str | None:
    """The first non-empty line, stripped: the title of a plain-text document."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def headline_title(text: str, title: str | None) -> str | None:
    """The title to hand to extraction: None when the text's first line *is* the title.

    A headline that opens the text repeats the body, so extraction (given no title) reads it
    as the title and takes no claims from it; a text that is only that line is all body.
    Every path into extraction (``shahid extract``, ``ingest``, ``reextract``) goes through
    here, so a file gives the same claims whichever command reads it.
    """
    if title is None:
        return None
    return None if text.partition("\n")[0].strip() == title.strip() else title


def with_title(title: str | None, body: str) -> str:
    """The document text: the title on its own line, then the body (unless the body starts with it)."""
    body = body.strip("\n")
    if not title or body.lstrip().startswith(title):
        return body
    return f"{title}\n{body}" if body else title
