"""RSS and Atom feeds saved to a file, with feedparser: one document per entry.

The text is the entry's title on its own line, then its content (or summary) as text.
Parsing a file never touches the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shahid.read.document import Document, ReadProblem
from shahid.read.html import fragment_to_text
from shahid.read.limits import Limits
from shahid.read.meta import outlet_from_url, parse_published, with_title


def read_feed(path: Path, limits: Limits) -> Iterator[Document | ReadProblem]:
    import feedparser

    if path.stat().st_size == 0:
        yield ReadProblem(str(path), "empty file", "skipped")
        return
    parsed = feedparser.parse(path.read_bytes())
    entries = parsed.get("entries") or []
    if not entries:
        reason = f"not a feed: {parsed.get('bozo_exception')}" if parsed.get("bozo") else "feed has no entries"
        yield ReadProblem(str(path), reason, "failed" if parsed.get("bozo") else "skipped")
        return
    feed = parsed.get("feed", {})
    feed_host = outlet_from_url(feed.get("link"))
    feed_title = (feed.get("title") or "").strip() or None
    for i, entry in enumerate(entries):
        link = entry.get("link")
        origin = f"{path}#{link or entry.get('id') or i}"
        outlet = feed_host or outlet_from_url(link) or feed_title
        yield _entry_document(entry, origin, outlet, limits)


def _entry_document(entry: Any, origin: str, outlet: str | None, limits: Limits) -> Document | ReadProblem:
    title = fragment_to_text(entry.get("title") or "") or None
    body_html = ""
    if entry.get("content"):
        body_html = "\n".join(c.get("value", "") for c in entry["content"])
    if not body_html:
        body_html = entry.get("summary") or entry.get("description") or ""
    body = fragment_to_text(body_html)
    if not body and not title:
        return ReadProblem(origin, "empty entry (no title, no content)", "skipped")
    text = with_title(title, body)
    try:
        limits.check_document_text(text)
    except Exception as e:
        return ReadProblem(origin, str(e))
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            published = parse_published(entry[key])
            break
    if published is None:
        published = parse_published(entry.get("published") or entry.get("updated"))
    link = entry.get("link")
    meta = {k: entry[k] for k in ("id", "author") if entry.get(k)}
    if entry.get("tags"):
        meta["tags"] = [t.get("term") for t in entry["tags"] if t.get("term")]
    return Document(text=text, title=title, outlet=outlet, url=link, published=published, origin=origin, meta=meta)
