"""The English date grammar tries its patterns only where a date can start (``_matches`` over the
word starts of each grammar's first words); this must find exactly what running every pattern over
the whole text finds (``scan_all``), on sentences of every kind and on real English text."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from shahid.lang.en.dates import _find
from shahid.text.normalize import normalize

PUB = dt.date(2016, 12, 14)

SENTENCES = [
    "The strike on 12 December 2016 killed four.",
    "Fighting resumed on the 3rd of March, and again on Monday, December 12.",
    "Wed 05 Apr 2017: jets hit the town; by march the front had moved.",
    "Since March the siege has tightened; in 2015 it began, mid-2014 it eased.",
    "Reports dated 2016-12-12 and 12/12/2016 and 12.12.16 and 20-30 people.",
    "In the past 24 hours, over the last 48 hours, three days ago and a week ago.",
    "Earlier this week, later this month, so far this year, last month, next year.",
    "Yesterday morning, last night, early today, the day before yesterday, tonight.",
    "Early on Tuesday, last Friday, Monday night, on Sunday, coming Saturday evening.",
    "December 2016, last December, Dec. 12, sept 3, 4 martyrs, mar-a-lago, well-known may.",
    "x12 december, _monday, -friday, 12th of december, on the 5th, the 31st of june.",
    "",
]


def _both(text: str, pub: dt.date | None) -> None:
    assert _find(text, pub) == _find(text, pub, scan_all=True)


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("pub", [PUB, None])
def test_word_start_scan_equals_the_whole_text_scan(sentence: str, pub: dt.date | None) -> None:
    text = normalize(sentence).text
    _both(text, pub)
    _both(" ".join([text] * 3), pub)  # (a match ending where the next may start)


def test_the_sentences_hold_dates() -> None:
    assert sum(len(_find(normalize(s).text, PUB)) for s in SENTENCES) > 25


def test_word_start_scan_on_fakes(shared_dir: Path) -> None:
    fakes = shared_dir / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"
    if not fakes.exists():
        pytest.skip(f"FA-KES not found at {fakes}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from fakes_eval import read_rows

    n = 0
    for row in read_rows(fakes):
        for t in (row["article_title"], row["article_content"]):
            text = normalize(t).text
            got = _find(text, PUB)
            assert got == _find(text, PUB, scan_all=True)
            n += len(got)
    assert n > 1000
