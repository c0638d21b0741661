"""Random-effects pooling against a DerSimonian-Laird computation done by hand, and statsmodels directly.

The three comparisons of `three_papers` (g, var from test_effects.py):
  g   = 1.890909, -0.184615, 1.436620;  var = 0.398240, 0.335448, 0.264255
Fixed effect: w = 1/var = 2.511052, 2.981091, 3.784221; W = Σw = 9.276364; Σw² = 29.512613
  FE = Σw·g / W = 1.038586
  Q = Σw(g - FE)² = 6.884075 (df 2; p = exp(-Q/2) = 0.031999, the χ²₂ tail)
  C = W - Σw²/W = 9.276364 - 3.181485 = 6.094879
  τ² = (Q - df) / C = 4.884075 / 6.094879 = 0.801341
Random effects: w* = 1/(var + τ²) = 0.833625, 0.879671, 0.938442; W* = 2.651738
  RE = Σw*·g / W* = 1.041616; SE = 1/√W* = 0.614094
  95 % CI = RE ± 1.959964·SE = [-0.161986, 2.245218]
  I² = (Q - df)/Q = 0.709474
  95 % PI = RE ± t(0.975, k-2 = 1)·√(τ² + SE²) = 1.041616 ± 12.706205·1.085565 = [-12.751799, 14.835031]
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import optimize
from statsmodels.stats.meta_analysis import combine_effects, effectsize_smd

from litcurate.meta import MetaError, effect_sizes, egger, run_meta
from litcurate.meta.pool import pool, pool_effects


def test_dl_pool_matches_the_hand_computation(three_papers, pooled_keys):
    (g,) = run_meta(*three_papers.frames())
    assert set(g) >= pooled_keys
    assert (g["outcome"], g["compound"], g["measure"], g["method"]) == ("score", "baricitinib", "SMD", "dl")
    assert (g["k"], g["n_papers"], g["n_animals"], g["pooled"]) == (3, 3, 48, True)
    hand = {
        "estimate": 1.041616,
        "ci_low": -0.161986,
        "ci_high": 2.245218,
        "tau2": 0.801341,
        "i2": 0.709474,
        "q": 6.884075,
        "p": 0.031999,
        "pi_low": -12.751799,
        "pi_high": 14.835031,
        "se": 0.614094,
    }
    for key, value in hand.items():
        assert g[key] == pytest.approx(value, abs=5e-4), key
    assert g["egger"] is None  # fewer than ten comparisons


def test_the_same_dataset_through_statsmodels_directly(three_papers):
    (g,) = run_meta(*three_papers.frames())
    eff, var = effectsize_smd(
        np.array([10, 12, 26.0]),
        np.array([2, 3, 4.0]),
        np.array([8, 6, 10.0]),
        np.array([6, 12.6, 20.0]),
        np.array([2, 3, 4.0]),
        np.array([8, 6, 10.0]),
    )
    res = combine_effects(eff, var, method_re="dl")
    ci = res.conf_int(use_t=False)[1]
    ours = [g["estimate"], g["ci_low"], g["ci_high"], g["tau2"], g["q"], g["i2"]]
    theirs = [res.mean_effect_re, ci[0], ci[1], res.tau2, res.q, res.i2]
    assert np.round(ours, 3).tolist() == np.round(theirs, 3).tolist()
    pm = run_meta(*three_papers.frames(), method="pm")[0]
    res_pm = combine_effects(eff, var, method_re="pm")
    assert round(pm["estimate"], 3) == round(res_pm.mean_effect_re, 3)
    assert round(pm["tau2"], 3) == round(res_pm.tau2, 3)


def test_dl_truncates_a_negative_tau2_at_zero():
    # Effects closer together than their SEs predict: Q < df, so DL's τ² would be negative; it is 0
    # and the pooled estimate is the fixed-effect one (inverse-variance mean).
    eff, se = np.array([0.50, 0.52, 0.48]), np.array([0.3, 0.3, 0.4])
    fit = pool(eff, se, method="dl")
    w = 1 / se**2
    assert fit.tau2 == 0.0
    assert fit.estimate == pytest.approx((w * eff).sum() / w.sum())
    assert fit.se == pytest.approx(1 / math.sqrt(w.sum()))
    assert fit.i2 == 0.0


def test_reml_tau2_maximises_the_restricted_likelihood():
    eff = np.array([1.89, -0.18, 1.44, 0.9, 0.2])
    var = np.array([0.40, 0.34, 0.26, 0.2, 0.3])

    def reml_nll(tau2: float) -> float:  # restricted log-likelihood of the random-effects model, negated
        w = 1 / (var + tau2)
        mu = (w * eff).sum() / w.sum()
        return 0.5 * (np.log(var + tau2).sum() + math.log(w.sum()) + (w * (eff - mu) ** 2).sum())

    best = optimize.minimize_scalar(reml_nll, bounds=(0, 10), method="bounded", options={"xatol": 1e-8})
    fit = pool(eff, np.sqrt(var), method="reml")
    assert fit.tau2 == pytest.approx(best.x, abs=1e-3)
    w = 1 / (var + fit.tau2)
    assert fit.estimate == pytest.approx((w * eff).sum() / w.sum(), abs=1e-6)
    assert fit.se == pytest.approx(1 / math.sqrt(w.sum()), abs=1e-4)


def test_an_unknown_method_is_a_clear_error(three_papers):
    with pytest.raises(MetaError, match="unknown pooling method 'ml'"):
        run_meta(*three_papers.frames(), method="ml")
    with pytest.raises(MetaError, match="cannot group by 'colour'"):
        run_meta(*three_papers.frames(), by="colour")


def test_one_comparison_is_not_presented_as_pooled(three_papers):
    (g,) = run_meta(*_only_doc(three_papers, "A"), outcome="SCORE", compound="Baricitinib")
    assert (g["k"], g["pooled"], g["note"]) == (1, False, "one comparison: not pooled")
    assert g["estimate"] == pytest.approx(1.890909, abs=5e-4)
    assert g["tau2"] is None and g["i2"] is None and g["q"] is None and g["pi_low"] is None


def _only_doc(frames, doc):
    cohorts, outcomes = frames.frames()
    return cohorts[cohorts["doc_id"] == doc], outcomes[outcomes["doc_id"] == doc]


def test_subgroups_and_the_test_of_subgroup_differences(three_papers):
    # rat = A, B; mouse = C. By hand (DL within rat): w = 2.511049, 2.981088; FE = 0.764331;
    # Q = 5.871433 (df 1); C = 2.725954; τ² = 4.871433/2.725954 = 1.787056; w* = 1/(var + τ²)
    # RE(rat) = 0.838020 with var 1.076721; mouse: C alone, 1.436620 with var 0.264255.
    # Q between = Σ w_j (est_j - m)², w_j = 1/var_j, m = 1.318659 -> Q = 0.267210, df 1, p = 0.605210
    groups = run_meta(*three_papers.frames(), by="species")
    by = {g["subgroup"]: g for g in groups}
    assert set(by) == {"mouse", "rat"}
    assert by["rat"]["estimate"] == pytest.approx(0.838020, abs=5e-4)
    assert by["rat"]["tau2"] == pytest.approx(1.787056, abs=5e-4)
    assert by["mouse"]["pooled"] is False
    for g in groups:
        assert g["subgroup_by"] == "species"
        assert g["q_between"] == pytest.approx(0.267210, abs=5e-4)
        assert g["df_between"] == 1
        assert g["p_between"] == pytest.approx(0.605210, abs=5e-4)


def test_eggers_test_finds_small_study_asymmetry():
    rng = np.random.default_rng(7)
    se = np.linspace(0.1, 0.8, 14)
    symmetric = 0.5 + rng.normal(0, 1, 14) * se * 0.05
    biased = 0.5 + 2.0 * se  # the smaller the study, the larger its effect
    assert egger(symmetric[:9], se[:9]) is None  # below ten comparisons: no test
    sym, asym = egger(symmetric, se), egger(biased + rng.normal(0, 0.01, 14), se)
    assert sym is not None and asym is not None
    assert abs(sym["intercept"]) < 0.5 and sym["p"] > 0.05
    # Egger's regression z = g/se on precision 1/se: z = 0.5/se + 2.0, so the intercept is 2.0
    assert asym["intercept"] == pytest.approx(2.0, abs=0.2) and asym["p"] < 0.001
    # The same regression by least squares (numpy), independently of statsmodels' OLS.
    x = np.column_stack([np.ones(14), 1 / se])
    coef = np.linalg.lstsq(x, symmetric / se, rcond=None)[0]
    assert sym["intercept"] == pytest.approx(coef[0])


def test_egger_is_reported_per_group_from_ten_comparisons(frames):
    for i in range(11):
        doc = f"P{i}"
        frames.cohort(doc, f"{doc}-veh", "model_control", n=6 + i)
        frames.cohort(doc, f"{doc}-drug", "treatment", n=6 + i, compound="x")
        frames.value(f"{doc}-veh", "score", 10, 2)
        frames.value(f"{doc}-drug", "score", 8 - 0.1 * i, 2)
    (g,) = pool_effects(effect_sizes(*frames.frames()))
    assert g["k"] == 11 and g["egger"] is not None and g["egger"]["k"] == 11


def test_group_dicts_hold_plain_python_values(three_papers):
    for g in run_meta(*three_papers.frames(), by="species"):
        for key, value in g.items():
            assert value is None or type(value) in (str, int, float, bool, dict), (key, type(value))


def test_timepoints_of_the_same_animals_are_one_comparison(frames) -> None:
    # Two timepoints of one treatment/control pair: pooled once (the last), not as k=2.
    t = frames.cohort("paper", "X 10", "treatment", n=8, compound="X")
    c = frames.cohort("paper", "vehicle", "model_control", n=8)
    for cid, means in ((t, (5.0, 3.0)), (c, (9.0, 9.5))):
        for mean, when in zip(means, ("day 7", "day 14"), strict=True):
            frames.value(cid, "score", mean, 2, timepoint=when)
    es = effect_sizes(*frames.frames())
    assert len(es) == 2  # both timepoints are effect sizes
    (group,) = run_meta(*frames.frames())
    assert group["k"] == 1 and group["n_papers"] == 1
    assert group["estimate"] == pytest.approx(es.iloc[-1]["value"])
