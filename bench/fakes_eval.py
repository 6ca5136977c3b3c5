"""FA-KES: Shahid's English extraction against 804 crowd-coded English articles (issue 12).

``../shared/data/benchmarks/fa-kes/fakes_annotated.csv`` codes each article's location (governorate),
actor, cause of death and the numbers of civilians, children, women and non-civilians killed.  Rows whose
``unit_id`` ends in an even digit are the development half (``--half even``, tune on these only); odd ones
are held out (``--half odd``).  Each article is extracted with ``lang="en"``, its ``date`` as the
publication date and ``article_title`` as the title; its *main claim* is the claim with the largest killed
count (the first claim when none has one).  Compared, as issue 12 defines them:

- location: the main claim's ``location.admin1`` (the governorate it lies in; Rural Damascus is coded
  "damascus" in FA-KES) equals the coded governorate;
- actor: the main claim's first perpetrator mapped (sy_government/russia/pro_government_militia →
  "syrian government or russian troops", isis, us_coalition, opposition, sdf, hts; unknown ids or none →
  "unknown"; the vocabulary's other actors, e.g. hezbollah or turkey, have no FA-KES code and never match);
- cause: method chemical → chemical and toxic gases (first: a chemical air strike is coded for its gas);
  airstrike, shelling or method barrel_bomb → shelling; bombing or method explosive → explosion; method
  shooting → shooting; execution → execution; else unknown;
- counts: the main claim's killed count (value, else its lower bound; none → 0) for group civilians (or no
  group), children, women, fighters against nb_civilians, nb_children, nb_women, nb_noncivilians: exact,
  and within ±10%.

    PYTHONPATH=src python bench/fakes_eval.py --half even [--errors location]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
import time
from pathlib import Path
from typing import Any

import shahid

CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"

ACTORS = {"sy_government": "syrian government or russian troops", "russia": "syrian government or russian troops",
          "pro_government_militia": "syrian government or russian troops",
          "isis": "the organization of the islamic state in iraq and the levant - isis",
          "us_coalition": "international coalition forces", "opposition": "armed opposition groups",
          "sdf": "self administration forces", "hts": "al-nusra front", "unknown": "unknown"}
# the gazetteer's governorate names → FA-KES's
GOVERNORATES = {"aleppo": "aleppo", "damascus": "damascus", "rural damascus": "damascus", "idleb": "idlib",
                "idlib": "idlib", "deir-ez-zor": "deir ezzor", "ar-raqqa": "raqqa", "homs": "homs",
                "al-hasakeh": "hasakeh", "hama": "hama", "dar'a": "daraa", "lattakia": "lattakia",
                "quneitra": "quneitra", "tartous": "tartous", "as-sweida": "sweida"}
COUNTS = (("civilians", "nb_civilians"), ("children", "nb_children"), ("women", "nb_women"),
          ("fighters", "nb_noncivilians"))


def read_rows(path: Path) -> list[dict[str, str]]:
    """The CSV's rows; the file mixes UTF-8 and Windows-1252 lines, so each line is decoded alone."""
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def half_of(row: dict[str, str]) -> str:
    return "even" if int(row["unit_id"].strip()[-1]) % 2 == 0 else "odd"


def published(row: dict[str, str]) -> str | None:
    try:
        return dt.datetime.strptime(row["date"].strip(), "%m/%d/%y").date().isoformat()
    except ValueError:
        return None


def _killed(c: dict[str, Any], group: str | None = None, any_group: bool = False) -> int:
    best = 0
    for k in c["counts"]:
        if k["kind"] != "killed":
            continue
        if not any_group and k["group"] != group and not (group == "civilians" and k["group"] is None):
            continue
        best = max(best, k["value"] if k["value"] is not None else (k["low"] or 0))
    return best


