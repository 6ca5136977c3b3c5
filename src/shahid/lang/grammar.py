"""What every language's number and date grammar hands the assembler, and the calendar rules they
share. ``shahid.lang.XX.numbers`` returns :class:`Quantity`, ``shahid.lang.XX.dates`` returns
:class:`DateMention`; both resolve relative dates against the publication date with the functions
below, so a "Monday" or «الاثنين» means the same day in every language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["QUALIFIERS", "DateMention", "Quantity", "add_months", "iso", "pick_year", "unit_stepped",
           "units_before", "weekday_near", "ymd"]

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int          # the whole expression, qualifier included (offsets into the normalised text)
    end: int
    num_start: int      # the number words/digits alone
    num_end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str      # exact | approx | at_least | at_most | range | vague
    # the noun it counts stands before it: an adjective after its noun («أشخاص عدة»)
    after_noun: bool = False
    # coordinated with what stands before ("and 40 wounded", «ومليون لاجئ»)
    coordinated: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets into the normalised text passed in
    end: int
    value: str | None  # YYYY-MM-DD (first day of a month/year; the day itself for a week); None = unresolved
    precision: str  # day | week | month | year
    relative: bool  # True when resolution needed the publication date


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def ymd(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> dt.date:
    k = d.year * 12 + (d.month - 1) + n
    return dt.date(k // 12, k % 12 + 1, 1)


def units_before(pub: dt.date, n: int, unit: str) -> str | None:
    """ "``n`` days / weeks / months / years ago" from ``pub``: the day, the week's day, or the first
    day of the month or year (the precision is ``unit``)."""
    if unit == "day":
        return iso(pub - dt.timedelta(days=n))
    if unit == "week":
        return iso(pub - dt.timedelta(days=7 * n))
    if unit == "month":
        return iso(add_months(pub, -n))
    return iso(ymd(pub.year - n, 1, 1))


def unit_stepped(pub: dt.date, unit: str, step: int) -> str | None:
    """"last / this / next week, month or year" (``step`` -1, 0, 1) from ``pub``: the week's day, or
    the first day of the month or year (the precision is ``unit``)."""
    if unit == "week":
        return iso(pub + dt.timedelta(days=7 * step))
    if unit == "month":
        return iso(add_months(pub, step))
    return iso(ymd(pub.year + step, 1, 1))


def weekday_near(anchor: dt.date, wd: int, mode: str) -> dt.date:
    """The weekday ``wd`` (Monday 0) nearest before ``anchor`` (itself included unless ``mode`` is
    ``past``), or the next one after it when ``mode`` is ``future``."""
    if mode == "future":
        return anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - wd) % 7
    if mode == "past" and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def pick_year(pub: dt.date, years: Iterable[int], make: Any, mode: str | None,
              allowance: dt.timedelta, month_level: bool) -> dt.date | None:
    """The date ``make(year)`` for the year the modifier (or the default rule) selects."""
    cands = [d for d in (make(y) for y in years) if d is not None]
    if not cands:
        return None
    if month_level:
        ref = dt.date(pub.year, pub.month, 1)
        if mode == "past":
            ok = [d for d in cands if d < ref]
            return max(ok) if ok else None
        if mode == "future":
            ok = [d for d in cands if d > ref]
            return min(ok) if ok else None
    else:
        if mode == "past":
            ok = [d for d in cands if d < pub]
            return max(ok) if ok else None
        if mode == "future":
            ok = [d for d in cands if d > pub]
            return min(ok) if ok else None
    ok = [d for d in cands if d <= pub + allowance]
    return max(ok) if ok else None
