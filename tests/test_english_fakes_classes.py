"""English actors, means and background tolls: the classes of FA-KES dev-half errors fixed in the language
data and the English switches of cues.yaml (docs/english.md).  (sentence, expected) tables of sentences
written for these tests."""

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
    ("Published June 3 2016 Regime bombing raids on Aleppo killed 31 civilians on Friday.", ["sy_government"]),
    ("Date of publication 2 April 2016 Russian air strikes killed 12 civilians in Idlib on Saturday.", ["russia"]),
    ("Posted on May 2 2016 by a staff writer Regime helicopters dropped barrel bombs on Aleppo, killing 9 people.",
     ["sy_government"]),
    ("Last updated at Aug 22016 Regime warplanes have launched a wave of air strikes on Idlib killing 20 people.",
     ["sy_government"]),
    # of two mentions of one act in a clause, the one with an agent phrase after it
    ("Gas attack on Idlib kills at least 58 Reuters A suspected gas attack believed to be by Syrian government "
     "jets killed at least 58 people in Idlib on Tuesday.", ["sy_government"]),
    # a side named right before the means that is the act's subject
    ("Syrian and Russian warplanes have launched a wave of air strikes on Idlib killing 20 people.", ["russia"]),
    # a capital or a country named as a place is no side ...
    ("A mortar attack on a Damascus school killed 11 children on Monday.", []),
    ("A car bomb in central Damascus killed 17 people on Monday.", []),
    ("A blast at a border crossing with Turkey killed 20 rebels on Monday.", []),
    # ... but is one as a subject
    ("Moscow launched air strikes that killed 20 people in Idlib on Monday.", ["russia"]),
    # a side's name before a place noun names the place it holds
    ("An air strike on the rebel stronghold of Kafr Zita killed 14 people on Monday.", []),
    # the sides counted among a clash's dead are its parties, the killers first
    ("At least 30 ISIL militants were killed in clashes with Kurdish fighters in Hasakeh on Monday.",
     ["sdf", "isis"]),
    ("The Observatory said 30 regime soldiers and 39 rebel fighters were killed in battles near Aleppo on Monday.",
     ["sy_government", "opposition"]),
    # an air force named before its attacks
    ("Over 25 civilians were killed in US Air Forces attacks on a village near Manbij on Monday.", ["us_coalition"]),
    # who an accusation blames is the alleged doer, not its speaker (English says its subject first)
    ("At least 40 people died in an attack blamed on Assad forces on Monday.", ["sy_government"]),
    ("The United States accused Damascus of the attack that killed 1429 people on Monday.", ["sy_government"]),
    # "jihadists" alone names no side
    ("Twenty jihadists were killed in an ambush near Palmyra on Monday.", []),
    # the dead named by a state outlet's word for its enemy, no doer and no state named: the story's state
    ("At least 35 Nusra terrorists were killed in Idlib countryside on Tuesday.", ["sy_government"]),
    ("Tue May 3 2016 Over 40 Terrorists Killed in Hama Countryside.", ["sy_government"]),
    # ... but not where they are the killers, nor where another side is named in the clause
    ("Terrorists killed 7 civilians in a market in Aleppo on Monday.", []),
    ("Turkish troops killed 14 ISIS terrorists near Azaz on Monday.", ["turkey"]),
    # a number after a subordinator counts that clause's subject, who did the act it names
    ("At least 30 people were killed when two Islamic State suicide bombers blew themselves up in Hasakeh.",
     ["isis"]),
    ("Government forces killed 5 rebels in Hama on Monday.", ["sy_government"]),
    # militias Iran backs are pro-government militias, not Iran's state forces
    ("Iranian militias executed 6 young men in a neighbourhood of Aleppo on Monday.", ["pro_government_militia"]),
    # an aircraft shot down is the target: the side it belongs to is no doer, the side that downed it is
    ("5 Killed as Russian Military Chopper Shot down in Syria.", []),
    ("Rebels shot down a regime helicopter near Hama on Monday, killing its 4 crew.", ["opposition"]),
    # a force's name before its post names the target, not the doer
    ("A suicide bombing at a police station in Homs killed 12 people on Sunday.", []),
    ("At least 9 people were killed in three suicide bomb attacks near a police station in Hama on Monday.", []),
    ("Two suicide bombers killed 9 people at an army checkpoint in Hama on Monday.", []),
]


