"""Lazy validation of a batch of curated rows, and the cross-table checks.

One `validate` call per table per batch (each call has a fixed cost of ~24 ms), all failures
collected at once. Rows that fail are quarantined, with the reason, as `failures` rows;
valid rows go on; nothing is silently dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa

from litcurate.core.clock import now_iso
from litcurate.core.values import plain
from schemas.catalog import SPECS, Link, spec


def columns(table: str) -> list[str]:
    """Gives the columns of a table in schema order."""
    return spec(table).columns()


@dataclass(slots=True)
class ValidationResult:
    """Valid rows per table, one failures row per quarantined row, one per kept row's warning."""

    valid: dict[str, pd.DataFrame]
    failures: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tells whether no row failed (warnings about kept rows do not count)."""
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


def _failure(
    table: str, row: pd.Series | None, *, stage: str, column: Any, check: Any, case: Any, message: str
) -> dict[str, Any]:
    doc_id = None
    if row is not None and "doc_id" in row:
        doc_id = row["doc_id"]
    return {
        "doc_id": doc_id,
        "source_path": None,
        "stage": stage,
        "table": table,
        "column": None if column is None or pd.isna(column) else str(column),
        "check": None if check is None else str(check),
        "failure_case": _row_json(row) if row is not None else (None if case is None else str(case)),
        "message": message,
        "at": now_iso(),
    }


def validate_table(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Gives the valid rows of one table and a failures row per failing row and check."""
    schema = spec(table).model
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
            failures.append(
                _failure(
                    table,
                    None,
                    stage="validate",
                    column=case.column,
                    check=case.check,
                    case=case.failure_case,
                    message=f"{table}: {case.check} failed on column {case.column}",
                )
            )
            continue
        bad_index.add(idx)
        failures.append(
            _failure(
                table,
                df.loc[idx],
                stage="validate",
                column=case.column,
                check=case.check,
                case=case.failure_case,
                message=f"{table}.{case.column}: value {case.failure_case!r} fails {case.check}",
            )
        )
    if whole_table:
        return df.iloc[0:0], failures
    good = df.drop(index=list(bad_index))
    return (schema.validate(good, lazy=True) if not good.empty else good), failures


def _link_failures(
    table: str, df: pd.DataFrame, link: Link, known: set[Any]
) -> tuple[list[bool], list[dict[str, Any]]]:
    """Gives, per row, whether its link holds, and a failures row per broken link."""
    holds, failures = [], []
    # Column by column, not `iterrows` (a Series built per row was most of a commit's checks);
    # the row is made only for a link that breaks.
    for i, (doc_id, value) in enumerate(zip(df["doc_id"], df[link.column], strict=True)):
        values = list(value) if link.many else [value]
        values = [v for v in values if plain(v) is not None]  # a null link (a figure-only value) is no link
        missing = [
            plain(v) for v in values if ((doc_id, plain(v)) if link.same_document else plain(v)) not in known
        ]
        holds.append(not missing)
        if missing:
            case = missing if link.many else missing[0]
            kept = " (row kept)" if link.on_break == "warn" else ""
            stage = "warning" if link.on_break == "warn" else "crosscheck"
            failures.append(
                _failure(
                    table,
                    df.iloc[i],
                    stage=stage,
                    column=link.column,
                    check=link.check,
                    case=case,
                    message=link.message.format(missing=case) + kept,
                )
            )
    return holds, failures


def cross_check(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, Any]]]:
    """Gives the frames without rows that break a quarantining link, and a failure per break.

    The links are the catalog's: a citation whose number the reference list lacks is
    quarantined (its point is the link); a study or potency row citing such a number stays,
    with a warning row, since losing the row would be worse than the broken link.
    """
    failures: list[dict[str, Any]] = []
    out = dict(frames)
    for table_spec in SPECS:
        df = out.get(table_spec.name)
        if df is None or df.empty:
            continue
        for link in table_spec.links:
            target = out.get(link.target)
            known: set[Any] = set()
            if target is not None and not target.empty:
                pairs = zip(target["doc_id"], target[link.target_column], strict=True)
                known = {(d, plain(v)) if link.same_document else plain(v) for d, v in pairs}
            holds, broken = _link_failures(table_spec.name, df, link, known)
            failures.extend(broken)
            if link.on_break == "quarantine":
                df = df[holds]
        out[table_spec.name] = df
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
    failures.extend(f for f in cross if f["stage"] != "warning")
    return ValidationResult(valid, failures, [f for f in cross if f["stage"] == "warning"])
