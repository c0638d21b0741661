"""Effect sizes: one row per comparison of a treatment cohort with its control, as SyRF makes them.

A comparison pairs the `outcome_data` row of a treatment (or positive-control) cohort with the row
of the model-control cohort of the same document, experiment, outcome and timepoint. It gives:

- SMD, Hedges' g from statsmodels' `effectsize_smd`, signed so that **positive = benefit**:
  g > 0 when the treatment moved the outcome the good way (lower when `greater_is_worse`).
  A comparison whose direction is unknown (`greater_is_worse` null) gets no SMD: its sign
  would be a guess, and pooled with signed rows it would cancel real effects.
- NMD where the experiment has a sham cohort, as Vesterinen et al. (2014, J Neurosci Methods
  221:92) and SyRF compute it: 100 % x (control - treatment) / (control - sham); the SDs as a
  percentage of the same control - sham difference; SE = sqrt(SDc*²/nc + SDt*²/nt). 0 % is
  no effect, 100 % a return to the sham value, whatever the outcome's direction.

SEM is turned into SD with the cohort's n (SD = SEM·√n) before anything else. A control cohort
shared by k treatment cohorts of the same outcome contributes n/k animals to each comparison
(Vesterinen 2014), so that pooled comparisons do not count its animals k times.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.meta_analysis import effectsize_smd

TREATMENT_ROLES = ("treatment", "positive_control")
# The cohort characteristics a comparison carries from its treatment cohort (subgroups, --by).
TRAITS = (
    "species",
    "strain",
    "sex",
    "age_or_weight",
    "model",
    "induction",
    "route",
    "frequency",
    "timing",
    "dose_value",
    "dose_unit",
    "dose_mg_per_kg",
    "duration_value",
    "duration_unit",
)
EFFECT_COLUMNS = [
    "record_id",
    "doc_id",
    "outcome",
    "compound",
    "treatment_cohort_id",
    "control_cohort_id",
    "sham_cohort_id",
    "measure",
    "value",
    "se",
    "n_treatment",
    "n_control",
    "greater_is_worse",
]
_KEY = ["doc_id", "experiment", "outcome", "timepoint"]
_Z95 = 1.959963984540054


def effect_sizes(cohorts: pd.DataFrame, outcome_data: pd.DataFrame) -> pd.DataFrame:
    """The `effect_sizes` table (DESIGN.md columns first, then what plots and subgroups need)."""
    return effect_sizes_and_skips(cohorts, outcome_data)[0]


def effect_sizes_and_skips(
    cohorts: pd.DataFrame, outcome_data: pd.DataFrame
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The effect sizes, and one dict per outcome row or comparison left out with its reason."""
    skipped: list[dict[str, Any]] = []
    rows = _usable_rows(_outcome_rows(cohorts, outcome_data), skipped)
    pairs = _pair_with_controls(rows, skipped)
    if pairs.empty:
        return pd.DataFrame(columns=EFFECT_COLUMNS), skipped
    pairs = _with_shams(pairs, rows)
    smd = _smd(pairs, skipped)
    nmd = _nmd(pairs)
    parts = [f for f in (smd, nmd) if not f.empty]
    if not parts:
        return pd.DataFrame(columns=EFFECT_COLUMNS), skipped
    table = pd.concat(parts, ignore_index=True)
    table["ci_low"] = table["value"] - _Z95 * table["se"]
    table["ci_high"] = table["value"] + _Z95 * table["se"]
    # .tolist(): iterating Arrow-backed string columns element by element is slow.
    key_cols = ["doc_id", "treatment_cohort_id", "control_cohort_id", "outcome", "timepoint", "measure"]
    table["record_id"] = [
        _comparison_id(*k) for k in zip(*(table[c].tolist() for c in key_cols), strict=True)
    ]
    extra = [c for c in table.columns if c not in EFFECT_COLUMNS]
    return table[EFFECT_COLUMNS + extra].reset_index(drop=True), skipped


