"""Event detection on ../shared/data/benchmarks/arabic-event-gsr (dev half: even ids).

    python bench/gsr_eval.py [--task ASSAULT|PROTEST] [--errors N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shahid.evaluation.gsr import TASKS, evaluate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--task", choices=sorted(TASKS), action="append")
    ap.add_argument("--errors", type=int, default=0, help="print N false positives and negatives")
    ap.add_argument("--shared", type=Path, default=SHARED)
    a = ap.parse_args()
    gsr = a.shared / "data" / "benchmarks" / "arabic-event-gsr"
    if not gsr.exists():
        print(f"benchmark not found at {gsr}", file=sys.stderr)
        return 2
    for task in a.task or sorted(TASKS):
        score, fps, fns = evaluate(gsr, task)
        print(score)
        for label, lst in (("FP", fps), ("FN", fns)):
            for r in lst[: a.errors]:
                print(f"  {label} {r.id}: {r.text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
