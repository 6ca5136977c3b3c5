"""HTML pages: boilerplate removal and metadata with trafilatura; HTML fragments to text with lxml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shahid.read.document import Document, ReadError, ReadProblem
from shahid.read.encoding import declared_charset, decode
from shahid.read.limits import Limits
from shahid.read.meta import outlet_from_url, parse_published, with_title

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer pre hr".split()
)
_SPACE_RE = re.compile(r"[ \t\u00a0]+")
_NL_RE = re.compile(r"\s*\n\s*")
_SHORT = 250  # characters: trafilatura's own minimum for a main text


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as e:
        raise ReadError(f"HTML needs trafilatura, which failed to import: {e}") from None
    return trafilatura


def html_document(
    data: bytes | str, origin: str, limits: Limits, *, url: str | None = None, declared: str | None = None
) -> Document | ReadProblem:
    """One web page → one Document (title line, then the main text), or a problem."""
    try:
        if isinstance(data, bytes):
            if not data.strip():
                return ReadProblem(origin, "empty page", "skipped")
            limits.check_document_bytes(len(data))
            html = decode(data, declared=declared or declared_charset(data))
        else:
            html = data
        if not html.strip():
            return ReadProblem(origin, "empty page", "skipped")
        traf = _trafilatura()
        tree = _parse(html)

        def extraction(**kw: Any) -> Any:
            return traf.bare_extraction(
                tree,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params={"extensive_search": False, "original_date": True},
                **kw,
            )

        found = extraction()
        if found is not None and len((getattr(found, "text", None) or "").strip()) < _SHORT:
            # little text: an article that short, or a page of menus and footers? trafilatura's
            # precision mode keeps a real paragraph and drops navigation
            found = extraction(favor_precision=True)
    except ReadError as e:
        return ReadProblem(origin, str(e))
    except Exception as e:
        return ReadProblem(origin, f"unreadable HTML: {type(e).__name__}: {e}")
    if found is None or not (getattr(found, "text", None) or "").strip():
        return ReadProblem(origin, "no article text found in the page (boilerplate only?)", "skipped")
    title = (found.title or "").strip() or None
    text = with_title(title, found.text)
    page_url = found.url or url
    meta = {k: v for k in ("sitename", "author", "description") if (v := getattr(found, k, None))}
    return Document(
        text=text,
        title=title,
        outlet=outlet_from_url(page_url) or found.hostname or found.sitename,
        url=page_url,
        published=parse_published(found.date),
        origin=origin,
        meta=meta,
    )


def _parse(html: str) -> Any:
    """The page as an lxml tree, however deeply nested: libxml2 alone stops at 256 levels, which
    loses the article of a page built of nested ``<div>``s (``huge_tree`` lifts that limit)."""
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (ValueError, lxml.etree.ParserError):
        # e.g. a str with an encoding declaration: parse the bytes
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)


def read_html(path: Path, limits: Limits) -> Iterator[Document | ReadProblem]:
    if path.stat().st_size == 0:
        yield ReadProblem(str(path), "empty file", "skipped")
        return
    yield html_document(path.read_bytes(), str(path), limits)


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block elements become line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    text = _SPACE_RE.sub(" ", "".join(parts))
    return _NL_RE.sub("\n", text).strip()
