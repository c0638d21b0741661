"""Times `run_meta` over 10,000 outcome rows (target < 2 s) against statsmodels' combine_effects alone.

    python benchmarks/bench_meta.py [--rows 10000] [--repeat 5]

The data are synthetic but shaped like the curated tables: experiments of one vehicle control,
one sham and two treatment cohorts (a shared control: n/k), 20 outcomes x 5 compounds, SD or SEM.
`run_meta` does everything (join, SEM->SD, pairing, Hedges' g and NMD, DL pooling per group,
Egger where k >= 10); the baseline is only `combine_effects` on the same effect sizes per group.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from statsmodels.stats.meta_analysis import combine_effects

from litcurate.meta import effect_sizes, run_meta

ROLES = ("model_control", "sham", "treatment", "treatment")


def synthetic(rows: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cohorts, outcome_data) with `rows` outcome rows: one row per cohort, four cohorts per experiment."""
    rng = np.random.default_rng(seed)
    n_exp = rows // len(ROLES)
    exp = np.repeat(np.arange(n_exp), len(ROLES))
    role = np.tile(ROLES, n_exp)
    doc = [f"doc{e // 3}" for e in exp]
    cid = [f"c{i}" for i in range(len(exp))]
    n = rng.integers(5, 13, len(exp))
    outcome = np.array([f"outcome{e % 20}" for e in exp])
    compound = np.where(np.isin(role, ["treatment"]), [f"drug{(e // 20) % 5}" for e in exp], None)
    base = rng.normal(10, 1, n_exp)[exp]
    mean = np.select(
        [role == "sham", role == "model_control"], [base - 6, base], base - rng.normal(2, 1.5, len(exp))
    )
    sd = rng.uniform(1, 3, len(exp))
    sem = rng.random(len(exp)) < 0.5
    cohorts = pd.DataFrame(
        {
            "record_id": cid,
            "doc_id": doc,
            "experiment": [f"E{e % 3}" for e in exp],
            "label": cid,
            "role": role,
            "compound": compound,
            "n": n,
            "n_min": None,
            "species": np.where(exp % 2, "rat", "mouse"),
        }
    )
    outcome_data = pd.DataFrame(
        {
            "record_id": [f"o{i}" for i in range(len(exp))],
            "doc_id": doc,
            "cohort_record_id": cid,
            "outcome": outcome,
            "timepoint": None,
            "mean": mean,
            "error": np.where(sem, sd / np.sqrt(n), sd),
            "error_type": np.where(sem, "SEM", "SD"),
            "n": None,
            "greater_is_worse": True,
        }
    )
    return cohorts, outcome_data


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cohorts, outcome_data = synthetic(args.rows)
    es = effect_sizes(cohorts, outcome_data)
    smd = es[es["measure"] == "SMD"]
    groups = [
        (g["value"].to_numpy(), g["se"].to_numpy() ** 2) for _, g in smd.groupby(["outcome", "compound"])
    ]
    t_meta = _median_time(lambda: run_meta(cohorts, outcome_data), args.repeat)
    t_sm = _median_time(lambda: [combine_effects(v, var, method_re="dl") for v, var in groups], args.repeat)
    print(f"outcome rows {len(outcome_data)}, comparisons {len(es)} ({len(smd)} SMD), groups {len(groups)}")
    print(f"run_meta (all steps)        {t_meta * 1000:8.1f} ms  (target < 2000 ms)")
    print(f"combine_effects alone       {t_sm * 1000:8.1f} ms")
    print(f"ratio run_meta / statsmodels {t_meta / t_sm:7.1f}x")


if __name__ == "__main__":
    main()
