"""Claim assembly, one module per field of ANNOTATION.md over a shared indexed view of the tags.

- ``view``          the indexed view (windowed look-ups, token distances)
- ``eventivity``    which proposed acts are claims
- ``perpetrators``, ``victims``, ``counts``, ``place``, ``date``, ``attribution``: the roles
- ``core``          the orchestration: clauses, triggers, one claim per act, roles filled
"""

from shahid.assemble.core import Assembler
from shahid.assemble.draft import Attribution, DraftClaim, DraftCount
from shahid.tag.tags import Tag, Tags, group_matches

__all__ = ["Assembler", "Attribution", "DraftClaim", "DraftCount", "Tag", "Tags", "group_matches"]
