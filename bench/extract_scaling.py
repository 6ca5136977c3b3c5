"""Does extraction time grow in proportion to the input?  Seconds per 100 KB, by input size.

Two shapes, each from the bundled example ``examples/report-ar.txt``:

- ``report``: its title, then its body repeated until the text reaches the size;
- ``clause``: the body's words joined by single spaces (no punctuation, no line break)
  and repeated: one sentence, one clause, the shape of a scraped page that lost its
  punctuation.

Sizes are UTF-8 kilobytes (1 KB = 1024 bytes).  Linear cost shows as a flat
"s/100KB" column, read from the process's CPU time (on a shared machine the wall
clock also counts the other processes; it is printed beside it).  A shape stops
growing once one size takes more than ``--budget`` seconds (so a regression does
not run for hours).

    python bench/extract_scaling.py [--sizes 25,50,...] [--budget 120] [--shape report|clause]
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
from pathlib import Path

from shahid.extract import extract

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report-ar.txt"
SIZES_KB = (25, 50, 100, 200, 400, 800, 1600, 3200)


def _grow(unit: str, sep: str, size: int) -> str:
    """``unit`` repeated (joined by ``sep``) until the UTF-8 length reaches ``size`` bytes."""
    per = len((unit + sep).encode("utf-8"))
    n = max(1, -(-size // per))
    return sep.join([unit] * n)


def shape_text(shape: str, kb: int) -> tuple[str, str | None]:
    """The input text of ``shape`` at ``kb`` KB and the title to pass (None: first line is the title)."""
    raw = EXAMPLE.read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    body = body.strip()
    size = kb * 1024
    if shape == "report":
        return title + "\n\n" + _grow(body, "\n", size), None
    words = " ".join(re.findall(r"\w+", body))
    return _grow(words, " ", size), title


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="KB, comma-separated")
    ap.add_argument("--shape", choices=("report", "clause"), action="append")
    ap.add_argument("--budget", type=float, default=120.0, help="stop a shape after a size slower than this (s)")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",") if x]
    extract("تحميل", None)  # load language data and gazetteer outside the timing
    for shape in a.shape or ["report", "clause"]:
        print(f"{shape}:")
        print(f"  {'KB':>6} {'cpu s':>9} {'wall s':>9} {'s/100KB':>8} {'claims':>7}")
        warm, warm_title = shape_text(shape, sizes[0])
        report_ = extract(warm, "2013-02-11", title=warm_title)  # untimed: fills this shape's lazy caches
        for kb in sizes:
            text, title = shape_text(shape, kb)
            del report_  # the previous size's report is garbage before this one is timed
            gc.collect()
            w0, t0 = time.perf_counter(), time.process_time()
            report_ = extract(text, "2013-02-11", title=title)
            dt_, wall = time.process_time() - t0, time.perf_counter() - w0
            print(f"  {kb:>6} {dt_:>9.2f} {wall:>9.2f} {dt_ / kb * 100:>8.3f} {len(report_.claims):>7}", flush=True)
            if dt_ > a.budget:
                print(f"  (stopped: {dt_:.0f} s > budget {a.budget:.0f} s)")
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
