"""The review of one curated folder: queue, records, decisions and their history.

`ReviewStore` is the library the web app and the CLI twins both use: the queries of
`litcurate.review.reading` plus the decisions. Every decision is one appended row of the audit
log; the status of a record is derived from the log each time.
Optimistic concurrency: a caller that loaded a record at version N (the sequence number of
its latest decision) and content hash H may only decide on it while both are unchanged.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from litcurate.review import ConcurrentEditError, ReviewError
from litcurate.review.db import CHANGED_SQL, STATUS_SQL, connect, snapshot
from litcurate.review.edits import parse_value, validate_edit
from litcurate.review.index import sync_index
from litcurate.review.reading import PAGE_SIZE, STATUSES, Filters, Record, RecordReader
from litcurate.storage import require_dataset

__all__ = [
    "ACTIONS",
    "PAGE_SIZE",
    "STATUSES",
    "Filters",
    "Record",
    "ReviewStore",
    "default_reviewer",
    "open_store",
    "review_counts",
    "store_counts",
]

ACTIONS = ("accept", "reject", "edit")


def default_reviewer() -> str:
    """Gives the reviewer name to record when none is given (LITCURATE_REVIEWER, else the login)."""
    try:
        return os.environ.get("LITCURATE_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class ReviewStore(RecordReader):
    """The review database of a curated folder (created on first use)."""

    def __init__(self, curated: str | Path, *, read_only: bool = False) -> None:
        self.curated = Path(curated)
        self.read_only = read_only
        # Read only: an in-memory copy, so that reading commands never write under the folder.
        self.conn: sqlite3.Connection = snapshot(self.curated) if read_only else connect(self.curated)

    def close(self) -> None:
        """Closes the database connection."""
        self.conn.close()

    def sync(self, *, full: bool = False) -> int:
        """Updates the record index from the curated files; gives how many files were read."""
        return sync_index(self.conn, self.curated, full=full)

    def accept_all(
        self,
        filters: Filters,
        *,
        reviewer: str | None = None,
        note: str | None = None,
        expected_count: int | None = None,
    ) -> tuple[int, list[str]]:
        """Accepts every bulk candidate of the filtered set, one audit-log decision per record
        (the same `decide` path as one accept); gives how many were accepted and the ids skipped
        because someone decided on them meanwhile. With `expected_count`, refuses (ReviewError)
        when the set no longer has the size the curator confirmed."""
        rows = self.bulk_candidates(filters)
        if expected_count is not None and len(rows) != expected_count:
            raise ConcurrentEditError(
                f"the filtered set changed: {len(rows)} record(s) to accept now, "
                f"{expected_count} when you confirmed. Nothing was accepted; confirm again."
            )
        who = reviewer or default_reviewer()
        done, skipped = 0, []
        for r in rows:
            try:
                self.decide(r["record_id"], "accept", reviewer=who, note=note, expected_version=r["version"])
                done += 1
            except ConcurrentEditError:
                skipped.append(r["record_id"])
        return done, skipped

    # -- deciding --------------------------------------------------------------------------
    def _append(
        self,
        rec: Record,
        action: str,
        *,
        reviewer: str,
        note: str | None,
        expected_version: int | None,
        expected_hash: str | None,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
    ) -> int:
        if self.read_only:
            raise ReviewError(f"{self.curated}: the review was opened read only; nothing was saved")
        doc = self.document(rec.doc_id) or {}
        self.conn.execute("BEGIN IMMEDIATE")  # one writer at a time: the check and the append are atomic
        try:
            last = self.conn.execute(
                "SELECT seq, reviewer, at, action FROM decisions WHERE record_id = ? "
                "ORDER BY seq DESC LIMIT 1",
                (rec.record_id,),
            ).fetchone()
            current = last["seq"] if last else 0
            if expected_version is not None and current != expected_version:
                raise ConcurrentEditError(
                    f"record {rec.record_id} changed since you loaded it: {last['reviewer']} saved "
                    f"'{last['action']}' at {last['at']} (version {current}, yours was {expected_version}). "
                    "Your change was not saved; reload the record to see theirs."
                )
            if expected_hash is not None and expected_hash != rec.content_hash:
                raise ConcurrentEditError(
                    f"record {rec.record_id} was re-extracted since you loaded it (its content changed). "
                    "Your change was not saved; reload the record."
                )
            cur = self.conn.execute(
                "INSERT INTO decisions (record_id, tbl, doc_id, action, field, old_value, new_value, reviewer, at, "
                "note, extractor_version, content_hash, base_version, snapshot) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    rec.record_id,
                    rec.table,
                    rec.doc_id,
                    action,
                    field,
                    None if field is None else json.dumps(old, ensure_ascii=False),
                    None if field is None else json.dumps(new, ensure_ascii=False),
                    reviewer,
                    datetime.now(UTC).isoformat(timespec="milliseconds"),
                    note or None,
                    doc.get("extractor_version"),
                    rec.content_hash,
                    current,
                    json.dumps(rec.extracted, ensure_ascii=False),
                ),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return int(cur.lastrowid or 0)

    def decide(
        self,
        record_id: str,
        action: str,
        *,
        reviewer: str | None = None,
        note: str | None = None,
        expected_version: int | None = None,
        expected_hash: str | None = None,
    ) -> int:
        """Appends an accept or reject decision; gives its sequence number (the record's new version)."""
        if action not in ("accept", "reject"):
            raise ReviewError(f"unknown action {action!r}: use accept or reject")
        rec = self.record(record_id)
        return self._append(
            rec,
            action,
            reviewer=reviewer or default_reviewer(),
            note=note,
            expected_version=expected_version,
            expected_hash=expected_hash,
        )

    def edit(
        self,
        record_id: str,
        field_name: str,
        text: str | None,
        *,
        reviewer: str | None = None,
        note: str | None = None,
        expected_version: int | None = None,
        expected_hash: str | None = None,
    ) -> int:
        """Validates and appends a field correction; gives its sequence number."""
        rec = self.record(record_id)
        value = parse_value(rec.table, field_name, text)
        validate_edit(rec.table, rec.reviewed, field_name, value)
        return self._append(
            rec,
            "edit",
            reviewer=reviewer or default_reviewer(),
            note=note,
            expected_version=expected_version,
            expected_hash=expected_hash,
            field=field_name,
            old=rec.reviewed.get(field_name),
            new=value,
        )


def open_store(curated: str | Path, *, read_only: bool = False) -> ReviewStore:
    """Gives the review store of a curated folder with its index up to date; `read_only`: a
    copy in memory (the commands that only read write nothing under the folder)."""
    path = require_dataset(curated)
    store = ReviewStore(path, read_only=read_only)
    store.sync()
    return store


def review_counts(curated: str | Path) -> dict[str, int]:
    """Gives how many records are pending, accepted, rejected, edited, changed and orphaned
    (read only: nothing is written)."""
    store = open_store(curated, read_only=True)
    try:
        return store_counts(store)
    finally:
        store.close()


def store_counts(store: ReviewStore) -> dict[str, int]:
    """`review_counts` of a store already open (and synced)."""
    rows = store.conn.execute(
        f"SELECT {STATUS_SQL} AS status, COUNT(*) AS n, SUM({CHANGED_SQL}) AS n_changed "
        f"FROM records r LEFT JOIN record_state s ON s.record_id = r.record_id GROUP BY 1"
    ).fetchall()
    counts = dict.fromkeys(STATUSES, 0)
    for r in rows:
        counts[r["status"]] = r["n"]
        counts["changed"] += r["n_changed"] or 0
    counts["orphaned"] = len(store.orphans())
    return counts
