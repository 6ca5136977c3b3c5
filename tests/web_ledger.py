"""A small ledger for the web tests: the bundled example, a hostile document (markup, a
``javascript:`` URL and bidi overrides in its text, title, outlet and URL) and a few dev reports
from ``../shared`` when it is there; ingested and linked through the library."""

from __future__ import annotations

import json
from pathlib import Path

from shahid.ingest import ingest
from shahid.link.store import link_store
from shahid.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "report-ar.txt"
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
RLO = "\u202e"
HOSTILE_OUTLET = f"evil{SCRIPT}{IMG}"
HOSTILE_TITLE = f"{SCRIPT} عنوان {IMG} {RLO}cod.exe"


def hostile_record() -> dict:
    body = EXAMPLE.read_text(encoding="utf-8").split("\n", 1)[1]
    first = body.strip().split("\n")[0]
    text = (f"{SCRIPT} {first} {IMG}\n"
            f"وقال ناشطون {RLO}إن قوات النظام قصفت بلدة كفرنبل في ريف إدلب ما أسفر عن مقتل 7 مدنيين {JS_URL}.\n"
            f"<a href=\"{JS_URL}\">رابط</a> <style>body{{display:none}}</style>")
    return {"text": text, "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET, "url": JS_URL,
            "published": "2013-02-11"}


def build(path: Path, *, dev_reports: int = 4) -> Path:
    """Build the ledger at ``path`` (a SQLite file); returns it."""
    hostile = path.parent / "hostile.jsonl"
    hostile.write_text(json.dumps(hostile_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    store = open_store(path)
    try:
        ingest([EXAMPLE], store, published="2013-02-11")
        ingest([hostile], store)
        if SHARED_DEV.is_dir() and dev_reports:
            files = sorted(SHARED_DEV.glob("*.txt"))[:dev_reports]
            for f in files:
                ingest([f], store, published=f.name[:10])
        link_store(store)
    finally:
        store.close()
    return path
