"""Linking: republished copies, originators, incidents across outlets, corroboration.

    >>> from shahid.link import Linker, DocInput
    >>> linker = Linker()
    >>> change = linker.add([DocInput.from_report(report_dict, text) for report_dict, text in items])
    >>> linker.incidents        # key → incident record (claims, originators, counts, contradictions, grade)

On a ledger: :func:`shahid.link.store.link_store` (``shahid link``). See docs/linking.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DocInput", "LinkConfig", "Linker", "OriginatorResolver", "link_store"]


def __getattr__(name: str) -> Any:  # lazy: shahid.store.schema may import shahid.link.schema
    if name in ("DocInput", "Linker"):
        from shahid.link import engine

        return getattr(engine, name)
    if name == "LinkConfig":
        from shahid.link.config import LinkConfig

        return LinkConfig
    if name == "OriginatorResolver":
        from shahid.link.originators import OriginatorResolver

        return OriginatorResolver
    if name == "link_store":
        from shahid.link.store import link_store

        return link_store
    raise AttributeError(name)
