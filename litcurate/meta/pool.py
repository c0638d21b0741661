"""Random-effects pooling of effect sizes per outcome and compound (and subgroup), and Egger's test.

DerSimonian-Laird ("dl") and Paule-Mandel ("pm") come from statsmodels' `combine_effects`;
REML ("reml") from PyMARE's `VarianceBasedLikelihoodEstimator` (statsmodels has no REML for
meta-analysis). Q, its p and I² are the same fixed-effect heterogeneity statistics whatever the
τ² estimator (I² = (Q - df) / Q, Higgins & Thompson 2002, floored at 0). The 95 % CI of the
estimate is Wald (normal), as metafor's default; the 95 % prediction interval uses t with k - 2
degrees of freedom (Higgins, Thompson & Spiegelhalter 2009; the Cochrane Handbook), so it needs
k >= 3. A group with one comparison is returned with `pooled: false`: its value is that one
comparison, not a pooled estimate.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.tools.tools import add_constant

from litcurate.meta.errors import MetaError

METHODS = ("dl", "pm", "reml")
EGGER_MIN_K = 10  # below ten comparisons the test has too little power to mean anything (Cochrane 10.4.3.1)
_Z95 = float(stats.norm.isf(0.025))


@dataclass
class Pooled:
    """One random-effects fit: the estimate, its spread, and each comparison's relative weight."""

    estimate: float
    se: float
    tau2: float
    q: float
    k: int
    weights: np.ndarray = field(repr=False)

    @property
    def ci(self) -> tuple[float, float]:
        return float(self.estimate - _Z95 * self.se), float(self.estimate + _Z95 * self.se)

    @property
    def pi(self) -> tuple[float | None, float | None]:
        if self.k < 3:
            return None, None
        half = float(stats.t.isf(0.025, self.k - 2)) * math.sqrt(self.tau2 + self.se**2)
        return self.estimate - half, self.estimate + half

    @property
    def p_q(self) -> float:
        return float(stats.chi2.sf(self.q, self.k - 1))

    @property
    def i2(self) -> float:
        return max(0.0, (self.q - (self.k - 1)) / self.q) if self.q > 0 else 0.0

    @property
    def p_effect(self) -> float:
        return float(2 * stats.norm.sf(abs(self.estimate / self.se)))


def pool(value: np.ndarray, se: np.ndarray, *, method: str = "dl") -> Pooled:
    """The random-effects fit of effects `value` with standard errors `se` (k >= 2)."""
    method = _method(method)
    value, var = np.asarray(value, dtype=float), np.asarray(se, dtype=float) ** 2
    if len(value) < 2:
        raise MetaError("pooling needs at least two comparisons")
    with warnings.catch_warnings():
        # A negative DL τ² (handled below) makes statsmodels take square roots of negatives.
        warnings.simplefilter("ignore", RuntimeWarning)
        res = combine_effects(value, var, method_re="dl" if method == "dl" else "pm")
    q = float(res.q)
    if method == "reml":
        return _reml(value, var, q)
    if res.tau2 < 0:
        # statsmodels' DL does not truncate τ² at zero (Q < df gives a negative τ²); the standard
        # estimator does, and then the random-effects fit is the fixed-effect one it also computed.
        return Pooled(
            float(res.mean_effect_fe),
            float(res.sd_eff_w_fe),
            0.0,
            q,
            len(value),
            np.asarray(res.weights_rel_fe),
        )
    return Pooled(
        float(res.mean_effect_re),
        float(res.sd_eff_w_re),
        float(res.tau2),
        q,
        len(value),
        np.asarray(res.weights_rel_re),
    )


def _reml(value: np.ndarray, var: np.ndarray, q: float) -> Pooled:
    from pymare.estimators import VarianceBasedLikelihoodEstimator  # heavy import (sympy): only for REML

    # "wald": no Knapp-Hartung widening, so REML is comparable with DL and PM here (and metafor's default).
    est = VarianceBasedLikelihoodEstimator(method="REML", small_sample_correction="wald")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        est.fit(value[:, None], var[:, None], np.ones((len(value), 1)))
    tau2 = float(est.params_["tau2"].ravel()[0])
    w = 1 / (var + tau2)
    return Pooled(
        float(est.params_["fe_params"].ravel()[0]),
        float(math.sqrt(est.params_["inv_cov"].ravel()[0])),
        tau2,
        q,
        len(value),
        w / w.sum(),
    )


def _method(method: str) -> str:
    m = method.lower()
    if m not in METHODS:
        raise MetaError(f"unknown pooling method {method!r}: use one of {', '.join(METHODS)}")
    return m


def egger(value: np.ndarray, se: np.ndarray) -> dict[str, float] | None:
    """Egger's regression test (standardized effect on precision): intercept, its SE and p; None below 10."""
    value, se = np.asarray(value, dtype=float), np.asarray(se, dtype=float)
    if len(value) < EGGER_MIN_K:
        return None
    fit = OLS(value / se, add_constant(1 / se, has_constant="add")).fit()
    return {
        "k": len(value),
        "intercept": float(fit.params[0]),
        "se": float(fit.bse[0]),
        "p": float(fit.pvalues[0]),
    }


