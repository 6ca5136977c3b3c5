"""English actors, means and background tolls: the classes of FA-KES dev-half errors fixed in the language
data and the English switches of cues.yaml (docs/english.md).  (sentence, expected) tables of sentences
written for these tests: each mirrors an error class, none is taken from an FA-KES or corpus article."""

from __future__ import annotations

from typing import Any

import pytest

import shahid

PUB = "2016-05-03"


def _claims(text: str, title: str | None = None) -> list[dict[str, Any]]:
    return shahid.extract(text, published=PUB, title=title, lang="en").to_dict()["claims"]


def _killed(c: dict[str, Any]) -> int:
    return max((k["value"] or k["low"] or 0 for k in c["counts"] if k["kind"] == "killed"), default=0)


def _main(text: str) -> dict[str, Any]:
    """The claim with the largest killed count (as bench/fakes_eval.py picks it)."""
    got = [c for c in _claims(text) if _killed(c) > 0]
    assert got, _claims(text)
    return max(got, key=_killed)


def _actors(c: dict[str, Any]) -> list[str]:
    return [p["actor"] for p in c["perpetrators"]]


# --------------------------------------------------------------------------- actors
ACTORS = [
    # a byline opening the body is nobody's statement, and its date's numbers count no one
    ("Published June 7 2016 Regime bombing raids on Hama killed 26 civilians on Thursday.", ["sy_government"]),
    ("Date of publication 9 April 2016 Russian air strikes killed 13 civilians in Jisr al-Shughur on Friday.",
     ["russia"]),
    ("Posted on May 4 2016 by a staff writer Regime helicopters dropped barrel bombs on Daraya, killing 8 people.",
     ["sy_government"]),
    ("Last updated at Aug 22016 Regime warplanes carried out dozens of air strikes on Hama killing 14 people.",
     ["sy_government"]),
    # of two mentions of one act in a clause, the one with an agent phrase after it
    ("Chlorine attack on Hama kills at least 41 Reuters A suspected chlorine attack believed to be by regime "
     "helicopters killed at least 41 people in Hama on Thursday.", ["sy_government"]),
    # a side named right before the means that is the act's subject
    ("Syrian and Russian warplanes carried out dozens of air strikes on Hama on Thursday, killing 17 people.",
     ["russia"]),
    # a capital or a country named as a place is no side ...
    ("A mortar attack on a Damascus school killed 6 pupils on Wednesday.", []),
    ("A car bomb in central Damascus killed 13 people on Wednesday.", []),
    ("A blast at a crossing on the frontier with Turkey killed 16 rebels on Wednesday.", []),
    # ... but is one as a subject
    ("Moscow launched air strikes that killed 19 people in Saraqeb on Wednesday.", ["russia"]),
    # a side's name before a place noun names the place it holds
    ("An air strike that hit the rebel stronghold of Kafr Nabl killed 11 people on Thursday.", []),
    # the sides counted among a clash's dead are its parties, the killers first
    ("At least 23 ISIL militants were killed on Thursday in clashes with Kurdish fighters near Qamishli.",
     ["sdf", "isis"]),
    ("The monitor reported that 17 regime soldiers and 24 rebel fighters were killed in battles near Hama on Thursday.",
     ["sy_government", "opposition"]),
    # an air force named before its attacks
    ("Over 19 civilians were killed Thursday in US Air Forces attacks near Jarablus.", ["us_coalition"]),
    # who an accusation blames is the alleged doer, not its speaker (English says its subject first)
    ("At least 33 people died in an attack blamed on Assad forces on Thursday.", ["sy_government"]),
    ("On Thursday the United States openly accused Damascus of the attack that killed 312 people.", ["sy_government"]),
    # "jihadists" alone names no side
    ("Fourteen jihadists were killed in an ambush near Qaryatayn on Wednesday.", []),
    # the dead named by a state outlet's word for its enemy, no doer and no state named: the story's state
    ("At least 27 Nusra terrorists were killed in Hama countryside on Wednesday.", ["sy_government"]),
    ("Tue May 3 2016 Over 36 Terrorists Killed in Latakia Countryside.", ["sy_government"]),
    # ... but not where they are the killers, nor where another side is named in the clause
    ("Terrorists killed 5 civilians in a bakery in Homs on Wednesday.", []),
    ("Turkish troops killed 11 ISIS terrorists near Jarablus on Wednesday.", ["turkey"]),
    # a number after a subordinator counts that clause's subject, who did the act it names
    ("At least 27 people were killed when three Islamic State fighters blew themselves up at a crowded "
     "bus stop in Qamishli.", ["isis"]),
    ("Government forces killed 4 rebels in Daraa on Wednesday.", ["sy_government"]),
    # militias Iran backs are pro-government militias, not Iran's state forces
    ("Iranian militias executed 8 young men in a district of Homs on Wednesday.", ["pro_government_militia"]),
    # an aircraft shot down is the target: the side it belongs to is no doer, the side that downed it is
    ("3 Killed as Russian Military Helicopter Shot Down Over Idlib.", []),
    ("Rebels shot down a regime helicopter near Latakia on Wednesday, killing its 3 crew.", ["opposition"]),
    # a force's name before its post names the target, not the doer
    ("A suicide bombing at a police station in Tartus killed 10 people on Sunday.", []),
    ("At least 8 people were killed in two suicide bomb attacks outside a police station in Jableh on Wednesday.", []),
    ("Two suicide bombers killed 7 people at an army checkpoint in Homs on Wednesday.", []),
]


