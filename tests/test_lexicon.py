"""Clitic-aware lexicon matching."""

import pytest

from shahid.lang.loader import LanguageDataError, _validate, load_language
from shahid.tag.lexicon import LexiconMatcher
from shahid.text.normalize import normalize


def _find(table: str, text: str) -> list[tuple[str, object]]:
    lang = load_language("ar")
    norm = normalize(text).text
    return [(norm[m.start:m.end], m.payload) for m in getattr(lang, table).find(norm)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قصفت قوات النظام البلدة", "قوات النظام"),
        ("وقوات النظام", "قوات النظام"),
        ("بالجيش الحر", "الجيش الحر"),
        ("للجيش السوري الحر", "جيش السوري الحر"),
        ("فالمعارضة المسلحة", "المعارضة المسلحة"),
        ("وميليشياته", "ميليشياته"),
    ],
)
def test_actor_with_proclitics(text: str, expected: str) -> None:
    found = [t for t, _ in _find("actors", text)]
    assert normalize(expected).text in found


def test_suffixes_are_allowed_but_not_nisba() -> None:
    assert next(t for t, _ in _find("triggers", "وقصفتها الطائرات")) == "قصفتها"
    # الحر! is exact: الحرية (freedom) is not the Free Army
    assert not [p for _, p in _find("actors", "الحرية")]


def test_article_required_form() -> None:
    # "=المعارضة": the indefinite adjective in "هيئة معارضة" is not the opposition
    assert not _find("actors", "وهي هيئة معارضة")
    # the definite noun is the generic armed entry: the opposition in a Syrian story (tests/test_actor_country.py)
    assert [(p.id, p.generic) for _, p in _find("actors", "قصفت المعارضة")] == [("unknown/armed_group", "armed")]


def test_word_inside_a_longer_word_does_not_match() -> None:
    # قتل is not inside مقتل as a separate word, but مقتل itself is a toll word
    found = _find("triggers", "مقتل")
    assert [t for t, _ in found] == ["مقتل"]
    assert all(p.role == "casualty" for _, p in found)


def test_longest_match_wins() -> None:
    found = _find("actors", "الجيش السوري الحر")
    assert len(found) == 1 and found[0][1].id == "opposition"


def test_language_data_validates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lang = load_language("ar")
    assert lang.triggers.size > 300 and lang.actors.size > 200
    with pytest.raises(LanguageDataError, match="missing"):
        from shahid.lang.loader import TriggersFile

        _validate(TriggersFile, "xx", "triggers.yaml")


def test_matcher_on_custom_table() -> None:
    morph = load_language("ar").morphology
    m = LexiconMatcher([("مشفى", "site", True, False)], morph)
    norm = normalize("بمشفى الحياة وللمشفى").text
    assert [(norm[x.start:x.end], x.prefix) for x in m.find(norm)] == [("مشفي", "ب"), ("مشفي", "ولل")]


def test_grammar_tables_go_through_the_one_loader() -> None:
    from shahid.lang.loader import load_data

    assert load_data("ar", "numbers.yaml")["version"] == 1
    assert "weekdays" in load_data("ar", "dates.yaml")
    with pytest.raises(LanguageDataError, match="no schema"):
        load_data("ar", "nonsense.yaml")
