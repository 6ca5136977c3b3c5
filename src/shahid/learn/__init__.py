"""A small learned judge of eventivity behind the rules (docs/judge.md).

The rules (``shahid.assemble``) propose every claim and every span; the judge only
decides, for each proposed claim, whether it reports a specific event (keep) or
not (drop: a figurative use, a threat or plan, a generic statement, a memory).
It is a logistic regression over readable features (``shahid.learn.features``),
trained by ``python -m shahid.learn train`` and shipped as a JSON table of
coefficients (``data/eventivity.json``), loaded once.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from shahid.assemble import DraftClaim
from shahid.learn.features import DocView, Featurizer

ARTEFACT = "eventivity.json"


@dataclass(frozen=True, slots=True)
class Judge:
    weights: dict[str, float]
    intercept: float
    threshold: float  # keep a claim when its probability of being an event is at least this
    lang: str = "ar"  # the language of the text it was trained on: other languages pass unjudged
    # an event family with a threshold of its own (docs/judge.md): event code -> threshold
    family: dict[str, float] = field(default_factory=dict)

    def probability(self, features: list[str]) -> float:
        # each distinct feature counts once; unknown ones weigh nothing (map gives None, filter drops it).
        # fsum is exact, so the set's order (the process's hash seed) cannot move a claim on the threshold
        z = math.fsum((self.intercept, *filter(None, map(self.weights.get, set(features)))))
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, features: list[str], event: str | None = None) -> bool:
        t = self.threshold if event is None else self.family.get(event, self.threshold)
        return self.probability(features) >= t

    @classmethod
    def from_dict(cls, o: dict[str, object]) -> Judge:
        weights = o["weights"]
        assert isinstance(weights, dict)
        family = o.get("family_thresholds") or {}
        assert isinstance(family, dict)
        return cls({str(k): float(v) for k, v in weights.items()}, float(o["intercept"]),  # type: ignore[arg-type]
                   float(o["threshold"]), str(o.get("lang", "ar")),  # type: ignore[arg-type]
                   {str(k): float(v) for k, v in family.items()})


@cache
def load_judge() -> Judge | None:
    """The shipped judge, loaded once; None when no artefact has been trained."""
    path = resources.files("shahid.learn").joinpath("data", ARTEFACT)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Judge.from_dict(json.loads(raw))


def judge(drafts: list[DraftClaim], doc: DocView, model: Judge | None = None,
          lang: str | None = None) -> list[DraftClaim]:
    """The proposed claims the judge keeps, in their order (spans untouched).  A text in another
    language than the judge's is returned unjudged."""
    model = model if model is not None else load_judge()
    if model is None or not drafts or (lang is not None and lang != model.lang):
        return drafts
    feats = Featurizer(doc, drafts).all()
    return [d for d, f in zip(drafts, feats, strict=True) if model.keep(f, d.event)]