def test_a_chemical_attack_takes_the_doer_the_report_names_for_it_elsewhere() -> None:
    text = ("A chemical attack on a village in Hama killed 64 people on Thursday. "
            "Washington said the nerve agent was dropped by Syrian government aircraft.")
    assert _actors(_main(text)) == ["sy_government"]


def test_a_doer_named_for_a_chemical_attack_is_not_another_means_doer() -> None:
    text = ("Air strikes killed 13 civilians in Saraqeb on Thursday. "
            "A chemical attack blamed on Assad forces killed 2 people in Latamneh on Thursday.")
    assert _actors(_main(text)) == []
    assert _actors(_main("A chlorine gas attack killed 9 people in a village in Hama on Thursday.")) == []


def test_airmen_and_pilots_are_counted_fighters() -> None:
    c = _main("Two Syrian airmen were killed on Thursday when their jet crashed near Deir ez-Zor.")
    assert [(k["group"], k["value"]) for k in c["counts"] if k["kind"] == "killed"] == [("fighters", 2)]


def test_a_state_voice_doer_yields_to_the_doer_the_text_refers_back_to() -> None:
    text = ("US-led coalition warplanes struck positions in Tabqa on Thursday. "
            "At least 21 ISIS terrorists were killed in Tabqa on Thursday.")
    assert _actors(_main(text))[0] == "us_coalition"


@pytest.mark.parametrize(("text", "want"), ACTORS)
def test_english_actors(text: str, want: list[str]) -> None:
    assert _actors(_main(text)) == want


def test_a_back_reference_that_names_the_doer_gives_it_to_the_act_it_refers_to() -> None:
    c = _main("A barrage of air strikes close to a clinic in Hama killed at least 8 civilians on Thursday. "
              "The Observatory said the raids struck Kafr Zita village. "
              "It added that those raids were all carried out by regime warplanes.")
    assert _killed(c) == 8 and _actors(c) == ["sy_government"]
    # the doer's span is where the later sentence names it
    assert c["perpetrators"][0]["text"].lower() == "regime warplanes"


def test_one_toll_stated_twice_is_one_act() -> None:
    c = _claims("A suspected chlorine attack on Latamneh killed at least 47 people on Thursday. "
                "Volunteers dug through collapsed houses for hours. "
                "Medics said the chlorine attack by government helicopters killed at least 47 people.")[0]
    assert (_killed(c), _actors(c)) == (47, ["sy_government"])


def test_the_next_statement_of_the_act_names_its_doer() -> None:
    c = _claims("Air strikes on a primary school in Hama province killed 16 children on Thursday. "
                "The Observatory said no fewer than four raids by Russian aircraft struck the village "
                "on Thursday.")[0]
    assert (_killed(c), _actors(c)) == (16, ["russia"])


def test_only_the_next_statement_of_the_act_decides() -> None:
    # the strikes after it name no doer: a later one with a doer is another act
    c = _claims("Air strikes on a vegetable market in Hama killed 18 people on Thursday. "
                "Air strikes also hit a bakery in Hama on Thursday. "
                "Russian jets struck a clinic in Hama on Thursday.")[0]
    assert (_killed(c), _actors(c)) == (18, [])


