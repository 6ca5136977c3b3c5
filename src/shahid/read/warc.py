"""Web archives (WARC, plain or gzipped) with warcio: every archived HTML page or text file is a document.

Responses that are not text (images, scripts, style sheets) are ignored; HTML responses
with an HTTP status other than 2xx are reported as skipped. The WARC date is the crawl
date, not the publication date, so it is kept in ``meta["warc_date"]`` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from shahid.read.document import Document, ReadProblem
from shahid.read.encoding import decode
from shahid.read.html import html_document
from shahid.read.limits import Limits
from shahid.read.text import text_document

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, limits: Limits) -> Iterator[Document | ReadProblem]:
    from warcio.archiveiterator import ArchiveIterator

    if path.stat().st_size == 0:
        yield ReadProblem(str(path), "empty file", "skipped")
        return
    n = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{path}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
                if record.rec_type == "response" and record.http_headers is not None:
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    status = record.http_headers.get_statuscode() or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                    status = "200"
                mime, _, params = ctype.partition(";")
                mime = mime.strip().lower()
                if mime not in _HTML_TYPES and mime != "text/plain":
                    continue
                n += 1
                if not status.startswith("2"):
                    yield ReadProblem(origin, f"HTTP status {status}, not a page", "skipped")
                    continue
                payload = record.content_stream().read(limits.max_document_bytes + 1)
                warc_date = record.rec_headers.get_header("WARC-Date")
                charset = params.partition("charset=")[2].strip(" \"'") or None
                if mime == "text/plain":
                    try:
                        limits.check_document_bytes(len(payload))
                        item: Document | ReadProblem = text_document(
                            decode(payload, declared=charset), origin, url=uri or None
                        )
                    except Exception as e:
                        item = ReadProblem(origin, str(e))
                else:
                    item = html_document(payload, origin, limits, url=uri or None, declared=charset)
                if isinstance(item, Document) and warc_date:
                    item.meta["warc_date"] = warc_date
                yield item
        except Exception as e:
            yield ReadProblem(str(path), f"corrupt web archive after {n} pages: {type(e).__name__}: {e}")
            return
    if n == 0:
        yield ReadProblem(str(path), "no HTML or text pages in the archive", "skipped")