def _comparison_id(
    doc_id: str, treatment: str, control: str, outcome: str, timepoint: str, measure: str
) -> str:
    # Stable: the comparison's natural key, never run time, so reviews and run diffs survive re-runs.
    blob = "\x1f".join(str(p) for p in (doc_id, treatment, control, outcome, timepoint, measure))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _outcome_rows(cohorts: pd.DataFrame, outcome_data: pd.DataFrame) -> pd.DataFrame:
    """Each outcome_data row joined with its cohort's role, experiment, compound, n and traits."""
    cohort_cols = ["record_id", "experiment", "label", "role", "compound", "n", "n_min", *TRAITS]
    coh = cohorts.reindex(columns=cohort_cols).rename(
        columns={"record_id": "cohort_record_id", "n": "cohort_n"}
    )
    od = outcome_data.reindex(
        columns=[
            "record_id",
            "doc_id",
            "cohort_record_id",
            "outcome",
            "unit",
            "timepoint",
            "mean",
            "error",
            "error_type",
            "n",
            "greater_is_worse",
            "source",
            "table_id",
        ]
    )
    rows = od.merge(coh, on="cohort_record_id", how="left")
    # A null experiment or timepoint is one shared value: "the paper's only experiment".
    rows["experiment"] = rows["experiment"].fillna("").astype(str)
    rows["timepoint"] = rows["timepoint"].fillna("").astype(str)
    return rows


