"""Event detection on ../shared/data/benchmarks/arabic-event-gsr (dev half: even ids).

    python bench/gsr_eval.py [--task ASSAULT|PROTEST] [--errors N] [--no-model] [--half even|odd]

``--half odd`` measures the held-out half (odd ids) the same way: for a final report only,
never for tuning (it prints no errors).
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
    ap.add_argument("--no-model", action="store_true", help="rules alone (no learned judge)")
    ap.add_argument("--half", choices=("even", "odd"), default="even",
                    help="even = dev half (default); odd = held-out half, final figures only")
    a = ap.parse_args()
    gsr = a.shared / "data" / "benchmarks" / "arabic-event-gsr"
    if not gsr.exists():
        print(f"benchmark not found at {gsr}", file=sys.stderr)
        return 2
    for task in a.task or sorted(TASKS):
        split = "dev" if a.half == "even" else "held-out"
        score, fps, fns = evaluate(gsr, task, split, model=not a.no_model)
        print(score)
        if split != "dev":
            continue  # the held-out half's errors are not for reading
        for label, lst in (("FP", fps), ("FN", fns)):
            for r in lst[: a.errors]:
                print(f"  {label} {r.id}: {r.text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
