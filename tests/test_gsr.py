"""Sentence-level event detection on the Arabic event GSR benchmark (dev half), as a regression guard.

Reads ../shared/data/benchmarks/arabic-event-gsr (skips when absent); odd ids are held out and
never read here.
"""

from pathlib import Path

import pytest

from shahid.evaluation.gsr import evaluate, rows

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
    # rules alone: measured P 0.246 R 0.707 F1 0.365 when this floor was set (docs/figures.md explains
    # the gap to the benchmark's PLOVER definition)
    assert rules.recall >= 0.68, rules
    assert rules.f1 >= 0.34, rules
    # with the eventivity judge (trained on this half, so a guard, not a measure: docs/judge.md):
    # measured P 0.573 R 0.671 F1 0.618 on 2026-12-04 (the aim: 0.60)
    judged, _, _ = evaluate(gsr_dir, "ASSAULT")
    assert judged.f1 >= 0.57, judged


def test_protest_detection_does_not_regress(gsr_dir: Path) -> None:
    rules, _, _ = evaluate(gsr_dir, "PROTEST", model=False)
    assert rules.f1 >= 0.25, rules  # measured 0.261 on 2026-12-04
    judged, _, _ = evaluate(gsr_dir, "PROTEST")
    assert judged.f1 >= 0.38, judged  # measured 0.405 on 2026-12-04


def test_held_out_half_is_the_odd_ids(gsr_dir: Path) -> None:
    ids = [r.id for r in rows(gsr_dir, "PROTEST", "held-out")]
    assert ids and all(int(i[-1]) % 2 == 1 for i in ids)
    assert not set(ids) & {r.id for r in rows(gsr_dir, "PROTEST")}