def test_a_chemical_attack_takes_the_doer_the_report_names_for_it_elsewhere() -> None:
    text = ("A chemical attack on a town in Idlib killed 86 people on Tuesday. "
            "The United States said the sarin gas was dropped by Syrian government aircraft.")
    assert _actors(_main(text)) == ["sy_government"]


def test_a_doer_named_for_a_chemical_attack_is_not_another_means_doer() -> None:
    text = ("Air strikes killed 15 civilians in Idlib on Monday. "
            "A chemical attack blamed on Assad forces killed 3 people in Hama on Monday.")
    assert _actors(_main(text)) == []
    assert _actors(_main("A chlorine gas attack killed 12 people in a town in Idlib on Monday.")) == []


def test_airmen_and_pilots_are_counted_fighters() -> None:
    c = _main("Three Syrian airmen were killed on Monday when their jet crashed near Hama.")
    assert [(k["group"], k["value"]) for k in c["counts"] if k["kind"] == "killed"] == [("fighters", 3)]


def test_a_state_voice_doer_yields_to_the_doer_the_text_refers_back_to() -> None:
    text = ("US-led coalition warplanes struck positions in Raqqa on Monday. "
            "At least 25 ISIS terrorists were killed in Raqqa on Monday.")
    assert _actors(_main(text))[0] == "us_coalition"


@pytest.mark.parametrize(("text", "want"), ACTORS)
def test_english_actors(text: str, want: list[str]) -> None:
    assert _actors(_main(text)) == want


def test_a_back_reference_that_names_the_doer_gives_it_to_the_act_it_refers_to() -> None:
    c = _main("A barrage of air strikes near a hospital in Idlib killed at least 10 civilians on Monday. "
              "The monitor said the raids targeted the town of Milis. "
              "The monitor said the raids were carried out by regime warplanes.")
    assert _killed(c) == 10 and _actors(c) == ["sy_government"]
    # the doer's span is where the later sentence names it
    assert c["perpetrators"][0]["text"].lower() == "regime warplanes"


def test_one_toll_stated_twice_is_one_act() -> None:
    c = _claims("A suspected gas attack on Khan Sheikhoun killed at least 58 people on Tuesday. "
                "Rescue workers searched the rubble for hours. "
                "Doctors said the gas attack by government jets killed at least 58 people.")[0]
    assert (_killed(c), _actors(c)) == (58, ["sy_government"])


def test_the_next_statement_of_the_act_names_its_doer() -> None:
    c = _claims("Air strikes that hit a school in Idlib province killed 22 children on Wednesday. "
                "The Observatory said at least six air raids by suspected Russian jets hit the village "
                "on Wednesday.")[0]
    assert (_killed(c), _actors(c)) == (22, ["russia"])


def test_only_the_next_statement_of_the_act_decides() -> None:
    # the strikes after it name no doer: a later one with a doer is another act
    c = _claims("Air strikes on a market in Idlib killed 22 people on Wednesday. "
                "Air strikes also hit a bakery in Idlib on Wednesday. "
                "Russian jets struck a hospital in Idlib on Wednesday.")[0]
    assert (_killed(c), _actors(c)) == (22, [])


def test_a_voice_that_takes_a_side_is_not_that_side() -> None:
    c = _main("Pro-Damascus media outlets said a suicide attacker detonated a car bomb in Aleppo and killed 22 people.")
    assert _actors(c) == []


def test_a_bare_toll_is_the_act_stated_right_after_it() -> None:
    c = _claims("At least 45 people have been killed in Aleppo in the last 24 hours, monitors said. "
                "Regime air strikes killed 12 civilians in the Marjeh district of Aleppo on Tuesday.")[0]
    assert (_killed(c), c["event"], _actors(c)) == (45, "airstrike", ["sy_government"])


