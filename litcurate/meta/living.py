"""The living review: how each pooled estimate moved in a run, for its run record and `status`.

Figures are pooled from the stored `effect_sizes` table (as extracted, before review: a run
cannot know decisions not yet made); `litcurate meta` gives the reviewed figures.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

Figures = dict[str, dict[str, Any]]


def pooled_figures(effects: pd.DataFrame) -> Figures:
    """Gives, per `measure · outcome · compound`, the pooled estimate, its CI, k and the
    comparisons' record ids (DerSimonian-Laird, as `litcurate meta` by default)."""
    if effects.empty:
        return {}
    from litcurate.meta.pool import pool_effects

    out: Figures = {}
    for measure in sorted(set(effects["measure"])):
        for g in pool_effects(effects, measure=measure):
            rows = effects[
                (effects["measure"] == measure)
                & (effects["outcome"] == g["outcome"])
                & (effects["compound"].fillna("") == (g["compound"] or ""))
            ]
            key = f"{measure} · {g['outcome']} · {g['compound'] or '?'}"
            out[key] = {
                "estimate": round(g["estimate"], 4),
                "ci_low": round(g["ci_low"], 4),
                "ci_high": round(g["ci_high"], 4),
                "k": g["k"],
                "pooled": g["pooled"],
                "ids": sorted(map(str, rows["record_id"])),
            }
    return out


def moves(before: Figures, after: Figures) -> list[dict[str, Any]]:
    """Gives each pooled figure that a run changed: before -> after, comparisons added and removed."""
    out = []
    for key in sorted(before.keys() | after.keys()):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        b_ids, a_ids = set(b["ids"]) if b else set(), set(a["ids"]) if a else set()
        out.append(
            {
                "figure": key,
                "before": {k: v for k, v in b.items() if k != "ids"} if b else None,
                "after": {k: v for k, v in a.items() if k != "ids"} if a else None,
                "added": sorted(a_ids - b_ids),
                "removed": sorted(b_ids - a_ids),
            }
        )
    return out
