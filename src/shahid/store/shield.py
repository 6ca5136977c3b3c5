"""Writes that an interrupt must not cut in half.

SQLite and the driver can be left holding a write lock when Ctrl-C or SIGTERM raises
``KeyboardInterrupt`` in the middle of a commit; the next write of the same process then waits
for a lock nobody will release. The CLI's signal handler asks :func:`defer` first: inside a
:func:`shielded` block the interrupt is remembered and raised when the block ends, so it lands
between transactions, where stopping is clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0
_pending = False


def defer() -> bool:
    """Called by a signal handler: True when an interrupt now must wait for the write to end."""
    global _pending
    if _depth > 0:
        _pending = True
        return True
    return False


@contextmanager
def shielded() -> Iterator[None]:
    global _depth, _pending
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if _depth == 0 and _pending:
        _pending = False
        raise KeyboardInterrupt
