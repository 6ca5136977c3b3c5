"""Train or evaluate the eventivity judge (docs/judge.md).

    python -m shahid.learn train [--shared DIR] [--out FILE]   # writes src/shahid/learn/data/eventivity.json
    python -m shahid.learn eval [--shared DIR] [--top N]       # cross-validated figures and the heaviest features

Reads only the dev reports that are not kept aside and the GSR benchmark's dev half.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from shahid.learn import ARTEFACT, load_judge

_DATA = Path(__file__).resolve().parent / "data" / ARTEFACT


def _fmt(fig: dict[str, dict[str, float]]) -> str:
    return "  ".join(f"{k}: P {v['P']:.3f} R {v['R']:.3f} F1 {v['F1']:.3f}" for k, v in sorted(fig.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shahid.learn", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    tr = sub.add_parser("train", help="fit the judge and write the artefact")
    tr.add_argument("--out", type=Path, default=_DATA)
    ev = sub.add_parser("eval", help="cross-validated figures on the training data, and the shipped weights")
    ev.add_argument("--top", type=int, default=25)
    for p in (tr, ev):
        p.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    a = ap.parse_args(argv)
    from shahid.learn import train as t

    shared = a.shared or t.default_shared()
    if not (shared / "eval" / "dev").exists():
        print(f"dev gold not found under {shared}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    model, report = t.train(shared)
    print(f"{report['examples']} proposals, {report['labelled']} labelled ({report['positive']} events); "
          f"{time.perf_counter() - t0:.1f} s")
    print(f"rules alone (every proposal kept):   {_fmt(report['rules'])}")
    ch = report["chosen"]
    fam = "".join(f", {ev} {ch['family_threshold']}" for ev in sorted(t.FAMILY_EVENTS))
    print(f"judge, out-of-fold (C={ch['C']}, threshold {ch['threshold']}{fam}; objective {ch['objective']}, "
          f"best {report['best_objective']}): {_fmt(ch['figures'])}")
    if a.cmd == "train":
        t.write(model, a.out)
        print(f"wrote {a.out} ({len(model['weights'])} weights)")
        return 0
    shipped = load_judge()
    if shipped is None:
        print("no shipped artefact: run `python -m shahid.learn train`")
        return 0
    same = json.dumps(model["weights"], sort_keys=True) == json.dumps(
        dict(sorted(shipped.weights.items())), sort_keys=True)
    print(f"shipped artefact: {len(shipped.weights)} weights, threshold {shipped.threshold} {shipped.family}; "
          f"{'identical to' if same else 'differs from'} a fit on today's rules")
    ranked = sorted(shipped.weights.items(), key=lambda kv: kv[1])
    print("towards 'no event':", ", ".join(f"{k} {v:+.2f}" for k, v in ranked[: a.top]))
    print("towards 'event':   ", ", ".join(f"{k} {v:+.2f}" for k, v in ranked[::-1][: a.top]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
