"""Where the English carrying rules must not reach (sentences written for these tests): a denied act
gives no doer and no kind to a toll, an accusing noun keeps its source, and a byline never eats a count."""

from __future__ import annotations

import pytest

from shahid import extract

PUB = "2016-08-15"


def _claims(text: str) -> list[tuple[str, str, list[str], list[int | None]]]:
    r = extract(text, PUB, title="t", lang="en")
    return [(c.event, c.certainty, [p.actor for p in c.perpetrators], [k.value for k in c.counts]) for c in r.claims]


@pytest.mark.parametrize("text", [
    # one doer per chemical attack: the doer named only in a denial is nobody's
    "A chemical attack killed 31 people in a village near Hama on Sunday. Moscow denied that Russian jets "
    "had carried out a chemical attack near Hama.",
    "A chemical attack killed 31 people in a village near Hama on Sunday. The Syrian army denied that it had "
    "used chemical weapons near Hama.",
    # a bare toll followed by a denied act: the denial is not what caused the toll
    "At least 27 people died in Deir ez-Zor over the past day. Russia denied that its warplanes bombed "
    "Deir ez-Zor on Sunday.",
])
def test_a_denied_act_gives_the_toll_no_doer(text: str) -> None:
    got = _claims(text)
    tolls = [c for c in got if c[3]]
    assert tolls and all(c[2] == [] for c in tolls), got
    assert all(c[1] == "denied" for c in got if c[2]), got


@pytest.mark.parametrize("text, source", [
    ("Allegations by Amnesty International that security forces killed 14 protesters in Daraa on Friday "
     "were dismissed by officials.", "Amnesty International"),
    ("Claims by activists that army helicopters killed nine people in Rastan on Friday could not be checked.",
     "activists"),
])
def test_an_accusing_noun_keeps_the_source_after_it(text: str, source: str) -> None:
    r = extract(text, PUB, title="t", lang="en")
    assert r.claims and r.claims[0].source is not None and r.claims[0].source.text == source, r.claims


def test_an_accusing_verb_names_the_accused_not_a_speaker() -> None:
    r = extract("Activists blamed government forces for the shelling that killed six people in Douma on Monday.",
                PUB, title="t", lang="en")
    c = r.claims[0]
    assert [p.actor for p in c.perpetrators] == ["sy_government"] and c.certainty == "alleged"
    assert c.source is not None and c.source.text == "Activists"


@pytest.mark.parametrize("text, count", [
    ("Updated 20 civilians were killed in air strikes on Maarat al-Numan on Monday.", 20),
    ("Posted 7 children were among those killed by shelling in Harasta on Monday.", 7),
])
def test_a_byline_word_before_a_count_leaves_the_count(text: str, count: int) -> None:
    got = _claims(text)
    assert any(count in c[3] for c in got), got


def test_a_byline_with_an_unreadable_date_is_cut() -> None:
    got = _claims("Last updated at Sep 092016\nShelling killed four civilians in Jobar on Monday.")
    assert got and all(2016 not in c[3] and 92016 not in c[3] for c in got), got
    assert any(4 in c[3] for c in got), got


@pytest.mark.parametrize("text", [
    "A Turkish jet was shot down near Latakia on Tuesday.",
    "Government air defences downed a Turkish jet near Latakia on Tuesday.",
])
def test_the_owner_of_a_downed_jet_is_not_its_doer(text: str) -> None:
    # one aircraft noun is as good as another: the singular "jet" is a means like "helicopter"
    got = _claims(text)
    assert all("turkey" not in c[2] for c in got), got


def test_the_names_of_one_owner_in_a_row_own_the_downed_aircraft() -> None:
    # "Russian" and "Army" both name the helicopter's owner; neither downed it
    got = _claims("2 Dead as Russian Army Helicopter Shot Down Near Saraqeb.")
    assert got and all(c[2] == [] for c in got), got
