"""Which language a document is in, detected rather than assumed.

``py3langid`` (langid.py's model; its ISO 639-1 languages) classifies the first characters of the text; it
named every non-empty article of the 2013 corpus Arabic (2,194 of 2,194, on 200 characters; see
``docs/language.md``). A text with no letters at all (numbers, punctuation) has nothing to detect
and is given the default pack's language.

py3langid costs about 0.2 ms a document (8% of an Arabic extraction), so a text whose letters are
plainly those of a pack's script is named by its script alone (``_plainly_in``; the script is the pack's
data, ``script`` in its ``morphology.yaml``: Arabic's today): on every corpus article, corpus line, dev
report and GSR sentence the two decisions agree (``tests/test_language_script.py``).

Which languages the engine can read is the set of packs under ``shahid/lang/`` (a folder with a
``triggers.yaml``); the machinery names no language but the default pack's (``DEFAULT``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

SAMPLE_CHARS = 200
DEFAULT = "ar"
@lru_cache(maxsize=1)
def packs() -> frozenset[str]:
    """The language codes that have a language pack."""
    root = resources.files("shahid.lang")
    return frozenset(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("triggers.yaml").is_file())


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in: its body's (after the first line,
    when there is more), so that a headline in another language (an English ``<title>`` over an
    Arabic article) does not decide it."""
    sample = _sample(text)
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return DEFAULT
    for code, script in _scripts():
        if _plainly_in(script, sample, letters):
            return code
    code, _score = _identifier().classify(sample)
    return str(code)


def _sample(text: str) -> str:
    """The characters detection reads: the first ``SAMPLE_CHARS`` of the body."""
    first, _, rest = text.lstrip().partition("\n")
    return (rest.lstrip() or first)[:SAMPLE_CHARS]


@lru_cache(maxsize=1)
def _scripts() -> tuple[tuple[str, tuple[re.Pattern[str], re.Pattern[str], float, int]], ...]:
    """The packs whose ``morphology.yaml`` names a script its letters alone identify, compiled."""
    from shahid.lang.loader import load_script

    out = []
    for code in sorted(packs()):
        sc = load_script(code)
        if sc is not None:
            out.append((code, (re.compile(sc.letters), re.compile(sc.foreign), sc.share, sc.min_letters)))
    return tuple(out)


def _plainly_in(script: tuple[re.Pattern[str], re.Pattern[str], float, int], sample: str, letters: int) -> bool:
    """Are ``share`` of the sample's ``letters`` (at least ``min_letters``) the script's own, with no letter
    only another language of the script uses?  Then py3langid names the pack's language too (measured in
    ``docs/language.md``); anything else (Latin text, Persian, a short, mixed or presentation-form sample)
    is left to it."""
    own, foreign, share, min_letters = script
    return letters >= min_letters and len(own.findall(sample)) >= share * letters and foreign.search(sample) is None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model restricted to ISO 639-1 languages: its regional varieties (``ary``
    Moroccan, ``arz`` Egyptian Arabic) otherwise take short Arabic news sentences from ``ar``,
    and a pack is named by its two-letter code."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(sorted({c for c in ident.nb_classes if len(c) == 2}))
    return ident
