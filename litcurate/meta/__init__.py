"""Meta-analysis of the reviewed `cohorts` and `outcome_data`: effect sizes, pooling, plots, SyRF sheet.

`run_meta` is the one entry point the CLI and the report call: comparisons -> effect sizes
(`effects`) -> random-effects pools (`pool`), in the `litcurate meta --json` shape.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from litcurate.meta.effects import effect_sizes, effect_sizes_and_skips
from litcurate.meta.errors import MetaError
from litcurate.meta.pool import egger, pool, pool_effects
from litcurate.meta.syrf import syrf_sheet

__all__ = ["MetaError", "effect_sizes", "effect_sizes_and_skips", "egger", "pool", "pool_effects", "run_meta",
           "syrf_sheet"]  # fmt: skip


def run_meta(cohorts: pd.DataFrame, outcome_data: pd.DataFrame, *, outcome: str | None = None,
             compound: str | None = None, measure: str = "smd", method: str = "dl",
             by: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """One dict per pooled group (outcome, compound[, subgroup]); see `pool_effects` for the keys.

    `cohorts` and `outcome_data` should be the reviewed view (rejected rows out, edits in).
    """
    return pool_effects(effect_sizes(_kept(cohorts), _kept(outcome_data)), measure=measure, method=method, by=by,
                        outcome=outcome, compound=compound)  # fmt: skip


def _kept(frame: pd.DataFrame) -> pd.DataFrame:
    # The reviewed view keeps rejected rows with their status; a meta-analysis leaves them out.
    if "review_status" in frame.columns:
        return frame[frame["review_status"] != "rejected"]
    return frame
