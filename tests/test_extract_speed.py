"""Extraction makes no reference cycles: reference counting frees everything a call allocates, so a
long batch (ingest, a Dask worker) does not wait on the cyclic collector for its memory."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from shahid.extract import extract

TEXT = "قصفت قوات النظام حي الوعر في حمص صباح اليوم، وقال المرصد إن خمسة مدنيين قتلوا.\n"


def test_extraction_leaves_no_cyclic_garbage(shared_dir) -> None:  # type: ignore[no-untyped-def]
    texts = [f.read_text(encoding="utf-8") for f in sorted((shared_dir / "eval" / "dev").glob("*.txt"))]
    corpus = shared_dir / "data" / "corpus" / "ar-news-2013.jsonl"
    if corpus.exists():
        with open(corpus, encoding="utf-8") as f:
            texts += [json.loads(line).get("text") or "" for _, line in zip(range(150), f, strict=False)]
    fakes = shared_dir / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"
    if fakes.exists():  # English
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
        from fakes_eval import read_rows

        texts += [r["article_content"] for r in read_rows(fakes)[:100]]
    assert texts
    # (the language data, gazetteers, judge and py3langid's model load once: their loading is not
    # what is measured)
    extract(TEXT)
    extract("The army shelled the town on Monday, killing two civilians.")
    gc.collect()
    gc.disable()
    try:
        claims = 0
        for t in texts:
            claims += len(extract(t, "2013-05-01").claims)
            claims += len(extract(t, "2013-05-01", model=False).claims)
        assert claims > 100
        assert gc.collect() == 0  # nothing that only the cyclic collector could free
    finally:
        gc.enable()