def main_claim(claims: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not claims:
        return None
    best = max(claims, key=lambda c: _killed(c, any_group=True))
    return best if _killed(best, any_group=True) > 0 else claims[0]


def actor_of(c: dict[str, Any] | None) -> str:
    if c is None or not c["perpetrators"]:
        return "unknown"
    root = c["perpetrators"][0]["actor"].split("/")[0]
    return ACTORS.get(root, root)


def cause_of(c: dict[str, Any] | None) -> str:
    if c is None:
        return "unknown"
    ev, m = c["event"], c["method"]
    if m == "chemical":  # a chemical air strike or shell is coded for its gas
        return "chemical and toxic gases"
    if ev in ("airstrike", "shelling") or m == "barrel_bomb":
        return "shelling"
    if ev == "bombing" or m == "explosive":
        return "explosion"
    if m == "chemical":
        return "chemical and toxic gases"
    if m == "shooting":
        return "shooting"
    if ev == "execution":
        return "execution"
    return "unknown"


def location_of(c: dict[str, Any] | None) -> str | None:
    if c is None or not c["location"] or not c["location"].get("admin1"):
        return None
    a = c["location"]["admin1"].lower()
    return GOVERNORATES.get(a, a)


def _num(s: str) -> int:
    try:
        return int(float(s))
    except ValueError:
        return 0


def evaluate(rows: list[dict[str, str]]) -> tuple[dict[str, float], list[dict[str, Any]], float]:
    hits: dict[str, int] = {"location": 0, "actor": 0, "cause": 0}
    for g, _ in COUNTS:
        hits[f"{g}_exact"] = hits[f"{g}_10pct"] = 0
    details = []
    t0 = time.perf_counter()
    for row in rows:
        rep = shahid.extract(row["article_content"], published=published(row), title=row["article_title"],
                             lang="en").to_dict()
        c = main_claim(rep["claims"])
        got = {"location": location_of(c), "actor": actor_of(c), "cause": cause_of(c)}
        want = {"location": row["location"].strip().lower(), "actor": row["actor"].strip().lower(),
                "cause": row["cause_of_death"].strip().lower()}
        for k in ("location", "actor", "cause"):
            hits[k] += got[k] == want[k]
        for g, col in COUNTS:
            n, gold = (_killed(c, g) if c else 0), _num(row[col])
            got[g], want[g] = n, gold
            hits[f"{g}_exact"] += n == gold
            hits[f"{g}_10pct"] += abs(n - gold) <= 0.1 * gold
        details.append({"unit_id": row["unit_id"], "got": got, "want": want, "claim": c,
                        "n_claims": len(rep["claims"])})
    secs = time.perf_counter() - t0
    return {k: v / max(1, len(rows)) for k, v in hits.items()}, details, secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=("even", "odd"), default="even",
                    help="even: the development half (tune on it); odd: held out")
    ap.add_argument("--csv", type=Path, default=CSV)
    ap.add_argument("--errors", choices=("location", "actor", "cause", "civilians", "children", "women",
                                         "fighters"), help="print the rows where this field is wrong")
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"FA-KES not found at {args.csv} (../shared is needed)", file=sys.stderr)
        return 2
    rows = [r for r in read_rows(args.csv) if half_of(r) == args.half]
    scores, details, secs = evaluate(rows)
    print(f"FA-KES {args.half} half ({'development' if args.half == 'even' else 'held out'}): {len(rows)} articles, "
          f"{sum(d['n_claims'] for d in details)} claims, {sum(1 for d in details if d['claim'] is None)} "
          f"articles without one ({secs:.1f} s)")
    print(f"  location {scores['location']:.3f}   actor {scores['actor']:.3f}   cause {scores['cause']:.3f}")
    for g, col in COUNTS:
        print(f"  {g:<9} killed ({col}): exact {scores[g + '_exact']:.3f}   within 10% {scores[g + '_10pct']:.3f}")
    if args.errors:
        f = args.errors
        for d in details:
            if d["got"][f] != d["want"][f]:
                c = d["claim"]
                ev = c["evidence"]["text"][:160].replace("\n", " ") if c else ""
                print(f"{d['unit_id']}: got {d['got'][f]!r} want {d['want'][f]!r} | "
                      f"{c and c['event']}/{c and c['method']} | {ev}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
