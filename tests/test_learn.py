"""The learned eventivity judge (shahid.learn, docs/judge.md): it only drops proposed claims.

Hand-written sentences below; the shared dev reports and benchmark are read at run time
(skipped when ../shared is absent), never copied here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shahid.cli import main as cli_main
from shahid.evaluation.split import is_kept_aside
from shahid.extract import extract
from shahid.learn import Judge, judge, load_judge
from shahid.learn.features import DocView, Featurizer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _claims(text: str, **kw: object) -> list[dict[str, object]]:
    return extract(text, "2013-02-11", title="", **kw).to_dict()["claims"]  # type: ignore[arg-type]


def _without_ids(claims: list[dict[str, object]]) -> list[str]:
    return [json.dumps({k: v for k, v in c.items() if k != "id"}, ensure_ascii=False, sort_keys=True)
            for c in claims]


def _subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


# (sentence, event, is it in the output?)  A sentence that reports no specific event yields no
# claim of that event, whether the rules already hold it back or the judge drops it; a plain report
# is proposed by the rules and kept by the judge.
CASES = [
    # figurative, threats, plans: the rules propose an attack, the judge drops it
    ("شنت اللجنة هجوما على الحكومة", "attack", False),
    ("وتوعدت المجموعة بشن مزيد من الهجمات على القوات الحكومية.", "attack", False),
    # a past event recalled with its earlier date
    ("وكانت إسرائيل اغتالته في 17 ابريل 2004.", "killing", False),
    # plain reports of specific events are kept
    ("قتل 5 مدنيين في قصف على حلب", "shelling", True),
    ("وشن الطيران الحربي غارة على بلدة كفرنبل في ريف إدلب ما أدى إلى مقتل ثلاثة أطفال.", "airstrike", True),
    ("انفجرت عبوة ناسفة في سوق ببغداد أمس ما أسفر عن مقتل 7 أشخاص.", "bombing", True),
    ("واعتقلت قوات الأمن 12 شخصا في حمص يوم الأربعاء.", "detention", True),
]


@pytest.mark.parametrize(("sentence", "event", "kept"), CASES)
def test_judge_table(sentence: str, event: str, kept: bool) -> None:
    rules = [c["event"] for c in _claims(sentence, model=False)]
    judged = [c["event"] for c in _claims(sentence)]
    assert (event in judged) is kept, (rules, judged)
    if kept:
        assert event in rules


def test_artefact_loads_once() -> None:
    j = load_judge()
    assert j is not None, "no shipped artefact: run python -m shahid.learn train"
    assert j is load_judge()  # cached
    assert 0.0 < j.threshold < 1.0
    assert len(j.weights) > 100
    # readable features: the trigger's event code and words carry weights
    assert any(k.startswith("ev:") for k in j.weights) and any(k.startswith("w-:") for k in j.weights)


def test_artefact_is_small_portable_json() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "shahid" / "learn" / "data" / "eventivity.json"
    assert path.stat().st_size < 2_000_000
    o = json.loads(path.read_text(encoding="utf-8"))
    assert set(o) >= {"weights", "intercept", "threshold"}
    assert Judge.from_dict(o).threshold == load_judge().threshold  # type: ignore[union-attr]


def test_deterministic() -> None:
    text = "قتل 5 مدنيين في قصف على حلب. وشنت اللجنة هجوما على الحكومة."
    assert _without_ids(_claims(text)) == _without_ids(_claims(text))
    j = load_judge()
    assert j is not None
    f = ["ev:shelling", "trig:قصف", "has:count"]
    assert j.probability(f) == j.probability(list(reversed(f)))


def test_probability_does_not_depend_on_the_order_of_the_sum() -> None:
    # the features are summed from a set, whose order follows the process's hash seed: a plain sum of
    # these weights gives 0 or 1 by that order; the judge's sum is exact, so always 1
    import math

    j = Judge({"a": 1e16, "b": 1.0, "c": -1e16}, 0.0, 0.5)
    for f in (["a", "b", "c"], ["c", "a", "b"], ["b", "c", "a"]):
        assert j.probability(f) == 1.0 / (1.0 + math.exp(-1.0))


# a report made of the table's sentences (figurative, threats, memories and plain events)
REPORT = "\n".join(c[0] for c in CASES) + "\n"


def test_model_false_shows_the_rules_alone() -> None:
    rules = _claims(REPORT, model=False)
    judged = _claims(REPORT)
    assert rules and _subsequence(_without_ids(judged), _without_ids(rules))
    # a judge that reads detentions as no event drops exactly those, and changes nothing else
    no_detention = Judge({"ev:detention": -20.0}, intercept=5.0, threshold=0.5)
    got = _claims(REPORT, model=lambda drafts, doc: judge(drafts, doc, no_detention))
    assert any(c["event"] == "detention" for c in rules)
    assert _without_ids(got) == _without_ids([c for c in rules if c["event"] != "detention"])


def test_a_callable_judge_sees_every_proposal() -> None:
    seen: list[list[str]] = []

    def keep_none(drafts: list, doc: DocView) -> list:  # type: ignore[type-arg]
        seen.extend(Featurizer(doc, drafts).all())
        return []

    text = "قتل 5 مدنيين في قصف على حلب."
    assert _claims(text, model=keep_none) == []
    assert len(seen) == len(_claims(text, model=False))
    assert "ev:shelling" in seen[0] and "trig:قصف" in seen[0]
    assert any(x.startswith("w-:") for x in seen[0])


def test_an_event_family_is_judged_at_its_own_threshold() -> None:
    # p = 0.5 for every proposal: kept at threshold 0.5, dropped at 0.6; a protest under its own 0.4 stays
    text = "تظاهر مئات الطلاب أمس في وسط المدينة. قتل 5 مدنيين في قصف على حلب."
    rules = _claims(text, model=False)
    assert {c["event"] for c in rules} >= {"protest", "shelling"}
    strict = Judge({}, intercept=0.0, threshold=0.6, family={"protest": 0.4})
    got = _claims(text, model=lambda drafts, doc: judge(drafts, doc, strict))
    assert got and {c["event"] for c in got} == {"protest"}
    o = json.loads(json.dumps({"weights": {}, "intercept": 0.0, "threshold": 0.6,
                               "family_thresholds": {"protest": 0.4}}))
    assert Judge.from_dict(o) == strict
    assert Judge.from_dict({"weights": {}, "intercept": 0.0, "threshold": 0.6}).family == {}


def test_a_judge_that_keeps_all_changes_nothing() -> None:
    always = Judge({}, intercept=10.0, threshold=0.5)
    text = "شنت اللجنة هجوما على الحكومة. قتل 5 مدنيين في قصف على حلب."
    got = _claims(text, model=lambda drafts, doc: judge(drafts, doc, always))
    assert _without_ids(got) == _without_ids(_claims(text, model=False))


def test_cli_no_model(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text(REPORT, encoding="utf-8")
    for flags, model in (([], True), (["--no-model"], False)):
        assert cli_main(["extract", str(f), "--published", "2013-02-11", *flags]) == 0
        got = json.loads(capsys.readouterr().out)["claims"]
        assert got == extract(REPORT, "2013-02-11", model=model).to_dict()["claims"]


def test_fit_is_deterministic_and_readable() -> None:
    pytest.importorskip("sklearn")
    from shahid.learn.train import Example, fit

    ex = []
    for i in range(12):
        ex.append(Example(["ev:attack", "w-:سوف", f"w+:x{i % 3}"], 0, f"g{i}", "dev", "attack", f"u{i}"))
        ex.append(Example(["ev:attack", "has:count", f"w+:x{i % 3}"], 1, f"h{i}", "dev", "attack", f"v{i}"))
    a, b = fit(ex, 1.0), fit(ex, 1.0)
    assert a == b
    assert a["weights"]["w-:سوف"] < 0 < a["weights"]["has:count"]


@pytest.fixture(scope="module")
def shared() -> Path:
    if not (SHARED / "eval" / "dev").exists():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.mark.shared
def test_dev_reports_judged_claims_are_rules_claims(shared: Path) -> None:
    """On every dev report the judge only drops claims: never a new claim or a changed span."""
    dropped = 0
    for gold in sorted((shared / "eval" / "dev").glob("*.gold.json")):
        meta = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        text = (shared / "eval" / "dev" / meta["file"]).read_text(encoding="utf-8")
        rules = extract(text, meta.get("published"), model=False).to_dict()["claims"]
        judged = extract(text, meta.get("published")).to_dict()["claims"]
        assert _subsequence(_without_ids(judged), _without_ids(rules)), gold.name
        dropped += len(rules) - len(judged)
    assert dropped > 0


@pytest.mark.shared
def test_training_reads_only_tuned_reports_and_even_ids(shared: Path) -> None:
    pytest.importorskip("sklearn")
    from shahid.learn.train import build

    _, units = build(shared)
    dev = [u.name for u in units if u.origin == "dev"]
    gsr = [u.name for u in units if u.origin != "dev"]
    assert dev and not any(is_kept_aside(n) for n in dev)
    assert gsr and all(int(n[-1]) % 2 == 0 for n in gsr)
