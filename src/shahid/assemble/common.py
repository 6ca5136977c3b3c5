"""Vocabularies and patterns shared by several role modules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Events whose victims are harmed people (their numbers count the dead by default).
_HARM_EVENTS = {"attack", "airstrike", "shelling", "bombing", "execution", "killing", "torture",
                "sexual_violence", "detention", "forced_recruitment", "displacement", "casualties_found", "siege"}


class CoordinationPatterns(NamedTuple):
    """Orthographic coordination, built from the language's clitic conjunction (morphology.yaml
    ``coordinator``): clause coordination is orthographic here, not lexical."""

    comma_conjunct: re.Pattern[str]  # a comma, then a word that begins with the conjunction
    between_places: re.Pattern[str]  # what may stand between two coordinated place names
    new_conjunct: re.Pattern[str]  # a word opening with the conjunction and at least three more letters


@lru_cache(maxsize=8)
def coordination_patterns(coordinator: str) -> CoordinationPatterns:
    c = re.escape(coordinator) if coordinator else r"(?!)"
    return CoordinationPatterns(
        re.compile(rf"[،,]\s*(?={c}\w)"),
        # a comma and/or the conjunction clitic (a type word such as "بلدات" is part of the next place
        # mention or a short noun before it; a short parenthesis may follow a name: "إدلب (شمال غرب)")
        re.compile(rf"\s*(?:\([^()\n]{{0,25}}\)\s*)?[،,]?\s*(?:{c}\w{{0,6}}\s+)?(?:{c})?"),
        # ("وسط", "وقع" are words of their own: three more letters at least)
        re.compile(rf"(?<!\w){c}\w{{3}}"),
    )
