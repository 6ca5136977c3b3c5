"""Build the explorer map's offline base layer, ``static/boundaries.geojson``.

    python -m shahid.web.build_boundaries [--src ../shared/data/boundaries/syr_admin1_simplified_0.005.geojson]

Reads the simplified Syria governorate polygons (OCHA COD-AB, see ``../shared/data/SOURCES.md``),
keeps each governorate's names and p-code, rounds the coordinates to 4 decimals (about 11 m, well
below the 0.005° the polygons were simplified to), drops rings that rounding collapses, and writes
a FeatureCollection whose ``attribution`` member the map shows in its attribution control. The
output is committed; the server only serves it (no tile server, nothing fetched).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent / "static"
OUT = STATIC / "boundaries.geojson"
SRC = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "boundaries" / \
    "syr_admin1_simplified_0.005.geojson"

ATTRIBUTION = ("Boundaries: OCHA COD-AB Syria (UN Cartographic Section, 2020-12-17), CC BY 3.0 IGO; "
               "they imply no endorsement by the UN")
KEEP = ("ADM1_PCODE", "ADM1_EN", "ADM1_AR")
DECIMALS = 4


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    out: list[list[float]] = []
    for x, y, *_ in ring:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _polygon(rings: list[list[list[float]]]) -> list[list[list[float]]] | None:
    outer = _ring(rings[0])
    if outer is None:
        return None
    return [outer, *(r for ring in rings[1:] if (r := _ring(ring)) is not None)]


def simplify(fc: dict[str, Any]) -> dict[str, Any]:
    """The governorates of ``fc`` with their names and p-code only, coordinates rounded."""
    features = []
    for f in fc["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            polys = [g["coordinates"]]
        elif g["type"] == "MultiPolygon":
            polys = g["coordinates"]
        else:
            raise ValueError(f"unexpected geometry {g['type']}")
        kept = [p for poly in polys if (p := _polygon(poly)) is not None]
        if not kept:
            raise ValueError(f"{f['properties'].get('ADM1_EN')}: nothing left after rounding")
        geom = {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else \
            {"type": "MultiPolygon", "coordinates": kept}
        props = {k: f["properties"][k] for k in KEEP}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
    features.sort(key=lambda f: f["properties"]["ADM1_PCODE"])
    return {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shahid.web.build_boundaries", description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=SRC, help="the governorate polygons (GeoJSON)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    fc = simplify(json.loads(args.src.read_text(encoding="utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(fc['features'])} governorates, {len(text.encode()) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
