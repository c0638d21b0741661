"""Effect sizes against numbers derived by hand (Hedges' g as in Vesterinen 2014 / Borenstein 2009).

Hedges' g, the arithmetic written out (J = 1 - 3 / (4N - 9), N = nt + nc):
  A: pooled SD = 2; d = (10 - 6) / 2 = 2.0;     J = 1 - 3/55 = 0.945455; g = 1.890909
     var = N/(nt·nc) + g²/(2(N - 3.94)) = 16/64 + 3.575537/24.12 = 0.250000 + 0.148240 = 0.398240
  B: pooled SD = 3; d = (12 - 12.6) / 3 = -0.2; J = 1 - 3/39 = 0.923077; g = -0.184615
     var = 12/36 + 0.034083/16.12 = 0.333333 + 0.002114 = 0.335448
  C: pooled SD = 4; d = (26 - 20) / 4 = 1.5 (greater is better: treated - control); J = 1 - 3/71 = 0.957746
     g = 1.436620; var = 20/100 + 2.063877/32.12 = 0.200000 + 0.064255 = 0.264255
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import effectsize_smd

from litcurate.meta import effect_sizes, effect_sizes_and_skips
from litcurate.meta.effects import EFFECT_COLUMNS

HAND = {"A": (1.890909, 0.398240), "B": (-0.184615, 0.335448), "C": (1.436620, 0.264255)}


def test_hedges_g_matches_the_hand_derivation(three_papers):
    es = effect_sizes(*three_papers.frames())
    smd = es[es["measure"] == "SMD"].set_index("doc_id")
    assert list(es.columns[: len(EFFECT_COLUMNS)]) == EFFECT_COLUMNS
    for doc, (g, var) in HAND.items():
        assert smd.loc[doc, "value"] == pytest.approx(g, abs=5e-4)
        assert smd.loc[doc, "se"] == pytest.approx(math.sqrt(var), abs=5e-4)
        assert smd.loc[doc, "treatment_cohort_id"] == f"{doc}-drug"
        assert smd.loc[doc, "control_cohort_id"] == f"{doc}-veh"
    assert (es["measure"] == "NMD").sum() == 0  # no sham cohort: no NMD


def test_record_ids_are_stable_and_distinct(three_papers):
    first = effect_sizes(*three_papers.frames())["record_id"].tolist()
    again = effect_sizes(*three_papers.frames())["record_id"].tolist()
    assert first == again and len(set(first)) == 3


def test_sem_is_turned_into_sd_with_the_cohorts_n(frames):
    # Paper A again, but printed as mean ± SEM: SEM = SD / √n = 2 / √8 = 0.707107 -> SD 2, same g.
    frames.cohort("A", "veh", "model_control", n=8)
    frames.cohort("A", "drug", "treatment", n=8, compound="x")
    frames.value("veh", "score", 10, 2 / math.sqrt(8), "SEM")
    frames.value("drug", "score", 6, 2 / math.sqrt(8), "SEM")
    row = effect_sizes(*frames.frames()).iloc[0]
    assert row["value"] == pytest.approx(HAND["A"][0], abs=5e-4)
    assert row["se"] == pytest.approx(math.sqrt(HAND["A"][1]), abs=5e-4)


def test_the_outcome_rows_own_n_is_used_before_the_cohorts(frames):
    # The cohort had 10 animals but the outcome was measured in 8 (SEM 0.707107 -> SD 2 with n = 8).
    frames.cohort("A", "veh", "model_control", n=10)
    frames.cohort("A", "drug", "treatment", n=10, compound="x")
    frames.value("veh", "score", 10, 2 / math.sqrt(8), "SEM", n=8)
    frames.value("drug", "score", 6, 2 / math.sqrt(8), "SEM", n=8)
    row = effect_sizes(*frames.frames()).iloc[0]
    assert (row["n_treatment"], row["n_control"]) == (8, 8)
    assert row["value"] == pytest.approx(HAND["A"][0], abs=5e-4)


def test_a_shared_control_gives_n_over_k_to_each_comparison(frames):
    # One vehicle group (n = 12) serves two dose groups (n = 6 each): each comparison uses nc = 12/2 = 6.
    frames.cohort("D", "veh", "model_control", n=12)
    frames.cohort("D", "low", "treatment", n=6, compound="x", dose_value=1.0, dose_unit="mg/kg")
    frames.cohort("D", "high", "treatment", n=6, compound="x", dose_value=10.0, dose_unit="mg/kg")
    frames.value("veh", "score", 10, 2)
    frames.value("low", "score", 8, 2)
    frames.value("high", "score", 6, 2)
    es = effect_sizes(*frames.frames()).set_index("treatment_cohort_id")
    assert es["n_control"].tolist() == [6.0, 6.0]
    assert es["k_shared"].tolist() == [2, 2]
    # nc = 6, nt = 6, pooled SD 2: d = 1 (low) and 2 (high); J = 1 - 3/39; var = 12/36 + g²/16.12
    for cid, d in (("low", 1.0), ("high", 2.0)):
        g = (1 - 3 / 39) * d
        assert es.loc[cid, "value"] == pytest.approx(g, abs=1e-9)
        assert es.loc[cid, "se"] == pytest.approx(math.sqrt(12 / 36 + g**2 / 16.12), abs=1e-9)
    assert es.loc["high", "dose"] == "10 mg/kg"


def test_nmd_is_the_share_of_the_way_back_to_sham(frames):
    # Vesterinen 2014: NMD = 100 (control - treated) / (control - sham) = 100 (10 - 6) / (10 - 2) = 50 %
    # SD* = 100 SD / |control - sham| = 100·2/8 = 25 % both; SE = √(25²/8 + 25²/8) = √156.25 = 12.5
    frames.cohort("E", "sham", "sham", n=8)
    frames.cohort("E", "veh", "model_control", n=8)
    frames.cohort("E", "drug", "treatment", n=8, compound="x")
    frames.value("sham", "score", 2, 1)
    frames.value("veh", "score", 10, 2)
    frames.value("drug", "score", 6, 2)
    nmd = effect_sizes(*frames.frames()).query("measure == 'NMD'").iloc[0]
    assert nmd["value"] == pytest.approx(50.0)
    assert nmd["se"] == pytest.approx(12.5)
    assert nmd["sham_cohort_id"] == "sham"


def test_nmd_needs_no_direction_and_is_positive_for_benefit_both_ways(frames):
    # Greater is better (grip): sham 30, control 20, treated 26 -> 100 (20 - 26) / (20 - 30) = 60 %
    frames.cohort("F", "sham", "sham", n=5)
    frames.cohort("F", "veh", "model_control", n=5)
    frames.cohort("F", "drug", "treatment", n=5, compound="x")
    for cid, mean in (("sham", 30), ("veh", 20), ("drug", 26)):
        frames.value(cid, "grip", mean, 3, greater_is_worse=None)
    es, skipped = effect_sizes_and_skips(*frames.frames())
    assert es["measure"].tolist() == ["NMD"]
    assert es.iloc[0]["value"] == pytest.approx(60.0)
    assert any("greater_is_worse unknown" in s["reason"] for s in skipped)


def test_rows_without_error_or_n_are_skipped_with_a_reason(frames):
    frames.cohort("G", "veh", "model_control", n=None)
    frames.cohort("G", "drug", "treatment", n=6, compound="x")
    frames.cohort("G", "drug2", "treatment", n=6, compound="x")
    frames.value("veh", "score", 10, 2)
    frames.value("drug", "score", 6, None)
    frames.value("drug2", "score", 6, 1.5, "IQR")
    es, skipped = effect_sizes_and_skips(*frames.frames())
    assert es.empty
    reasons = {s["cohort_record_id"]: s["reason"] for s in skipped}
    assert reasons["veh"].startswith("no n")
    assert reasons["drug"] == "no error value"
    assert "IQR" in reasons["drug2"]


def test_pairing_stays_within_experiment_and_timepoint(frames):
    frames.cohort("H", "veh1", "model_control", n=6, experiment="E1")
    frames.cohort("H", "drug1", "treatment", n=6, experiment="E1", compound="x")
    frames.cohort("H", "drug2", "treatment", n=6, experiment="E2", compound="x")  # E2 has no control
    for cid, mean in (("veh1", 10), ("drug1", 8), ("drug2", 7)):
        frames.value(cid, "score", mean, 2, timepoint="day 14")
    frames.value("drug1", "score", 7, 2, timepoint="day 28")  # no control at day 28
    es, skipped = effect_sizes_and_skips(*frames.frames())
    assert es["treatment_cohort_id"].tolist() == ["drug1"]
    assert es["timepoint"].tolist() == ["day 14"]
    assert sum("no model-control" in s["reason"] for s in skipped) == 2


def test_effect_sizes_equal_statsmodels_called_directly(three_papers):
    es = effect_sizes(*three_papers.frames()).set_index("doc_id")
    # treated first when greater is better, control first when greater is worse (positive = benefit)
    g, var = effectsize_smd(
        np.array([10, 12, 26.0]),
        np.array([2, 3, 4.0]),
        np.array([8, 6, 10.0]),
        np.array([6, 12.6, 20.0]),
        np.array([2, 3, 4.0]),
        np.array([8, 6, 10.0]),
    )
    assert es.loc[["A", "B", "C"], "value"].round(3).tolist() == np.round(g, 3).tolist()
    assert es.loc[["A", "B", "C"], "se"].round(3).tolist() == np.round(np.sqrt(var), 3).tolist()
