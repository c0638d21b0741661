"""What a value measures: table headers, timepoints, units, directions and bracketed results.

Real text: the flattened tables and results sentences are copied from the corpus papers
(`pone.0082729` Tables 2 and 3, the `wjbmr` Table 3 text layer, `pone.0146783` results);
the end-to-end checks read the papers themselves.
"""

from __future__ import annotations

import re

import pytest

from extractors.primary.bracket_values import BRACKET_VALUE, _outcome
from extractors.primary.directions import directions, greater_is_worse
from extractors.primary.table_headers import grid, is_time, where_values
from extractors.primary.values import find_values
from tests.conftest import CORPUS

PRIMARY = CORPUS / "primary"


def _where(region: str, labels: list[str]) -> list:
    """Runs where_values over a flattened region, the groups given by the last label before each value."""
    values = find_values(region)
    order = []
    for v in values:
        before = [(region.rfind(lab, 0, v.start), i) for i, lab in enumerate(labels)]
        order.append(max(before)[1])
    masked = region
    for lab in labels:
        masked = masked.replace(lab, "\n" * len(lab))
    return where_values(masked, [(v.start, v.end) for v in values], order, 0, lambda t: t.strip() in labels)


def test_column_headers_are_timepoints_and_trailing_row_labels_the_outcomes() -> None:
    # pone.0082729 Table 2 as its text layer prints it: headers, rows, then the row labels.
    rows = "\n".join(
        f"{g}\n" + "\n".join(f"{100 + i} ± {5 + i}" for i in range(5))
        for g in ("SHAM", "MCAO+VEH", "MCAO+PRO")
    )
    region = (
        "Pre-Ischemia\nIschemia 15 min\nIschemia 35 min\nReperfusion 5 min\nReperfusion 35 min\n"
        f"{rows}\n{rows}\nMBP (mmHg)\nHR (beats/min)\ndoi: 10.1371/journal.pone.0082729.t002\n"
    )
    got = _where(region, ["SHAM", "MCAO+VEH", "MCAO+PRO"])
    assert got is not None and len(got) == 30
    assert (got[0].outcome, got[0].unit, got[0].timepoint) == ("MBP (mmHg)", "mmHg", "pre-ischemia")
    assert (got[3].outcome, got[3].timepoint) == ("MBP (mmHg)", "reperfusion 5 min")
    assert (got[15].outcome, got[15].unit, got[15].timepoint) == (
        "HR (beats/min)",
        "beats/min",
        "pre-ischemia",
    )


def test_spanning_headers_over_repeated_leaves_are_phases() -> None:
    # pone.0082729 Table 3: `Ischemia` and `Reperfusion` each span pH, PaO2, PaCO2.
    row = "7.36 ± 0.04\n134 ± 15\n38 ± 5\n7.39 ± 0.06\n133 ± 14\n37 ± 7"
    region = (
        "Ischemia\nReperfusion pH\nPaO2 (mmHg)\nPaCO2 (mmHg) pH\nPaO2 (mmHg)\nPaCO2 (mmHg)\n"
        f"SHAM\n{row}\nMCAO+VEH\n{row}\n"
    )
    got = _where(region, ["SHAM", "MCAO+VEH"])
    assert got is not None
    assert [(w.outcome, w.timepoint) for w in got[:6]] == [
        ("pH", "ischemia"),
        ("PaO2 (mmHg)", "ischemia"),
        ("PaCO2 (mmHg)", "ischemia"),
        ("pH", "reperfusion"),
        ("PaO2 (mmHg)", "reperfusion"),
        ("PaCO2 (mmHg)", "reperfusion"),
    ]
    assert got[1].unit == "mmHg" and got[0].unit is None


def test_variable_markers_between_column_sections() -> None:
    # The wjbmr Table 3 text layer: one column at a time, each after its `NAME (unit)` marker.
    region = (
        "RBC Group/ 6 (10 /µL) T eatment\nr\n6.50± DC c 0.01*\n10.55± DGL *,a,c 0.00\n"
        "*p<0.05 v NC; a HB (g/dL)\n10.04±\nDC c 0.02*\n13.97±\nDGL ,a,b,c * 0.01\n"
    )
    got = _where(region, ["DC", "DGL"])
    assert got is not None
    assert [(w.outcome, w.unit) for w in got] == [("RBC (10 /µL)", "10 /µL")] * 2 + [
        ("HB (g/dL)", "g/dL")
    ] * 2


def test_a_grid_needs_runs_of_one_length() -> None:
    assert grid([0, 0, 1, 1, 0, 0, 1, 1]) == ([0, 0, 0, 0, 1, 1, 1, 1], [0, 1, 0, 1, 0, 1, 0, 1])
    assert grid([0, 0, 1, 0, 0]) is None  # ragged: no header is guessed


def test_time_headers() -> None:
    for text in ["Pre-Ischemia", "Reperfusion 35 min", "day 42", "24 h", "Baseline", "Week 4"]:
        assert is_time(text), text
    for text in ["MBP (mmHg)", "Cell area", "PaO2 (mmHg)", "pressure", "Neuroscore"]:
        assert not is_time(text), text