def test_a_bare_toll_elsewhere_is_no_act_after_it() -> None:
    c = _claims("At least 45 people have been killed in Aleppo in the last 24 hours, monitors said. "
                "Regime air strikes killed 12 civilians in Douma on Tuesday.")[0]
    assert (_killed(c), c["event"], _actors(c)) == (45, "killing", [])


def test_a_denial_gives_no_doer_back() -> None:
    c = _claims("An air strike on a market in Idlib killed 15 people on Monday. "
                "Damascus denied that the strike was carried out by its jets.")[0]
    assert (_killed(c), _actors(c)) == (15, [])


# --------------------------------------------------------------------------- means
MEANS = [
    # a clause-opening word that may be a verb or a noun is the noun
    ("Bomb kills 18 in a Damascus suburb on Monday.", ("bombing", "explosive")),
    ("Bombs in Aleppo kill 13 pro-government fighters on Monday.", ("bombing", "explosive")),
    ("Warplanes bomb Aleppo on Monday, killing 12 people.", ("airstrike", "airstrike")),
    # a generic attack takes the kind of act the text then names at its place and day
    ("Nine people were killed in terrorist attacks on Aleppo city on Monday. "
     "Terrorist groups fired rocket shells on the Midan neighbourhood of Aleppo on Monday, a source said.",
     ("shelling", "shelling")),
    # ... not when the acts named after it are of two kinds
    ("Nine people were killed in attacks on Aleppo city on Monday. "
     "Rebels fired rocket shells on the Midan neighbourhood of Aleppo on Monday. "
     "A car bomb exploded near a mosque in Aleppo on Monday.", ("attack", None)),
]


@pytest.mark.parametrize(("text", "want"), MEANS)
def test_english_means(text: str, want: tuple[str, str | None]) -> None:
    c = _main(text)
    assert (c["event"], c["method"]) == want


def test_a_day_month_year_date_with_dashes_is_read() -> None:
    rep = shahid.extract("06-04-2016 Bomb Kills 18 in Damascus Suburb.", published="2016-04-07", lang="en").to_dict()
    (c,) = rep["claims"]
    assert c["date"]["value"] == "2016-04-06" and c["method"] == "explosive"


# --------------------------------------------------------------------------- background tolls
BACKGROUND = [
    ("Earlier this week a chemical attack on Khan Sheikhoun killed 87 civilians. "
     "On Saturday an air strike by Russian warplanes killed 18 people in Idlib.", 18),
    ("Last month air strikes on a market in Douma killed 90 people. "
     "On Monday regime shelling killed 6 people in Douma.", 6),
    ("In early April at least 88 civilians were killed in a chemical attack on Khan Sheikhoun. "
     "On Monday a car bomb killed 7 people in Idlib.", 7),
    ("More than 300,000 people have been killed since the war began in 2011. "
     "On Monday air strikes killed 12 civilians in Douma.", 12),
]


@pytest.mark.parametrize(("text", "want"), BACKGROUND)
def test_a_recalled_or_cumulative_toll_is_not_the_main_claim(text: str, want: int) -> None:
    assert _killed(_main(text)) == want


DATED = [
    # "May" in a date is the month, not the modal that blocks the act after it
    ("On 2 May regime air strikes killed 12 people in a town in Idlib.", "2016-05-02"),
    # a numeric date at a sentence's end, its full stop after it
    ("Regime air strikes killed 12 people in a town in Idlib on 2/5/2016.", "2016-05-02"),
    ("Idlib, 2/5/2016. Regime air strikes killed 12 people in a town in Idlib.", "2016-05-02"),
]


@pytest.mark.parametrize(("text", "want"), DATED)
def test_a_date_with_may_or_a_full_stop_is_read(text: str, want: str) -> None:
    assert _main(text)["date"]["value"] == want
