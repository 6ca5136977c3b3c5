"""Throughput of two or more engines measured in the same session, runs interleaved.

On a shared machine one run says little: this runs ``bench/extract_throughput.py`` for each
engine in turn, ``--rounds`` times (A B A B …), each in a fresh process pinned to one core
(``taskset``, when present), and prints every engine's best, median and worst.

    git archive OLD_COMMIT src | tar -x -C /tmp/old
    python bench/extract_ab.py --engine old=/tmp/old/src --engine new=src --rounds 5
    python bench/extract_ab.py --engine old=/tmp/old/src --engine new=src --lang en \
        --input ../shared/data/benchmarks/fa-kes/fakes_annotated.csv
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "extract_throughput.py"
_LINE = {
    "bare": re.compile(r"bare read\+normalise\+split: ([\d,]+) articles/s"),
    "extract": re.compile(r"extract \(one core\): +([\d,]+) articles/s"),
    "ratio": re.compile(r"extract / bare time ratio: ([\d.]+)x"),
    "cpu_bare": re.compile(r"by CPU time: bare ([\d,]+) articles/s"),
    "cpu_extract": re.compile(r"by CPU time: .*extract ([\d,]+) articles/s"),
    "cpu_ratio": re.compile(r"by CPU time: .*ratio ([\d.]+)x"),
}


def _run(src: str, cpu: int | None, extra: list[str]) -> dict[str, float]:
    cmd = [sys.executable, str(BENCH), *extra]
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cpu), *cmd]
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    got = {}
    for k, rx in _LINE.items():
        m = rx.search(out)
        if m is None:
            raise RuntimeError(f"unexpected output of {BENCH.name}:\n{out}")
        got[k] = float(m.group(1).replace(",", ""))
    return got


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", action="append", required=True, metavar="NAME=SRC",
                    help="an engine: a name and the src folder to put on PYTHONPATH (repeat)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cpu", type=int, default=1, help="the core to pin every run to (-1: no pinning)")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--input", help="a CSV of articles (FA-KES columns), passed to extract_throughput.py")
    ap.add_argument("--lang", help="the language of every document, passed to extract_throughput.py")
    a = ap.parse_args()
    engines = [e.split("=", 1) for e in a.engine]
    if any(len(e) != 2 for e in engines):
        ap.error("--engine takes NAME=SRC")
    extra = ["--limit", str(a.limit)] if a.limit else []
    extra += ["--input", str(Path(a.input).resolve())] if a.input else []
    extra += ["--lang", a.lang] if a.lang else []
    cpu = None if a.cpu < 0 else a.cpu
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in engines}
    for r in range(a.rounds):
        for name, src in engines:
            got = _run(src, cpu, extra)
            runs[name].append(got)
            print(f"round {r + 1} {name:>8}: extract {got['extract']:,.0f} articles/s, bare {got['bare']:,.0f}, "
                  f"ratio {got['ratio']:.1f}x; by CPU time {got['cpu_extract']:,.0f}, bare {got['cpu_bare']:,.0f}, "
                  f"ratio {got['cpu_ratio']:.1f}x", flush=True)
    print()
    for clock, pre in (("wall", ""), ("cpu", "cpu_")):
        for name, rs in runs.items():
            ex = sorted(x[pre + "extract"] for x in rs)
            ratio = sorted(x[pre + "ratio"] for x in rs)
            bare = sorted(x[pre + "bare"] for x in rs)
            print(f"{clock:>4} {name:>8}: extract best {ex[-1]:,.0f} · median {statistics.median(ex):,.0f} · "
                  f"worst {ex[0]:,.0f} articles/s; bare median {statistics.median(bare):,.0f}; "
                  f"ratio {ratio[0]:.1f}–{ratio[-1]:.1f}x (median {statistics.median(ratio):.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