def test_a_voice_that_takes_a_side_is_not_that_side() -> None:
    c = _main("Pro-Damascus television channels said a suicide bomber set off a car bomb in Homs and killed 19 people.")
    assert _actors(c) == []


def test_a_bare_toll_is_the_act_stated_right_after_it() -> None:
    c = _claims("No fewer than 37 civilians have been killed across Aleppo over the past 24 hours, monitors said. "
                "Regime air strikes killed 9 civilians in the Sukkari district of Aleppo on Tuesday.")[0]
    assert (_killed(c), c["event"], _actors(c)) == (37, "airstrike", ["sy_government"])


def test_a_bare_toll_elsewhere_is_no_act_after_it() -> None:
    c = _claims("No fewer than 37 civilians have been killed across Aleppo over the past 24 hours, monitors said. "
                "Regime air strikes killed 9 civilians in Douma on Tuesday.")[0]
    assert (_killed(c), c["event"], _actors(c)) == (37, "killing", [])


def test_a_denial_gives_no_doer_back() -> None:
    c = _claims("An air strike on a crowded square in Hama killed 12 people on Thursday. "
                "Damascus denied that the strike was carried out by its jets.")[0]
    assert (_killed(c), _actors(c)) == (12, [])


# --------------------------------------------------------------------------- means
MEANS = [
    # a clause-opening word that may be a verb or a noun is the noun
    ("Bomb kills 14 in a Homs suburb on Thursday.", ("bombing", "explosive")),
    ("Bombs in Hama kill 11 pro-government fighters on Thursday.", ("bombing", "explosive")),
    ("Warplanes bomb Hama on Thursday, killing 10 people.", ("airstrike", "airstrike")),
    # a generic attack takes the kind of act the text then names at its place and day
    ("Seven people were killed in terrorist attacks on Homs city on Thursday. "
     "Terrorist groups fired rocket shells on the Akrama neighbourhood of Homs on Thursday, a source said.",
     ("shelling", "shelling")),
    # ... not when the acts named after it are of two kinds
    ("Seven people were killed in attacks on Homs city on Thursday. "
     "Rebels fired rocket shells on the Akrama neighbourhood of Homs on Thursday. "
     "A car bomb exploded near a church in Homs on Thursday.", ("attack", None)),
]


@pytest.mark.parametrize(("text", "want"), MEANS)
def test_english_means(text: str, want: tuple[str, str | None]) -> None:
    c = _main(text)
    assert (c["event"], c["method"]) == want


def test_a_day_month_year_date_with_dashes_is_read() -> None:
    rep = shahid.extract("06-04-2016 Bomb Kills 14 in Homs Suburb.", published="2016-04-07", lang="en").to_dict()
    (c,) = rep["claims"]
    assert c["date"]["value"] == "2016-04-06" and c["method"] == "explosive"


# --------------------------------------------------------------------------- background tolls
BACKGROUND = [
    ("Earlier this week a chlorine attack on Latamneh killed 63 civilians. "
     "On Friday an air strike by Russian warplanes killed 15 people in Hama.", 15),
    ("Last month air strikes on a crowded square in Douma killed 74 people. "
     "On Thursday regime shelling killed 5 people in Douma.", 5),
    ("In late March no fewer than 63 civilians were killed in a chlorine attack on Latamneh. "
     "On Thursday a roadside bomb killed 6 people in Hama.", 6),
    ("The war has killed some 280,000 Syrians since it erupted in 2011. "
     "On Thursday air strikes killed 9 civilians in Douma.", 9),
]


@pytest.mark.parametrize(("text", "want"), BACKGROUND)
def test_a_recalled_or_cumulative_toll_is_not_the_main_claim(text: str, want: int) -> None:
    assert _killed(_main(text)) == want


DATED = [
    # "May" in a date is the month, not the modal that blocks the act after it
    ("On 2 May regime air strikes killed 11 people in a village in Hama.", "2016-05-02"),
    # a numeric date at a sentence's end, its full stop after it
    ("Regime air strikes killed 11 people in a village in Hama on 2/5/2016.", "2016-05-02"),
    ("Hama, 2/5/2016. Regime air strikes killed 11 people in a village in Hama.", "2016-05-02"),
]


@pytest.mark.parametrize(("text", "want"), DATED)
def test_a_date_with_may_or_a_full_stop_is_read(text: str, want: str) -> None:
    assert _main(text)["date"]["value"] == want
