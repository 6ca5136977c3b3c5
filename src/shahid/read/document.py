"""What every reader yields: a :class:`Document`, or a :class:`ReadProblem` saying why not."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Document:
    """One article as text plus its metadata; nothing downstream sees bytes or HTML.

    ``text`` is what extraction reads and what every span indexes; its SHA-256 is the
    document's identity (``Report.doc.id``), so the same text read twice is one document.
    ``origin`` says where it came from (``path``, ``path:LINE`` or ``path#URI``).
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    origin: str = ""
    lang: str | None = None  # as the input states it; None: extraction detects it
    meta: dict[str, Any] = field(default_factory=dict)
    _id: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        """SHA-256 (hex) of the UTF-8 text; computed once per text."""
        cached = self._id
        if cached is not None and cached[0] is self.text:
            return cached[1]
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        self._id = (self.text, digest)
        return digest


@dataclass(slots=True, frozen=True)
class ReadProblem:
    """A document that could not be read (``failed``), had nothing to read (``skipped``), or was
    read with something to say about it (``warning``)."""

    origin: str
    reason: str
    kind: str = "failed"  # failed | skipped | warning

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class ReadError(Exception):
    """Raised inside readers; turned into a :class:`ReadProblem` with the path attached."""
