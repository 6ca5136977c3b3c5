"""English date expressions, resolved against the publication date: the English side of
``shahid.lang.ar.dates``, with the same resolution rules (``shahid.lang.grammar``: English and Arabic dates resolve
alike).

``find_dates(norm_text, published)`` finds date mentions in *normalised* text (lowercased ASCII) and
returns them sorted, non-overlapping, longest first, with half-open offsets into that string.

What it knows (the words are data, in ``dates.yaml``; the grammar is here):

* absolute dates in the common forms: "12 December 2016", "12th of December", "December 12, 2016",
  "Dec. 12", "Monday, December 12", "Wed 05 Apr 2017", "2016-12-12", "12/12/2016" (day first; a
  numeric date whose first two parts could both be the month is taken day first too), month and year
  ("December 2016"), a month after a preposition ("in December", "since March"), a year after one
  ("in 2016");
* weekdays with a modifier and a part of day ("on Monday", "last Friday", "Monday night",
  "early on Tuesday");
* relative days ("today", "yesterday", "last night", "yesterday morning", "tomorrow");
* "in the past 24 hours" → the publication day; "three days ago", "a week ago" → publication date
  minus the interval; "this week", "earlier this week", "last month", "next year" → week / month / year.

Resolution (as in Arabic): a bare weekday is the most recent such day on or before ``published``; with
"last" strictly before, with "next" strictly after; a date without a year takes the latest year that
puts it no more than ``future_allowance_days`` after ``published``, "last December" the latest one
strictly before; ``relative`` is True whenever the value needed ``published``; with
``published=None`` such mentions come back with ``value=None``.  No locale detection, no clock: the
result depends on the text and ``published`` alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from shahid.lang.grammar import DateMention, unit_stepped, units_before
from shahid.lang.grammar import iso as _iso
from shahid.lang.grammar import pick_year as _pick_year
from shahid.lang.grammar import weekday_near as _weekday
from shahid.lang.grammar import ymd as _ymd
from shahid.lang.loader import load_data

__all__ = ["DateMention", "find_dates"]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Lex:
    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, int]
    modifiers: dict[str, str]
    periods: dict[str, str]
    ago_units: dict[str, str]
    allowance: dt.timedelta
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # per grammar, a cheap test that the text may hold one: a regex search for its anchor words
    anchors: dict[str, re.Pattern[str]]
    # per grammar, the words a match of it can start with (``_first_word``; "#": any digit)
    firsts: dict[str, frozenset[str]]
    # where any of those words starts (``_word_starts``)
    starts_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d = load_data("en", "dates.yaml")
    weekdays = {w: int(k) for k, ws in d["weekdays"].items() for w in ws}
    months = {w: int(k) for k, ws in d["months"].items() for w in ws}
    full_wd = [w for w in weekdays if len(w) > 4]
    modifiers = {w: mode for mode, ws in d["modifiers"].items() for w in ws}
    periods = {w: unit for unit, ws in d["periods"].items() for w in ws}
    ago_units = {w: unit for unit, ws in d["ago_units"].items() for w in ws}
    wd_any = rf"(?:{_alt(list(weekdays))})\.?"
    wd_full = rf"(?:{_alt(full_wd)})"
    mon = rf"(?P<mon>{_alt(list(months))})(?![a-z])\.?"  # ("4 mar" is no date in "4 martyrs")
    mon2 = rf"(?P<mon2>{_alt(list(months))})(?![a-z])\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|2[01])\d\d)"
    year2 = r"(?P<year2>(?:1[89]|2[01])\d\d)"
    lead = rf"(?:(?:on|last|this|next)\s+)?(?:{wd_any},?\s+)?(?:the\s+)?"
    pod = _alt(d["parts_of_day"])
    rel = _alt(list(d["relative_days"]))
    mod = _alt(list(modifiers))
    per = _alt(list(periods))
    ago = _alt(list(ago_units))
    num_words = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    preps = r"in|since|during|until|till|by|from|through|throughout|before|after|early|late|mid-?|of|between"
    year_preps = ("in", "since", "during", "throughout", "early", "late", "until", "by")  # "in 2016"
    pats = [
        # 12 December 2016, 12th of December, Wed 05 Apr 2017
        ("dmy", rf"{lead}{day}(?:\s+of)?\s+{mon}(?:,?\s+{year})?"),
        # December 12, 2016; Dec. 12; Monday, December 12
        ("mdy", rf"{lead}{mon2}\s+{day2}(?![\d:])(?:,?\s+{year2})?"),
        # December 2016
        ("my", rf"(?:(?P<mmod>{mod})\s+)?{mon}\s+{year}"),
        # in December, since March, last May
        ("m", rf"(?P<mprep>{preps}|{mod})\s+(?:the\s+)?(?:(?:early|late|mid)-?\s*)?{mon}(?![\w-])"),
        # 2016-12-12
        ("iso", r"(?P<iy>(?:1[89]|2[01])\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d)"),
        # 12/12/2016, 12.12.2016, 12-12-2016 (a dash only with a four-digit year: "20-30" is a range)
        ("num", r"(?<![\d/.-])(?P<nd>[0-3]?\d)(?:(?P<ns>[/.])(?P<nm>[01]?\d)(?P=ns)(?P<ny>(?:1[89]|2[01])\d\d|\d\d)"
                r"|-(?P<nm2>[01]?\d)-(?P<ny2>(?:1[89]|2[01])\d\d))(?![\d/-]|\.\d)"),  # "on 12/12/2016."
        # in 2016
        ("y", rf"(?P<yprep>{'|'.join(year_preps)}|mid-?)\s+(?P<yonly>(?:19|20)\d\d)(?![\d-])"),
        # in the past 24 hours
        ("hours", rf"(?:{_alt(d['hours'])})"),
        # three days ago
        ("ago", rf"(?P<anum>\d+|{num_words})\s+(?P<aunit>{ago})\s+(?:{_alt(d['ago_words'])})"),
        # this week, earlier this month, last year, next week
        ("period", rf"(?P<pmod>{mod})\s+(?P<pnoun>{per})(?![\w-])"),
        # yesterday, yesterday morning, last night, early today
        ("rel", rf"(?:(?:{pod})\s+(?:on\s+)?)?(?P<rel>{rel})(?:\s+(?P<relpod>{pod}))?(?![\w-])"),
        # on Monday, last Friday, Monday night, early on Tuesday
        ("wd", rf"(?:(?:{pod})\s+(?:on\s+)?)?(?:(?P<wmod>{mod}|on)\s+)?(?P<wd>{wd_full})"
               rf"(?:\s+(?P<wpod>{pod}))?(?![\w-])"),
    ]
    patterns = tuple((k, re.compile(rf"(?<![\w-]){p}")) for k, p in pats)
    month_any = re.compile(rf"(?<![a-z])(?:{_alt(list(months))})(?![a-z])")
    rel_words = {w for phrase in d["relative_days"] for w in phrase.split()} - {"the", "this", "day", "before",
                                                                             "after", "last", "earlier", "later"}
    anchors = {"dmy": month_any, "mdy": month_any, "my": month_any, "m": month_any,
               "iso": re.compile(r"\d-\d"), "num": re.compile(r"\d[/.-]\d"),
               "y": re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)"), "hours": re.compile(r"hours"),
               "ago": re.compile(_alt(d["ago_words"])), "period": re.compile(per),
               "rel": re.compile(_alt(sorted(rel_words | {"last night"}))), "wd": re.compile(wd_full)}
    # The first word of every alternative each grammar starts with (read off the same lists as the
    # patterns above: a word list added to a pattern's start must be added here too; the test
    # ``test_en_dates_scan`` compares this scan with the plain one).
    lead_w = {"on", "last", "this", "next", "the"} | set(weekdays)
    mod_w = set(modifiers)
    pod_w = set(d["parts_of_day"])
    prep_w = set(preps.replace("-?", "").split("|"))
    firsts_words = {
        "dmy": lead_w | {"#"}, "mdy": lead_w | set(months), "my": mod_w | set(months), "m": prep_w | mod_w,
        "iso": {"#"}, "num": {"#"}, "y": set(year_preps) | {"mid"},
        "hours": set(d["hours"]), "ago": {"#"} | set(num_words.split("|")), "period": mod_w,
        "rel": pod_w | set(d["relative_days"]), "wd": pod_w | mod_w | {"on"} | set(full_wd),
    }
    firsts = {k: frozenset(_first_word(w) for w in ws) for k, ws in firsts_words.items()}
    # Where a date can start: every pattern opens with (?<![\w-]) and then a word of letters or a
    # digit.  Its whole letter run there ("mid" of "mid-march", "dec" of "dec.") is what the first
    # words are compared with; a digit stands for any number ("#").  Only the first words are looked
    # for: most words of a text are none.
    letters = sorted(set().union(*firsts.values()) - {"#"}, key=len, reverse=True)
    starts_re = re.compile(rf"(?<![\w-])(?:(?:{'|'.join(letters)})(?![a-z])|\d)")
    return _Lex(weekdays, months, dict(d["relative_days"]), modifiers, periods, ago_units,
                dt.timedelta(days=int(d["future_allowance_days"])), patterns, anchors, firsts, starts_re)


def _first_word(entry: str) -> str:
    """The letter run an entry of a pattern's first word list starts with ("#" for a digit)."""
    if entry == "#" or entry[:1].isdigit():
        return "#"
    m = re.match(r"[a-z]+", entry)
    if m is None:  # a pattern's start that is not a letter run or digit: _WORD_START_RE would miss it
        raise ValueError(f"dates.yaml: {entry!r} does not start with a letter or a digit")
    return m.group()


