"""The dev gold of ../shared/eval/dev, scored by the shared scorer: quality must not regress.

Reads ../shared (skips when absent); writes the extraction output to a temp dir and
imports ../shared/eval/score.py (standard library only) to score it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from shahid.extract import extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "dev"


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"../shared not found at {SHARED}: the dev gold and scorer live there")
    spec = importlib.util.spec_from_file_location("shahid_shared_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict:
    score = _scorer()
    out = tmp_path_factory.mktemp("dev-out")
    for gold in sorted(DEV.glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        text = (DEV / meta["file"]).read_text(encoding="utf-8")
        report = extract(text, meta.get("published"), outlet=meta.get("outlet"))
        (out / (gold.name[: -len(".gold.json")] + ".json")).write_text(
            json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    return {"all": score.score(str(DEV), str(out)), "dir": out, "mod": score}


def test_no_span_errors(scored: dict) -> None:
    assert scored["all"]["span_errors"] == 0


def test_headline_on_dev(scored: dict) -> None:
    res = scored["all"]
    # floors follow what is measured on all 49 reports (0.562 when the dev set grew; 0.718 with the
    # judge on 2026-12-04, 0.734 after the Arabic error-class round), a little below it, never above
    assert res["headline"] >= 0.72, res
    assert res["f1"] >= 0.85


def _part(scored: dict, tmp_path: Path, kept: bool) -> dict:
    from shahid.evaluation.split import is_kept_aside

    gold = tmp_path / ("kept" if kept else "tuned")
    gold.mkdir()
    for g in DEV.glob("*.gold.json"):
        name = g.name[: -len(".gold.json")]
        if is_kept_aside(name) == kept:
            for f in (g, DEV / f"{name}.txt"):
                (gold / f.name).write_bytes(f.read_bytes())
    return scored["mod"].score(str(gold), str(scored["dir"]))


def test_kept_aside_part_on_its_own(scored: dict, tmp_path: Path) -> None:
    # the reports never tuned on (docs/tuning.md): 0.543 measured on 2026-12-04 (0.547 rules alone);
    # 0.569 after the Arabic error-class round (0.561 rules alone)
    res = _part(scored, tmp_path, kept=True)
    assert res["headline"] >= 0.55, res
    assert res["span_errors"] == 0


def test_seed_report_claim_f1(scored: dict, tmp_path: Path) -> None:
    # score the Aleppo seed report alone
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("aleppo-2016-12-12.txt", "aleppo-2016-12-12.gold.json"):
        (gold / name).write_bytes((DEV / name).read_bytes())
    res = scored["mod"].score(str(gold), str(scored["dir"]))
    assert res["f1"] >= 0.95, res  # 1.000 measured
