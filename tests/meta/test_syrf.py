"""The SyRF outcome-data sheet: one row per cohort x outcome, SyRF's column names and role vocabulary."""

from __future__ import annotations

import math

import pandas as pd

from litcurate.meta import syrf_sheet
from litcurate.meta.syrf import SYRF_COLUMNS


def test_one_row_per_cohort_and_outcome_with_syrf_roles(frames):
    frames.cohort(
        "E", "sham", "sham", n=8, species="rat", strain="Wistar", sex="male", model="CIA", route="oral"
    )
    frames.cohort("E", "veh", "model_control", n=8, species="rat", model="CIA")
    frames.cohort(
        "E",
        "drug",
        "treatment",
        n=8,
        compound="baricitinib",
        dose_value=3.0,
        dose_unit="mg/kg",
        species="rat",
        model="CIA",
        route="oral",
    )
    for cid, mean in (("sham", 2), ("veh", 10), ("drug", 6)):
        frames.value(cid, "score", mean, 0.5, "SEM")
        frames.value(cid, "paw volume", mean / 10, 0.1, "SD", greater_is_worse=True, n=7)
    papers = pd.DataFrame({"doc_id": ["E"], "authors": [["Smith J", "Lee K"]], "year": [2019]})
    sheet = syrf_sheet(*frames.frames(), papers=papers)
    assert list(sheet.columns[: len(SYRF_COLUMNS)]) == SYRF_COLUMNS
    assert {"Species", "Strain", "Sex", "Model", "Compound", "Dose", "Route"} <= set(sheet.columns)
    assert len(sheet) == 6  # 3 cohorts x 2 outcomes
    assert set(sheet["Author"]) == {"Smith J"} and set(sheet["Year"]) == {2019}
    types = sheet.drop_duplicates("CohortId").set_index("CohortId")[["ModelType", "InterventionType"]]
    assert types.loc["sham"].tolist() == ["model control", "intervention control"]
    assert types.loc["veh"].tolist() == ["model", "intervention control"]
    assert types.loc["drug"].tolist() == ["model", "intervention"]
    score = sheet[sheet["OutcomeLabel"] == "score"].set_index("CohortId")
    assert score.loc["drug", "ErrorType"] == "sem" and score.loc["drug", "OutcomeResult"] == 6
    assert score.loc["drug", "NumberOfAnimals"] == 8  # the cohort's n
    assert score.loc["drug", "Compound"] == "baricitinib" and score.loc["drug", "Dose"] == 3.0
    paw = sheet[sheet["OutcomeLabel"] == "paw volume"]
    assert set(paw["NumberOfAnimals"]) == {7} and set(paw["ErrorType"]) == {"sd"}  # the outcome's own n
    # one experiment, one id per outcome in it
    assert sheet["ExperimentID"].nunique() == 1 and sheet["OutcomeId"].nunique() == 2


def test_without_papers_the_author_is_the_document_id(frames):
    frames.cohort("doc-1", "veh", "model_control", n=5)
    frames.value("veh", "score", 1.0, None, "unknown")
    sheet = syrf_sheet(*frames.frames())
    row = sheet.iloc[0]
    assert row["Author"] == "doc-1" and pd.isna(row["Year"])
    assert row["ErrorType"] == "unknown" and math.isnan(row["OutcomeError"])
