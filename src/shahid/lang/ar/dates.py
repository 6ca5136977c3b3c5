"""Arabic date expressions, resolved against the publication date.

``find_dates(norm_text, published)`` finds date mentions in *normalised* text
(``shahid.text.normalize.normalize(original).text``) and returns them sorted,
non-overlapping, longest first, with half-open offsets into that string.

What it knows (the words are data, in ``dates.yaml``; the grammar is here):

* weekdays with an optional part of day and ``يوم`` before them and a
  modifier after them ("صباح يوم الاثنين الماضي"), clitics allowed ("والاثنين",
  "بالثلاثاء", "للاثنين"); night pairs ("ليل الأحد الاثنين" → the first day);
* relative days ("اليوم", "أمس", "البارحة", "أول أمس", "الليلة الماضية", "غدا"),
  alone, with a part of day ("مساء أمس") or with a weekday ("اليوم الثلاثاء");
* "خلال الـ24 ساعة الماضية" / "في الساعات الأخيرة" → the publication day;
* "قبل ثلاثة أيام", "منذ يومين", "قبل أسبوع", "قبل شهرين" → publication date minus
  the interval (precision of the unit);
* "الأسبوع الماضي", "هذا الشهر", "العام المقبل" → week / month / year precision;
* day-month(-year) in the Levantine, Egyptian/Gulf and combined
  ("كانون الثاني/يناير") month systems, with "من", "عام", "الجاري", "الماضي";
  ordinal days ("الأول من آذار"); "29 من الشهر الجاري"; month-year; "عام 2012";
  numeric forms (29/1/2013, 29-1-2013, 29.01.2013, 2013-01-29); Hijri dates
  ("17 ربيع الأول 1434 هـ") through ``hijridate``;
* a weekday or relative day next to an explicit date is one mention, valued
  from the date ("الثلاثاء 29 يناير", "اليوم الأربعاء الموافق 30 يناير").

Resolution rules (documented choices):

* a bare weekday is the most recent such day *on or before* ``published``
  (a Monday report saying "الاثنين" means that day); with الماضي/المنصرم/… it is
  the most recent one *strictly before* ``published``; with المقبل/القادم the
  next one strictly after.  With a relative day ("أمس الاثنين") the weekday is
  resolved on or before ``published`` + that offset.
* a date without a year takes the latest year that puts it no more than
  ``future_allowance_days`` after ``published``; "MONTH الماضي" takes the latest
  such date strictly before ``published`` (month level: a month strictly before
  the publication month), "MONTH الجاري" the publication year, "MONTH المقبل"
  the first one after.
* week values are a day (``published`` ± 7 for last/next week, ``published``
  for this week); month and year values are the first day of the period.
* ``relative`` is True whenever the value needed ``published`` (a missing year
  included); with ``published=None`` such mentions come back with ``value=None``.

"الاثنين" is also the numeral two.  Standing alone (no يوم or part of day
before it, no modifier or date after it) it is a weekday unless the word before
is a blocker ("بين", "كلا", …), the word after is one ("معا", "كانا", …), or the
word before is a definite noun ending in ـين that the numeral agrees with
("الطرفين الاثنين") — that last test is waived when a place or time word follows
("والمسلحين الاثنين شرق العاصمة").  So "قال المرصد الاثنين إن" and
"نفذت، الاثنين، …" are Mondays; "الطرفين الاثنين" and "بين الاثنين" are not.
Only the definite weekday is matched: "جمعة الغضب" (a protest Friday, and also a
person's name) is left alone.

Bare month names (no day, year, modifier, "شهر" or combined form) need a
preposition such as "في"/"منذ"/"خلال" before them; the weaker "مع"/"قبل"/"بعد"/"أول"
only count for names that are not also ordinary words (آب, مارس, نيسان).
"اليوم" is not today in "اليوم التالي", "روسيا اليوم", "في ذلك اليوم" …;
"العام الماضي" is not a year after "النائب"/"الأمين" ("general").  Relations to
another event ("غداة", "عشية", "قبل يومين من الهجوم") are not resolved here.

How it runs: one Aho-Corasick pass finds anchor words (weekday, month, relative
and unit words), and five grammar regexes (hours, "قبل N", "عام N", periods,
the rest) are tried only at the anchor's word and the few words before it whose
first word can begin that grammar, so the cost follows the number of anchors,
not the text length.  Numeric dates are found from their separators.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
from hijridate import Gregorian, Hijri

from shahid.lang.grammar import DateMention, unit_stepped, units_before
from shahid.lang.grammar import add_months as _add_months
from shahid.lang.grammar import iso as _iso
from shahid.lang.grammar import pick_year as _pick_year
from shahid.lang.grammar import weekday_near as _weekday
from shahid.lang.grammar import ymd as _ymd
from shahid.lang.loader import load_data
from shahid.text.normalize import normalize_key

__all__ = ["DateMention", "find_dates"]


_DATA = Path(__file__).with_name("dates.yaml")

_S = r"[^\S\n]+"  # horizontal space (dates never cross a line break)
_S0 = r"[^\S\n]*"
_END = r"(?![^\W_])"  # no letter or digit follows
_LEND = r"(?![^\W\d_])"  # no letter follows ("الخميس21 فبراير")
_ART = "ال"
_PUNCT = frozenset("،,.؛;:!?؟()[]{}\"'«»-/\n")
_SEP_CHARS = frozenset(" /()-،,")  # what may sit between the words of one date
_LOOKBACK_WORDS = 5  # words before an anchor where a date may start
# the grammars, as bits: "خلال الـ24 ساعة", "قبل ثلاثة أيام", "عام 2012", "الأسبوع الماضي", the rest
_HOURS, _AGO, _YEAR, _PERIOD, _CORE = 1, 2, 4, 8, 16
_PREFIXES = frozenset(
    c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل") for a in ("", _ART)
) | frozenset(c + "لل" for c in ("", "و", "ف"))


# ----------------------------------------------------------------------------------------------
# data


@dataclass(frozen=True, slots=True)
class _Lex:
    weekdays: dict[str, int]
    weekday_block_after: dict[str, frozenset[str]]
    weekday_block_before: frozenset[str]
    ithnayn: frozenset[str]
    ithnayn_block_before: frozenset[str]
    ithnayn_block_after: frozenset[str]
    ithnayn_noun_ending: str
    ithnayn_weekday_after: frozenset[str]
    night_words: frozenset[str]
    relative_days: dict[str, int]
    needs_context: frozenset[str]
    tomorrow_ok_after: frozenset[str]
    today_forms: frozenset[str]
    today_block_before: frozenset[str]
    today_block_after: frozenset[str]
    tonight_forms: frozenset[str]
    tonight_block_after: frozenset[str]
    modifiers: dict[str, str]  # form (masc. and fem.) → past | current | future
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    month_context_before: frozenset[str]
    month_weak_context_before: frozenset[str]
    hijri_months: dict[str, int]
    ordinal_days: dict[str, int]
    hour_numbers: dict[str, int]
    ago_numbers: dict[str, int]
    ago_block_after: frozenset[str]
    ago_one: frozenset[str]
    units: dict[str, tuple[str, int | None]]
    periods: dict[str, str]
    period_block_before: frozenset[str]
    allowance: dt.timedelta
    grammars: tuple[tuple[int, re.Pattern[str]], ...]  # (kind bit, grammar), tried in this order
    numeric: re.Pattern[str]
    anchors: Any  # ahocorasick.Automaton: anchor word → (length, kind bits)
    first_words: dict[str, int]  # words an expression may begin with (clitics removed) → kind bits
    inner_words: frozenset[str]  # every word of the vocabulary (with and without the article)


def _norm_all(forms: Iterable[Any]) -> list[str]:
    out = []
    for f in forms:
        k = normalize_key(str(f))
        if k:
            out.append(k)
    return out


def _norm_map(table: dict[Any, Any]) -> dict[str, int]:
    """``{value: [forms]}`` → ``{normalised form: int(value)}``."""
    out: dict[str, int] = {}
    for value, forms in table.items():
        for f in _norm_all(forms):
            out[f] = int(value)
    return out


def _trie(forms: Iterable[str]) -> str:
    """One regex for many forms, factored by common prefixes (the regex engine tries
    alternatives one by one, so a trie is much cheaper than a flat alternation); longer
    forms are tried first, and a space in a form matches any horizontal space."""
    root: dict[str, Any] = {}
    for f in forms:
        node = root
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(_S if ch == " " else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _alt(forms: Iterable[str]) -> str:
    """Regex for a word list; a leading article may fuse with a preceding clitic ل (للاثنين)."""
    uniq = set(forms)
    with_art = [f[len(_ART):] for f in uniq if f.startswith(_ART) and len(f) > len(_ART) + 1]
    plain = [f for f in uniq if not (f.startswith(_ART) and len(f) > len(_ART) + 1)]
    parts = []
    if with_art:
        parts.append(f"(?:{_ART}|(?<=ل)ل){_trie(with_art)}")
    if plain:
        parts.append(_trie(plain))
    return "(?:" + "|".join(parts) + ")"


def _get(table: dict[str, Any], match_text: str) -> Any:
    """The table entry a regex group matched (spaces folded, a fused article restored)."""
    k = " ".join(match_text.split())
    if k not in table and k.startswith("ل"):
        k = "ا" + k  # "لاثنين" after the clitic ل is the fused "الاثنين"
    return table[k]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = load_data("ar", _DATA.name)

    weekdays = _norm_map(raw["weekdays"])
    wd_block = {normalize_key(k): frozenset(_norm_all(v)) for k, v in raw["weekday_block_after"].items()}
    ith = raw["ithnayn"]
    rel = {normalize_key(k): int(v) for k, v in raw["relative_days"].items()}
    mods: dict[str, str] = {}
    for kind, forms in raw["modifiers"].items():
        for f in _norm_all(forms):
            mods[f] = kind
            mods[f + "ه"] = kind  # feminine: الماضية، المقبلة
    months = _norm_map(raw["months"])
    hijri = _norm_map(raw["hijri_months"])
    ordinals = {normalize_key(k): int(v) for k, v in raw["ordinal_days"].items()}
    hours = raw["hours"]
    hour_numbers = _norm_map(hours["numbers"])
    ago = raw["ago"]
    ago_numbers = _norm_map(ago["numbers"])
    units: dict[str, tuple[str, int | None]] = {}
    for form, (unit, count) in ago["units"].items():
        units[normalize_key(form)] = (str(unit), None if count is None else int(count))
    periods = {normalize_key(k): str(v) for k, v in raw["periods"].items()}

    wd_rx = _alt(weekdays)
    mod_rx = _alt(mods)
    gmon_rx = _alt(months)
    hmon_rx = _alt(hijri)
    year_w = _alt(_norm_all(raw["year_words"]))
    hmark = _alt(_norm_all(raw["hijri_markers"]))
    gmark = _alt(_norm_all(raw["gregorian_markers"]))
    joiner = _alt(_norm_all(raw["date_joiners"]))
    month_w = _alt(_norm_all(raw["month_words"]))
    pair_w = _alt(_norm_all(raw["pair_words"]))

    numeric = (
        r"(?P<nd>[0-3]?\d)(?P<ns>[/.\-])(?P<nm>[01]?\d)(?P=ns)(?P<ny>\d{4}|\d{2})(?!\d|[/.\-]\d)"
        r"|(?P<iy>(?:19|20)\d\d)(?P<is>[/.\-])(?P<im>[01]?\d)(?P=is)(?P<id>[0-3]?\d)(?!\d|[/.\-]\d)"
    )
    day_part = (
        rf"(?:(?:{_ART}{_S0})?(?P<day>[0-3]?\d)(?!\d){_S0}(?:من{_S})?"
        rf"|(?P<dord>{_alt(ordinals)}){_END}{_S}من{_S})"
    )
    month_x = (
        rf"(?:(?P<mword>{month_w}){_S})?"
        rf"(?:(?P<gmon>{gmon_rx}){_END}"
        rf"(?:(?:{_S0}(?P<msep>[/(\-]){_S0}|{_S})(?P<gmon2>{gmon_rx}){_END}(?:{_S0}\))?)?"
        rf"|(?P<hmon>{hmon_rx}){_END}"
        rf"|(?P<curmon>(?:{_ART}|(?<=ل)ل)شهر){_S}(?P<cmod>{mod_rx}){_END})"
    )
    year_x = (
        rf"(?:(?:{_S}(?:من{_S})?(?:{_ART})?{year_w}{_S0}|{_S0})"
        rf"(?P<year>(?:1[3-9]|2[01])\d\d)(?!\d)"
        rf"(?:{_S0}(?:(?P<hmark>{hmark})|{gmark}){_END})?)"
    )
    this_rx = _alt(_norm_all(raw["this_words"]))
    year_rel = (  # "مارس من العام الماضي", "30 نوفمبر العام الماضي", "في مارس هذا العام"
        rf"(?:{_S}(?:من{_S})?(?:(?P<ythis>{this_rx}){_S})?(?:{_ART}|(?<=ل)ل){year_w}{_END}"
        rf"(?:{_S}(?P<ymod>{mod_rx}){_END})?(?(ythis)|(?(ymod)|(?!))))"
    )
    abs_rx = (
        rf"(?P<abs>(?P<dpart>{day_part})?{month_x}(?:{year_x}|{year_rel}|{_S}(?P<mmod>{mod_rx}){_END})?"
        rf"|{numeric})"
    )
    lead = (
        rf"(?P<lead>(?P<rel>{_alt(rel)}){_END}(?:(?:{_S}|{_S0}/{_S0})(?P<rwd>{wd_rx}){_END}(?:{_S0}/)?)?"
        rf"|(?P<wd>{wd_rx}){_LEND}"
        rf"(?:(?:{_S0}[/\-]{_S0}|{_S}{pair_w}{_S}|{_S})(?P<wd2>{wd_rx}){_END})?"
        rf"(?:{_S}(?P<wmod>{mod_rx}){_END})?)"
    )
    lead_sep = (
        rf"(?:{_S0}[,،]{_S0}|{_S0}(?P<lpar>\(){_S0}|{_S}|(?=\d))(?:{joiner}{_END}{_S0}[,،:]?{_S0})?"
    )
    core = (
        rf"(?:(?P<pod>{_alt(_norm_all(raw['parts_of_day']))}){_S})?"
        rf"(?:(?P<dayw>{_alt(_norm_all(raw['day_words']))}){_S})?"
        rf"{lead}?(?:(?(lead){lead_sep}|){abs_rx}(?(lpar)(?:{_S0}\))?|))?"
        r"(?(lead)|(?(abs)|(?!)))"  # a weekday / relative day, an explicit date, or both
    )
    hnum = rf"\d{{1,2}}(?!\d)|{_alt(hour_numbers)}{_END}"
    hours_rx = (
        rf"(?P<hours>(?:(?P<hprep>{_alt(_norm_all(hours['prepositions']))}){_S})?"
        rf"(?:{_ART}(?P<hpl>{_alt(_norm_all(hours['plural']))}){_END}"
        rf"(?:{_S}(?:{_ART}{_S0})?(?P<hnum>{hnum}))?(?:{_S}{_alt(_norm_all(hours['few']))}{_END})?"
        rf"|(?:{_ART}{_S0})?(?P<hnum2>{hnum}){_S0}"
        rf"{_alt(_norm_all(hours['singular']) + _norm_all(hours['plural']))}{_END})"
        rf"{_S}{_alt(_norm_all(hours['modifiers']))}{_END})"
    )
    ago_rx = (
        rf"(?P<ago>{_alt(_norm_all(ago['words']))}){_S}(?:{_alt(_norm_all(ago['approx']))}{_S})?"
        rf"(?:(?P<anum>\d{{1,3}}(?!\d)|{_alt(ago_numbers)}{_END}){_S0})?"
        rf"(?P<unit>{_alt(units)}){_END}(?!{_S0}\d|{_S}(?:{wd_rx}|{_alt(rel)}){_END})"
    )
    year_only = (
        rf"(?P<yword>(?:{_ART}|(?<=ل)ل)?{year_w}){_S0}(?P<yonly>(?:1[3-9]|2[01])\d\d)(?!\d)"
        rf"(?:{_S0}(?:(?P<yhmark>{hmark})|{gmark}){_END})?"
    )
    period = (
        rf"(?:(?P<this>{this_rx}){_S})?"
        rf"(?P<part>{_ART}|(?<=ل)ل)(?P<pnoun>{_alt(periods)}){_END}(?:{_S}(?P<pmod>{mod_rx}){_END})?"
        r"(?(this)|(?(pmod)|(?!)))"  # "هذا الشهر" or "الشهر الماضي", never "الشهر" alone
    )
    grammars = tuple(
        (kind, re.compile(rf"(?P<cl>[وف]?[بكل]?){rx}"))
        for kind, rx in ((_HOURS, hours_rx), (_AGO, ago_rx), (_YEAR, year_only), (_PERIOD, period),
                         (_CORE, core))
    )

    # Anchor words: the longest word of each form, without the article, with the grammars
    # (bit mask) an expression containing it may belong to.
    stop = {"من", "هذا", "هذه", "بعد", "اول", "ال"}
    anchor_kinds: dict[str, int] = {}
    for form in weekdays:  # always with the article ("أحد" alone is "one of"): الأحد, للأحد
        for w in (form, "ل" + form[1:]):
            anchor_kinds[w] = _CORE
    for kind, forms in ((_CORE, rel), (_CORE, months), (_CORE, hijri), (_AGO, units),
                        (_CORE, _norm_all(raw["month_words"])),
                        (_PERIOD, periods), (_YEAR, _norm_all(raw["year_words"])),
                        (_HOURS, _norm_all(hours["singular"]) + _norm_all(hours["plural"]))):
        for form in forms:
            words = [w for w in form.split(" ") if w not in stop and w not in mods]
            words = [w[len(_ART):] if w.startswith(_ART) and len(w) > 3 else w for w in words]
            if words:
                w = max(words, key=len)
                anchor_kinds[w] = anchor_kinds.get(w, 0) | kind
    automaton = ahocorasick.Automaton()
    for w, kind in anchor_kinds.items():
        automaton.add_word(w, (len(w), kind))
    automaton.make_automaton()

    # First words of every construct, so a grammar is only tried where it can match.
    first_words: dict[str, int] = {_ART: _CORE | _HOURS}

    def first(kind: int, forms: Iterable[str], with_article: bool = False) -> None:
        for f in forms:
            for w in (f.split(" ")[0], _ART + f) if with_article else (f.split(" ")[0],):
                first_words[w] = first_words.get(w, 0) | kind

    first(_CORE, [*_norm_all(raw["parts_of_day"]), *_norm_all(raw["day_words"]), *rel, *weekdays,
                  *_norm_all(raw["this_words"]), *_norm_all(raw["month_words"]), *months, *hijri, *ordinals])
    first(_HOURS, [*_norm_all(hours["prepositions"]), *hour_numbers])
    first(_HOURS, _norm_all(hours["plural"]), with_article=True)
    first(_AGO, _norm_all(ago["words"]))
    first(_YEAR, _norm_all(raw["year_words"]), with_article=True)
    first(_PERIOD, _norm_all(raw["this_words"]))
    first(_PERIOD, periods, with_article=True)

    # Every vocabulary word: the look-back before an anchor stops at the first word not in here.
    inner_words: set[str] = {"من", _ART}

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                collect(k)
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)
        elif isinstance(node, str):
            for w in normalize_key(node).split(" "):
                inner_words.update((w, _ART + w, w[len(_ART):] if w.startswith(_ART) else w))

    collect(raw)
    inner_words.update(mods)

    return _Lex(
        weekdays=weekdays,
        weekday_block_after=wd_block,
        weekday_block_before=frozenset(_norm_all(raw["weekday_block_before"])),
        ithnayn=frozenset(_norm_all(ith["forms"])),
        ithnayn_block_before=frozenset(_norm_all(ith["block_before"])),
        ithnayn_block_after=frozenset(_norm_all(ith["block_after"])),
        ithnayn_noun_ending=normalize_key(ith["noun_ending"]),
        ithnayn_weekday_after=frozenset(_norm_all(ith["weekday_after"])),
        night_words=frozenset(_norm_all(raw["night_words"])),
        relative_days=rel,
        needs_context=frozenset(_norm_all(raw["needs_context"])),
        tomorrow_ok_after=frozenset(_norm_all(raw["tomorrow_ok_after"])),
        today_forms=frozenset(_norm_all(raw["today_forms"])),
        today_block_before=frozenset(_norm_all(raw["today_block_before"])),
        today_block_after=frozenset(_norm_all(raw["today_block_after"])),
        tonight_forms=frozenset(_norm_all(raw["tonight_forms"])),
        tonight_block_after=frozenset(_norm_all(raw["tonight_block_after"])),
        modifiers=mods,
        months=months,
        ambiguous_months=frozenset(_norm_all(raw["ambiguous_months"])),
        month_context_before=frozenset(_norm_all(raw["month_context_before"])),
        month_weak_context_before=frozenset(_norm_all(raw["month_weak_context_before"])),
        hijri_months=hijri,
        ordinal_days=ordinals,
        hour_numbers=hour_numbers,
        ago_numbers=ago_numbers,
        ago_block_after=frozenset(_norm_all(ago["block_after"])),
        ago_one=frozenset(_norm_all(ago.get("one", []))),
        units=units,
        periods=periods,
        period_block_before=frozenset(_norm_all(raw["period_block_before"])),
        allowance=dt.timedelta(days=int(raw["future_allowance_days"])),
        grammars=grammars,
        numeric=re.compile(numeric),
        anchors=automaton,
        first_words=first_words,
        inner_words=frozenset(inner_words),
    )


# ----------------------------------------------------------------------------------------------
# context helpers


def _prev_word(text: str, pos: int) -> str:
    """The word ending before ``pos`` (spaces skipped), "" at a line start or after punctuation."""
    q = pos
    while q > 0 and text[q - 1] in " \t":
        q -= 1
    r = q
    while r > 0 and text[r - 1].isalnum():
        r -= 1
    return text[r:q]


def _next_word(text: str, pos: int) -> str:
    n = len(text)
    q = pos
    while q < n and text[q] in " \t":
        q += 1
    r = q
    while r < n and text[r].isalnum():
        r += 1
    return text[q:r]


def _punct_after(text: str, pos: int) -> bool:
    n = len(text)
    q = pos
    while q < n and text[q] in " \t":
        q += 1
    return q == n or text[q] in _PUNCT


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _definite(word: str) -> bool:
    w = _strip_conj(word)
    return w.startswith(_ART) or w.startswith("لل") or w[1:].startswith(_ART)


# ----------------------------------------------------------------------------------------------
# calendar helpers


def _hijri(y: int, m: int, d: int) -> dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


# ----------------------------------------------------------------------------------------------
# interpretation of one grammar match

_Result = tuple[int, int, str | None, str, bool]  # start, end, value, precision, relative


def _interpret(kind: int, m: re.Match[str], text: str, pub: dt.date | None, lx: _Lex) -> _Result | None:
    g = m.group
    start = m.end("cl")
    end = m.end()

    if kind == _HOURS:
        if not g("hprep") and g("hnum") is None and g("hnum2") is None:
            return None  # "الساعات الأخيرة" needs خلال/في before it
        return start, end, _iso(pub), "day", True

    if kind == _AGO:
        nxt = _next_word(text, end)
        if nxt in lx.ago_one:  # "قبل يوم واحد من دخول الأزمة عامها الثالث": past the "one"
            nxt = _next_word(text, text.index(nxt, end) + len(nxt))
        if nxt in lx.ago_block_after:
            return None  # "قبل يومين من الهجوم": relative to another event
        unit, count = _get(lx.units, g("unit"))
        if g("anum"):
            a = g("anum")
            n = int(a) if a.isdigit() else _get(lx.ago_numbers, a)
        elif count is None:
            return None  # "قبل أيام": vague
        else:
            n = count
        if pub is None:
            return start, end, None, unit, True
        return start, end, units_before(pub, n, unit), unit, True

    if kind == _YEAR:
        y = int(g("yonly"))
        if g("yhmark"):
            return start, end, _iso(_hijri(y, 1, 1)), "year", False
        if not 1800 <= y <= 2199:
            return None
        return start, end, _iso(_ymd(y, 1, 1)), "year", False

    if kind == _PERIOD:
        pm = g("pmod")
        if not g("this") and _strip_conj(_prev_word(text, m.start())) in lx.period_block_before:
            return None  # "النائب العام السابق": the adjective "general"
        mode = _get(lx.modifiers, pm) if pm else "current"
        unit = lx.periods[g("pnoun")]
        if pub is None:
            return start, end, None, unit, True
        step = {"past": -1, "current": 0, "future": 1}[mode]
        return start, end, unit_stepped(pub, unit, step), unit, True

    lead_end = m.end("lead") if g("lead") is not None else -1
    has_abs = g("abs") is not None
    if g("lead") is None and not has_abs:
        return None
    if has_abs and g("lead") is not None and g("dpart") is None and g("nd") is None and g("iy") is None:
        # a weekday or "اليوم" before a bare month name: keep the day expression alone
        has_abs = False
        end = lead_end
    if g("lead") is None and g("dayw") and has_abs and g("dpart") is None and g("nd") is None \
            and g("iy") is None:
        return None  # "يوم يناير"
    if has_abs:
        res = _absolute(m, text, pub, lx)
        if res is None:
            if g("lead") is None:
                return None
            end = lead_end  # the date part is not one: keep the weekday
        else:
            value, precision, relative = res
            return start, end, value, precision, relative
    return _day_expression(m, text, pub, lx, start, end)


def _day_expression(m: re.Match[str], text: str, pub: dt.date | None, lx: _Lex,
                    start: int, end: int) -> _Result | None:
    g = m.group
    pod = " ".join(g("pod").split()) if g("pod") else None
    if g("rel") is not None:
        rel = " ".join(g("rel").split())
        if rel not in lx.relative_days:
            rel = "ا" + rel
        offset = lx.relative_days[rel]
        supported = pod is not None or g("dayw") is not None or g("rwd") is not None
        if not supported:
            before = _prev_word(text, m.start())
            after = _next_word(text, m.end("rel"))
            if rel in lx.today_forms and (_strip_conj(before) in lx.today_block_before
                                          or before in lx.today_block_before
                                          or after in lx.today_block_after):
                return None
            if rel in lx.tonight_forms and (after in lx.tonight_block_after or after.startswith(_ART)):
                return None
            if rel in lx.needs_context and not (
                    rel == "غدا" and (_punct_after(text, m.end("rel")) or after in lx.tomorrow_ok_after)):
                return None
        if pub is None:
            return start, end, None, "day", True
        anchor = pub + dt.timedelta(days=offset)
        if g("rwd") is not None:
            return start, end, _iso(_weekday(anchor, _get(lx.weekdays, g("rwd")), "bare")), "day", True
        return start, end, _iso(anchor), "day", True

    wd_text = g("wd") if g("wd") in lx.weekdays else "ا" + g("wd")
    wd = lx.weekdays[wd_text]
    mode = "bare"
    wd2: int | None = None
    if g("wd2") is not None:
        if pod in lx.night_words:
            wd2 = _get(lx.weekdays, g("wd2"))
        else:
            end = m.end("wd")  # "السبت الأحد" without a night word: two mentions
    if g("wmod") is not None and end > m.end("wd") and m.end("wmod") <= end:
        mode = _get(lx.modifiers, g("wmod"))
        if mode == "current":
            mode = "bare"
    wd_end = m.end("wd")
    block = lx.weekday_block_after.get(wd_text)
    if block and end == wd_end and _next_word(text, wd_end) in block:
        return None
    if pod is None and g("dayw") is None \
            and _strip_conj(_prev_word(text, m.start())) in lx.weekday_block_before:
        return None
    if wd_text in lx.ithnayn and end == wd_end and pod is None and g("dayw") is None:
        if not _ithnayn_is_weekday(text, m.start(), wd_end, lx):
            return None
    if pub is None:
        return start, end, None, "day", True
    if wd2 is not None:
        second = _weekday(pub, wd2, mode)
        return start, end, _iso(second - dt.timedelta(days=(wd2 - wd) % 7)), "day", True
    return start, end, _iso(_weekday(pub, wd, mode)), "day", True


def _ithnayn_is_weekday(text: str, word_start: int, end: int, lx: _Lex) -> bool:
    before = _prev_word(text, word_start)
    after = _next_word(text, end)
    if _strip_conj(before) in lx.ithnayn_block_before or before in lx.ithnayn_block_before:
        return False
    if after in lx.ithnayn_block_after:
        return False
    if len(before) > 4 and before.endswith(lx.ithnayn_noun_ending) and _definite(before):
        # "الطرفين الاثنين": the numeral agreeing with a dual noun, unless a place or time follows
        return after in lx.ithnayn_weekday_after
    return True


def _absolute(m: re.Match[str], text: str, pub: dt.date | None,
              lx: _Lex) -> tuple[str | None, str, bool] | None:
    """(value, precision, relative) of the explicit date in ``m``, or None when it is not a date."""
    g = m.group
    if g("nd") is not None or g("iy") is not None:
        if g("nd") is not None:
            d, mo, ys = int(g("nd")), int(g("nm")), g("ny")
            y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 70 else 1900 + int(ys))
        else:
            y, mo, d = int(g("iy")), int(g("im")), int(g("id"))
        date = _ymd(y, mo, d)
        return (_iso(date), "day", False) if date and 1800 <= y <= 2199 else None

    if g("dpart") is not None:
        day = int(g("day")) if g("day") is not None else _get(lx.ordinal_days, g("dord"))
        if not 1 <= day <= 31:
            return None
    else:
        day = None
    mmod = _get(lx.modifiers, g("mmod")) if g("mmod") else None
    year = int(g("year")) if g("year") else None
    year_step: int | None = None
    if g("ythis"):
        year_step = 0
    elif g("ymod"):
        year_step = {"past": -1, "current": 0, "future": 1}[_get(lx.modifiers, g("ymod"))]
    allowance = lx.allowance

    if g("curmon") is not None:  # "29 من الشهر الجاري"
        if day is None:
            return None
        if pub is None:
            return None, "day", True
        mode = _get(lx.modifiers, g("cmod"))
        first = _add_months(pub, {"past": -1, "current": 0, "future": 1}[mode])
        return _iso(_ymd(first.year, first.month, day)), "day", True

    if g("hmon") is not None:
        hm = _get(lx.hijri_months, g("hmon"))
        if day is None and year is None and not g("mword"):
            return None  # "رجب", "صفر", "رمضان" alone are names and words
        if year is not None:
            if not 1300 <= year <= 1600:
                return None
            return _iso(_hijri(year, hm, day or 1)), "day" if day else "month", False
        if pub is None:
            return None, "day" if day else "month", True
        try:
            hy = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        except (ValueError, OverflowError):  # outside the converter's range (1924–2077)
            return None, "day" if day else "month", True
        date = _pick_year(pub, (hy + 1, hy, hy - 1), lambda y: _hijri(y, hm, day or 1), mmod,
                          allowance, month_level=day is None)
        return _iso(date), "day" if day else "month", True

    mon_text = " ".join(g("gmon").split())
    month = lx.months[mon_text]
    if day is None and year is None and year_step is None and mmod is None and not g("mword") \
            and not g("gmon2"):
        before = _strip_conj(_prev_word(text, m.start()))
        if before not in lx.month_context_before and (
                mon_text in lx.ambiguous_months or before not in lx.month_weak_context_before):
            return None
    precision = "day" if day else "month"
    if year is not None:
        if g("hmark") or not 1800 <= year <= 2199:
            return None, precision, False
        return _iso(_ymd(year, month, day or 1)), precision, False
    if pub is None:
        return None, precision, True
    if year_step is not None:
        return _iso(_ymd(pub.year + year_step, month, day or 1)), precision, True
    if mmod == "current":
        return _iso(_ymd(pub.year, month, day or 1)), precision, True
    date = _pick_year(pub, (pub.year + 1, pub.year, pub.year - 1),
                      lambda y: _ymd(y, month, day or 1), mmod, allowance, month_level=day is None)
    return _iso(date), precision, True


# ----------------------------------------------------------------------------------------------
# the scan


def _anchor_hits(text: str, lx: _Lex) -> list[tuple[int, int, int, int]]:
    """(word start incl. clitics, anchor start, anchor end, kind bits) of every whole-word anchor."""
    hits: list[tuple[int, int, int, int]] = []
    n = len(text)
    for last, (klen, kinds) in lx.anchors.iter(text):
        e = last + 1
        if e < n and text[e].isalpha():
            continue
        s = e - klen
        ws = s
        while ws > 0 and text[ws - 1].isalnum() and s - ws <= 5:
            ws -= 1
        if ws > 0 and text[ws - 1].isalnum():
            continue
        if text[ws:s] not in _PREFIXES:
            continue
        hits.append((ws, s, e, kinds))
    hits.sort()
    return hits


def _word_kinds(word: str, first_words: dict[str, int]) -> int:
    """Which grammars may match from this word on (kind bits; 0: none)."""
    if not word.isalpha():
        return _CORE | _HOURS  # "29 يناير", "24 ساعة", "ال24 ساعة"
    kinds = first_words.get(word, 0)
    for k in (1, 2):  # clitics: و ف, then ب ك ل
        if len(word) > k + 1 and word[k - 1] in "وفبكل":
            w = word[k:]
            kinds |= first_words.get(w, 0)
            if w[0] == "ل":
                kinds |= first_words.get("ا" + w, 0)  # fused article: للاثنين
            if k == 1 and word[0] not in "وف":
                break
        else:
            break
    return kinds


def _known(word: str, inner: frozenset[str]) -> bool:
    if word in inner:
        return True
    if len(word) > 2 and word[0] in "وفبكل":
        w = word[1:]
        if w in inner or (w[0] in "بكل" and w[1:] in inner) or "ا" + w in inner:
            return True
    return False


def _candidates(text: str, ws: int, e: int, lo: int, first_words: dict[str, int],
                inner: frozenset[str], anchor_kinds: int) -> list[tuple[int, int]]:
    """(start, kind bits) where an expression containing the anchor may begin: the anchor's
    word and up to _LOOKBACK_WORDS words before it, leftmost first."""
    out: list[tuple[int, int]] = []
    kinds = _word_kinds(text[ws:e], first_words)
    if kinds & anchor_kinds:
        out.append((ws, kinds & anchor_kinds))
    p = ws
    for _ in range(_LOOKBACK_WORDS):
        q = p
        while q > lo and text[q - 1] in _SEP_CHARS:
            q -= 1
        if q == p or q <= lo or p - q > 4:
            break
        r = max(text.rfind(" ", lo, q) + 1, lo)
        word = text[r:q]
        if not word.isalnum():  # other punctuation inside: keep the alphanumeric tail
            r = q
            while r > lo and text[r - 1].isalnum():
                r -= 1
            if r == q:
                break
            word = text[r:q]
        if r == lo and r > 0 and text[r - 1].isalnum():
            break  # the word is cut by the previous mention
        kinds = _word_kinds(word, first_words)
        if kinds & anchor_kinds:
            out.append((r, kinds & anchor_kinds))
        elif not kinds and not _known(word, inner):
            break  # an ordinary word: no date expression reaches back across it
        p = r
    out.reverse()
    return out


def _numeric_dates(text: str, pub: dt.date | None, lx: _Lex) -> list[_Result]:
    """29/1/2013, 29-1-2013, 29.01.2013, 2013-01-29: found from their separators (str.find is fast)."""
    out: list[_Result] = []
    n = len(text)
    for sep in "/-.":
        done = -1
        i = text.find(sep)
        while i != -1:
            if 0 < i < n - 1 and i > done and text[i - 1].isdigit() and text[i + 1].isdigit():
                a = i - 1
                while a > 0 and text[a - 1].isdigit():
                    a -= 1
                ok = a == 0 or not (text[a - 1].isdigit() or (text[a - 1] in "./-" and a > 1
                                                               and text[a - 2].isdigit()))
                m = lx.numeric.match(text, a) if ok else None
                if m is not None:
                    res = _absolute(m, text, pub, lx)
                    if res is not None:
                        out.append((a, m.end(), *res))
                    done = m.end()
            i = text.find(sep, i + 1)
    return out


def find_dates(norm_text: str, published: dt.date | None) -> list[DateMention]:
    """Date mentions in normalised text: sorted, non-overlapping, longest match."""
    try:
        return _find_dates(norm_text, published)
    except OverflowError:  # counting from a date at the end of the calendar: relative dates stay unresolved
        return _find_dates(norm_text, None)


def _find_dates(norm_text: str, published: dt.date | None) -> list[DateMention]:
    if isinstance(published, dt.datetime):
        published = published.date()
    lx = _lex()
    text = norm_text
    found: list[_Result] = []
    last_end = 0
    grammars = lx.grammars
    first_words = lx.first_words
    inner = lx.inner_words
    for ws, s, e, anchor_kinds in _anchor_hits(text, lx):
        if s < last_end:
            continue
        for st, kinds in _candidates(text, ws, e, last_end, first_words, inner, anchor_kinds):
            res = None
            for kind, grammar in grammars:
                if kinds & kind:
                    m = grammar.match(text, st)
                    if m is not None and m.end() >= e:
                        res = _interpret(kind, m, text, published, lx)
                        if res is not None and (res[1] < e or res[0] >= res[1]):
                            res = None
                        if res is not None:
                            break
            if res is not None:
                found.append(res)
                last_end = res[1]
                break

    found.extend(_numeric_dates(text, published, lx))

    found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[DateMention] = []
    end = -1
    for start, stop, value, precision, relative in found:
        if start >= end:
            out.append(DateMention(start, stop, value, precision, relative))
            end = stop
    return out
