"""How a paper's predicted rows are paired with its primary gold (used by `primary_eval.py`).

- labels: case and spaces evened out; one label may extend the other (`Group 1` ~
  `Group 1 (control)`);
- cohorts: by label first (a cohort of a labelled experiment also as `experiment: label`, the
  gold's form), else by compound + dose in the same experiment; one to one;
- risk-of-bias quotes: one holds the other, or they share 80 % of the quote's words;
- outcomes: Dice overlap of words; units with spaces, `^`, `μ`/`µ` and `sec`/`s` evened out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd


def norm(label: Any) -> str:
    return re.sub(r"[\s_]+", "", str(label or "").upper()).replace("＋", "+")


def labels_match(a: Any, b: Any) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and long[len(short)] in "(:-,"


def drug_match(gold_drug: Any, pred: Any) -> bool:
    if not gold_drug or not pred or pred is None or (isinstance(pred, float) and pd.isna(pred)):
        return False
    g, p = str(gold_drug).lower(), str(pred).lower()
    first = re.split(r"[\s(,]+", g)[0]
    return bool(first) and (first in p or p.split()[0] in g)


def num_eq(a: Any, b: Any) -> bool:
    try:
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    if frame is None or len(frame) == 0:
        return []
    return [
        {k: (None if (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    ]


def match_cohorts(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[int, int]:
    """Gives gold index -> predicted index, one to one: by label first, then compound + dose."""
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def names(p: dict[str, Any]) -> list[Any]:
        # A cohort of a labelled experiment is also `experiment: label` (the gold's form).
        return [p["label"]] + ([f"{p['experiment']}: {p['label']}"] if p.get("experiment") else [])

    def same_experiment(g: dict[str, Any], p: dict[str, Any]) -> bool:
        prefix = g["label"].split(":", 1)[0].lower() if ":" in g["label"] else None
        return prefix is None or not p.get("experiment") or prefix == str(p["experiment"]).lower()

    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and any(labels_match(g["label"], name) for name in names(p)):
                pairs[gi] = pi
                used.add(pi)
                break
    for gi, g in enumerate(gold):
        if gi in pairs or g.get("dose_value") is None:
            continue
        for pi, p in enumerate(pred):
            if (
                pi not in used
                and drug_match(g.get("drug"), p.get("compound"))
                and num_eq(g["dose_value"], p.get("dose_value"))
                and same_experiment(g, p)
            ):
                pairs[gi] = pi
                used.add(pi)
                break
    return pairs


def quote_match(quote: str | None, sentence: str | None) -> bool:
    if not quote or not sentence:
        return False
    q, s = (re.sub(r"\W+", " ", t).lower().strip() for t in (quote, sentence))
    if q in s or s in q:
        return True
    qw, sw = set(q.split()), set(s.split())
    return len(qw & sw) >= 0.8 * len(qw)


def _tokens(text: Any) -> set[str]:
    return {
        t
        for t in re.findall(r"[a-z0-9]+", str(text or "").lower().replace("µ", "u").replace("μ", "u"))
        if t not in {"of", "the", "and", "in", "a", "to"}
    }


def outcome_dice(gold_outcome: Any, pred_outcome: Any, pred_timepoint: Any = None) -> float:
    """Gives the Dice overlap of the gold outcome's words (the gold puts the time in the name)
    with the predicted outcome's and timepoint's words."""
    g, p = _tokens(gold_outcome), _tokens(pred_outcome) | _tokens(pred_timepoint)
    return 2 * len(g & p) / (len(g) + len(p)) if g and p else 0.0


def unit_norm(unit: Any) -> str:
    return re.sub(r"[\s^]+", "", str(unit or "")).lower().replace("μ", "µ").replace("sec", "s")


def mode(values: Iterable[Any]) -> Any:
    c = Counter(v for v in values if v is not None)
    return c.most_common(1)[0][0] if c else None
