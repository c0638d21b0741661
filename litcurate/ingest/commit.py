"""Committing extractions: one validation per table per batch, then each document written.

A document's record tables are written before its `documents` row, so a run killed halfway
never leaves a documents row that claims rows it does not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow.dataset as pads

from litcurate.core.clock import now_iso
from litcurate.ingest.extraction import Extraction
from litcurate.locking import read_pending, write_pending
from litcurate.run_diffs import DiffLog
from litcurate.runs import TableDiff, tracked
from litcurate.storage import CuratedStore
from schemas.catalog import RECORD_TABLES as TABLES
from schemas.validate import rows_to_frame, validate_frames


@dataclass(slots=True)
class RunSummary:
    """What an ingest run did, per document and in total."""

    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why each refused source was not ingested
    duplicates: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    # One per document that failed to be read or extracted; the rows a check quarantined or
    # warned about are in the `failures` table (kept here, they grew the run with its size).
    failures: list[dict[str, Any]] = field(default_factory=list)
    diffs: DiffLog = field(default_factory=DiffLog)  # record keys per table (on disk in a run)
    run_id: str | None = None

    @property
    def tables(self) -> dict[str, TableDiff]:
        """Gives, per table, the keys of the records the run added, removed and changed (read
        back from disk for a run: use `diffs.n` for the counts)."""
        return {t: TableDiff(**kinds) for t, kinds in self.diffs.tables().items()}

    @property
    def exit_code(self) -> int:
        """Gives 0 when every document is fine, 1 when some failed or were refused."""
        return 1 if self.failed or self.refused else 0


def _document_row(ex: Extraction, status: str, error: str | None) -> dict[str, Any]:
    return {
        "doc_id": ex.doc_id,
        "source_path": ex.source_path,
        "sha256": ex.sha256,
        "media_type": ex.media_type,
        "title": ex.title,
        "n_pages": ex.n_pages,
        "n_tables": ex.n_tables,
        "n_references": ex.n_references,
        "extractor_version": ex.extractor_version,
        "ingested_at": now_iso(),
        "status": status,
        "error": error,
        "duplicate_of": ex.duplicate_of,
    }


def commit(
    store: CuratedStore, extractions: list[Extraction], summary: RunSummary | None = None
) -> RunSummary:
    """Validates all extractions in one batch, then writes each document's rows.

    Each document's record tables are written before its `documents` row, so a run killed
    halfway never leaves a documents row that claims rows it does not have; the documents
    being written are recorded as pending until the last of them is. The summary gains the
    ids of the records added, removed and changed per table.
    """
    summary = summary or RunSummary()
    if not extractions:
        return summary
    frames = {}
    for t in TABLES:
        frames[t] = rows_to_frame(t, [r for ex in extractions for r in ex.rows.get(t, [])])
        for ex in extractions:  # the frame holds them now: the dicts go before validation copies them
            ex.rows.pop(t, None)
    result = validate_frames(frames)
    by_doc_failures: dict[str, list[dict[str, Any]]] = {}
    for f in [*result.failures, *result.warnings]:
        by_doc_failures.setdefault(f.get("doc_id") or "", []).append(f)
    ids = [ex.doc_id for ex in extractions]
    write_pending(store.root, read_pending(store.root) | set(ids))
    _, diff = tracked(
        store, ids, lambda: _write_documents(store, extractions, result, by_doc_failures, summary)
    )
    write_pending(store.root, read_pending(store.root) - set(ids))
    summary.diffs.add(diff)
    for t in TABLES:
        summary.rows[t] = summary.rows.get(t, 0) + len(result.valid[t])
    return summary


def _write_documents(
    store: CuratedStore,
    extractions: list[Extraction],
    result: Any,
    by_doc_failures: dict[str, list[dict[str, Any]]],
    summary: RunSummary,
) -> None:
    failures: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for ex in extractions:
        mine = list(by_doc_failures.get(ex.doc_id, []))
        for f in mine:
            f["source_path"] = ex.source_path
        if ex.error:  # a failed document has no rows: its earlier version's rows are removed
            mine.append(
                {
                    "doc_id": ex.doc_id,
                    "source_path": ex.source_path,
                    "stage": ex.stage or "read",
                    "table": None,
                    "column": None,
                    "check": None,
                    "failure_case": None,
                    "message": ex.error,
                    "at": now_iso(),
                }
            )
            status, error = "failed", ex.error.splitlines()[0]  # type: str, str | None
        elif ex.duplicate_of:  # no rows either: they are the first copy's
            status, error = "duplicate", f"the same bytes as document {ex.duplicate_of}: its rows are there"
            summary.duplicates.append(ex.source_path)
        else:
            status = "partial" if mine else "ok"
            error = f"{len(mine)} problem(s) in failures (quarantined rows or broken links)" if mine else None
        failures += mine
        documents.append(_document_row(ex, status, error))
        summary.processed.append(ex.source_path)
        if status == "failed":
            summary.failed.append(ex.source_path)
        elif status == "partial":
            summary.partial.append(ex.source_path)
        summary.failures.extend(f for f in mine if f["stage"] in ("read", "extract"))
    # Every table is written for every document of the chunk (one without rows loses its
    # earlier ones), the record tables first and `documents` last: a run killed between them
    # leaves no documents row that claims rows it does not have (and the chunk is pending:
    # redone). One frame a table for the whole chunk, not one a document (~2x the commit).
    ids = [ex.doc_id for ex in extractions]
    for table in TABLES:
        store.write_many(table, ids, result.valid[table])
    store.write_many("failures", ids, rows_to_frame("failures", failures))
    store.write_many("documents", ids, rows_to_frame("documents", documents))


def mark_removed(store: CuratedStore, doc_ids: list[str]) -> list[str]:
    """Marks the documents `removed` (their rows are kept until a purge); gives their paths."""
    if not doc_ids:
        return []
    docs = store.read("documents", doc_ids)
    for row in docs.to_dict("records"):
        row.update(
            status="removed",
            ingested_at=now_iso(),
            error="the source left its folder; rows kept until `litcurate purge`",
        )
        store.write("documents", row["doc_id"], rows_to_frame("documents", [row]))
    return [str(p) for p in docs["source_path"]]


def table_counts(store: CuratedStore) -> dict[str, int]:
    """Gives the number of rows in every table of the store."""
    counts = {}
    for t in ["documents", *TABLES, "failures"]:
        folder = store.table_dir(t)
        # Row counts from the Parquet footers, without reading a single column.
        has_files = folder.is_dir() and any(folder.glob("*.parquet"))
        counts[t] = pads.dataset(folder, format="parquet").count_rows() if has_files else 0
    return counts
