"""Victims (ANNOTATION.md `victims`): the groups the text names as suffering the act."""

from __future__ import annotations

from shahid.assemble.common import _HARM_EVENTS
from shahid.assemble.draft import Attribution, DraftClaim
from shahid.assemble.view import TagView
from shahid.tag.tags import Tag, _overlaps

# how many words from the act, a toll word or a number a victim group may stand
VICTIM_REACH = 8
# a reporting verb's frame (its source, the one it speaks to, its day and place) spans this many words at most
FRAME_REACH = 10
# events whose armed targets are victims (fighters)
_ARMED_TARGET_EVENTS = {"attack", "airstrike", "shelling", "bombing", "killing", "execution"}

class VictimRules(TagView):
    """Victims (ANNOTATION.md `victims`): group nouns of the clause that are not the perpetrators or the
    speaker, and an armed actor on the receiving end."""

    def speech_frames(self, a: int, b: int, trig: Tag, attrs: list[Attribution]) -> list[tuple[int, int]]:
        """The frames of the reports that govern the act: from a reporting verb to its complementizer, when the
        act is said after it ("وذكر سكان محليون لمراسل الوكالة في دمشق أن الاشتباكات …").  Who spoke, to whom,
        when and where is no victim of what was said."""
        frames = []
        for x in attrs:
            v = x.verb
            if v is None or v.end > trig.start:
                continue
            comp = next((c for c in self.cues("complementizer", v.end, trig.start)
                         if self.tokens_between(v.end, c.start) <= FRAME_REACH), None)
            if comp is not None:
                frames.append((v.end, comp.start))
        return frames

    def fill_victims(self, d: DraftClaim, a: int, b: int, trig: Tag, src_spans: list[Tag],
                     frames: list[tuple[int, int]] = ()) -> None:
        if d.event in _HARM_EVENTS:
            actor_spans = self.within(self.tags.actors, a, b)
            seen_g: set[str] = set()
            prev_g: Tag | None = None
            # the words that name the harm: the act and the clause's toll words and numbers
            anchors = [trig, *(t for t in self.within(self.tags.triggers, a, b)
                               if any(p.role == "casualty" for p in t.payloads)),
                       *self.within(self.tags.quantities, a, b)]
            for g in self.within(self.tags.groups, a, b):
                if _overlaps(g, actor_spans) or _overlaps(g, src_spans) or \
                        self.overlapping(self.tags.places, g.start, g.end):
                    continue  # an actor, a speaker ("مراسل"), or a word of a place name ("السيدة زينب")
                if any(lo <= g.start and g.end <= hi for lo, hi in frames):
                    continue  # "ذكر سكان لمراسل الوكالة أن …": the one spoken to, not a victim
                if not any(self._span_close(g.start, g.end, t, VICTIM_REACH) for t in anchors):
                    continue  # a group far from the act and its toll is another clause's matter
                grp = next((p.group for p in g.payloads if p.group), None)
                head, prev_g = prev_g, g
                if head is not None and not g.prefix and self.tokens_between(head.end, g.start) == 0 and \
                        any(p.group and p.group != "people" for p in head.payloads):
                    continue  # "جنود سوريون": the adjective of the noun before, not another group
                if any(self._adjoining(g, x) or self._partitive_of(g, x) for x in self.within(
                        self.tags.actors, g.end, b) if any(x.start == p[1] for p in d.perpetrators)
                        or _overlaps(x, src_spans)):
                    continue  # "عناصر من جبهة النصرة" are the perpetrators, "ضابط في الجيش الحر" the speaker
                if grp and grp not in seen_g:
                    seen_g.add(grp)
                    d.victims.append((grp, g.start, g.end))
            if d.event in _ARMED_TARGET_EVENTS and "fighters" not in seen_g:
                # an armed actor on the receiving end ("ضد مسلحين", "على مواقع الجيش") or counted among
                # the harmed ("قتل الجيش خمسة مسلحين") counts as fighters
                targets = self.cues("target_marker", a, b)
                for x in actor_spans:
                    if x.payload.kind in ("state", "armed") and not any(
                            x.start < p[2] and p[1] < x.end for p in d.perpetrators) and (any(
                            c.end <= x.start and self.tokens_between(c.end, x.start) <= 2 for c in targets)
                            or self._counted(x, trig)):
                        d.victims.append(("fighters", x.start, x.end))
                        break
