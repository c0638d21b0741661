"""Lazy validation of a batch of curated rows, and the cross-table checks.

One `validate` call per table per batch (each call has a fixed cost of ~24 ms), all failures
collected at once. Rows that fail are quarantined, with the reason, as `failures` rows;
valid rows go on; nothing is silently dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pandera.pandas as pa

from litcurate.values import plain
from schemas.registry import SCHEMAS, columns


def now_iso() -> str:
    """Gives the current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class ValidationResult:
    """Valid rows per table, and one failures row per problem found."""

    valid: dict[str, pd.DataFrame]
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tells whether nothing failed."""
        return not self.failures


def empty_frame(table: str) -> pd.DataFrame:
    """Gives an empty DataFrame with the table's columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns(table)})


def rows_to_frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Gives the rows as a DataFrame with the schema's columns first."""
    if not rows:
        return empty_frame(table)
    df = pd.DataFrame(rows)
    ordered = columns(table) + [c for c in df.columns if c not in columns(table)]
    for c in columns(table):
        if c not in df.columns:
            df[c] = None
    return df[ordered]


def _row_json(row: pd.Series) -> str:
    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False, default=str)


def _failure(table: str, row: pd.Series | None, *, stage: str, column: Any, check: Any,
             case: Any, message: str) -> dict[str, Any]:  # fmt: skip
    doc_id = None
    if row is not None and "doc_id" in row:
        doc_id = row["doc_id"]
    return {
        "doc_id": doc_id, "source_path": None, "stage": stage, "table": table,
        "column": None if column is None or pd.isna(column) else str(column),
        "check": None if check is None else str(check),
        "failure_case": _row_json(row) if row is not None else (None if case is None else str(case)),
        "message": message, "at": now_iso(),
    }  # fmt: skip


def validate_table(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Gives the valid rows of one table and a failures row per failing row and check."""
    schema = SCHEMAS[table]
    if df.empty:
        return df, []
    try:
        return schema.validate(df, lazy=True), []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    failures = []
    bad_index: set[Any] = set()
    whole_table = False
    for case in cases.itertuples(index=False):
        idx = case.index
        if idx is None or (isinstance(idx, float) and pd.isna(idx)):
            whole_table = True
            failures.append(_failure(table, None, stage="validate", column=case.column,
                                     check=case.check, case=case.failure_case,
                                     message=f"{table}: {case.check} failed on column {case.column}"))  # fmt: skip
            continue
        bad_index.add(idx)
        failures.append(_failure(table, df.loc[idx], stage="validate", column=case.column,
                                 check=case.check, case=case.failure_case,
                                 message=f"{table}.{case.column}: value {case.failure_case!r} fails {case.check}"))  # fmt: skip
    if whole_table:
        return df.iloc[0:0], failures
    good = df.drop(index=list(bad_index))
    return (schema.validate(good, lazy=True) if not good.empty else good), failures


def cross_check(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, Any]]]:
    """Gives the frames without rows that break a cross-table rule, and a failure per row.

    Rules: every cited number exists in `references` of the same document; every
    `study_record_id` of `outcomes` exists in `studies`.
    """
    failures: list[dict[str, Any]] = []
    refs = frames.get("references")
    known: set[tuple[str, int]] = set()
    if refs is not None and not refs.empty:
        known = {(d, int(n)) for d, n in zip(refs["doc_id"], refs["ref_number"], strict=True)}
    out = dict(frames)

    def unresolved(doc_id: str, numbers: Any) -> list[int]:
        return [int(n) for n in list(numbers) if (doc_id, int(n)) not in known]

    cit = frames.get("citations")
    if cit is not None and not cit.empty:
        mask = [(d, int(n)) in known for d, n in zip(cit["doc_id"], cit["ref_number"], strict=True)]
        for _, row in cit[[not m for m in mask]].iterrows():
            failures.append(_failure("citations", row, stage="crosscheck", column="ref_number",
                                     check="ref_number_in_references", case=row["ref_number"],
                                     message=f"citation [{row['ref_number']}] has no entry in the reference list"))  # fmt: skip
        out["citations"] = cit[mask]
    for table in ("studies", "potency"):
        df = frames.get(table)
        if df is None or df.empty:
            continue
        keep = []
        for _, row in df.iterrows():
            missing = unresolved(row["doc_id"], row["ref_numbers"])
            keep.append(not missing)
            if missing:
                failures.append(_failure(table, row, stage="crosscheck", column="ref_numbers",
                                         check="ref_numbers_in_references", case=missing,
                                         message=f"{table} row cites {missing}, not in the reference list"))  # fmt: skip
        out[table] = df[keep]
    outc, studies = frames.get("outcomes"), out.get("studies")
    if outc is not None and not outc.empty:
        ids = set(studies["record_id"]) if studies is not None and not studies.empty else set()
        mask = outc["study_record_id"].isin(ids)
        for _, row in outc[~mask].iterrows():
            failures.append(_failure("outcomes", row, stage="crosscheck", column="study_record_id",
                                     check="study_record_id_in_studies", case=row["study_record_id"],
                                     message="outcome of a study row that is not in studies"))  # fmt: skip
        out["outcomes"] = outc[mask]
    return out, failures


def validate_frames(frames: dict[str, pd.DataFrame]) -> ValidationResult:
    """Gives every table validated (lazily, once per table) and cross-checked."""
    valid: dict[str, pd.DataFrame] = {}
    failures: list[dict[str, Any]] = []
    for table, df in frames.items():
        good, bad = validate_table(table, df)
        valid[table] = good
        failures.extend(bad)
    valid, cross = cross_check(valid)
    failures.extend(cross)
    return ValidationResult(valid, failures)
