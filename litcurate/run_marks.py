"""A run's record is written when it starts and completed when it ends.

The started record (`ended` null) sits where the finished one will go
(`curated/runs/<run_id>.json`), so a run killed after it started still leaves its record, and
`status` can say it was interrupted: a record that never ended while no run holds the lock.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from litcurate.runs import RUNS_DIR, RunRecord


def mark_started(curated: str | Path, record: RunRecord) -> Path:
    """Writes the run's record as started, not ended (atomically); gives its path."""
    folder = Path(curated) / RUNS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.run_id}.json"
    tmp = folder / f".{record.run_id}.start.tmp"
    data = record.to_json()
    data["ended"] = None
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str))
    os.replace(tmp, path)
    return path


def run_state(record: dict[str, Any], live: bool) -> str:
    """Gives `finished`, `running` (no end yet, a run holds the lock) or `interrupted`."""
    if record.get("ended"):
        return "finished"
    return "running" if live else "interrupted"
