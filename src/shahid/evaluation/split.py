"""The fixed kept-aside part of the dev reports (docs/tuning.md).

A dev report is *kept aside* when the SHA-256 of its file stem (the name without
``.txt``), read as a big-endian integer, is 0 modulo 4.  The rule was chosen once,
before looking at which reports it selects, and never changes: rules and models
are tuned on the other reports, and the kept-aside ones are scored on their own
to show whether a fix carries to text it was not written against.
"""

from __future__ import annotations

import hashlib

BUCKETS = 4


def is_kept_aside(name: str) -> bool:
    """``name``: a dev report's stem (``2013-02-05-dostor-81``), or a file name ending in .txt/.gold.json."""
    for suffix in (".gold.json", ".json", ".txt"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % BUCKETS == 0
