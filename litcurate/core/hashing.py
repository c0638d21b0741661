"""Digests of records: one way to hash a row's content, shared by run diffs and review."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from litcurate.core.values import plain


def digest(content: Mapping[str, Any], length: int = 16) -> str:
    """Gives `length` hex chars of SHA-256 of a mapping as canonical JSON of plain values."""
    blob = json.dumps(
        {k: plain(v) for k, v in content.items()}, sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:length]
