"""Clitic-aware lexicon matching."""

from pathlib import Path

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


# ---------------------------------------------------------------- the fast tagger path
def _reference_hits(m: LexiconMatcher, text: str) -> list[tuple]:
    """The matcher's rules written plainly (every word boundary found by bisect): what ``hits``
    must give, in the same order."""
    from bisect import bisect_right

    from shahid.tag.lexicon import WordIndex

    morph = m.morph
    out: list[tuple] = []
    if m._short_re is not None:
        for x in m._short_re.finditer(text):
            prefix = x.group(1)
            for key in m._short[x.group(2)]:
                if not key.had_article and morph.article and prefix.endswith(morph.article) and \
                        key.form.startswith(morph.article):
                    continue
                out.append((x.start(2), x.end(2), x.start(1), prefix, key.payload, key.form))
    if not m._long:
        return out
    w = WordIndex(text)
    for end_idx, (klen, ((_, keys, _),)) in m._automaton.iter(text):  # (one table: its own)
        end = end_idx + 1
        start = end - klen
        if start and text[start - 1] not in m._prefix_enders and text[start - 1].isalnum():
            continue
        i = bisect_right(w.starts, start) - 1
        if i < 0 or w.ends[i] <= start or start - w.starts[i] > 5:
            continue
        ws = w.starts[i]
        prefix = text[ws:start]
        if keys[0].open_end:
            if prefix in morph.prefixes:
                out.extend((start, end, ws, prefix, k.payload, k.form) for k in keys if k.open_end)
            continue
        if prefix not in morph.prefixes and prefix not in morph.prefixes_with_article:
            continue
        j = bisect_right(w.starts, end - 1) - 1
        we = w.ends[j] if j >= 0 and w.ends[j] >= end else end
        if we - end > 4:
            continue
        suffix = text[end:we]
        for key in keys:
            if key.had_article:
                if prefix not in morph.prefixes_with_article and prefix not in morph.prefixes:
                    continue
            elif prefix not in morph.prefixes or (morph.article and prefix.endswith(morph.article)
                                                  and key.form.startswith(morph.article)):
                continue
            if suffix and (not key.suffixes or suffix not in morph.suffixes):
                continue
            out.append((start, we if suffix else end, ws, prefix, key.payload, key.form))
    return out


_TABLES = ("triggers", "actors", "groups", "reporting", "sources", "cues")


@pytest.mark.parametrize("text", [
    "قصف", "قصف.", ".قصف", "قصفت قوات النظام", "_قصف قوات_النظام", "وقوات النظام،والجيش الحر",
    "قتل 5 مدنيين في قصف على حلب", "في", "من في", "ثلاثة_قتلى", "بالجيش الحر", "للجيش السوري الحر",
])
def test_hits_follow_the_rules_at_word_edges(text: str) -> None:
    lang = load_language("ar")
    norm = normalize(text).text
    for table in _TABLES:
        m = getattr(lang, table)
        assert m.hits(norm) == _reference_hits(m, norm), table


def test_hits_and_tags_on_the_dev_reports(shared_dir) -> None:  # type: ignore[no-untyped-def]
    """On real reports: the fast path finds what the rules say, and ``group_hits`` groups the
    tuples exactly as ``group_matches`` groups the Match objects."""
    from shahid.tag.lexicon import WordIndex
    from shahid.tag.tags import group_hits, group_matches

    lang = load_language("ar")
    files = sorted((shared_dir / "eval" / "dev").glob("*.txt"))
    assert files
    for f in files:
        norm = normalize(f.read_text(encoding="utf-8")).text
        words = WordIndex(norm)
        for table in _TABLES:
            m = getattr(lang, table)
            hits = m.hits(norm, words)
            assert hits == _reference_hits(m, norm), (f.name, table)
            fast = [(t.start, t.end, t.prefix, t.payloads) for t in group_hits(hits)]
            slow = [(t.start, t.end, t.prefix, t.payloads) for t in group_matches(m.find_all(norm, words))]
            assert fast == slow, (f.name, table)


def _english_texts(shared_dir, n: int = 120) -> list[str]:  # type: ignore[no-untyped-def]
    import sys

    fakes = shared_dir / "data" / "benchmarks" / "fa-kes" / "fakes_annotated.csv"
    if not fakes.exists():
        return []
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from fakes_eval import read_rows

    return [r["article_content"] for r in read_rows(fakes)[:n]]


@pytest.mark.parametrize("code", ["ar", "en"])
def test_one_pass_over_several_tables_gives_each_tables_hits(code: str, shared_dir) -> None:  # type: ignore[no-untyped-def]
    """``LexiconSet`` (one automaton for the tables after the triggers) gives what each table's own
    matcher gives, in the same order: on my sentences, the dev reports and FA-KES."""
    from shahid.tag.lexicon import LexiconSet, WordIndex

    lang = load_language(code)
    tables = [getattr(lang, t) for t in _TABLES[1:]]
    merged = LexiconSet(tables)
    texts = ["قصفت قوات النظام بالمدفعية حي الوعر، وقال المرصد إن 5 مدنيين قتلوا",
             "The army said on Monday that rebels shelled the town, killing three civilians."]
    if code == "ar":
        texts += [f.read_text(encoding="utf-8") for f in sorted((shared_dir / "eval" / "dev").glob("*.txt"))]
    else:
        texts += _english_texts(shared_dir)
    found = 0
    for text in texts:
        norm = normalize(text).text
        words = WordIndex(norm)
        got = merged.hits(norm, words)
        assert got == [m.hits(norm, words) for m in tables]
        found += sum(map(len, got))
    assert found > 100
