"""The extraction pipeline: a pure function of (text, metadata) → Report.

read → normalise → segment → tag → assemble claims; no I/O, no global state
mutated (the language data is loaded once and read-only), deterministic.
"""

from __future__ import annotations

import hashlib

from shahid import __version__
from shahid.types import DocumentMeta, Report

ENGINE = f"shahid-ling/{__version__}"


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extract(
    text: str,
    published: str | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Report:
    """Extract every claim in ``text`` (the whole document, title line included).

    ``published`` is ``YYYY-MM-DD`` or None; relative dates stay unresolved without it.
    When ``title`` is None, the first non-empty line of ``text`` is taken as the title.
    """
    if title is None:
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    meta = DocumentMeta(id=doc_id(text), title=title, outlet=outlet, published=published, url=url)
    # Placeholder until the assembler lands (issue 2 in progress): no claims.
    return Report(doc=meta, claims=[], engine=ENGINE)
