"""Sentence segmentation on news text."""

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_windows_cut_only_an_over_long_run_at_word_starts() -> None:
    from shahid.text.segment import windows

    run = " ".join(["قصفت", "الطائرات", "البلدة"] * 7)  # 21 words, no punctuation
    t = "جملة قصيرة. " + run + "\nسطر آخر"
    ss = windows(t, sentences(t), max_words=10)
    texts = [t[s.start:s.end] for s in ss]
    words = run.split(" ")
    assert texts == ["جملة قصيرة.", " ".join(words[:10]), " ".join(words[10:20]), words[20], "سطر آخر"]
    assert [s.paragraph for s in ss] == [0, 0, 0, 0, 1]
    assert [s.index for s in ss] == [0, 1, 2, 3, 4]
    # nothing longer than the limit: the sentences themselves
    assert windows(t, sentences(t), max_words=21) == sentences(t)


# the sentence-end pattern as first written (alternatives tried at every position); _END_RE is a
# faster spelling of it and must find the same matches
_REFERENCE_END = r"(?:(?<!\d)[.!?؟؛]+|(?<=\d)[.!?؟؛]+(?!\d))[\"'»”)\]]*[,،]?(?=\s|$)|\n+"


def _ends(rx, t: str) -> list[tuple[tuple[int, int], str]]:  # type: ignore[no-untyped-def]
    return [(m.span(), m.group()) for m in rx.finditer(t)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab5 \n.!?؟؛\"'»”)],،", max_size=40))
def test_sentence_end_pattern_is_the_reference(t: str) -> None:
    import re

    from shahid.text.segment import _END_RE

    assert _ends(_END_RE, t) == _ends(re.compile(_REFERENCE_END), t)


def test_sentence_end_pattern_on_the_dev_reports(shared_dir) -> None:  # type: ignore[no-untyped-def]
    import re

    from shahid.text.normalize import normalize
    from shahid.text.segment import _END_RE

    ref = re.compile(_REFERENCE_END)
    files = sorted((shared_dir / "eval" / "dev").glob("*.txt"))
    assert files
    for f in files:
        t = normalize(f.read_text(encoding="utf-8")).text
        assert _ends(_END_RE, t) == _ends(ref, t), f.name
