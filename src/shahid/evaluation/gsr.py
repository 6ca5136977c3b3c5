"""Sentence-level event detection on the Arabic event GSR benchmark (openeventdata/arabic_event_gsr).

A sentence "yields a violent-event claim" when extraction finds a claim whose event is
one of VIOLENT_EVENTS (for ASSAULT), or a protest claim (for PROTEST).  PLOVER's ASSAULT also
holds abduction and hostage taking by non-state actors: a ``detention`` claim whose trigger's
lexicon entry is an abduction (``abduction: true`` in ``lang/*/triggers.yaml``) counts for ASSAULT
unless a state's forces (its own or a foreign state's) are named as its doers (an arrest stays a
detention).  Gold: label
``yes`` is positive, ``easy no`` and ``difficult no`` negative, ``ambiguous`` left out.
Only ids ending in an even digit are used for development; odd ones are held out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shahid.extract import extract
from shahid.lang.loader import load_language
from shahid.text.normalize import normalize
from shahid.types import Claim

VIOLENT_EVENTS = frozenset({"attack", "airstrike", "shelling", "bombing", "execution", "killing", "torture",
                            "sexual_violence"})
ABDUCTION_TASKS = frozenset({"ASSAULT"})  # the tasks an abduction counts for
STATE_KINDS = frozenset({"state", "foreign"})  # actor kinds (actors.yaml) of a state's forces, its own or another's
TASKS = {"ASSAULT": ("assault_gsr.csv", VIOLENT_EVENTS), "PROTEST": ("protest_gsr.csv", frozenset({"protest"}))}


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    text: str
    positive: bool
    label: str = ""  # the benchmark's own: yes | easy no | difficult no

    @property
    def published(self) -> str | None:
        """The article's date, from its id (``AAW_ARB_20071026.0026-2`` → 2007-10-26), as a user would pass it."""
        m = _ID_DATE.search(self.id)
        return f"{m[1]}-{m[2]}-{m[3]}" if m else None


_ID_DATE = re.compile(r"_((?:19|20)\d\d)(\d\d)(\d\d)\.")


@dataclass(frozen=True, slots=True)
class Score:
    task: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"{self.task}: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn} tn={self.tn})")


def rows(gsr_dir: Path, task: str, split: str = "dev") -> Iterator[Row]:
    """Labelled rows of one task; split 'dev' = ids ending in an even digit, 'held-out' = the odd ones
    (read only to report a final figure, never to tune or train)."""
    if split not in ("dev", "held-out"):
        raise ValueError(f"split must be 'dev' or 'held-out', got {split!r}")
    name, _ = TASKS[task]
    with open(gsr_dir / name, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["label"] not in ("yes", "easy no", "difficult no"):
                continue
            last = r["id"][-1]
            even = last.isdigit() and int(last) % 2 == 0
            if (split == "dev") != even:
                continue
            yield Row(r["id"], r["text"], r["label"] == "yes", r["label"])


def is_abduction(trigger: str, perpetrators: list[str], lang: str = "ar") -> bool:
    """A trigger whose lexicon entry is an abduction, with no state's forces (its own or a foreign state's)
    named as its doers."""
    language = load_language(lang)
    norm = normalize(trigger).text
    if not any(getattr(m.payload, "abduction", False) and m.start == 0 and m.end == len(norm)
               for m in language.triggers.find_all(norm)):
        return False
    return not any(getattr(language.actor_entries.get(a), "kind", None) in STATE_KINDS for a in perpetrators)


def counts_for(task: str, event: str, trigger: str | None, perpetrators: list[str], lang: str = "ar") -> bool:
    """Whether a claim (its event, trigger words and doers' ids) is of the task's kind."""
    _, events = TASKS[task]
    if event in events:
        return True
    return (event == "detention" and task in ABDUCTION_TASKS and trigger is not None
            and is_abduction(trigger, perpetrators, lang))


def claim_counts_for(task: str, c: Claim, lang: str = "ar") -> bool:
    return counts_for(task, c.event, c.trigger.text if c.trigger else None, [p.actor for p in c.perpetrators], lang)


def predicts(text: str, task: str, model: bool = True, published: str | None = None) -> bool:
    # a benchmark row is one sentence with no headline: give an empty title
    report = extract(text, published, title="", model=model)
    return any(claim_counts_for(task, c, report.doc.lang) for c in report.claims)


def evaluate(gsr_dir: Path, task: str, split: str = "dev", limit: int | None = None,
             model: bool = True) -> tuple[Score, list[Row], list[Row]]:
    """Score one task; also return the false positives and false negatives.  ``model=False``: the rules
    alone, without the learned eventivity judge."""
    tp = fp = fn = tn = 0
    fps: list[Row] = []
    fns: list[Row] = []
    for i, row in enumerate(rows(gsr_dir, task, split)):
        if limit is not None and i >= limit:
            break
        got = predicts(row.text, task, model, row.published)
        if got and row.positive:
            tp += 1
        elif got:
            fp += 1
            fps.append(row)
        elif row.positive:
            fn += 1
            fns.append(row)
        else:
            tn += 1
    return Score(task, tp, fp, fn, tn), fps, fns