_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_Result = tuple[int, int, str | None, str, bool]


def _mode(lx: _Lex, word: str | None) -> str | None:
    if not word:
        return None
    return lx.modifiers.get(" ".join(word.split()))


def _absolute_day(lx: _Lex, day: int, month: int, year: str | None, pub: dt.date | None,
                  mode: str | None) -> tuple[str | None, bool] | None:
    if not 1 <= day <= 31:
        return None
    if year:
        got = _ymd(int(year), month, day)
        return (_iso(got), False) if got is not None else None
    if pub is None:
        return (None, True) if _ymd(2000, month, day) else None
    got = _pick_year(pub, range(pub.year - 1, pub.year + 2), lambda y: _ymd(y, month, day), mode,
                     lx.allowance, False)
    return _iso(got), True


def _interpret(kind: str, m: re.Match[str], text: str, pub: dt.date | None, lx: _Lex) -> _Result | None:
    g = m.group
    start, end = m.start(), m.end()
    lead = text[start:end].split(" ", 1)[0]
    lead_mode = lx.modifiers.get(lead) if lead in ("last", "next", "this") else None
    if kind in ("dmy", "mdy"):
        day = int(g("day") if kind == "dmy" else g("day2"))
        month = lx.months[g("mon") if kind == "dmy" else g("mon2")]
        year = g("year") if kind == "dmy" else g("year2")
        got = _absolute_day(lx, day, month, year, pub, lead_mode)
        if got is None:
            return None
        return start, end, got[0], "day", got[1]
    if kind == "my":
        month = lx.months[g("mon")]
        return start, end, _iso(_ymd(int(g("year")), month, 1)), "month", False
    if kind == "m":
        month = lx.months[g("mon")]
        mode = _mode(lx, g("mprep"))
        if g("mprep") == "of" or g("mprep") == "between":
            return None  # "of March", "between may": too weak alone
        if g("mon") in ("march", "may", "mar", "jan", "sat", "sun") and mode is None and g("mprep") not in (
                "in", "since", "during", "until", "till", "early", "late", "mid", "mid-", "throughout"):
            return None  # "by march", "after may": a verb, a name
        if mode is None:
            start = m.start("mon")  # the month, not its preposition
        if pub is None:
            return start, end, None, "month", True
        got = _pick_year(pub, range(pub.year - 1, pub.year + 2), lambda y: _ymd(y, month, 1), mode,
                         lx.allowance, True)
        return start, end, _iso(got), "month", True
    if kind == "iso":
        got = _ymd(int(g("iy")), int(g("im")), int(g("id")))
        return (start, end, _iso(got), "day", False) if got else None
    if kind == "num":
        y = int(g("ny") or g("ny2"))
        y = y + 2000 if y < 100 else y
        got = _ymd(y, int(g("nm") or g("nm2")), int(g("nd")))
        return (start, end, _iso(got), "day", False) if got else None
    if kind == "y":
        return start + len(g("yprep")) + 1, end, _iso(_ymd(int(g("yonly")), 1, 1)), "year", False
    if kind == "hours":
        return start, end, _iso(pub), "day", True
    if kind == "ago":
        a = g("anum")
        n = int(a) if a.isdigit() else _NUM_WORDS[a]
        unit = lx.ago_units[g("aunit")]
        if pub is None:
            return start, end, None, unit, True
        return start, end, units_before(pub, n, unit), unit, True
    if kind == "period":
        mode = _mode(lx, g("pmod")) or "current"
        unit = lx.periods[g("pnoun")]
        if g("pmod") in ("past", "previous"):
            return None  # "the past week": a span up to now, not the week before
        if pub is None:
            return start, end, None, unit, True
        step = {"past": -1, "current": 0, "future": 1}[mode]
        return start, end, unit_stepped(pub, unit, step), unit, True
    if kind == "rel":
        off = lx.relative[" ".join(g("rel").split())]
        if pub is None:
            return start, end, None, "day", True
        return start, end, _iso(pub + dt.timedelta(days=off)), "day", True
    if kind == "wd":
        wd = lx.weekdays[g("wd")]
        wm = g("wmod")
        mode = None if wm in (None, "on", "this") else _mode(lx, wm)
        if mode == "current":
            mode = None
        if pub is None:
            return start, end, None, "day", True
        return start, end, _iso(_weekday(pub, wd, mode or "")), "day", True
    return None


