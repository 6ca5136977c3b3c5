"""Sentence-level event detection on the Arabic event GSR benchmark (dev half), as a regression guard.

Reads ../shared/data/benchmarks/arabic-event-gsr (skips when absent); odd ids are held out and
never read here.
"""

from pathlib import Path

import pytest

from shahid.evaluation.gsr import claim_counts_for, evaluate, rows
from shahid.extract import extract

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "benchmarks" / "arabic-event-gsr"


@pytest.fixture(scope="module")
def gsr_dir() -> Path:
    if not GSR.exists():
        pytest.skip(f"../shared not found: no event benchmark at {GSR}")
    return GSR


def test_only_even_ids_are_read(gsr_dir: Path) -> None:
    ids = [r.id for r in rows(gsr_dir, "ASSAULT")]
    assert ids and all(int(i[-1]) % 2 == 0 for i in ids)


def test_assault_detection_does_not_regress(gsr_dir: Path) -> None:
    rules, _, _ = evaluate(gsr_dir, "ASSAULT", model=False)
    # rules alone: measured P 0.259 R 0.779 F1 0.389 on 2026-12-06 (abductions counted; docs/figures.md
    # explains the gap to the benchmark's PLOVER definition)
    assert rules.recall >= 0.75, rules
    assert rules.f1 >= 0.36, rules
    # with the eventivity judge (trained on this half, so a guard, not a measure: docs/judge.md):
    # measured P 0.571 R 0.686 F1 0.623 on 2026-12-06, judge retrained after both Arabic rounds
    # (the aim: 0.60)
    judged, _, _ = evaluate(gsr_dir, "ASSAULT")
    assert judged.f1 >= 0.60, judged


def test_protest_detection_does_not_regress(gsr_dir: Path) -> None:
    rules, _, _ = evaluate(gsr_dir, "PROTEST", model=False)
    assert rules.f1 >= 0.25, rules  # measured 0.268 on 2026-12-06
    judged, _, _ = evaluate(gsr_dir, "PROTEST")
    # measured 0.602 with the judge trained on the rules before the second Arabic round, 0.493 with the one
    # retrained after it (its threshold for protest moved 0.45 → 0.35: docs/judge.md); the aim is 0.50
    assert judged.f1 >= 0.47, judged


def test_held_out_half_is_the_odd_ids(gsr_dir: Path) -> None:
    ids = [r.id for r in rows(gsr_dir, "PROTEST", "held-out")]
    assert ids and all(int(i[-1]) % 2 == 1 for i in ids)
    assert not set(ids) & {r.id for r in rows(gsr_dir, "PROTEST")}


# (sentence, counts for ASSAULT): an abduction by gunmen is PLOVER's ASSAULT; an arrest, or an abduction
# by a state's forces, stays a detention; a figurative "خطف" is no claim at all
ABDUCTIONS = [
    ("خطف مسلحون أربعة مهندسين في قندهار أمس.", True),
    ("أعلنت الشرطة أن مسلحين اختطفوا صحافيا في بغداد أمس.", True),
    ("اعتقلت الشرطة خمسة أشخاص في القاهرة أمس.", False),
    ("اختطفت قوات النظام السوري ثلاثة شبان في حمص أمس.", False),
    ("خطفت القوات الإسرائيلية صيادين قرب الساحل أمس.", False),
    ("خطف الفريق الأضواء في المباراة.", False),
]


@pytest.mark.parametrize(("text", "expected"), ABDUCTIONS)
def test_an_abduction_counts_as_assault(text: str, expected: bool) -> None:
    claims = extract(text, "2010-01-02", title="", model=False).claims
    assert any(claim_counts_for("ASSAULT", c) for c in claims) is expected
    assert not any(claim_counts_for("PROTEST", c) for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen kidnapped four engineers in Kandahar on Monday.", True),
    ("Police arrested five men in Cairo on Monday.", False),
])
def test_an_english_abduction_counts_as_assault(text: str, expected: bool) -> None:
    report = extract(text, "2010-01-04", title="", model=False)
    assert report.doc.lang == "en"
    assert any(claim_counts_for("ASSAULT", c, report.doc.lang) for c in report.claims) is expected
