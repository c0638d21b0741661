"""Builders of small `cohorts` / `outcome_data` frames in the DESIGN.md columns."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest


class Frames:
    """Collects cohorts and their outcome rows; `.frames()` gives (cohorts, outcome_data)."""

    def __init__(self) -> None:
        self.cohorts: list[dict[str, Any]] = []
        self.outcomes: list[dict[str, Any]] = []

    def cohort(
        self,
        doc: str,
        cid: str,
        role: str,
        *,
        n: int | None = None,
        experiment: str | None = None,
        compound: str | None = None,
        **traits: Any,
    ) -> str:
        self.cohorts.append(
            {
                "record_id": cid,
                "doc_id": doc,
                "experiment": experiment,
                "label": cid,
                "role": role,
                "compound": compound,
                "n": n,
                "n_min": None,
                "n_max": None,
                **traits,
            }
        )
        return cid

    def value(
        self,
        cid: str,
        outcome: str,
        mean: float | None,
        error: float | None,
        error_type: str = "SD",
        *,
        n: int | None = None,
        greater_is_worse: bool | None = True,
        timepoint: str | None = None,
    ) -> None:
        doc = next(c["doc_id"] for c in self.cohorts if c["record_id"] == cid)
        self.outcomes.append(
            {
                "record_id": f"od-{len(self.outcomes)}",
                "doc_id": doc,
                "cohort_record_id": cid,
                "outcome": outcome,
                "outcome_id": None,
                "unit": None,
                "timepoint": timepoint,
                "mean": mean,
                "error": error,
                "error_type": error_type,
                "n": n,
                "greater_is_worse": greater_is_worse,
                "source": "table",
                "table_id": "T1",
                "row": 0,
                "col": 0,
                "provenance": "test",
            }
        )

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
        "A": (10, 2, 8, 6, 2, 8, True),
        "B": (12, 3, 6, 12.6, 3, 6, True),
        "C": (20, 4, 10, 26, 4, 10, False),
    }.items():
        frames.cohort(doc, f"{doc}-veh", "model_control", n=nc, species="rat" if doc != "C" else "mouse")
        frames.cohort(
            doc,
            f"{doc}-drug",
            "treatment",
            n=nt,
            compound="baricitinib",
            species="rat" if doc != "C" else "mouse",
        )
        frames.value(f"{doc}-veh", "score", mc, sc, greater_is_worse=worse)
        frames.value(f"{doc}-drug", "score", mt, st, greater_is_worse=worse)
    return frames


PRIMARY = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "primary"


def gold_frames(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A gold file of ../shared/corpus/primary as (cohorts, outcome_data) in the DESIGN.md columns.

    The gold records one experiment per paper, so `experiment` is null; a cohort's id is its label.
    """
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc = path.name.removesuffix(".gold.json")
    species = (gold.get("species") or [{}])[0].get("name")
    model = (gold.get("models") or [{}])[0].get("name")
    cohorts = pd.DataFrame(
        [
            {
                "record_id": f"{doc}:{c['label']}",
                "doc_id": doc,
                "experiment": None,
                "label": c["label"],
                "role": c["role"],
                "compound": c.get("drug"),
                "dose_value": c.get("dose_value"),
                "dose_unit": c.get("dose_unit"),
                "n": c.get("n"),
                "n_min": (c.get("n_range") or [None])[0],
                "n_max": (c.get("n_range") or [None])[-1],
                "species": species,
                "model": model,
            }
            for c in gold["cohorts"]
        ]
    )
    outcomes = pd.DataFrame(
        [
            {
                "record_id": f"{doc}:od{i}",
                "doc_id": doc,
                "cohort_record_id": f"{doc}:{o['cohort']}",
                "outcome": o["outcome"],
                "unit": o.get("unit"),
                "timepoint": None,
                "mean": o.get("mean"),
                "error": o.get("error"),
                "error_type": o.get("error_type") or "unknown",
                "n": o.get("n"),
                "greater_is_worse": o.get("greater_is_worse"),
                "source": "table",
            }
            for i, o in enumerate(gold.get("outcome_data") or [])
        ]
    )
    return cohorts, outcomes


@pytest.fixture
def gold():
    """`gold(stem)` -> (cohorts, outcome_data) of ../shared/corpus/primary/<stem>.gold.json; `gold(None)` -> all."""

    def load(stem: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
        paths = sorted(PRIMARY.glob("*.gold.json")) if stem is None else [PRIMARY / f"{stem}.gold.json"]
        frames = [gold_frames(p) for p in paths]
        return (
            pd.concat([c for c, _ in frames], ignore_index=True),
            pd.concat([o for _, o in frames if not o.empty], ignore_index=True),
        )

    return load
