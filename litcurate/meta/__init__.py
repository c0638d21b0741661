"""Meta-analysis of the reviewed `cohorts` and `outcome_data`: effect sizes, pooling, plots, SyRF sheet.

`run_meta` is the one entry point the CLI and the report call: comparisons -> effect sizes
(`effects`) -> random-effects pools (`pool`), in the `litcurate meta --json` shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litcurate.core.lazy import lazy_members
from litcurate.meta.errors import MetaError

if TYPE_CHECKING:
    import pandas as pd

# statsmodels and pandas load on first use, not with the CLI (~2 s).
# (`pool` is a module of this package: its function is `litcurate.meta.pool.pool`.)
__getattr__ = lazy_members(
    __name__,
    {
        "effect_sizes": "litcurate.meta.effects",
        "effect_sizes_and_skips": "litcurate.meta.effects",
        "egger": "litcurate.meta.pool",
        "pool_effects": "litcurate.meta.pool",
        "syrf_sheet": "litcurate.meta.syrf",
    },
)


__all__ = [
    "MetaError",
    "effect_sizes",
    "effect_sizes_and_skips",
    "egger",
    "pool_effects",
    "report_sections",
    "run_meta",
    "syrf_sheet",
]


def run_meta(
    cohorts: pd.DataFrame,
    outcome_data: pd.DataFrame,
    *,
    outcome: str | None = None,
    compound: str | None = None,
    measure: str = "smd",
    method: str = "dl",
    by: str | None = None,
) -> list[dict[str, Any]]:
    """One dict per pooled group (outcome, compound[, subgroup]); see `pool_effects` for the keys.

    `cohorts` and `outcome_data` should be the reviewed view (rejected rows out, edits in).
    """
    from litcurate.meta.effects import effect_sizes
    from litcurate.meta.pool import pool_effects

    return pool_effects(
        effect_sizes(_kept(cohorts), _kept(outcome_data)),
        measure=measure,
        method=method,
        by=by,
        outcome=outcome,
        compound=compound,
    )


def report_sections(
    cohorts: pd.DataFrame,
    outcome_data: pd.DataFrame,
    *,
    measure: str = "smd",
    method: str = "dl",
    papers: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """One dict per (outcome, compound) with at least two comparisons, for the report.

    Keys: `group` (the `run_meta` dict, Egger's test in it from ten comparisons), `forest` and
    `funnel` (SVG strings), `comparisons` (the group's effect-size rows as records: their
    `record_id` is the forest row's `es-<record_id>` SVG id, and the row links to
    `#cohort-<treatment_cohort_id>`, which the report should give the cohort's row as its id).
    """
    from litcurate.meta.effects import effect_sizes
    from litcurate.meta.plots import forest, funnel  # matplotlib only when plots are asked for
    from litcurate.meta.pool import pool_effects

    es = effect_sizes(_kept(cohorts), _kept(outcome_data))
    if papers and not es.empty:  # forest rows named by paper, not by id
        es["paper"] = es["doc_id"].map(lambda d: papers.get(str(d), str(d)))
    sections = []
    for group in pool_effects(es, measure=measure, method=method):
        if not group["pooled"]:
            continue
        rows = es[
            (es["measure"] == group["measure"])
            & (es["outcome"] == group["outcome"])
            & (es["compound"].fillna("") == (group["compound"] or ""))
        ]
        title = f"{group['outcome']} · {group['compound'] or '?'}"
        sections.append(
            {
                "group": group,
                "forest": forest(rows, method=method, title=title),
                "funnel": funnel(rows, method=method, title=title),
                "comparisons": rows.to_dict("records"),
            }
        )
    return sections


def _kept(frame: pd.DataFrame) -> pd.DataFrame:
    # The reviewed view keeps rejected rows with their status; a meta-analysis leaves them out.
    if "review_status" in frame.columns:
        return frame[frame["review_status"] != "rejected"]
    return frame
