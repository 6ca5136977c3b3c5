"""Which language a document is in, detected rather than assumed.

``py3langid`` (langid.py's model; its ISO 639-1 languages) classifies the first characters of the text; it
named every non-empty article of the 2013 corpus Arabic (2,194 of 2,194, on 200 characters; see
``docs/language.md``). A text with no letters at all (numbers, punctuation) has nothing to detect
and is given the default pack's language.

py3langid costs about 0.2 ms a document (8% of an Arabic extraction), so a text whose letters are
plainly Arabic is named by its script alone (``_plainly_arabic``): on every corpus article, corpus line,
dev report and GSR sentence the two decisions agree (``tests/test_language_script.py``).

Which languages the engine can read is the set of packs under ``shahid/lang/`` (a folder with a
``triggers.yaml``). This module is the one place outside the packs that names a language: the default
pack (``DEFAULT``) and the script shortcut, which knows the Arabic alphabet's code points (a fact about
Unicode, measured against py3langid, not a rule of extraction).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

SAMPLE_CHARS = 200
DEFAULT = "ar"
# the letters of the Arabic alphabet proper, hamza to yeh (tatweel included: str.isalpha counts it)
_ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0640-\u064a]")
# what marks another language written in Arabic script: the letters Persian, Urdu, Pashto, Kurdish,
# Sindhi or Uyghur add (پ چ ژ گ ک ی ے ٹ ڈ ...; U+0671-U+06FF and the supplements), presentation forms,
# and the zero-width non-joiner Persian writes inside words
_OTHER_ARABIC_SCRIPT = re.compile(
    r"[\u063b-\u063f\u0671-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u200c]")
ARABIC_SHARE = 0.9  # of a sample's letters, for its script alone to name it Arabic ...
# ... when it has this many: a few words of Persian may use none of its own letters («بمباران شهر حلب»)
SCRIPT_MIN_LETTERS = 60


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
    if _plainly_arabic(sample, letters):
        return "ar"
    code, _score = _identifier().classify(sample)
    return str(code)


def _sample(text: str) -> str:
    """The characters detection reads: the first ``SAMPLE_CHARS`` of the body."""
    first, _, rest = text.lstrip().partition("\n")
    return (rest.lstrip() or first)[:SAMPLE_CHARS]


def _plainly_arabic(sample: str, letters: int) -> bool:
    """Are ``ARABIC_SHARE`` of the sample's ``letters`` (at least ``SCRIPT_MIN_LETTERS``) those of the
    Arabic alphabet, with no letter only another language of the script uses?  Then py3langid says
    ``ar`` too (measured in ``docs/language.md``); anything else (Latin text, Persian, a short, mixed or
    presentation-form sample) is left to it."""
    return letters >= SCRIPT_MIN_LETTERS and len(_ARABIC_LETTER.findall(sample)) >= ARABIC_SHARE * letters and \
        _OTHER_ARABIC_SCRIPT.search(sample) is None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model restricted to ISO 639-1 languages: its regional varieties (``ary``
    Moroccan, ``arz`` Egyptian Arabic) otherwise take short Arabic news sentences from ``ar``,
    and a pack is named by its two-letter code."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(sorted({c for c in ident.nb_classes if len(c) == 2}))
    return ident
