"""Checks and patterns shared by the table schemas, registered once with Pandera."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from pandera import extensions

DOC_ID = r"^[0-9a-f]{16}$"
RECORD_ID = r"^[0-9a-f]{16,40}$"


# json's C scanner, called directly: `json.loads` adds two regex matches and a few calls per
# value, ~3x the parse of a small object (a commit checks ~400 a document).
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__, untyped


def _is_json_object(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        obj, end = _SCAN(value, 0)
        if end == len(value):
            return isinstance(obj, dict)
    except (StopIteration, ValueError):
        pass  # not JSON where it starts: whitespace around it, or not JSON at all
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False


def _is_list_of(value: Any, kind: str) -> bool:
    if value is None or isinstance(value, (str, bytes, dict)):
        return False
    try:
        items = list(value)
    except TypeError:
        return False
    if kind == "int":
        return all(isinstance(i, int) or (hasattr(i, "__index__") and not isinstance(i, bool)) for i in items)
    return all(isinstance(i, str) for i in items)


@extensions.register_check_method(statistics=[])
def json_object(pandas_obj: pd.Series) -> pd.Series:
    """Every value is a JSON object (provenance: line/offsets, element path, or page/bbox)."""
    return pandas_obj.map(_is_json_object)


@extensions.register_check_method(statistics=["kind"])
def list_of(pandas_obj: pd.Series, *, kind: str) -> pd.Series:
    """Every value is a list of `kind` ("int" or "str") items; an empty list is fine."""
    return pandas_obj.map(lambda v: _is_list_of(v, kind))