def _usable_rows(rows: pd.DataFrame, skipped: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows with a mean, an SD (SEM converted with n) and an n; the others go to `skipped`."""
    mean = pd.to_numeric(rows["mean"], errors="coerce")
    error = pd.to_numeric(rows["error"], errors="coerce")
    # The outcome's own n first (animals can drop out), then the cohort's, then its lower bound
    # ("6-10 animals": the smallest n gives the widest, most cautious SE).
    n = pd.to_numeric(rows["n"], errors="coerce")
    n = n.fillna(pd.to_numeric(rows["cohort_n"], errors="coerce")).fillna(
        pd.to_numeric(rows["n_min"], errors="coerce")
    )
    etype = rows["error_type"].fillna("unknown").astype(str).str.upper()
    reason = pd.Series(None, index=rows.index, dtype=object)
    checks = [
        (rows["role"].isna(), "cohort not found"),
        (mean.isna(), "no mean (figure-only or not reported)"),
        (error.isna(), "no error value"),
        (~etype.isin(["SD", "SEM"]), "error type is not SD or SEM: " + etype),
        (n.isna() | (n < 2), "no n (or n < 2)"),
        (error <= 0, "error is not positive"),
    ]
    for failed, why in checks:
        reason = reason.where(reason.notna() | ~failed, why)
    relevant = rows["role"].isin([*TREATMENT_ROLES, "model_control", "sham"])
    bad = reason.notna() & (relevant | rows["role"].isna())
    for (_, r), why in zip(rows[bad].iterrows(), reason[bad], strict=True):
        skipped.append(_skip(r, why))
    good = rows[~reason.notna()].copy()
    good["mean"] = mean[good.index]
    good["n_used"] = n[good.index]
    good["sd"] = np.where(
        etype[good.index] == "SEM", error[good.index] * np.sqrt(n[good.index]), error[good.index]
    )
    # Two rows for one cohort, outcome and timepoint are ambiguous; the first stands and the
    # others are reported rather than silently averaged.
    dup = good.duplicated(subset=[*_KEY, "cohort_record_id"], keep="first")
    for _, r in good[dup].iterrows():
        skipped.append(_skip(r, "a second row for the same cohort, outcome and timepoint"))
    return good[~dup]


def _skip(row: pd.Series, reason: str) -> dict[str, Any]:
    return {
        "outcome_record_id": row.get("record_id"),
        "cohort_record_id": row.get("cohort_record_id"),
        "doc_id": row.get("doc_id"),
        "outcome": row.get("outcome"),
        "reason": reason,
    }


def _pair_with_controls(rows: pd.DataFrame, skipped: list[dict[str, Any]]) -> pd.DataFrame:
    """Treatment rows joined with the one model-control row of their experiment and outcome."""
    treat = rows[rows["role"].isin(TREATMENT_ROLES)]
    ctrl = rows[rows["role"] == "model_control"]
    n_ctrl = ctrl.groupby(_KEY).size().rename("n_controls").reset_index()
    treat = treat.merge(n_ctrl, on=_KEY, how="left")
    treat["n_controls"] = treat["n_controls"].fillna(0)
    for _, r in treat[treat["n_controls"] != 1].iterrows():
        why = (
            "no model-control cohort with this outcome in the experiment"
            if r["n_controls"] == 0
            else (f"{int(r['n_controls'])} model-control cohorts in the experiment: the pairing is ambiguous")
        )
        skipped.append(_skip(r, why))
    treat = treat[treat["n_controls"] == 1].drop(columns="n_controls")
    c = ctrl[[*_KEY, "cohort_record_id", "record_id", "label", "mean", "sd", "n_used", "greater_is_worse"]]
    pairs = treat.merge(c, on=_KEY, suffixes=("", "_c"))
    # k treatment cohorts share this control in this outcome: each comparison gets n/k of it.
    pairs["k_shared"] = pairs.groupby([*_KEY, "cohort_record_id_c"])["cohort_record_id"].transform("size")
    pairs["n_control"] = pairs["n_used_c"] / pairs["k_shared"]
    pairs["greater_is_worse"] = pairs["greater_is_worse"].where(
        pairs["greater_is_worse"].notna(), pairs["greater_is_worse_c"]
    )
    return pairs


def _with_shams(pairs: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Pairs with the experiment's sham row (mean, sd) where there is exactly one."""
    sham = rows[rows["role"] == "sham"]
    one = sham[sham.groupby(_KEY)["cohort_record_id"].transform("size") == 1] if not sham.empty else sham
    s = one[[*_KEY, "cohort_record_id", "label", "mean", "sd", "n_used"]].rename(
        columns={
            "cohort_record_id": "sham_cohort_id",
            "label": "sham_label",
            "mean": "mean_s",
            "sd": "sd_s",
            "n_used": "n_sham",
        }
    )
    return pairs.merge(s, on=_KEY, how="left")


def _frame(pairs: pd.DataFrame, measure: str, value: Any, se: Any) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "doc_id": pairs["doc_id"],
            "outcome": pairs["outcome"],
            "compound": pairs["compound"],
            "treatment_cohort_id": pairs["cohort_record_id"],
            "control_cohort_id": pairs["cohort_record_id_c"],
            "sham_cohort_id": pairs["sham_cohort_id"],
            "measure": measure,
            "value": np.asarray(value, dtype=float),
            "se": np.asarray(se, dtype=float),
            "n_treatment": pairs["n_used"],
            "n_control": pairs["n_control"],
            "greater_is_worse": pairs["greater_is_worse"],
            "experiment": pairs["experiment"].replace("", None),
            "timepoint": pairs["timepoint"],
            "unit": pairs["unit"],
            "treatment_label": pairs["label"],
            "control_label": pairs["label_c"],
            "sham_label": pairs["sham_label"],
            "k_shared": pairs["k_shared"],
            "treatment_outcome_id": pairs["record_id"],
            "control_outcome_id": pairs["record_id_c"],
            "source": pairs["source"],
            "table_id": pairs["table_id"],
        }
    )
    for trait in TRAITS:
        out[trait] = pairs[trait]
    # An SD under 1 % of the mean is rarely biology: usually an SEM of a mean of means, or a typo.
    # The comparison stays (the reviewer decides) but says so; such SDs give g in the hundreds.
    cv = np.minimum(
        (pairs["sd"] / pairs["mean"].abs()).to_numpy(float),
        (pairs["sd_c"] / pairs["mean_c"].abs()).to_numpy(float),
    )
    flag = "SD below 1 % of the mean: check the error values and their type"
    out["warning"] = [flag if v < 0.01 else None for v in cv]
    out["dose"] = _joined(pairs["dose_value"], pairs["dose_unit"])
    out["duration"] = _joined(pairs["duration_value"], pairs["duration_unit"])
    return out.reset_index(drop=True)


