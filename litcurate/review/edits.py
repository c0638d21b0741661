"""Turning a curator's typed value into a field value, and checking it with the table's schema.

An edit is validated by the same Pandera model that validated the extraction: the record,
with every earlier edit and the new value applied, must pass as a one-row table.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from litcurate.review import InvalidEditError
from schemas.catalog import spec


def _arrow_type(table: str, field: str) -> pa.DataType:
    from litcurate.storage import arrow_schema

    schema = arrow_schema(table)
    return schema.field(field).type if field in schema.names else pa.string()


def parse_value(table: str, field: str, text: str | None) -> Any:
    """Gives the typed value of a field from what the curator typed (empty text gives None)."""
    if text is None or text.strip() == "":
        return [] if pa.types.is_list(_arrow_type(table, field)) else None
    text = text.strip()
    kind = _arrow_type(table, field)
    try:
        if pa.types.is_list(kind):
            items = (
                json.loads(text)
                if text.startswith("[")
                else [t for t in text.replace(";", ",").split(",") if t.strip()]
            )
            return [int(i) if pa.types.is_integer(kind.value_type) else str(i).strip() for i in items]
        if pa.types.is_integer(kind):
            return int(text)
        if pa.types.is_floating(kind):
            return float(text)
        if pa.types.is_boolean(kind):
            if text.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(text)
            return text.lower() in ("true", "yes", "1")
    except (ValueError, TypeError) as exc:
        raise InvalidEditError(f"{table}.{field}: {text!r} is not a valid {kind} value") from exc
    return text


def validate_edit(table: str, record: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    """Gives the record with the value applied, or raises InvalidEditError with the schema's reasons."""
    import pandas as pd

    from schemas.validate import rows_to_frame, validate_table

    if field not in spec(table).content_fields(record):
        editable = ", ".join(spec(table).content_fields(record))
        raise InvalidEditError(f"{table}.{field} cannot be edited; editable fields: {editable}")
    edited = dict(record)
    edited[field] = value
    df = rows_to_frame(table, [edited])
    for column in ("start", "end", "block_index", "row", "col", "ref_number", "year"):
        if column in df.columns:  # nullable integers, as the schema expects them
            df[column] = pd.array(df[column], dtype="Int64")
    _valid, failures = validate_table(table, df)
    if failures:
        reasons = "; ".join(
            sorted({_reason(table, f.get("column"), str(f.get("check") or "")) for f in failures})
        )
        raise InvalidEditError(f"{table}.{field} = {value!r} is refused by the {table} schema: {reasons}")
    return edited


def _reason(table: str, column: str | None, check: str) -> str:
    """Gives a failed check in words: the allowed values, a bound, or the field's description for
    a pattern (a curator needs what to type, not a regular expression)."""
    if not column:
        return f"the row fails {check}"
    col = spec(table).model.to_schema().columns.get(column)
    name = check.split("(", 1)[0]
    if check == "not_nullable":
        return f"{column} cannot be empty"
    if col is None:
        return f"{column} fails {check}"
    for c in col.checks:
        if c.name != name:
            continue
        stats = c.statistics or {}
        if "allowed_values" in stats:
            return f"{column} must be one of: {', '.join(str(v) for v in stats['allowed_values'])}"
        if "min_value" in stats:
            op = "at least" if "equal" in c.name else "more than"
            return f"{column} must be {op} {stats['min_value']}"
        if "max_value" in stats:
            op = "at most" if "equal" in c.name else "less than"
            return f"{column} must be {op} {stats['max_value']}"
        if "pattern" in stats:  # a short pattern reads as a form; a long one is noise beside the description
            form = f" (the form {stats['pattern']})" if len(str(stats["pattern"])) <= 40 else ""
            return f"{column} must be written as described: {col.description or 'see the schema'}{form}"
    return f"{column} fails {check}"
