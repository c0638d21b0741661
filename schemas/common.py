"""Checks and field helpers shared by the table schemas."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pandera.pandas as pa

DOC_ID = r"^[0-9a-f]{16}$"
RECORD_ID = r"^[0-9a-f]{16,40}$"


def _is_json_object(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


def provenance_is_json(series: pd.Series) -> pd.Series:
    """Tells, per row, whether the provenance is a JSON object (line/offsets, path or page)."""
    return series.map(_is_json_object)


def is_list_of(kind: type) -> pa.Check:
    """Gives a check that every value is a list (or array) of `kind` items."""

    def check(series: pd.Series) -> pd.Series:
        def ok(v: Any) -> bool:
            if v is None or (isinstance(v, float) and pd.isna(v)):
                return False
            try:
                items = list(v)
            except TypeError:
                return False
            return not isinstance(v, str) and all(isinstance(i, kind) or (kind is int and hasattr(i, "__index__")) for i in items)

        return series.map(ok)

    return pa.Check(check, name=f"list_of_{kind.__name__}", element_wise=False)


PROVENANCE = pa.Check(provenance_is_json, name="provenance_is_json_object")
