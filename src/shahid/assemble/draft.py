"""The claim under construction, in normalised offsets (extract.py maps it to the original text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shahid.lang.loader import ActorEntry, SourceEntry
from shahid.tag.tags import Tag


@dataclass(slots=True)
class Attribution:
    source: Tag | None  # the source mention
    source_entry: SourceEntry | None
    certainty: str
    verb: Tag | None
    speaker_actor: ActorEntry | None = None  # the source is also an actor (its "إنه" is itself)


@dataclass(slots=True)
class DraftCount:
    kind: str
    group: str | None
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    start: int
    end: int


@dataclass(slots=True)
class DraftClaim:
    """A claim in normalised offsets; extract.py maps it to the original text."""

    event: str
    method: str | None
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    perpetrators: list[tuple[str, int, int]] = field(default_factory=list)
    victims: list[tuple[str, int, int]] = field(default_factory=list)
    counts: list[DraftCount] = field(default_factory=list)
    place: Any = None
    date: Any = None
    source: tuple[str, str, int, int] | None = None  # name, type, start, end
    certainty: str = "asserted"
    clash: bool = False  # the act is a fight between sides
    hypothetical: bool = False  # governed by a warning, call or demand: no claim
    background: bool = False  # a cumulative war toll ("منذ بدء الثورة"): not this report's news
    # what the act is in the text (assemble/carry.py): "toll", a toll with no act of its own; "reference",
    # an act noun the text names by a definite back-reference ("the attack"); None, an act stated here
    carry: str | None = None
    # the claim this one's act is the same act as (a back-reference's or a toll's antecedent, carry.py)
    referent: DraftClaim | None = None
    # the doer its dead's name implies (core.py _state_voice_doer): taken only if nothing else names one
    implied_doer: tuple[str, int, int] | None = None
