"""Carried acts (ANNOTATION.md `perpetrators`: "as written or by clear reference"): a toll that states no
act of its own right after a sentence that stated one, and an act the text names again by a definite
back-reference ("the attack", "the strikes", "the fighting"), are that act: they take its doer and its
means.  Switched on by the language's ``cues.yaml`` (``carry_reference``); a language that frames its
tolls otherwise (Arabic) leaves it off and is unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shahid.assemble.draft import DraftClaim
from shahid.assemble.view import TagView
from shahid.tag.tags import Tag

# a back-reference stands this many words before its act noun at most ("the overnight strikes")
REFERENCE_GAP = 2

# acts a toll or a back-reference may be the same act as: violent ones
_CARRIED = {"attack", "airstrike", "shelling", "bombing", "execution", "killing"}

# which act of a sentence a toll after it belongs to, most specific first (core._ACT_PRIORITY's order)
_PRIORITY = ("execution", "airstrike", "shelling", "bombing", "killing", "attack")

# a generic act ("the attack", a toll) named again is the specific act it refers to ("attack" → the air
# strike it was); the pairs of core._REFINE, and a toll's killing
_GENERIC = {"attack": {"airstrike", "shelling", "bombing"}, "killing": {"attack", "airstrike", "shelling",
                                                                        "bombing", "execution"}}


# how many claims after a doer-less toll the statement that names its doer may come (named_after)
NAMED_AFTER = 3

# the acts whose kind says their means
_SPECIFIC = {"airstrike", "shelling", "bombing", "execution"}


def _same_place(d: DraftClaim, x: DraftClaim) -> bool:
    """Are both placed in one governorate?"""
    return _admin(d.place) is not None and _admin(d.place) == _admin(x.place)


def _admin(p: Any) -> Any:
    return getattr(p, "admin1", None) if p is not None else None


def _day(d: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(d.value) if d is not None and d.value else None
    except ValueError:
        return None


def _same_act(d: DraftClaim, ante: DraftClaim) -> bool:
    """May d be the act ante stated?  Not when they are placed in two governorates, when d's place is
    the whole country and ante's is not (a national toll), or when their days are two days apart."""
    if d.place is not None and ante.place is not None:
        if getattr(d.place, "country", None) != getattr(ante.place, "country", None):
            return False
        if d.place.precision == "country" and ante.place.precision != "country":
            return False
        if _admin(d.place) and _admin(ante.place) and _admin(d.place) != _admin(ante.place):
            return False
    a, b = _day(d.date), _day(ante.date)
    return a is None or b is None or abs((a - b).days) <= 1


