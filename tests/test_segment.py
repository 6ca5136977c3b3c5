"""Sentence segmentation on news text."""

from shahid.text.segment import sentences


def _texts(t: str) -> list[str]:
    return [t[s.start:s.end] for s in sentences(t)]


def test_full_stops_line_breaks_and_scraped_joins() -> None:
    t = "قصفت الطائرات البلدة.، وقتل خمسة.\nوفي حمص، اشتباكات عنيفة؟ نعم"
    assert _texts(t) == ["قصفت الطائرات البلدة.،", "وقتل خمسة.", "وفي حمص، اشتباكات عنيفة؟", "نعم"]


def test_scraped_dot_comma_join() -> None:
    t = "حلب الشرقية., وكانت قوات النظام قد نفذت"
    assert _texts(t) == ["حلب الشرقية.,", "وكانت قوات النظام قد نفذت"]


def test_decimal_point_is_not_a_boundary() -> None:
    assert _texts("نزح 1.5 مليون شخص. ثم عادوا") == ["نزح 1.5 مليون شخص.", "ثم عادوا"]


def test_paragraph_index() -> None:
    ss = sentences("أ ب.\n\nج د. هـ و")
    assert [s.paragraph for s in ss] == [0, 1, 1]
