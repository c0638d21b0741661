"""The one clock of litcurate: UTC, ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso(timespec: str = "seconds") -> str:
    """Gives the current UTC time as ISO 8601 (`timespec` as `datetime.isoformat` takes it)."""
    return datetime.now(UTC).isoformat(timespec=timespec)
