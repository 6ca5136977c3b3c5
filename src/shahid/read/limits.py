"""Size limits: a single document larger than ``max_document_mb`` is refused with a clear reason.

Files holding many documents (JSON Lines, CSV, WARC, feeds) are streamed and have no
size limit; the limit applies to each document in them.
"""

from __future__ import annotations

from dataclasses import dataclass

from shahid.read.document import ReadError

DEFAULT_MAX_DOCUMENT_MB = 16.0


@dataclass(frozen=True, slots=True)
class Limits:
    max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)

    def check_document_bytes(self, n: int) -> None:
        if n > self.max_document_bytes:
            raise ReadError(
                f"document is {n / 1048576:.1f} MB, over the {self.max_document_mb:g} MB limit for one "
                "document (split it, or raise the limit with --max-doc-mb)"
            )

    def check_document_text(self, text: str) -> None:
        # A str is at most 4 bytes a character in UTF-8; only encode when it might be too big.
        if len(text) * 4 > self.max_document_bytes:
            self.check_document_bytes(len(text.encode("utf-8")))
