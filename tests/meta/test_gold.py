"""Effect sizes on the hand-made gold of real primary papers (../shared/corpus/primary), checked by hand
against the numbers the papers print."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from litcurate.meta import effect_sizes_and_skips, run_meta, syrf_sheet

VPA = "anticancres-2008-28-335_valproate-cisplatin-neuropathy"
RUTIN = "molpain-2013-9-53_rutin-quercetin-oxaliplatin"
PROPOFOL = "pone.0082729_propofol-mcao"
EXTRACTS = "wjbmr-2016-3-1-34_ocimum-gongronema-stz-diabetic-blood"


def test_valproate_table_one_by_hand(gold):
    # Table I, DRG neuron cell area (µm², mean ± SEM, n = 3; greater is better):
    #   CDDP (model control) 798.7 ± 22, CDDP/VPA (treatment) 909.4 ± 24, Control (sham) 897.3 ± 23
    # SD = SEM·√3: 38.105 and 41.569; pooled SD = √((2·38.105² + 2·41.569²)/4) = 39.875
    # d = (909.4 - 798.7)/39.875 = 2.7762; J = 1 - 3/(4·6 - 9) = 0.8; g = 2.2210
    # var = 6/9 + g²/(2(6 - 3.94)) = 0.6667 + 1.1973 = 1.8639; SE = 1.3652
    # NMD = 100 (798.7 - 909.4)/(798.7 - 897.3) = 112.27 % (a little past the sham value)
    # SD* = 100·SD/98.6: 38.646 % and 42.159 %; SE = √(38.646²/3 + 42.159²/3) = 33.020
    es, skipped = effect_sizes_and_skips(*gold(VPA))
    assert not skipped
    cell = es[es["outcome"] == "DRG neuron cell area"].set_index("measure")
    assert cell.loc["SMD", "value"] == pytest.approx(2.2210, abs=5e-4)
    assert cell.loc["SMD", "se"] == pytest.approx(1.3652, abs=5e-4)
    assert cell.loc["NMD", "value"] == pytest.approx(112.27, abs=5e-3)
    assert cell.loc["NMD", "se"] == pytest.approx(33.020, abs=5e-3)
    # the drug-only VPA cohort is no treatment of the model: never compared
    assert not es["treatment_cohort_id"].str.endswith(":VPA").any()
    assert set(es["n_treatment"]) == {3} and set(es["n_control"]) == {3}  # the table's n, not the cohort's 8


def test_rutin_text_values_by_hand_and_two_unlabelled_controls_are_refused(gold):
    # "Oxaliplatin plus rutin (100 mg/kg)" 10.82 ± 0.2 g vs "Oxaliplatin plus saline" 8.61 ± 0.31 g,
    # SEM, n = 6 (day 42, von Frey; greater is better): SD 0.4899 and 0.7593; pooled 0.6390;
    # d = 2.21/0.6390 = 3.4586; J = 1 - 3/39; g = 3.1926; SE = √(12/36 + g²/16.12) = 0.9827
    es, skipped = effect_sizes_and_skips(*gold(RUTIN))
    smd = es[es["measure"] == "SMD"]
    row = smd[smd["treatment_cohort_id"].str.endswith("rutin (100 mg/kg)")].iloc[0]
    assert row["value"] == pytest.approx(3.1926, abs=5e-4)
    assert row["se"] == pytest.approx(0.9827, abs=5e-4)
    # Day-49 cold threshold: the gold lists the dose-finding oxaliplatin group and the saline group,
    # both model controls, with no experiment label: the pairing is ambiguous and is not guessed.
    assert any("2 model-control cohorts" in s["reason"] for s in skipped)


def test_propofol_monitoring_variables_get_nmd_but_no_smd(gold):
    # Blood pressure and heart rate have no "worse" direction (greater_is_worse null): no signed SMD,
    # but NMD (how far the treated value sits from vehicle towards sham) needs no direction.
    es, skipped = effect_sizes_and_skips(*gold(PROPOFOL))
    assert set(es["measure"]) == {"NMD"}
    assert Counter(s["reason"].split(":")[0] for s in skipped) == {"SMD not computed": len(es)}


def test_extracts_paper_flags_implausibly_small_errors_and_skips_a_zero_error(gold):
    # Table 3 prints SEMs of 0.01 on means of 6-70 (and one 0.00): g runs into the hundreds.
    es, skipped = effect_sizes_and_skips(*gold(EXTRACTS))
    assert [s["reason"] for s in skipped] == ["error is not positive"]  # DGL RBC, printed 0.00
    smd = es[es["measure"] == "SMD"]
    assert (smd.loc[smd["value"].abs() > 20, "warning"].notna()).all()
    groups = run_meta(*gold(EXTRACTS))
    assert groups and all(not g["pooled"] and g["k"] == 1 for g in groups)  # one paper: nothing pools


def test_all_gold_through_meta_and_syrf(gold):
    cohorts, outcomes = gold(None)
    for measure in ("smd", "nmd"):
        for g in run_meta(cohorts, outcomes, measure=measure):
            assert (
                g["k"] >= 1 and math.isfinite(g["estimate"]) and g["ci_low"] <= g["estimate"] <= g["ci_high"]
            )
    sheet = syrf_sheet(cohorts, outcomes)
    assert len(sheet) == len(outcomes)
    assert set(sheet["ModelType"].dropna()) <= {"model", "model control"}
