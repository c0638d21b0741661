"""The CAMARADES / SyRF outcome-data sheet: one row per cohort x outcome (x timepoint).

SyRF describes a cohort by two roles: its model role (`model`: animals with the disease model;
`model control`: animals without it, sham or naive) and its intervention role (`intervention`:
a treatment, a reference drug, or the drug alone; `intervention control`: vehicle). The sheet
keeps SyRF's column names so that it loads into SyRF's meta-analysis app or R (metafor) as is.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd

# cohort role -> (ModelType, InterventionType)
ROLE_TYPES: dict[str, tuple[str | None, str | None]] = {
    "treatment": ("model", "intervention"),
    "positive_control": ("model", "intervention"),
    "model_control": ("model", "intervention control"),
    "sham": ("model control", "intervention control"),
    "drug_only": ("model control", "intervention"),
    "naive": ("model control", None),
    "other": (None, None),
}
SYRF_COLUMNS = [
    "Author",
    "Year",
    "ExperimentID",
    "CohortId",
    "CohortLabel",
    "OutcomeId",
    "OutcomeLabel",
    "Timepoint",
    "Unit",
    "ModelType",
    "InterventionType",
    "OutcomeResult",
    "OutcomeError",
    "ErrorType",
    "NumberOfAnimals",
    "GreaterIsWorse",
]
# Study characteristics after the SyRF columns: cohort column -> sheet column.
CHARACTERISTICS = {
    "species": "Species",
    "strain": "Strain",
    "sex": "Sex",
    "age_or_weight": "AgeOrWeight",
    "model": "Model",
    "induction": "Induction",
    "compound": "Compound",
    "dose_value": "Dose",
    "dose_unit": "DoseUnit",
    "dose_mg_per_kg": "DoseMgPerKg",
    "route": "Route",
    "frequency": "Frequency",
    "timing": "Timing",
    "duration_value": "Duration",
    "duration_unit": "DurationUnit",
    "role": "CohortRole",
    "doc_id": "DocId",
    "source": "DataSource",
    "table_id": "TableId",
}


def _short_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


def _first(v: Any) -> Any:
    # `authors` is a list (or an array, from Parquet): the first author names the paper.
    if isinstance(v, str) or not hasattr(v, "__iter__"):
        return v
    return next(iter(v), None)


def _author_year(papers: pd.DataFrame | None) -> pd.DataFrame:
    """doc_id -> Author (first author's name, else the title) and Year, from whatever columns exist."""
    if papers is None or papers.empty:
        return pd.DataFrame(columns=["doc_id", "Author", "Year"])
    p = papers.drop_duplicates("doc_id").set_index("doc_id")
    author = pd.Series(None, index=p.index, dtype=object)
    for col in ("first_author", "author", "authors", "title"):
        if col in p.columns:
            vals = p[col].map(_first)
            author = author.where(author.notna(), vals)
    year = (
        pd.to_numeric(p["year"], errors="coerce").astype("Int64")
        if "year" in p.columns
        else pd.Series(pd.NA, index=p.index)
    )
    return pd.DataFrame({"doc_id": p.index, "Author": author.to_numpy(), "Year": year.to_numpy()})


def syrf_sheet(
    cohorts: pd.DataFrame, outcome_data: pd.DataFrame, papers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The SyRF outcome-data sheet; `papers` (doc_id with first_author/author(s)/title and year) fills Author/Year."""
    coh = cohorts.reindex(columns=["record_id", "experiment", "label", "n", *CHARACTERISTICS]).drop(
        columns="doc_id"
    )
    od = outcome_data.reindex(
        columns=[
            "record_id",
            "doc_id",
            "cohort_record_id",
            "outcome",
            "outcome_id",
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
    coh = coh.drop(columns=["source", "table_id"])
    rows = od.merge(
        coh.rename(columns={"record_id": "cohort_record_id", "n": "cohort_n"}),
        on="cohort_record_id",
        how="left",
    )
    rows = rows.merge(_author_year(papers), on="doc_id", how="left")
    types = rows["role"].map(lambda r: ROLE_TYPES.get(str(r), (None, None)))
    sheet = pd.DataFrame(
        {
            "Author": rows["Author"].where(rows["Author"].notna(), rows["doc_id"]),
            "Year": rows["Year"],
            "ExperimentID": [
                _short_id(d, e if pd.notna(e) else "")
                for d, e in zip(rows["doc_id"], rows["experiment"], strict=True)
            ],
            "CohortId": rows["cohort_record_id"],
            "CohortLabel": rows["label"],
            # The vocabulary id where there is one, else an id of the outcome's name within its paper.
            "OutcomeId": [
                oid if pd.notna(oid) else _short_id(d, o)
                for oid, d, o in zip(rows["outcome_id"], rows["doc_id"], rows["outcome"], strict=True)
            ],
            "OutcomeLabel": rows["outcome"],
            "Timepoint": rows["timepoint"],
            "Unit": rows["unit"],
            "ModelType": [t[0] for t in types],
            "InterventionType": [t[1] for t in types],
            "OutcomeResult": pd.to_numeric(rows["mean"], errors="coerce"),
            "OutcomeError": pd.to_numeric(rows["error"], errors="coerce"),
            "ErrorType": rows["error_type"].map(lambda e: None if pd.isna(e) else str(e).lower()),
            "NumberOfAnimals": pd.to_numeric(rows["n"], errors="coerce").fillna(
                pd.to_numeric(rows["cohort_n"], errors="coerce")
            ),
            "GreaterIsWorse": rows["greater_is_worse"],
        }
    )
    for col, name in CHARACTERISTICS.items():
        if name not in sheet.columns:
            sheet[name] = rows[col].to_numpy()
    return sheet.sort_values(
        ["Author", "ExperimentID", "OutcomeLabel", "CohortId"], na_position="last"
    ).reset_index(drop=True)


def write_syrf(curated: Any, out: Any) -> int:
    """Writes the SyRF sheet of a curated dataset's reviewed view as CSV; gives its rows.

    Rejected cohorts and values are left out and edits are in, as `litcurate meta` pools them;
    the paper's title stands for its author when the dataset has no author for it.
    """
    from pathlib import Path

    from litcurate.review.store import open_store
    from litcurate.review.view import reviewed_table

    store = open_store(curated, read_only=True)
    try:
        cohorts, values = (reviewed_table(store, t) for t in ("cohorts", "outcome_data"))
    finally:
        store.close()
    cohorts = cohorts[cohorts["review_status"] != "rejected"] if "review_status" in cohorts else cohorts
    values = values[values["review_status"] != "rejected"] if "review_status" in values else values
    values = values[values["cohort_record_id"].notna()]  # SyRF rows belong to a cohort
    papers = pd.read_parquet(Path(curated) / "documents", columns=["doc_id", "title"])
    sheet = syrf_sheet(cohorts, values, papers)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.to_csv(target, index=False)
    return len(sheet)
