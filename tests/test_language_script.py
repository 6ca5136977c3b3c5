"""Language detection by script: a plainly Arabic sample is named without py3langid, and that decision
is py3langid's own on every real text we have (corpus articles and lines, dev reports, FA-KES rows)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from shahid.read import language
from shahid.read.language import detect_language

SHARED = Path(os.environ.get("SHAHID_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CORPUS = SHARED / "data" / "corpus" / "ar-news-2013.jsonl"
DEV = SHARED / "eval" / "dev"
FAKES = SHARED / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"
GSR = SHARED / "data" / "benchmarks" / "arabic-event-gsr"


def _by_model(text: str) -> str:
    """What detection said before the script shortcut: py3langid on the same sample."""
    sample = language._sample(text)
    if not any(c.isalpha() for c in sample):
        return language.DEFAULT
    return str(language._identifier().classify(sample)[0])


def _by_script(text: str) -> bool:
    """Is the sample named by a pack's script (the Arabic pack's, the only one that declares one)?"""
    sample = language._sample(text)
    return any(language._plainly_in(script, sample, sum(map(str.isalpha, sample)))
               for _code, script in language._scripts())


def test_only_the_arabic_pack_declares_a_script() -> None:
    # Latin script is not one language: English must not name a text by its letters
    assert [code for code, _ in language._scripts()] == ["ar"]


@pytest.mark.parametrize(("text", "lang", "by_script"), [
    # my own sentences: long plain Arabic is decided by its script ...
    ("أعلنت مصادر محلية أن قصفا مدفعيا استهدف الأحياء الشرقية من المدينة صباح اليوم وأدى إلى أضرار", "ar",
     True),
    # ... a Latin brand name inside it does not stop that
    ("قالت الوزارة في بيان نشرته على موقع Twitter إن الطريق الدولي أغلق أمام حركة السير منذ الصباح", "ar", True),
    # ... short Arabic is left to the model (which says ar)
    ("قصف على حلب", "ar", False),
    # Persian, long with its own letters, or short without them, is left to the model
    ("گزارش‌ها می‌گویند که در حمله هوایی به شهر چند نفر کشته شدند و ساختمان‌های زیادی ویران شد", "fa", False),
    ("بمباران شهر حلب", "fa", False),
    ("یہ شہر کے بارے میں ایک مختصر خبر ہے جو آج صبح شائع ہوئی اور اس میں کئی باتیں ہیں", "ur", False),
    # Latin script is always the model's: it is not one language
    ("The army shelled the eastern districts of the city this morning, residents said.", "en", False),
    ("L'armée a bombardé les quartiers est de la ville ce matin, selon des habitants.", "fr", False),
])
def test_script_shortcut_on_written_sentences(text: str, lang: str, by_script: bool) -> None:
    assert _by_script(text) is by_script
    assert detect_language(text) == lang == _by_model(text)


def _corpus_texts() -> list[str]:
    with open(CORPUS, encoding="utf-8") as f:
        return [json.loads(line).get("text") or "" for line in f]


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_script_decision_is_the_models_on_every_corpus_article_and_line() -> None:
    articles = _corpus_texts()
    lines = [x for t in articles for x in t.split("\n") if len(x.strip()) > 20]
    texts = articles + lines
    differ = [t[:40] for t in texts if detect_language(t) != _by_model(t)]
    assert not differ
    # and the shortcut does the work: nearly every article is decided by its script
    assert sum(map(_by_script, articles)) >= 0.99 * sum(1 for t in articles if t.strip())


@pytest.mark.skipif(not DEV.exists(), reason="shared dev reports not available")
def test_script_decision_is_the_models_on_every_dev_report() -> None:
    texts = []
    for gold in sorted(DEV.glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        texts.append((DEV / meta["file"]).read_text(encoding="utf-8"))
    assert texts
    assert [detect_language(t) for t in texts] == [_by_model(t) for t in texts]


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES not available")
def test_fakes_rows_are_still_the_models_and_english() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from fakes_eval import read_rows

    texts = [r["article_content"] for r in read_rows(FAKES)]
    assert not any(map(_by_script, texts))
    assert {detect_language(t) for t in texts} == {"en"}


@pytest.mark.skipif(not GSR.exists(), reason="GSR benchmark not available")
def test_script_decision_is_the_models_on_every_gsr_sentence() -> None:
    """Single sentences (both tasks, both halves: only the language decision is read, no label)."""
    import csv

    texts = []
    for f in sorted(GSR.glob("*_gsr.csv")):
        with open(f, encoding="utf-8") as fh:
            texts += [r.get("text") or "" for r in csv.DictReader(fh)]
    assert texts
    assert not [t[:40] for t in texts if detect_language(t) != _by_model(t)]
    assert sum(map(_by_script, texts)) > 0.8 * len(texts)
