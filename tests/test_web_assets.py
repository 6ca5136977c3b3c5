"""The explorer's front-end files: the vendored libraries are the versions frontend/package-lock.json
locks, unchanged since they were copied; nothing the app serves points outside it; the base layer
is the shared governorate polygons with their attribution; the package ships every static file."""

from __future__ import annotations

import glob
import json
import re
import tomllib
from pathlib import Path

import pytest

from shahid.web import build_boundaries, vendor

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "src" / "shahid" / "web"
STATIC = WEB / "static"
TEMPLATES = WEB / "templates"
TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".geojson", ".svg", ".txt", ".map"}

# URLs that vendored libraries contain but never fetch: the SVG namespace, and their home pages in
# banner comments (Leaflet's attribution prefix is replaced by plain text in map.js)
VENDOR_URLS = {
    "http://www.w3.org/2000/svg",
    "https://leafletjs.com",
    "https://github.com/leeoniya/uPlot",
}
SVG_NS = "http://www.w3.org/2000/svg"  # a name, not a place: the favicon's namespace
URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9][-A-Za-z0-9.]*\.[A-Za-z]{2,}[^\s"'`)<>]*""")


def _text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def test_vendored_files_are_the_locked_versions_unchanged() -> None:
    if not (ROOT / "frontend" / "package-lock.json").is_file():
        pytest.skip("frontend/package-lock.json absent (not a source checkout)")
    assert vendor.check() == []
    locked = vendor.locked_versions()
    assert set(locked) == {"leaflet", "leaflet.markercluster", "uplot"}
    # the version banners inside the files agree with the lock
    leaflet = (vendor.VENDOR / "leaflet" / "dist" / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert f"Leaflet {locked['leaflet']}," in leaflet
    uplot = (vendor.VENDOR / "uplot" / "dist" / "uPlot.iife.min.js").read_text(encoding="utf-8")[:200]
    assert f"(v{locked['uplot']})" in uplot
    manifest = json.loads((vendor.VENDOR / "VERSIONS.json").read_text(encoding="utf-8"))
    assert {k: v["version"] for k, v in manifest.items()} == locked
    for name in locked:  # each library ships with its licence
        assert any(re.search(r"LICEN[CS]E", rel) for rel in manifest[name]["files"]), name
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    for title, name in (("Leaflet", "leaflet"), ("Leaflet.markercluster", "leaflet.markercluster"),
                        ("uPlot", "uplot")):
        assert f"{title} {locked[name]}," in notice, f"NOTICE does not name {title} {locked[name]}"


def test_check_notices_a_changed_or_wrong_version_file(tmp_path: Path) -> None:
    if not (ROOT / "frontend" / "package-lock.json").is_file():
        pytest.skip("frontend/package-lock.json absent (not a source checkout)")
    import shutil

    copy = tmp_path / "vendor"
    shutil.copytree(vendor.VENDOR, copy)
    assert vendor.check(copy) == []
    js = copy / "leaflet" / "dist" / "leaflet.js"
    js.write_text(js.read_text(encoding="utf-8") + "\n// edited", encoding="utf-8")
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    lock["packages"]["node_modules/uplot"]["version"] = "0.0.1"
    (tmp_path / "lock.json").write_text(json.dumps(lock), encoding="utf-8")
    problems = vendor.check(copy, tmp_path / "lock.json")
    assert any("leaflet/dist/leaflet.js: changed" in p for p in problems)
    assert any("uplot: vendored" in p and "0.0.1" in p for p in problems)


def test_nothing_served_points_outside_the_app() -> None:
    own = [p for p in _text_files(STATIC) if vendor.VENDOR not in p.parents]
    if TEMPLATES.is_dir():
        own += _text_files(TEMPLATES)
    assert any(p.name == "map.js" for p in own) and any(p.name == "timeline.js" for p in own)
    for p in own:
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".geojson":
            text = json.dumps(json.loads(text)["features"])  # the attribution names sources in words only
        found = [u for u in URL.findall(text) if u != SVG_NS]
        assert found == [], f"{p.relative_to(ROOT)} references {found[:3]}"
        assert "@import" not in text, p
    for p in _text_files(vendor.VENDOR):
        text = p.read_text(encoding="utf-8")
        if p.suffix == ".css":  # links to browser bug reports in comments
            text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        found = {u.rstrip(".,;") for u in URL.findall(text)}
        assert found <= VENDOR_URLS, f"{p.relative_to(ROOT)} references {sorted(found - VENDOR_URLS)[:3]}"
    # stylesheets load only files beside them (Leaflet's control images)
    for p in STATIC.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", p.read_text(encoding="utf-8")):
            if ref.startswith("#"):  # IE's behavior:url(#default#VML)
                continue
            assert not re.match(r"[a-z]+:|//|/", ref), f"{p.name}: url({ref})"
            assert (p.parent / ref).is_file(), f"{p.name}: url({ref}) is not vendored"


def test_templates_have_no_inline_script_or_style() -> None:
    if not TEMPLATES.is_dir():
        pytest.skip("no templates yet")
    for p in _text_files(TEMPLATES):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"{p.name}: inline <script>"
        assert not re.search(r"<style\b", text), f"{p.name}: <style>"
        assert not re.search(r"\sstyle\s*=", text), f"{p.name}: style attribute"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{p.name}: event handler attribute"


def test_the_base_layer_is_the_shared_governorates_with_attribution() -> None:
    fc = json.loads((STATIC / "boundaries.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    assert "OCHA" in fc["attribution"] and "CC BY 3.0 IGO" in fc["attribution"]
    codes = [f["properties"]["ADM1_PCODE"] for f in fc["features"]]
    assert len(codes) == 14 and len(set(codes)) == 14 and all(re.fullmatch(r"SY\d\d", c) for c in codes)
    for f in fc["features"]:
        assert f["properties"]["ADM1_AR"] and f["properties"]["ADM1_EN"]
        polys = [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"]
        for poly in polys:
            for ring in poly:
                assert ring[0] == ring[-1] and len(ring) >= 4
                for lon, lat in ring:
                    assert 35.0 < lon < 42.5 and 32.0 < lat < 37.5  # Syria
    assert (STATIC / "boundaries.geojson").stat().st_size < 64_000
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "boundaries.geojson" in notice and "COD-AB" in notice


@pytest.mark.shared
def test_the_base_layer_is_rebuilt_identically_from_shared(shared_dir: Path) -> None:
    src = shared_dir / "data" / "boundaries" / "syr_admin1_simplified_0.005.geojson"
    if not src.is_file():
        pytest.skip(f"{src} absent")
    built = build_boundaries.simplify(json.loads(src.read_text(encoding="utf-8")))
    assert built == json.loads((STATIC / "boundaries.geojson").read_text(encoding="utf-8"))
    # the attribution is the one SOURCES.md asks for
    sources = (shared_dir / "data" / "SOURCES.md").read_text(encoding="utf-8")
    assert "CC BY 3.0 IGO" in sources and "OCHA COD-AB" in sources


def test_the_package_ships_every_static_file() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["shahid"]
    base = ROOT / "src" / "shahid"
    files = [p.relative_to(base).as_posix() for p in (WEB / "static").rglob("*") if p.is_file()]
    if TEMPLATES.is_dir():
        files += [p.relative_to(base).as_posix() for p in TEMPLATES.rglob("*") if p.is_file()]
    assert files
    # setuptools expands package-data patterns with glob (recursive)
    shipped = {m for pat in patterns for m in glob.glob(pat, root_dir=base, recursive=True)}
    missing = [f for f in files if f not in shipped]
    assert missing == []


def test_the_build_steps_run_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not (ROOT / "frontend" / "package-lock.json").is_file():
        pytest.skip("frontend/package-lock.json absent (not a source checkout)")
    assert vendor.main(["--check"]) == 0
    assert "match frontend/package-lock.json" in capsys.readouterr().out
    src = build_boundaries.SRC
    if not src.is_file():
        pytest.skip(f"{src} absent")
    out = tmp_path / "b.geojson"
    assert build_boundaries.main(["--src", str(src), "--out", str(out)]) == 0
    assert out.read_bytes() == (STATIC / "boundaries.geojson").read_bytes()


def test_every_static_file_is_committed_not_ignored() -> None:
    """A fresh clone must have the vendored files (a `dist/` ignore rule once hid them from git)."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = [str(p.relative_to(ROOT)) for p in (WEB / "static").rglob("*") if p.is_file()]
    if TEMPLATES.is_dir():
        files += [str(p.relative_to(ROOT)) for p in TEMPLATES.rglob("*") if p.is_file()]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *files], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert ignored == []