def test_direction_vocabulary() -> None:
    assert len(directions()) >= 25
    cases = {
        "infarct volume": True,
        "brain edema formation": True,
        "Zea Longa score": True,
        "mechanical nociceptive threshold": False,
        "paw withdrawal latency": False,
        "latency to fall": False,
        "RotaRod": False,
        "grip strength": False,
        "survival rate": False,
        "mortality": True,
        "fasting blood glucose": True,
        "MDA (nmol/mg)": True,
        "TNF-α": True,
        "colon length": False,
        "latency to first seizure": False,
        "seizure duration": True,
    }
    for outcome, worse in cases.items():
        assert greater_is_worse(outcome) is worse, outcome
    # Unknown stays unknown; a relative change or a caption is never signed.
    for outcome in [
        "MBP (mmHg)",
        "Cell area",
        "RBC (10 /µL)",
        "% inhibition of edema",
        "Table 2. Infarct volume and edema",
    ]:
        assert greater_is_worse(outcome) is None, outcome


def test_every_vocabulary_row_says_why() -> None:
    for rx, _, source in directions():
        assert source and len(source) > 10, rx.pattern


def test_bracketed_values_and_their_outcomes() -> None:
    s = (
        "Compared to controls, rHA-Infestin-4 treated rats demonstrated a reduced Zea Longa score as well as a "
        "reduced Neuroscore 24 h after induction of tMCAO (Zea Longa score: 3.3±0.3 [control] vs 2.2±0.3 "
        "[100 mg/kg rHA-Infestin-4], p<0.05, Fig 2A; Neuroscore: 15.1±1.4 [control] vs"
    )
    found = list(BRACKET_VALUE.finditer(s))
    assert [(m.group("mean"), m.group("error"), m.group("label")) for m in found] == [
        ("3.3", "0.3", "control"),
        ("2.2", "0.3", "100 mg/kg rHA-Infestin-4"),
        ("15.1", "1.4", "control"),
    ]
    assert _outcome(s, found[0].start()) == "Zea Longa score"
    assert _outcome(s, found[2].start()) == "Neuroscore"
    s2 = (
        "Compared to controls, FXIIa activity was significantly decreased (191±9.8% of the norm [control] vs "
        "142±9.3% of the norm [100 mg/kg rHA-Infestin-4], p<0.01, Table 1), the corresponding aPTT prolonged "
        "(16.8±0.71 sec [control] vs 41.7±3.86 sec [100 mg/kg rHA-Infestin-4], p<0.001, Table 1)"
    )
    found = list(BRACKET_VALUE.finditer(s2))
    assert found[0].group("unit") == "% of the norm" and found[2].group("unit") == "sec"
    assert _outcome(s2, found[0].start()) == "FXIIa activity"
    assert _outcome(s2, found[2].start()) == "aPTT"
    s3 = (
        "Interestingly, therapeutic application of rHA-Infestin-4 had no significant effect on infarct area assessed "
        "by TTC staining 24 h after induction of tMCAO, albeit, compared to controls, a trend towards a decreased "
        "infarct area was visible after rHA-Infestin-4 treatment (18.6±2.2% [control] vs"
    )
    assert _outcome(s3, next(BRACKET_VALUE.finditer(s3)).start()) == "infarct area"


@pytest.fixture(scope="module")
def frames(primary_frames) -> dict:
    return {
        p.name: primary_frames(p)
        for p in sorted(PRIMARY.iterdir())
        if p.name.startswith(("pone.", "wjbmr")) and p.suffix in (".txt", ".pdf")
    }


def test_two_experiments_from_bracketed_results(frames: dict) -> None:
    f = next(v for k, v in frames.items() if k.startswith("pone.0146783"))
    c = f["cohorts"]
    assert sorted(c["experiment"].unique()) == ["prophylactic", "therapeutic"]
    for _, exp in c.groupby("experiment"):
        assert sorted(exp["role"]) == ["model_control", "treatment"]
        assert exp["n_min"].notna().all()
    od = f["outcome_data"]
    labelled = od.merge(
        c[["record_id", "experiment", "role"]], left_on="cohort_record_id", right_on="record_id"
    )
    infarct = labelled[labelled["outcome"].str.contains("infarct")]
    assert set(zip(infarct["experiment"], infarct["role"], infarct["mean"], strict=True)) == {
        ("prophylactic", "model_control", 22.3),
        ("prophylactic", "treatment", 17.0),
        ("therapeutic", "model_control", 18.6),
        ("therapeutic", "treatment", 17.7),
    }
    assert infarct["greater_is_worse"].eq(True).all()


def test_flattened_tables_name_each_row(frames: dict) -> None:
    f = next(v for k, v in frames.items() if k.startswith("pone.0082729"))
    table = f["outcome_data"][f["outcome_data"]["source"] == "table"]
    assert not table["outcome"].str.startswith("Table").any()
    assert set(table["timepoint"].dropna()) >= {
        "pre-ischemia",
        "ischemia 15 min",
        "reperfusion 35 min",
        "ischemia",
        "reperfusion",
    }
    # One value per cohort, outcome and timepoint: comparisons no longer collapse.
    assert not table.duplicated(subset=["cohort_record_id", "outcome", "timepoint"]).any()
    w = next(v for k, v in frames.items() if k.startswith("wjbmr"))
    names = set(w["outcome_data"]["outcome"].dropna())
    assert {re.split(r"\s*\(", n)[0] for n in names if not n.startswith("Table")} >= {
        "RBC",
        "HB",
        "MCV",
        "MCH",
        "MCHC",
        "PLT",
        "MPV",
        "WBC",
        "Lym%",
    }
