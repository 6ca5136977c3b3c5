"""Normalisation keeps an exact map back to the original text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from shahid.text.normalize import normalize, normalize_key

# Arabic letters, harakat, tatweel, bidi/zero-width marks, digits of three systems,
# presentation forms, spaces and punctuation: everything normalisation touches.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱىةؤئ"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u2066\u2069\ufeff\u00ad"
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬"
    "\ufefb\ufef5\ufe8d\ufe91"
    " \t\n\u00a0،؛؟.,!«»\"'-–—AZaz"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80), st.data())
def test_every_span_maps_back_exactly(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    n = len(nt.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    oa, ob = nt.to_original(a, b)
    assert 0 <= oa <= ob <= len(text)
    # the original slice normalises back to the normalised slice (a ligature split in the
    # middle maps to the whole character, so the slice may carry one more letter)
    assert nt.text[a:b].strip() in normalize(text[oa:ob]).text


def test_letter_variants_digits_and_marks() -> None:
    nt = normalize("قُتِلَ ٢٠ شخصاً في إدلب\u200f، وأُصيب ۳ آخرون في حلــب")
    assert nt.text == "قتل 20 شخصا في ادلب، واصيب 3 اخرون في حلب"
    i = nt.text.index("حلب")
    assert nt.slice_original(i, i + 3) == "حلــب"


def test_identity_when_nothing_is_deleted() -> None:
    nt = normalize("قتل 5")
    assert nt.index is None and nt.to_original(0, 3) == (0, 3)


def test_space_runs_fold_but_map_back() -> None:
    nt = normalize("عين  حسن")
    assert nt.text == "عين حسن"
    assert nt.slice_original(0, len(nt.text)) == "عين  حسن"


def test_presentation_forms_expand() -> None:
    nt = normalize("\ufefb")  # lam-alef ligature
    assert nt.text == "لا"
    assert nt.to_original(0, 2) == (0, 1)


def test_key_normal_form() -> None:
    assert normalize_key("  مُستشفى   الحياة ") == "مستشفي الحياه"


def test_fast_translation_is_the_table(shared_dir) -> None:  # type: ignore[no-untyped-def]
    """``_translate`` (one str.replace per character present) gives what ``str.translate`` with the
    table gives: on every mapped character next to every other, and on the dev reports."""
    from shahid.text.normalize import _TABLE, _translate

    mapped = "".join(chr(k) for k in _TABLE)
    samples = [mapped, mapped[::-1], "".join(a + b for a in mapped for b in mapped[:7]), "قتل 5 مدنيين"]
    samples += [f.read_text(encoding="utf-8") for f in sorted((shared_dir / "eval" / "dev").glob("*.txt"))]
    for s in samples:
        assert _translate(s) == s.translate(_TABLE)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET + "“”‘’ک", max_size=80))
def test_fast_translation_on_any_text(s: str) -> None:
    from shahid.text.normalize import _TABLE, _translate

    assert _translate(s) == s.translate(_TABLE)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab\u064e\u0640\u200b\u00ad \n\t\u00a0\u2007\u202f\u2009", max_size=40))
def test_deletion_pattern_is_the_plain_one(s: str) -> None:
    import re

    from shahid.text.normalize import _DELETE_PLAIN, _DELETE_RE

    plain = re.compile(_DELETE_PLAIN)
    assert [m.span() for m in _DELETE_RE.finditer(s)] == [m.span() for m in plain.finditer(s)]
