"""Score the engine on ../shared/eval/dev: all reports, the tuned part and the kept-aside part.

    python bench/dev_eval.py [--no-model] [--verbose] [--out DIR]

The kept-aside rule is in shahid.evaluation.split (docs/tuning.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

from shahid.evaluation.split import is_kept_aside
from shahid.extract import extract

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("shahid_shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, help="keep the system output here")
    ap.add_argument("--verbose", action="store_true", help="print every error of the tuned part")
    ap.add_argument("--kept-verbose", action="store_true", help="also print the kept-aside part's errors")
    ap.add_argument("--no-model", action="store_true", help="rules alone (no learned judge)")
    a = ap.parse_args()
    dev = a.shared / "eval" / "dev"
    if not dev.exists():
        print(f"dev gold not found at {dev}", file=sys.stderr)
        return 2
    score = _scorer(a.shared)
    out = a.out or Path(tempfile.mkdtemp(prefix="shahid-dev-"))
    out.mkdir(parents=True, exist_ok=True)
    parts = {"tuned": Path(tempfile.mkdtemp()), "kept": Path(tempfile.mkdtemp())}
    for gold in sorted(dev.glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        text = (dev / meta["file"]).read_text(encoding="utf-8")
        kwargs = {"model": False} if a.no_model else {}
        report = extract(text, meta.get("published"), outlet=meta.get("outlet"), **kwargs)
        name = gold.name[: -len(".gold.json")]
        (out / f"{name}.json").write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
        part = parts["kept" if is_kept_aside(name) else "tuned"]
        shutil.copy(gold, part / gold.name)
        shutil.copy(dev / meta["file"], part / meta["file"])
    for label, gold_dir in (("all", dev), *parts.items()):
        res = score.score(str(gold_dir), str(out), verbose=a.verbose or a.kept_verbose)
        n = len(list(gold_dir.glob("*.gold.json")))
        fields = ", ".join(f"{k}={v:.3f}" for k, v in res["field_accuracy"].items())
        print(f"{label:>5} ({n:2d} reports): headline {res['headline']:.3f}  P {res['precision']:.3f} "
              f"R {res['recall']:.3f} F1 {res['f1']:.3f}  span errors {res['span_errors']}\n"
              f"      fields: {fields}")
        if (label == "tuned" and a.verbose) or (label == "kept" and a.kept_verbose):
            for m in res["misses"]:
                print("   ", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
