"""Values read back from Parquet (numpy scalars and arrays, NaN, pandas NA) as plain JSON."""

from __future__ import annotations

import math
from typing import Any


def plain(value: Any) -> Any:
    """Gives a value as plain JSON-able Python (arrays to lists, NaN, NA and NaT to None)."""
    if value is None:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values, no pandas import
        return None
    return value if isinstance(value, str | int | float | bool) else str(value)