def pool_effects(
    effects: pd.DataFrame,
    *,
    measure: str = "SMD",
    method: str = "dl",
    by: str | None = None,
    outcome: str | None = None,
    compound: str | None = None,
) -> list[dict[str, Any]]:
    """One dict per (outcome, compound[, subgroup]) in the `litcurate meta --json` shape.

    Keys: outcome, compound, subgroup, measure, method, k, n_papers, n_animals, estimate, ci_low,
    ci_high, pi_low, pi_high, tau2, i2, q, p (of Q), plus pooled, se, p_effect, egger, note and,
    with `by`, subgroup_by and the test of subgroup differences (q_between, df_between, p_between).
    """
    method = _method(method)
    measure = measure.upper()
    if measure not in ("SMD", "NMD"):
        raise MetaError(f"unknown measure {measure!r}: use smd or nmd")
    if by is not None and by not in effects.columns:
        raise MetaError(f"cannot group by {by!r}: not a column of the effect sizes")
    rows = effects[effects["measure"] == measure] if len(effects) else effects
    if outcome is not None:
        rows = rows[rows["outcome"].astype(str).str.lower() == outcome.lower()]
    if compound is not None:
        rows = rows[rows["compound"].astype(str).str.lower() == compound.lower()]
    # The same animals measured at several timepoints are one comparison, not several: pooling
    # each timepoint would count them again. The last reported timepoint stands (the end of
    # treatment, as CAMARADES reviews usually take it); `litcurate meta --json` and the effect
    # sizes still list every timepoint.
    pair = [c for c in ("doc_id", "treatment_cohort_id", "control_cohort_id", "outcome") if c in rows.columns]
    if len(pair) == 4 and len(rows):
        rows = rows.drop_duplicates(subset=pair, keep="last")
    out: list[dict[str, Any]] = []
    keys = ["outcome", "compound"]
    for (out_name, comp), group in rows.fillna({"compound": ""}).groupby(keys, sort=True, dropna=False):
        if by is None:
            out.append(_group_dict(group, out_name, comp or None, None, measure, method))
            continue
        subs = [
            _group_dict(g, out_name, comp or None, None if s == "" else s, measure, method)
            for s, g in group.assign(
                _sub=group[by].astype(object).where(group[by].notna(), "").astype(str)
            ).groupby("_sub", sort=True)
        ]
        between = _subgroup_test(subs)
        for s in subs:
            s.update({"subgroup_by": by, **between})
        out.extend(subs)
    return out


def _group_dict(
    group: pd.DataFrame, outcome: str, compound: str | None, subgroup: str | None, measure: str, method: str
) -> dict[str, Any]:
    k = len(group)
    animals = float(group["n_treatment"].sum() + group["n_control"].sum())
    d: dict[str, Any] = {
        "outcome": outcome,
        "compound": compound,
        "subgroup": subgroup,
        "measure": measure,
        "method": method,
        "k": k,
        "n_papers": int(group["doc_id"].nunique()),
        "n_animals": round(animals, 1) if animals % 1 else int(animals),
    }
    if k == 1:
        one = group.iloc[0]
        lo, hi = one["value"] - _Z95 * one["se"], one["value"] + _Z95 * one["se"]
        d.update(
            pooled=False,
            estimate=float(one["value"]),
            se=float(one["se"]),
            ci_low=float(lo),
            ci_high=float(hi),
            pi_low=None,
            pi_high=None,
            tau2=None,
            i2=None,
            q=None,
            p=None,
            p_effect=None,
            egger=None,
            note="one comparison: not pooled",
        )
        return d
    fit = pool(group["value"].to_numpy(), group["se"].to_numpy(), method=method)
    (lo, hi), (plo, phi) = fit.ci, fit.pi
    d.update(
        pooled=True,
        estimate=fit.estimate,
        se=fit.se,
        ci_low=lo,
        ci_high=hi,
        pi_low=plo,
        pi_high=phi,
        tau2=fit.tau2,
        i2=fit.i2,
        q=fit.q,
        p=fit.p_q,
        p_effect=fit.p_effect,
        egger=egger(group["value"].to_numpy(), group["se"].to_numpy()),
        note=None if k >= 3 else "two comparisons: no prediction interval",
    )
    return d


def _subgroup_test(subs: list[dict[str, Any]]) -> dict[str, Any]:
    """Test of subgroup differences: Q between the subgroup estimates (separate τ² per subgroup),
    as RevMan and metafor's subgroup-as-study approach compute it."""
    est = np.array([s["estimate"] for s in subs], dtype=float)
    se = np.array([s["se"] for s in subs], dtype=float)
    if len(subs) < 2:
        return {"q_between": None, "df_between": None, "p_between": None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # only Q is used, not the (maybe negative) τ²
        q = float(combine_effects(est, se**2, method_re="dl").q)
    df = len(subs) - 1
    return {"q_between": q, "df_between": df, "p_between": float(stats.chi2.sf(q, df))}
