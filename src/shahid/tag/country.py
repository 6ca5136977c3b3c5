"""The country a story is about: a document-level signal.

"الجيش", "الشرطة", "قوات الأمن", "السلطات" are whose forces the story is about: an Egyptian story's
police are not the Syrian government.  The signal weighs what the document says about where it is:

- the countries of its resolved places (a town, a site, a province: 1; a country name: 0.5; a place
  inside the dateline, where the report was filed: 0.5);
- nationality adjectives ("المصرية", "العراقي": 1 each; the words are language data,
  ``lang/<code>/countries.yaml``).

The story is another country's only when that country clearly dominates: its weight is at least
``MIN_WEIGHT`` and twice the home country's.  Otherwise it is the home country's when the home country
has any weight, else undecided (None).  Language-neutral: no word of any language here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shahid.lang.loader import Language, load_data
from shahid.tag.lexicon import LexiconMatcher, WordIndex

MIN_WEIGHT = 1.5
DOMINANCE = 2.0
_WEIGHT_COUNTRY = 0.5
_WEIGHT_PLACE = 1.0
_WEIGHT_DATELINE = 0.5
_WEIGHT_ADJECTIVE = 1.0


@dataclass(frozen=True, slots=True)
class StoryCountry:
    country: str | None  # ISO2, None when undecided
    weights: tuple[tuple[str, float], ...]  # every country's weight, heaviest first
    home: str = "SY"  # the country the engine reads by default


_MATCHERS: dict[str, LexiconMatcher] = {}


def _adjectives(lang: Language) -> LexiconMatcher:
    m = _MATCHERS.get(lang.code)
    if m is None:
        data = load_data(lang.code, "countries.yaml")
        m = _MATCHERS[lang.code] = LexiconMatcher(
            [(form, cc, False, False) for cc, forms in data["adjectives"].items() for form in forms],
            lang.morphology)
    return m


def adjective_countries(text: str, lang: Language, words: WordIndex | None = None) -> list[tuple[int, int, str]]:
    """The nationality adjectives of ``text`` (normalised) as (start, end, ISO2)."""
    return [(h[0], h[1], h[4]) for h in _adjectives(lang).hits(text, words)]


def story_country(places: Iterable[Any], adjectives: Iterable[tuple[int, int, str]], home: str = "SY",
                  dateline: tuple[int, int] | None = None) -> StoryCountry:
    """Decide the story's country from its place mentions (``start``, ``end``, ``country``,
    ``precision``, as :class:`shahid.geo.PlaceMention`) and its adjectives."""
    w: dict[str, float] = defaultdict(float)
    for p in places:
        cc = getattr(p, "country", None)
        if not cc:
            continue
        if dateline is not None and dateline[0] <= p.start < dateline[1]:
            w[cc] += _WEIGHT_DATELINE
        elif p.precision == "country":
            w[cc] += _WEIGHT_COUNTRY
        else:
            w[cc] += _WEIGHT_PLACE
    for _a, _b, cc in adjectives:
        w[cc] += _WEIGHT_ADJECTIVE
    ranked = tuple(sorted(w.items(), key=lambda kv: (-kv[1], kv[0])))
    best = next((cc for cc, _ in ranked if cc != home), None)
    if best is not None and w[best] >= MIN_WEIGHT and w[best] >= DOMINANCE * w.get(home, 0.0):
        return StoryCountry(best, ranked, home)
    return StoryCountry(home if w.get(home, 0.0) > 0 else None, ranked, home)


def state_actor(state_actors: dict[str, str], country: str | None) -> str:
    """The actor id of a generic state noun in a story of ``country`` (``state_actors`` from the
    language's actor data): the listed id, else ``unknown/<iso2>_state``, else the default."""
    if country is None:
        return state_actors.get("default", "unknown")
    if country in state_actors:
        return state_actors[country]
    return f"unknown/{country.lower()}_state"


def armed_actor(armed_actors: dict[str, str], country: str | None) -> str:
    """The actor id of generic armed men in a story of ``country``: the listed id, else ``unknown``
    (the vocabulary names no side for them), else the default."""
    if country is None:
        return armed_actors.get("default", "unknown")
    return armed_actors.get(country, "unknown")