def _joined(value: pd.Series, unit: pd.Series) -> pd.Series:
    text = value.map(lambda v: None if pd.isna(v) else f"{v:g}" if isinstance(v, float) else str(v))
    return pd.Series(
        [
            None if v is None else f"{v} {u}".strip() if pd.notna(u) else v
            for v, u in zip(text, unit, strict=True)
        ],
        index=value.index,
        dtype=object,
    )


def _smd(pairs: pd.DataFrame, skipped: list[dict[str, Any]]) -> pd.DataFrame:
    """Hedges' g (statsmodels), positive when the treatment helped."""
    gw = pairs["greater_is_worse"]
    for _, r in pairs[gw.isna()].iterrows():
        skipped.append(
            _skip(r, "SMD not computed: greater_is_worse unknown, so the sign of benefit is unknown")
        )
    p = pairs[gw.notna()]
    if p.empty:
        return pd.DataFrame()
    worse = p["greater_is_worse"].astype(bool).to_numpy()
    mt, sdt, nt = p["mean"].to_numpy(float), p["sd"].to_numpy(float), p["n_used"].to_numpy(float)
    mc, sdc, nc = p["mean_c"].to_numpy(float), p["sd_c"].to_numpy(float), p["n_control"].to_numpy(float)
    # effectsize_smd gives g of (mean1 - mean2); "first" is the side that is better when larger.
    g, var = effectsize_smd(
        np.where(worse, mc, mt),
        np.where(worse, sdc, sdt),
        np.where(worse, nc, nt),
        np.where(worse, mt, mc),
        np.where(worse, sdt, sdc),
        np.where(worse, nt, nc),
    )
    return _frame(p, "SMD", g, np.sqrt(var))


def _nmd(pairs: pd.DataFrame) -> pd.DataFrame:
    """Normalised mean difference to sham (Vesterinen 2014), where a sham cohort exists."""
    p = pairs[pairs["mean_s"].notna() & (pairs["mean_c"] != pairs["mean_s"])]
    if p.empty:
        return pd.DataFrame()
    span = (p["mean_c"] - p["mean_s"]).to_numpy(float)
    value = 100.0 * (p["mean_c"].to_numpy(float) - p["mean"].to_numpy(float)) / span
    sd_c = 100.0 * p["sd_c"].to_numpy(float) / np.abs(span)
    sd_t = 100.0 * p["sd"].to_numpy(float) / np.abs(span)
    se = np.sqrt(sd_c**2 / p["n_control"].to_numpy(float) + sd_t**2 / p["n_used"].to_numpy(float))
    return _frame(p, "NMD", value, se)


# What the `effect_sizes` table stores of a comparison: its schema's columns and the labels a
# reader needs to recognise it (the rest is recomputed by `litcurate meta`).
STORED_COLUMNS = [
    *EFFECT_COLUMNS,
    "timepoint",
    "warning",
    "experiment",
    "unit",
    "treatment_label",
    "control_label",
]


def effect_size_records(
    cohorts: list[dict[str, Any]], outcome_data: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Gives the `effect_sizes` rows of one document's extracted cohorts and outcome values."""
    if not cohorts or not outcome_data:
        return []
    table = effect_sizes(pd.DataFrame(cohorts), pd.DataFrame(outcome_data))
    if table.empty:
        return []
    return (
        table.reindex(columns=STORED_COLUMNS)
        .astype(object)
        .where(table.reindex(columns=STORED_COLUMNS).notna(), None)
        .to_dict("records")
    )
