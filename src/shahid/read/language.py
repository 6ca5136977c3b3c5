"""Which language a document is in, detected rather than assumed.

``py3langid`` (langid.py's model; its ISO 639-1 languages) classifies the first characters of the text; it
named every non-empty article of the 2013 corpus Arabic (2,194 of 2,194, on 200 characters; see
``docs/language.md``). A text with no letters at all (numbers, punctuation) has nothing to detect
and is given the default pack's language.

Which languages the engine can read is the set of packs under ``shahid/lang/`` (a folder with a
``triggers.yaml``); the machinery names no language of its own.
"""

from __future__ import annotations

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
    first, _, rest = text.lstrip().partition("\n")
    sample = (rest.lstrip() or first)[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return DEFAULT
    code, _score = _identifier().classify(sample)
    return str(code)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model restricted to ISO 639-1 languages: its regional varieties (``ary``
    Moroccan, ``arz`` Egyptian Arabic) otherwise take short Arabic news sentences from ``ar``,
    and a pack is named by its two-letter code."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(sorted({c for c in ident.nb_classes if len(c) == 2}))
    return ident
