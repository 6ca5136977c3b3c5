"""Vendor the explorer's front-end libraries from the npm registry into ``static/vendor/``.

    python -m shahid.web.vendor            # npm ci in frontend/, copy the dist files, write VERSIONS.json
    python -m shahid.web.vendor --check    # only check the committed files against frontend/package-lock.json

The versions are pinned in ``frontend/package.json`` and locked (with their integrity hashes) in
``frontend/package-lock.json``; ``npm ci`` installs exactly those. The dist files each library
needs and its licence are copied into ``src/shahid/web/static/vendor/<package>/`` and committed, so
an install of Shahid needs neither npm nor the network, and the server never fetches anything.
``static/vendor/VERSIONS.json`` records each package's version, licence and the SHA-256 of every
copied file; ``--check`` (and ``tests/test_web_assets.py``) verifies that record against the lock
file and the files.

To upgrade a library: change its version in ``frontend/package.json``, run ``npm install
--package-lock-only`` in ``frontend/``, then this module, and commit ``frontend/`` and
``static/vendor/`` together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
FRONTEND = Path(__file__).resolve().parents[3] / "frontend"

# package -> (files under node_modules/<package>/ to copy, in the same relative layout)
FILES: dict[str, tuple[str, ...]] = {
    "leaflet": (
        "dist/leaflet.js",
        "dist/leaflet.css",
        "dist/images/layers.png",
        "dist/images/layers-2x.png",
        "dist/images/marker-icon.png",
        "dist/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png",
        "LICENSE",
    ),
    "leaflet.markercluster": (
        "dist/leaflet.markercluster.js",
        "dist/MarkerCluster.css",
        "dist/MarkerCluster.Default.css",
        "MIT-LICENCE.txt",
    ),
    "uplot": (
        "dist/uPlot.iife.min.js",
        "dist/uPlot.min.css",
        "LICENSE",
    ),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def locked_versions(lock: Path | None = None) -> dict[str, str]:
    """The version of each vendored package in ``frontend/package-lock.json``."""
    data = json.loads((lock or FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    pkgs = data["packages"]
    return {name: pkgs[f"node_modules/{name}"]["version"] for name in FILES}


def copy(node_modules: Path, dest: Path = VENDOR) -> dict[str, dict]:
    """Copy the listed files of each package from ``node_modules`` into ``dest``; the manifest."""
    manifest: dict[str, dict] = {}
    if dest.exists():
        shutil.rmtree(dest)
    for name, files in FILES.items():
        src = node_modules / name
        meta = json.loads((src / "package.json").read_text(encoding="utf-8"))
        entry = {"version": meta["version"], "license": meta.get("license"), "files": {}}
        for rel in files:
            out = dest / name / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src / rel, out)
            entry["files"][rel] = sha256(out)
        manifest[name] = entry
    (dest / "VERSIONS.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def check(dest: Path = VENDOR, lock: Path | None = None) -> list[str]:
    """What is wrong with the vendored files (empty when they are the locked versions, unchanged)."""
    problems: list[str] = []
    manifest_path = dest / "VERSIONS.json"
    if not manifest_path.is_file():
        return [f"{manifest_path} is missing: run python -m shahid.web.vendor"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, version in locked_versions(lock).items():
        entry = manifest.get(name)
        if entry is None:
            problems.append(f"{name}: not vendored")
            continue
        if entry["version"] != version:
            problems.append(f"{name}: vendored {entry['version']}, package-lock.json has {version}")
        for rel in FILES[name]:
            path = dest / name / rel
            if not path.is_file():
                problems.append(f"{name}/{rel}: missing")
            elif entry["files"].get(rel) != sha256(path):
                problems.append(f"{name}/{rel}: changed since it was vendored")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shahid.web.vendor", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the vendored files against the lock file")
    args = ap.parse_args(argv)
    if not args.check:
        if not (FRONTEND / "package-lock.json").is_file():
            print(f"no {FRONTEND / 'package-lock.json'}: run this from a source checkout", file=sys.stderr)
            return 2
        npm = shutil.which("npm")
        if npm is None:
            print("npm is not installed (Debian: apt-get install npm)", file=sys.stderr)
            return 2
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
        manifest = copy(FRONTEND / "node_modules")
        for name, entry in manifest.items():
            print(f"{name} {entry['version']}: {len(entry['files'])} files")
    problems = check()
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"vendored files match {FRONTEND.name}/package-lock.json")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
