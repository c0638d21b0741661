"""Run records: what each ingest, reextract or purge did, and which records it changed.

A run record is `curated/runs/<run_id>.json` (run ids sort by start time). Per curated table
it lists the ids of the records the run added, removed and changed. A record is found again
across runs by its key and is "changed" when its content hash differs: both come from the
table's spec in `schemas.catalog`, and the review queue uses the same hash to send reviewed
records back for review. Timestamps, positions and context are not content, so re-extracting
an unchanged document changes nothing, and a record that only moved because a line above it
was edited is not reported as changed.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from litcurate.core.clock import now_iso
from litcurate.core.values import plain
from litcurate.run_diffs import DiffLog
from litcurate.storage import CuratedStore
from schemas.catalog import RECORD_TABLES as TABLES
from schemas.catalog import spec

RUNS_DIR = "runs"

Key = str | tuple[Any, ...]
Snapshot = dict[str, dict[Key, str]]


def row_key(table: str, row: Mapping[str, Any]) -> Key:
    """Gives the key that finds a record of a table again in a later run (the catalog's)."""
    cols = spec(table).key
    if len(cols) == 1:
        return str(row[cols[0]])
    return tuple(plain(row[c]) for c in cols)


def frame_to_hashes(table: str, df: pd.DataFrame, *, hashed: bool = True) -> dict[Key, str]:
    """Gives {key: content hash} for the rows of one table (without `hashed`, {key: ""}).

    A key seen again in the same document is numbered, so a sentence citing [7] twice is
    two records, not one.
    """
    table_spec = spec(table)
    out: dict[Key, str] = {}
    seen: Counter[Key] = Counter()
    if hashed:
        rows = df.to_dict("records")
        pairs: Iterable[tuple[Key, str]] = ((row_key(table, r), table_spec.content_hash(r)) for r in rows)
    else:  # keys alone, read column by column (no dict a row): most of a fresh ingest's rows
        cols = [df[c].tolist() for c in table_spec.key]
        if len(cols) == 1:
            keys: Iterable[Key] = (str(v) for v in cols[0])
        else:
            keys = (tuple(plain(v) for v in values) for values in zip(*cols, strict=True))
        pairs = ((k, "") for k in keys)
    for key, content in pairs:
        seen[key] += 1
        if seen[key] > 1:
            key = (*key, seen[key]) if isinstance(key, tuple) else (key, seen[key])
        out[key] = content
    return out


def snapshot(store: CuratedStore, doc_ids: Iterable[str], hashed: Collection[str] | None = None) -> Snapshot:
    """Gives the key and content hash of every record the documents have, per table.

    Tables not in `hashed` (default: all are) give their keys alone, with "" for the hash.
    """
    ids = sorted(set(doc_ids))
    if not ids:
        return {t: {} for t in TABLES}
    out: Snapshot = {}
    for t in TABLES:
        whole = hashed is None or t in hashed
        # Keys alone need only the key columns: a fresh ingest's snapshot after its write
        # read every column of every row it had just written (~10 MB a chunk of 200 guides).
        rows = store.read(t, ids, columns=None if whole else list(spec(t).key))
        out[t] = frame_to_hashes(t, rows, hashed=whole)
    return out


@dataclass(slots=True)
class TableDiff:
    """The keys of one table's records a run added, removed and changed."""

    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    changed: list[Any] = field(default_factory=list)


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


def now() -> str:
    """Gives the current UTC time as ISO 8601, to the millisecond (run records sort by it)."""
    return now_iso("milliseconds")


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
    refused: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    diffs: DiffLog = field(default_factory=DiffLog)  # the record keys per table: `tables` in JSON
    meta: list[dict[str, Any]] = field(default_factory=list)  # pooled estimates the run moved

    def counts(self) -> dict[str, int]:
        """Gives the number of records added, removed and changed over all tables."""
        return self.diffs.counts()

    def to_json(self) -> dict[str, Any]:
        """Gives the record as JSON-able data, with totals for a quick look."""
        # Not `asdict`: it deep-copies every key of every table (~365 per small document), which
        # cost ~7 ms per document of a fresh ingest, in the run's own process.
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "diffs"}
        data["tables"] = self.diffs.tables()
        data["n"] = self.to_json_totals()
        return data

    def to_json_totals(self) -> dict[str, int]:
        """Gives the record's totals: documents by outcome, records by change."""
        return {
            "processed": len(self.processed),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "partial": len(self.partial),
            "removed": len(self.removed),
            **{f"records_{k}": v for k, v in self.counts().items()},
        }


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
    # A field a line, each encoded compactly (`indent` would send every key of every table
    # through json's pure-Python encoder: ~2 s per 1,000 documents); the tables' keys are
    # copied from the run's diff log, never all in memory.
    data = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "diffs"}
    data["n"] = record.to_json_totals()
    with tmp.open("w", encoding="utf-8") as out:
        out.write("{\n")
        for k, v in data.items():
            out.write(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, default=str)},\n")
        out.write('"tables": ')
        record.diffs.write_tables(out)
        out.write("\n}\n")
    os.replace(tmp, path)
    record.diffs.written_to(path)
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


def tracked(
    store: CuratedStore, doc_ids: Iterable[str], body: Callable[[], Any]
) -> tuple[Any, dict[str, TableDiff]]:
    """Gives body()'s result and the diff of the documents' records across it."""
    ids = list(doc_ids)
    before = snapshot(store, ids)
    result = body()
    # Where the documents had no rows before, every row after is added and none can have
    # changed: the keys are the whole diff, and hashing every row's content (most of a fresh
    # ingest's commit) would decide nothing.
    after = snapshot(store, ids, hashed={t for t, rows in before.items() if rows})
    return result, diff_snapshots(before, after)
