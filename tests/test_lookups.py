"""The assembler's windowed look-ups give what a scan of the whole tag list gives.

They read only the tags near a position (bisect over sorted tag lists) so that a clause's cost does
not grow with the document; here each one is checked, at every position of a hand-written report,
against the plain definition it replaces.
"""

from __future__ import annotations

from typing import Any

import pytest

from shahid.assemble import Assembler
from shahid.extract import tag
from shahid.lang.loader import load_language
from shahid.tag.lexicon import WordIndex
from shahid.text.normalize import normalize
from shahid.text.segment import sentences

TEXT = (
    "قصفت طائرات حربية تابعة لقوات النظام صباح الاثنين بلدة كفرنبل في ريف إدلب، ما أسفر عن مقتل "
    "12 مدنيا بينهم ثلاثة أطفال، بحسب المرصد السوري لحقوق الإنسان، ومقره لندن. وقال المرصد إن "
    "اشتباكات عنيفة دارت في حي جوبر بدمشق يوم 3 آذار 2013 بين الجيش الحر وقوات النظام، وإن الحي "
    "تعرض لقصف بالهاون. وأفادت الوكالة بمقتل خمسة أشخاص في حلب وحمص وحماة."
)


@pytest.fixture(scope="module")
def assembler() -> Assembler:
    lang = load_language("ar")
    nt = normalize(TEXT)
    words = WordIndex(nt.text)
    tags = tag(nt.text, lang, None, words)
    return Assembler(lang, nt.text, tags, sentences(nt.text), 0, words, "2013-03-05", nt.slice_original)


def _lists(asm: Assembler) -> dict[str, list[Any]]:
    t = asm.tags
    out = {"triggers": t.triggers, "actors": t.actors, "groups": t.groups, "reporting": t.reporting,
           "sources": t.sources, "cues": t.cues, "quantities": t.quantities, "dates": t.dates, "places": t.places}
    assert all(out[k] for k in ("triggers", "actors", "sources", "quantities", "dates", "places")), \
        {k: len(v) for k, v in out.items()}
    return out


def test_lookups_match_whole_list_scans(assembler: Assembler) -> None:
    n = len(assembler.text)
    for name, tags in _lists(assembler).items():
        for a in range(0, n + 1, 3):
            for b in (a, a + 1, a + 7, a + 40, n):
                assert assembler.within(tags, a, b) == [t for t in tags if a <= t.start and t.end <= b], name
                assert assembler.overlapping(tags, a, b) == [t for t in tags if t.start < b and a < t.end], name
                assert assembler.containing(tags, a, b) == [t for t in tags if t.start <= a and b <= t.end], name
            assert assembler.first_from(tags, a) == next((t for t in tags if t.start >= a), None), name
            for lo in (0, a // 2):
                ends_by = [t for t in tags if lo <= t.start and t.end <= a]
                assert assembler.last_ending_by(tags, a, lo) == (ends_by[-1] if ends_by else None), name


def test_right_after_matches_its_definition(assembler: Assembler) -> None:
    cues = assembler.tags.cues
    for p in [*assembler.tags.places, *assembler.tags.actors, *assembler.tags.quantities]:
        expected = any(c.end <= p.start and assembler.tokens_between(c.end, p.start) == 0 for c in cues)
        assert assembler._right_after(cues, p) == expected
