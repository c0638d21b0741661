"""Builders of small `cohorts` / `outcome_data` frames in the DESIGN.md columns."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest


class Frames:
    """Collects cohorts and their outcome rows; `.frames()` gives (cohorts, outcome_data)."""

    def __init__(self) -> None:
        self.cohorts: list[dict[str, Any]] = []
        self.outcomes: list[dict[str, Any]] = []

    def cohort(self, doc: str, cid: str, role: str, *, n: int | None = None, experiment: str | None = None,
               compound: str | None = None, **traits: Any) -> str:  # fmt: skip
        self.cohorts.append({"record_id": cid, "doc_id": doc, "experiment": experiment, "label": cid, "role": role,
                             "compound": compound, "n": n, "n_min": None, "n_max": None, **traits})  # fmt: skip
        return cid

    def value(self, cid: str, outcome: str, mean: float | None, error: float | None, error_type: str = "SD", *,
              n: int | None = None, greater_is_worse: bool | None = True, timepoint: str | None = None) -> None:  # fmt: skip
        doc = next(c["doc_id"] for c in self.cohorts if c["record_id"] == cid)
        self.outcomes.append({"record_id": f"od-{len(self.outcomes)}", "doc_id": doc, "cohort_record_id": cid,
                              "outcome": outcome, "outcome_id": None, "unit": None, "timepoint": timepoint,
                              "mean": mean, "error": error, "error_type": error_type, "n": n,
                              "greater_is_worse": greater_is_worse, "source": "table", "table_id": "T1",
                              "row": 0, "col": 0, "provenance": "test"})  # fmt: skip

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return pd.DataFrame(self.cohorts), pd.DataFrame(self.outcomes)


@pytest.fixture
def frames() -> Frames:
    return Frames()


@pytest.fixture
def three_papers(frames: Frames) -> Frames:
    """The hand-checked dataset: three papers, one treatment vs one vehicle control each (all SD).

    A: arthritis score (greater is worse) control 10 (SD 2, n 8), treated 6 (SD 2, n 8)
    B: arthritis score (greater is worse) control 12 (SD 3, n 6), treated 12.6 (SD 3, n 6)
    C: grip strength (greater is better)  control 20 (SD 4, n 10), treated 26 (SD 4, n 10)
    All three are one outcome "score" for the pooling (C's direction makes g positive = benefit).
    """
    for doc, (mc, sc, nc, mt, st, nt, worse) in {
        "A": (10, 2, 8, 6, 2, 8, True), "B": (12, 3, 6, 12.6, 3, 6, True), "C": (20, 4, 10, 26, 4, 10, False),
    }.items():  # fmt: skip
        frames.cohort(doc, f"{doc}-veh", "model_control", n=nc, species="rat" if doc != "C" else "mouse")
        frames.cohort(doc, f"{doc}-drug", "treatment", n=nt, compound="baricitinib", species="rat" if doc != "C" else "mouse")
        frames.value(f"{doc}-veh", "score", mc, sc, greater_is_worse=worse)
        frames.value(f"{doc}-drug", "score", mt, st, greater_is_worse=worse)
    return frames
