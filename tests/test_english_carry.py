"""English tolls and back-references take the doer and means of the act the text named before
(assemble/carry.py, cues.yaml ``carry_reference``), and means that name their weapon refine the act.
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import shahid
from shahid.lang.loader import load_language

PUB = "2016-05-03"


def _claims(text: str) -> list[dict[str, Any]]:
    return shahid.extract(text, published=PUB, lang="en").to_dict()["claims"]


def _toll(text: str) -> dict[str, Any]:
    """The claim that carries the killed count."""
    got = [c for c in _claims(text) if any(k["kind"] == "killed" for k in c["counts"])]
    assert len(got) == 1, got
    return got[0]


def _actors(c: dict[str, Any]) -> list[str]:
    return [p["actor"] for p in c["perpetrators"]]


def test_a_toll_after_an_act_sentence_is_that_acts_toll() -> None:
    c = _toll("Syrian government warplanes bombed the town of Saraqeb in Idlib province on Monday. "
              "At least 12 people died in the raids, the Syrian Observatory for Human Rights reported on Tuesday.")
    assert (c["event"], c["method"], _actors(c)) == ("airstrike", "airstrike", ["sy_government"])
    # the doer's span is where the text names it, in the sentence before
    assert c["perpetrators"][0]["text"].lower().startswith("syrian government")


def test_a_toll_after_an_act_with_no_doer_takes_its_means_only() -> None:
    c = _toll("Air strikes hit the town of Saraqeb on Monday. At least 12 people were killed, the monitor said.")
    assert (c["event"], c["method"], _actors(c)) == ("airstrike", "airstrike", [])


def test_the_attack_is_the_act_named_before() -> None:
    c = _toll("A car bomb exploded near a checkpoint in the town of Azaz on Tuesday. "
              "The attack killed nine people, activists said.")
    assert (c["event"], c["method"]) == ("bombing", "explosive")


def test_the_strikes_take_the_side_of_the_strikes_named_before() -> None:
    c = _toll("Russian jets carried out air strikes on the town of Maarat al-Numan on Friday. "
              "Local activists said the strikes killed 15 civilians.")
    assert (c["event"], _actors(c)) == ("airstrike", ["russia"])


def test_the_fighting_has_both_sides_of_the_fighting_named_before() -> None:
    c = _toll("Fierce fighting broke out between government forces and rebels near the city of Daraa on Sunday. "
              "Twenty fighters were killed in the fighting, the monitor said.")
    assert sorted(_actors(c)) == ["opposition", "sy_government"]


def test_a_toll_elsewhere_on_another_day_or_across_the_country_is_not_that_act() -> None:
    act = "Regime helicopters dropped barrel bombs on the town of Daraya on Monday. "
    for toll in ("In Aleppo city, 10 people were killed on Monday.",  # another governorate
                 "At least 45 people were killed across Syria on Monday, the monitor said.",  # national
                 "On Friday, 12 people were killed in the town, the monitor said."):  # four days before
        c = _toll(act + toll)
        assert (c["event"], c["method"], _actors(c)) == ("killing", None, []), toll


def test_a_toll_of_its_own_act_keeps_it() -> None:
    c = _toll("Regime helicopters dropped barrel bombs on the town of Daraya on Monday. "
              "In the same town, ten people were killed by a landmine on Monday.")
    assert (c["event"], c["method"]) == ("bombing", "explosive")


def test_an_air_strike_that_released_gas_is_a_chemical_strike() -> None:
    c = _toll("At least 30 people were killed in an air strike that released toxic gas on the town of "
              "Latamneh on Tuesday.")
    assert (c["event"], c["method"]) == ("airstrike", "chemical")


def test_a_gas_field_is_no_chemical_weapon() -> None:
    c = _toll("Islamic State fighters attacked the Shaer gas field east of Homs on Thursday, killing 30 guards.")
    assert c["method"] != "chemical" and _actors(c) == ["isis"]


def test_arabic_leaves_the_carry_off() -> None:
    assert load_language("en").carry_reference and not load_language("ar").carry_reference
    assert "chemical" in load_language("en").means_over_act and not load_language("ar").means_over_act


def test_of_two_mentions_of_one_act_the_one_that_names_its_side_gives_the_doer() -> None:
    # a scraped page that runs its headline into the lede: one clause, two mentions of the strikes
    c = _toll("Air raids kill 25 fighters near Raqqa Monitor At least 25 Islamic State fighters were killed in "
              "Syrian air force raids on Sunday near the city of Raqqa.")
    assert (c["event"], _actors(c)) == ("airstrike", ["sy_government/air_force"])


def test_these_strikes_are_the_strikes_named_before() -> None:
    c = _toll("Russian jets carried out strikes on Islamic State positions near Palmyra on Monday. "
              "As a result of these strikes, 40 militants were killed, the ministry said.")
    assert (c["event"], _actors(c)) == ("airstrike", ["russia"])


def test_a_bombing_is_a_bomb_attack_and_bombing_a_town_is_from_the_air() -> None:
    c = _toll("A bombing killed at least 15 people at a bus station in the city of Homs on Sunday.")
    assert (c["event"], c["method"]) == ("bombing", "explosive")
    c = _toll("Government warplanes were bombing the town of Saraqeb on Monday, killing 12 people.")
    assert (c["event"], _actors(c)) == ("airstrike", ["sy_government"])


def test_a_means_named_as_the_subject_refines_the_act_it_does() -> None:
    c = _toll("Jets believed to be Russian pounded the town of Khan Shaykhun on Friday, killing "
              "nine civilians.")
    assert (c["event"], _actors(c)) == ("airstrike", ["russia"])


def test_the_injured_after_the_dead_are_counted_injured() -> None:
    c = _toll("Regime shelling hit the town of Ariha on Monday. Later the Observatory said 31 people were "
              "killed and more than 60 were wounded in the town.")
    assert [(k["kind"], k["value"]) for k in c["counts"]] == [("killed", 31), ("injured", 60)]


def test_a_terrorist_attack_names_no_bomb() -> None:
    c = _toll("Nine people were killed in a terrorist attack on a market in the city of Homs on Sunday.")
    assert c["event"] == "attack" and c["method"] is None
    c = _toll("Nine people were killed in terrorist attacks with rocket shells on the city of Aleppo on Sunday.")
    assert c["event"] == "shelling"