def find_dates(norm_text: str, published: dt.date | None) -> list[DateMention]:
    """Date mentions in normalised text: sorted, non-overlapping, longest match."""
    if isinstance(published, dt.datetime):
        published = published.date()
    try:
        return _find(norm_text, published)
    except OverflowError:  # counting from a date at the end of the calendar: relative dates stay unresolved
        return _find(norm_text, None)


def _word_starts(lx: _Lex, text: str) -> dict[str, list[int]]:
    """Where each of the grammars' first words starts in ``text``, by word ("#": a digit)."""
    index: dict[str, list[int]] = {}
    for m in lx.starts_re.finditer(text):
        w = m.group()
        index.setdefault("#" if w <= "9" else w, []).append(m.start())  # (a digit sorts before "a")
    return index


def _matches(pat: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``pat.finditer(text)``, tried only at ``starts`` (sorted): the same matches when no match can
    start elsewhere, as no date can start but at a word in its grammar's ``firsts``.  A regex tried at
    every character of the text is most of what the date grammar costs; these are a few words."""
    out = []
    pos = 0
    for c in starts:
        if c >= pos:
            m = pat.match(text, c)  # (the look-behind sees the text before c)
            if m is not None:
                out.append(m)
                pos = m.end()
    return out


def _find(text: str, pub: dt.date | None, scan_all: bool = False) -> list[DateMention]:
    """(``scan_all``: run every pattern over the whole text, the reference ``_matches`` must equal.)"""
    lx = _lex()
    found: list[_Result] = []
    index = _word_starts(lx, text)
    words = index.keys()
    anchored: dict[re.Pattern[str], bool] = {}  # (the four month grammars share one anchor)
    for kind, pat in lx.patterns:
        anchor = lx.anchors[kind]
        ok = anchored.get(anchor)
        if ok is None:
            ok = anchored[anchor] = anchor.search(text) is not None
        if not ok:
            continue  # no word this grammar needs
        if scan_all:
            matches: Iterable[re.Match[str]] = pat.finditer(text)
        else:
            keys = lx.firsts[kind] & words
            if not keys:
                continue
            starts = index[next(iter(keys))] if len(keys) == 1 else sorted(c for k in keys for c in index[k])
            matches = _matches(pat, text, starts)
        for m in matches:
            res = _interpret(kind, m, text, pub, lx)
            if res is not None and res[0] < res[1]:
                found.append(res)
    found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[DateMention] = []
    end = -1
    for start, stop, value, precision, relative in found:
        if start >= end:
            out.append(DateMention(start, stop, value, precision, relative))
            end = stop
    return out
