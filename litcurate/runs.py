"""Run records: what each ingest, reextract or purge did, and which records it changed.

A run record is `curated/runs/<run_id>.json` (run ids sort by start time). Per curated table
it lists the ids of the records the run added, removed and changed. A record is found again
across runs by its key (`record_id`, `entity_id`, or the natural key of the table) and is
"changed" when the content hash of its other columns differs. Left out of the hash: volatile
columns (timestamps), so re-extracting an unchanged document changes nothing, and positions
(provenance columns, character offsets), so a record that only moved because a line above it was
edited is not reported as changed.

Tools downstream (the review queue) read `tables.<name>.changed` to send already reviewed
records back for review.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from litcurate.storage import CuratedStore
from litcurate.values import plain
from schemas.registry import TABLES

RUNS_DIR = "runs"
VOLATILE = frozenset({"ingested_at", "at"})
POSITIONAL = frozenset({"provenance", "start", "end"})

# How each table's records are identified across runs. Citations have no natural key: a
# citation is its content, so it is only ever added or removed.
KEYS: dict[str, tuple[str, ...]] = {
    "studies": ("record_id",),
    "outcomes": ("record_id",),
    "potency": ("record_id",),
    "entities": ("entity_id",),
    "references": ("doc_id", "ref_number"),
    "tables": ("doc_id", "table_id"),
    "cells": ("doc_id", "table_id", "row", "col"),
    "citations": (),
}

Key = str | tuple[Any, ...]
Snapshot = dict[str, dict[Key, str]]


def content_hash(row: Mapping[str, Any], exclude: Iterable[str] = ()) -> str:
    """Gives a 16-hex digest of a row's columns, less excluded, volatile and positional ones."""
    skip = VOLATILE | POSITIONAL | set(exclude)
    # Any `*provenance` column (provenance, field_provenance...) says where, not what.
    content = {k: plain(v) for k, v in row.items() if k not in skip and not k.endswith("provenance")}
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def row_key(table: str, row: Mapping[str, Any]) -> Key:
    """Gives the key that finds a record of a table again in a later run."""
    cols = KEYS.get(table, ())
    if not cols:
        return content_hash(row)
    if len(cols) == 1:
        return str(row[cols[0]])
    return tuple(plain(row[c]) for c in cols)


def frame_to_hashes(table: str, df: pd.DataFrame) -> dict[Key, str]:
    """Gives {key: content hash} for the rows of one table."""
    keys = KEYS.get(table, ())
    out: dict[Key, str] = {}
    seen: Counter[Key] = Counter()
    for row in df.to_dict("records"):
        key = row_key(table, row)
        if not keys:  # keyed by content: a sentence citing [7] twice is two records, not one
            seen[key] += 1
            key = (key, seen[key])
        out[key] = content_hash(row, keys)
    return out


def snapshot(store: CuratedStore, doc_ids: Iterable[str]) -> Snapshot:
    """Gives the key and content hash of every record the documents have, per table."""
    ids = sorted(set(doc_ids))
    if not ids:
        return {t: {} for t in TABLES}
    return {t: frame_to_hashes(t, store.read(t, ids)) for t in TABLES}


@dataclass(slots=True)
class TableDiff:
    """The keys of one table's records a run added, removed and changed."""

    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    changed: list[Any] = field(default_factory=list)

    def extend(self, other: TableDiff) -> None:
        """Adds another diff's keys to this one."""
        self.added += other.added
        self.removed += other.removed
        self.changed += other.changed


def _jsonable(key: Key) -> Any:
    return list(key) if isinstance(key, tuple) else key


def diff_snapshots(before: Snapshot, after: Snapshot) -> dict[str, TableDiff]:
    """Gives, per table, the keys added, removed and changed between two snapshots."""
    out: dict[str, TableDiff] = {}
    for t in TABLES:
        b, a = before.get(t, {}), after.get(t, {})
        out[t] = TableDiff(
            added=[_jsonable(k) for k in sorted(a.keys() - b.keys(), key=str)],
            removed=[_jsonable(k) for k in sorted(b.keys() - a.keys(), key=str)],
            changed=[_jsonable(k) for k in sorted(a.keys() & b.keys(), key=str) if a[k] != b[k]],
        )
    return out


def merge_diffs(into: dict[str, TableDiff], more: Mapping[str, TableDiff]) -> dict[str, TableDiff]:
    """Gives `into` with the keys of `more` added (the diffs of a run's batches, summed)."""
    for t, d in more.items():
        into.setdefault(t, TableDiff()).extend(d)
    return into


def now() -> str:
    """Gives the current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_run_id() -> str:
    """Gives a run id that sorts by start time: `20250102T030405.678Z-1a2b3c`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")[:-3]
    return f"{stamp}Z-{uuid.uuid4().hex[:6]}"


@dataclass(slots=True)
class RunRecord:
    """What one run did: documents by outcome and record ids per table."""

    run_id: str
    kind: str
    started: str
    paths: list[str] = field(default_factory=list)
    extractor_version: str | None = None
    ended: str | None = None
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    tables: dict[str, TableDiff] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Gives the number of records added, removed and changed over all tables."""
        return {k: sum(len(getattr(d, k)) for d in self.tables.values()) for k in ("added", "removed", "changed")}

    def to_json(self) -> dict[str, Any]:
        """Gives the record as JSON-able data, with totals for a quick look."""
        data = asdict(self)
        data["n"] = {
            "processed": len(self.processed), "skipped": len(self.skipped), "failed": len(self.failed),
            "partial": len(self.partial), "removed": len(self.removed),
            **{f"records_{k}": v for k, v in self.counts().items()},
        }  # fmt: skip
        return data


def start_run(kind: str, paths: Iterable[str | Path] = (), extractor_version: str | None = None) -> RunRecord:
    """Gives a new run record, started now."""
    return RunRecord(new_run_id(), kind, now(), [str(p) for p in paths], extractor_version)


def write_run_record(curated: str | Path, record: RunRecord) -> Path:
    """Writes the run record (atomically), stamping its end; gives its path."""
    record.ended = record.ended or now()
    folder = Path(curated) / RUNS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.run_id}.json"
    tmp = folder / f".{record.run_id}.tmp"
    tmp.write_text(json.dumps(record.to_json(), indent=1, ensure_ascii=False, default=str))
    os.replace(tmp, path)
    return path


def read_run_records(curated: str | Path, *, last: int | None = None) -> list[dict[str, Any]]:
    """Gives the run records of a curated folder, oldest first (the `last` n if given)."""
    folder = Path(curated) / RUNS_DIR
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if last is not None:
        files = files[-last:] if last > 0 else []
    records = []
    for f in files:
        try:
            records.append(json.loads(f.read_text()))
        except (OSError, ValueError):
            continue  # a record being written by a live run: shown next time
    return records


def tracked(store: CuratedStore, doc_ids: Iterable[str], body: Callable[[], Any]) -> tuple[Any, dict[str, TableDiff]]:
    """Gives body()'s result and the diff of the documents' records across it."""
    ids = list(doc_ids)
    before = snapshot(store, ids)
    result = body()
    return result, diff_snapshots(before, snapshot(store, ids))
