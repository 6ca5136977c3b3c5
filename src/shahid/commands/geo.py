"""`shahid places` and `shahid gazetteer search|build`: the gazetteer from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from shahid.geo import build as geo_build
from shahid.geo.gazetteer import LANGUAGES, Gazetteer, script_language
from shahid.text.normalize import normalize


def register(subparsers: Any) -> None:
    """Add the ``places`` and ``gazetteer`` subcommands to the main parser's subparsers."""
    p = subparsers.add_parser("places", help="print every place a text names, resolved, with alternatives")
    p.add_argument("text", help='the text, or "-" to read standard input')
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--country", default="SY", help="gazetteer to use (ISO2, default SY)")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="read the text with the Arabic or the English names "
                        "(default: the script of most of its letters)")
    p.set_defaults(func=cmd_places)

    g = subparsers.add_parser("gazetteer", help="search or rebuild the gazetteer index")
    gs = g.add_subparsers(dest="gazetteer_cmd", required=True)
    s = gs.add_parser("search", help="places called NAME")
    s.add_argument("name")
    s.add_argument("--country", default="SY")
    s.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="search the Arabic or the English names (default: the script of the name)")
    s.add_argument("--format", choices=("table", "json"), default="table")
    s.add_argument("--limit", type=int, default=20)
    s.set_defaults(func=cmd_gazetteer_search)
    b = gs.add_parser("build", help="rebuild the shipped index from ../shared")
    b.add_argument("--shared", type=Path, default=geo_build.default_shared(), help="path of ../shared")
    b.add_argument("--country", default="all", help="ISO2 code, or 'all'")
    b.add_argument("--out", type=Path, default=geo_build.DATA_DIR)
    b.set_defaults(func=cmd_gazetteer_build)


def _read_text(arg: str, stdin: TextIO | None = None) -> str:
    if arg == "-":
        return (stdin or sys.stdin).read()
    return arg


def places_records(text: str, country: str = "SY", lang: str | None = None) -> list[dict[str, Any]]:
    """Every place in ``text`` (original spelling) with spans into the original text, read with the
    names of ``lang`` (default: the script of most of its letters)."""
    nt = normalize(text)
    out = []
    for m in Gazetteer.load(country, lang or script_language(text)).find_places(nt.text):
        a, b = nt.to_original(m.start, m.end)
        d = m.to_dict()
        d.update(text=text[a:b], span=[a, b])
        del d["start"], d["end"]
        out.append(d)
    return out


def cmd_places(args: argparse.Namespace, out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    recs = places_records(_read_text(args.text, stdin), args.country, getattr(args, "lang", None))
    if args.format == "json":
        out.write(json.dumps(recs, ensure_ascii=False, indent=1) + "\n")
        return 0
    if not recs:
        out.write("no places found\n")
        return 0
    for r in recs:
        where = f"{r['lat']:.4f},{r['lon']:.4f} ({r['coord_precision']})" if r["lat"] is not None else "-"
        pid = r["place_id"] or "UNRESOLVED"
        out.write(f"{r['span'][0]}-{r['span'][1]}\t{r['text']}\t→ {r['name']}\t{pid}\t{r['precision']}\t"
                  f"{r['admin1'] or '-'}\t{r['country']}\t{where}\tscore={r['score']}\n")
        for c in r["candidates"][1:] if r["place_id"] else r["candidates"]:
            out.write(f"\t\talt: {c['name']}\t{c['place_id']}\t{c['precision']}\t{c['admin1'] or '-'}\t"
                      f"{c['score']}\n")
    return 0


def cmd_gazetteer_search(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    lang = getattr(args, "lang", None) or script_language(args.name)
    res = Gazetteer.load(args.country, lang).search(args.name)[: args.limit]
    if args.format == "json":
        out.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
        return 0
    if not res:
        out.write("no place of that name\n")
        return 1
    for d in res:
        where = f"{d['lat']:.4f},{d['lon']:.4f} ({d['coord_precision']})" if d["lat"] is not None else "-"
        out.write(f"{d['id']}\t{d['name']}\t{d['name_en'] or '-'}\t{d['precision']}\t{d['admin1'] or '-'}\t"
                  f"{d['country']}\t{where}\t{d['match']}\t< {' < '.join(d['parent_ids'][:4])}\n")
    return 0


def cmd_gazetteer_build(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if not (args.shared / "data" / "gazetteer").exists():
        sys.stderr.write(f"../shared not found at {args.shared} (use --shared PATH)\n")
        return 2
    ccs = geo_build.countries() if args.country == "all" else [args.country.upper()]
    for cc in ccs:
        path, idx = geo_build.build(args.shared, cc, args.out)
        out.write(f"{cc}: {len(idx['places'])} places → {path}\n")
    Gazetteer.clear_cache()
    return 0