class CarryRules(TagView):
    """Tolls and back-references that take the doer and means of the act named before."""

    def back_reference(self, t: Tag, a: int) -> bool:
        """Is the act noun t named by a definite back-reference ("the attack", "the overnight strikes",
        "these strikes")?"""
        lo = max(a, t.start - 60)
        for c in [*self.cues("back_reference", lo, t.start), *self.cues("demonstrative", lo, t.start)]:
            if c.end <= t.start and self.tokens_between(c.end, self._word_start(t.start)) <= REFERENCE_GAP \
                    and not self.within(self.tags.triggers, c.end, t.start) \
                    and not self.within(self.tags.actors, c.end, t.start):
                return True
        return False

    def carry(self, made: list[DraftClaim], before: list[DraftClaim], previous: list[DraftClaim]) -> None:
        """Give the sentence's carried claims (`made`) the doer and means of their act: a back-reference
        the last claim of its kind the text made (`before`, in order), a toll the last violent act of the
        sentence right before (`previous`)."""
        for i, d in enumerate(made):
            if d.carry is None:
                continue
            if d.perpetrators and d.method:
                if d.carry == "reference":
                    self._name_back(d, [*before, *made[:i]])
                continue
            if d.carry == "reference":
                # the last act of its kind the text stated; a mention that itself only referred back and
                # found nothing to carry ("the attack also caused …") is passed over for the act it named
                pool = [*before, *made[:i]]
                ante = next((x for x in reversed(pool) if x.clash == d.clash and (
                    x.event == d.event or x.event in _GENERIC.get(d.event, ()))
                    and not (x.carry == "reference" and not x.perpetrators and x.method is None)), None)
            elif self.cues("nationwide", *d.evidence):
                continue  # "45 people were killed across Syria": the day's national toll, not that act's
            else:
                # the act of that sentence that would have taken its toll: the most specific one
                acts = [x for x in previous if x.event in _CARRIED]
                ante = min(acts, key=lambda x: _PRIORITY.index(x.event)) if acts else None
            if ante is None or ante.event not in _CARRIED or not _same_act(d, ante):
                continue
            d.referent = ante
            if d.perpetrators and not ante.perpetrators and d.carry == "reference" and d.certainty != "denied":
                self._give_back(d, ante)
            if not d.perpetrators:
                d.perpetrators = list(ante.perpetrators)
                d.clash = d.clash or ante.clash
            if d.method is None:
                d.method = ante.method
            if ante.event in _GENERIC.get(d.event, ()):
                d.event = ante.event

    def _name_back(self, d: DraftClaim, pool: list[DraftClaim]) -> None:
        """A back-reference that names the doer itself ("the raids were carried out by regime warplanes"):
        the act it refers to, stated before with no doer, is that doer's."""
        if d.certainty == "denied":
            return
        ante = next((x for x in reversed(pool) if x.clash == d.clash and (
            x.event == d.event or x.event in _GENERIC.get(d.event, ())) and x.event in _CARRIED), None)
        if ante is not None and _same_act(d, ante):
            d.referent = ante
            self._give_back(d, ante)

    @staticmethod
    def _give_back(d: DraftClaim, ante: DraftClaim) -> None:
        """ante, and the acts it referred back to in turn, take d's doer where they name none."""
        seen: set[int] = set()
        x: DraftClaim | None = ante
        while x is not None and id(x) not in seen and not x.perpetrators:
            seen.add(id(x))
            x.perpetrators = list(d.perpetrators)
            x = x.referent

    def same_toll(self, claims: list[DraftClaim]) -> None:
        """Two statements of one toll for one kind of act, at one place and day, are one act ("a
        suspected gas attack killed at least 58 …" and later "the attack by Syrian government jets killed
        at least 58"): the one that names no doer takes the other's (the nearest, the one before first)."""
        def tolls(x: DraftClaim) -> set[tuple[str | None, int]]:
            return {(c.group, c.value) for c in x.counts if c.kind == "killed" and c.value}
        named = [(i, x, tolls(x)) for i, x in enumerate(claims)
                 if x.perpetrators and x.certainty != "denied" and x.event in _CARRIED and not x.background]
        if not named:
            return
        for i, d in enumerate(claims):
            if d.perpetrators or d.event not in _CARRIED or d.background:
                continue
            mine = tolls(d)
            if not mine:
                continue
            kin = _GENERIC.get(d.event, set()) | {d.event} | {e for e, sub in _GENERIC.items() if d.event in sub}
            found = [(abs(i - j) + (0.5 if j > i else 0), x) for j, x, t in named
                     if x is not d and x.event in kin and x.clash == d.clash and mine & t and _same_act(d, x)]
            if found:
                d.perpetrators = list(min(found, key=lambda f: f[0])[1].perpetrators)

    def named_means(self, claims: list[DraftClaim]) -> None:
        """A generic attack stated with no means ("13 citizens killed in terrorist attacks in Aleppo"),
        whose means the text names after it for the acts at its place and day, all of one kind ("terrorist
        groups fired rocket shells on …"), is that kind of act: a summary names what it sums up.  (An
        execution is no attack's means.)"""
        for i, d in enumerate(claims):
            if d.event != "attack" or d.method is not None or d.clash or d.background:
                continue
            kinds = {(x.event, x.method) for x in claims[i + 1:]
                     if not x.clash and not x.background and x.event != "execution"
                     and (x.event in _SPECIFIC or x.method is not None)
                     and x.event in _CARRIED and _same_act(x, d) and _same_place(x, d)}
            if len(kinds) == 1:
                d.event, d.method = next(iter(kinds))

    def named_after(self, claims: list[DraftClaim]) -> None:
        """A toll for an act that names no doer ("Raids on a clinic in Hama killed 11
        patients"), followed at once by a statement of that kind of act at its place and day that names
        one ("four raids by jets thought to be Russian struck the village"): the report names the
        doer of the act it has just stated.  Only the next such statement, within ``NAMED_AFTER`` claims."""
        for i, d in enumerate(claims):
            if d.perpetrators or d.event not in _SPECIFIC or d.background or not any(
                    c.kind == "killed" for c in d.counts):
                continue
            for x in claims[i + 1:i + 1 + NAMED_AFTER]:
                if x.event != d.event or x.clash != d.clash or x.background or not _same_place(x, d) \
                        or not _same_act(x, d):
                    continue
                if x.perpetrators and x.certainty != "denied":
                    d.perpetrators = list(x.perpetrators)
                break  # the next statement of that act decides

    def toll_before_act(self, claims: list[DraftClaim]) -> None:
        """A bare toll ("Some 30 people have died in Homs since yesterday") whose next
        claim is a specific act at its governorate and day ("eight of them died in shelling of Talbiseh on
        Sunday, which brought the day's toll to …"): English states the toll first and
        then what caused it, so the toll is that act (its kind, means and doer).  The converse of a toll
        after an act sentence (``carry``)."""
        for i, d in enumerate(claims):
            if d.event != "killing" or d.method is not None or d.perpetrators or d.background or d.clash:
                continue
            if not any(c.kind == "killed" for c in d.counts):
                continue
            nxt = claims[i + 1:i + 2]
            if not nxt:
                continue
            x = nxt[0]
            if x.event in _SPECIFIC and not x.clash and not x.background and x.certainty != "denied" \
                    and _same_place(x, d) and _same_act(x, d):
                # (a denied act is no statement of what caused the toll)
                d.event, d.method, d.perpetrators = x.event, x.method, list(x.perpetrators)
