"""The English language pack (shahid/lang/en): its morphology, number and date grammars, and what the
bundled English example yields."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
import yaml
from num2words import num2words

import shahid
from shahid.lang.en.dates import find_dates
from shahid.lang.en.numbers import Quantity, find_quantities, parse_number
from shahid.lang.loader import MorphologyFile, _inflector, load_language
from shahid.read.language import detect_language
from shahid.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "report-en.txt"
LANG = ROOT / "src" / "shahid" / "lang"


# ---------------------------------------------------------------------------- morphology
def _inflect() -> object:
    data = yaml.safe_load((LANG / "en" / "morphology.yaml").read_text(encoding="utf-8"))
    return _inflector(MorphologyFile.model_validate(data))


@pytest.mark.parametrize(("form", "expected"), [
    ("kill", {"kills", "killed", "killing"}),
    ("casualty", {"casualties"}),
    ("capture", {"captures", "captured", "capturing"}),
    ("drop", {"dropped", "dropping", "drops"}),
    ("flee", {"flees", "fleeing", "fled"}),
    ("air strike", {"air strikes", "air struck"}),
    ("child", {"children"}),
    ("shoot", {"shot", "shooting"}),
])
def test_inflections_come_from_rules(form: str, expected: set[str]) -> None:
    got = set(_inflect().inflect(form))  # type: ignore[attr-defined]
    assert form in got and expected <= got


def test_inflected_forms_match_whole_words_only() -> None:
    lang = load_language("en")
    text = normalize("Regime forces SHELLED the town; the bombardments went on. A bombshell.").text
    found = {text[m.start:m.end] for m in lang.triggers.find_all(text)}
    assert {"shelled", "bombardments"} <= found
    assert not any("bombshell" in f for f in found)


def test_english_actors_use_the_arabic_ids() -> None:
    ar, en = load_language("ar"), load_language("en")
    assert set(en.actor_entries) <= set(ar.actor_entries)


# ---------------------------------------------------------------------------- numbers
def _oracle_values() -> list[int]:
    rng = random.Random(20161212)
    return list(range(1, 1001)) + [rng.randint(1, 10**7) for _ in range(3000)]


def test_num2words_oracle() -> None:
    failures = []
    for n in _oracle_values():
        words = num2words(n, lang="en")
        if parse_number(words) != n:
            failures.append((n, words, parse_number(words)))
            continue
        sentence = f"killed {words} people"
        text = normalize(sentence).text
        want = [Quantity(7, 7 + len(words), 7, 7 + len(words), n, None, None, "exact")]
        if find_quantities(text) != want:
            failures.append((n, words, find_quantities(text)))
    assert not failures, failures[:10]


Q = tuple[str, int | None, int | None, int | None, str]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("more than 90 people", [("more than 90", 90, 91, None, "at_least")]),
    ("at least 65 civilians", [("at least 65", 65, 65, None, "at_least")]),
    ("65 people at least", [("65 people at least", 65, 65, None, "at_least")]),
    ("10 or more", [("10 or more", 10, 10, None, "at_least")]),
    ("nearly two hundred", [("nearly two hundred", 200, None, None, "approx")]),
    ("some 200 people", [("some 200", 200, None, None, "approx")]),
    ("up to 30 people", [("up to 30", 30, None, 30, "at_most")]),
    ("fewer than 30 people", [("fewer than 30", 30, None, 29, "at_most")]),
    ("between 20 and 30 killed", [("between 20 and 30", None, 20, 30, "range")]),
    ("from 20 to 30", [("from 20 to 30", None, 20, 30, "range")]),
    ("20-30 people", [("20-30", None, 20, 30, "range")]),
    ("five or six soldiers", [("five or six", None, 5, 6, "range")]),
    ("between 20 and 30 thousand", [("between 20 and 30 thousand", None, 20000, 30000, "range")]),
    ("the toll rose from 20 to 30", [("20", 20, None, None, "exact"), ("30", 30, None, None, "exact")]),
    ("dozens of people", [("dozens", None, 12, None, "vague")]),
    ("hundreds of thousands of refugees", [("hundreds of thousands", None, 100000, None, "vague")]),
    ("tens of thousands", [("tens of thousands", None, 10000, None, "vague")]),
    ("several hundred", [("several hundred", None, 300, None, "vague")]),
    ("scores of people", [("scores", None, 20, None, "vague")]),
    ("a few soldiers", [("a few", None, 3, None, "vague")]),
    ("a dozen soldiers", [("a dozen", 12, None, None, "exact")]),
    ("two dozen", [("two dozen", 24, None, None, "exact")]),
    ("half a million", [("half a million", 500000, None, None, "exact")]),
    ("1,200 people", [("1,200", 1200, None, None, "exact")]),
    ("1.5 million refugees", [("1.5 million", 1500000, None, None, "exact")]),
    ("twenty-five people", [("twenty-five", 25, None, None, "exact")]),
])
def test_find_quantities(sentence: str, expected: list[Q]) -> None:
    text = normalize(sentence).text
    assert [(text[q.start:q.end], q.value, q.low, q.high, q.qualifier) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("sentence", ["no one was hurt", "25 percent of the city", "scores of the match",
                                      "the scores were level", "one another"])
def test_not_quantities(sentence: str) -> None:
    assert find_quantities(normalize(sentence).text) == []


def test_a_number_after_and_is_coordinated() -> None:
    qs = find_quantities(normalize("31 killed and more than 60 wounded").text)
    assert [(q.value, q.qualifier, q.coordinated) for q in qs] == [(31, "exact", False), (60, "at_least", True)]


# ---------------------------------------------------------------------------- dates
PUB = dt.date(2016, 12, 14)  # a Wednesday


@pytest.mark.parametrize(("phrase", "value", "precision"), [
    ("on Monday", "2016-12-12", "day"),
    ("Wednesday", "2016-12-14", "day"),          # the day itself, on or before publication
    ("last Wednesday", "2016-12-07", "day"),     # strictly before
    ("next Friday", "2016-12-16", "day"),
    ("Monday night", "2016-12-12", "day"),
    ("early on Tuesday", "2016-12-13", "day"),
    ("yesterday", "2016-12-13", "day"),
    ("yesterday morning", "2016-12-13", "day"),
    ("last night", "2016-12-13", "day"),
    ("today", "2016-12-14", "day"),
    ("in the past 24 hours", "2016-12-14", "day"),
    ("three days ago", "2016-12-11", "day"),
    ("a week ago", "2016-12-07", "week"),
    ("earlier this week", "2016-12-14", "week"),
    ("last month", "2016-11-01", "month"),
    ("this year", "2016-01-01", "year"),
    ("Dec. 12", "2016-12-12", "day"),
    ("12 December 2016", "2016-12-12", "day"),
    ("the 12th of December", "2016-12-12", "day"),
    ("December 12, 2016", "2016-12-12", "day"),
    ("Monday, December 12", "2016-12-12", "day"),
    ("2016-12-12", "2016-12-12", "day"),
    ("12/12/2016", "2016-12-12", "day"),
    ("Wed 05 Apr 2017", "2017-04-05", "day"),
    ("December 2016", "2016-12-01", "month"),
    ("on Dec 20", "2016-12-20", "day"),          # within the allowance after publication
    ("on Dec 30", "2015-12-30", "day"),          # too far after: the year before
])
def test_dates_resolve_against_published(phrase: str, value: str, precision: str) -> None:
    text = normalize(phrase).text
    got = find_dates(text, PUB)
    assert len(got) == 1 and text[got[0].start:got[0].end] == text
    assert (got[0].value, got[0].precision) == (value, precision)


def test_relative_dates_without_published_stay_unresolved() -> None:
    got = find_dates(normalize("Shelling on Monday killed five, and 12 December 2016 ...").text, None)
    assert [(d.value, d.relative) for d in got] == [(None, True), ("2016-12-12", False)]


@pytest.mark.parametrize("sentence", ["it may be too late", "protesters march on", "by march", "claiming 4 martyrs",
                                      "5 decisions"])
def test_not_dates(sentence: str) -> None:
    assert find_dates(normalize(sentence).text, PUB) == []


# ---------------------------------------------------------------------------- the bundled example
def test_example_is_detected_as_english() -> None:
    assert detect_language(EXAMPLE.read_text(encoding="utf-8")) == "en"


def test_example_yields_its_claims() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    rep = shahid.extract(text, published="2013-02-11")
    assert rep.doc.lang == "en" and not rep.warnings
    claims = rep.claims
    by_event = {c.event: c for c in claims}
    strike = by_event["airstrike"]
    assert [p.actor for p in strike.perpetrators] == ["sy_government"]
    assert {(c.kind, c.group, c.value) for c in strike.counts} >= {
        ("killed", "civilians", 14), ("killed", "children", 5), ("killed", "women", 3)}
    assert any(c.kind == "injured" and c.low == 31 and c.qualifier == "at_least" for c in strike.counts)
    assert strike.source is not None and strike.source.type == "monitor"
    assert strike.date is not None and strike.date.value == "2013-02-11"  # "on Monday morning"
    assert strike.location is not None and strike.location.admin1 == "Idleb"
    det = by_event["detention"]
    assert [p.actor for p in det.perpetrators] == ["sy_government/air_force_intelligence"]
    assert [(c.kind, c.value, c.qualifier) for c in det.counts] == [("detained", 40, "approx")]
    assert det.source is not None and det.source.type == "activist"
    assert by_event["shelling"].certainty == "denied"
    assert by_event["territory_change"].source is not None
    assert by_event["territory_change"].source.type == "armed_group"
    execution = by_event["execution"]
    assert execution.certainty == "unconfirmed"
    assert [p.actor for p in execution.perpetrators] == ["pro_government_militia"]
    assert by_event["displacement"].counts[0].qualifier == "vague"
    bodies = by_event["casualties_found"]
    assert [(c.kind, c.value, c.qualifier) for c in bodies.counts] == [("bodies", 20, "approx")]
    assert bodies.source is not None and bodies.source.type == "rescue"
    assert len(claims) == 8  # the Arabic example's eight statements
    # every value's span indexes the input
    for c in claims:
        d = c.to_dict() if hasattr(c, "to_dict") else None
        for v in [c.evidence, c.trigger, c.source, c.date, c.location, *c.perpetrators, *c.victims, *c.counts]:
            if v is not None:
                assert text[v.span[0]:v.span[1]] == v.text, (d, v)


def test_matching_is_case_insensitive_and_spans_keep_the_case() -> None:
    text = "x\nREGIME FORCES SHELLED the town of Douma, killing 7 civilians, activists said."
    rep = shahid.extract(text, published="2016-12-14", lang="en")
    (c,) = rep.claims
    assert c.event == "shelling" and [p.actor for p in c.perpetrators] == ["sy_government"]
    assert c.perpetrators[0].text == "REGIME FORCES" and c.trigger.text == "SHELLED"
    assert [(k.kind, k.group, k.value) for k in c.counts] == [("killed", "civilians", 7)]


def test_cli_lang_overrides_detection(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from shahid.cli import main

    assert main(["extract", str(EXAMPLE), "--published", "2013-02-11", "--lang", "en", "--format", "jsonl"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["doc"]["lang"] == "en" and len(report["claims"]) == 8
    # an Arabic report read as English finds nothing English in it, and says nothing is wrong
    assert main(["extract", str(ROOT / "examples" / "report-ar.txt"), "--lang", "en", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"] == []


def _claims(body: str) -> list[dict[str, object]]:
    return shahid.extract("headline\n" + body, published="2016-12-14", lang="en").to_dict()["claims"]


def test_a_claim_with_no_place_of_its_own_takes_the_storys_place() -> None:
    strike, toll = _claims("Regime air strikes hit the town of Douma on Monday. Activists said 12 civilians "
                           "were killed and 30 wounded.")
    assert toll["location"]["place_id"] == strike["location"]["place_id"]
    assert toll["location"]["text"] == "town of Douma"  # the story's mention of it (its type word inside, as in Arabic)
    assert [(c["kind"], c["value"]) for c in toll["counts"]] == [("killed", 12), ("injured", 30)]


def test_a_number_counts_its_noun_past_a_sides_name() -> None:
    (c,) = _claims("At least 20 Islamic State fighters were killed in clashes near Raqqa.")
    assert [(k["kind"], k["group"], k["low"]) for k in c["counts"]] == [("killed", "fighters", 20)]
    assert c["perpetrators"] == []  # the fighters counted are the victims, not the doers


def test_the_subject_of_a_toll_verb_did_the_act() -> None:
    (c,) = _claims("The ISIS group killed more than 35 civilians during a raid on three farming villages "
                   "in Hama province.")
    assert [p["actor"] for p in c["perpetrators"]] == ["isis"]
    assert c["location"]["admin1"] == "Hama"


def test_an_actor_adjective_names_the_doer_before_the_act_noun() -> None:
    (c,) = _claims("Syrian air strikes on Raqqa killed 19 people.")
    assert c["event"] == "airstrike" and [p["actor"] for p in c["perpetrators"]] == ["sy_government"]
    assert _claims("Syrian civilians fled their homes.")[0]["perpetrators"] == []


def test_a_seat_is_no_event_place() -> None:
    (c,) = _claims("At least 12 people were killed in shelling, the Britain-based Syrian Observatory for "
                   "Human Rights said.")
    assert c["location"] is None or c["location"]["country"] == "SY"
    assert c["source"]["type"] == "monitor"


def test_gunmen_with_no_side_name_no_perpetrator() -> None:
    (c,) = _claims("Gunmen opened fire on a checkpoint in Homs, killing three soldiers.")
    assert c["perpetrators"] == [] and c["method"] == "shooting"
