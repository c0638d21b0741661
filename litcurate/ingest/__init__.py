"""Ingest as plain functions: find sources, plan, extract, validate and write, record the run.

The Prefect flows in `flows/` only orchestrate these; tests call them directly. A document
that cannot be read fails alone: it becomes a `failures` row and a `documents` row with status
`failed`, and every other document is still written. One module per job:

- `sources`: the files under the paths given;
- `planning`: identity (refused, duplicates), stale or unchanged, removed;
- `extraction`: one source to rows, never raising;
- `limits` and `workers`: per-document limits, worker processes that enforce them;
- `commit`: validate a batch, write each document;
- `batching`: tasks and workers;
- `lifecycle`: `begin` -> extract -> `finish`, and the in-process `ingest`, `reextract`, `purge`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litcurate.core.lazy import lazy_members

if TYPE_CHECKING:
    from litcurate.ingest.batching import (
        PARALLEL_MIN_SECONDS,
        TASKS_PER_WORKER,
        batch_sources,
        default_workers,
    )
    from litcurate.ingest.commit import RunSummary, commit, mark_removed, table_counts
    from litcurate.ingest.extraction import Extraction, extract_batch, extract_source
    from litcurate.ingest.lifecycle import (
        CHUNK_DOCS,
        CHUNK_ROWS,
        Run,
        Writer,
        begin,
        finish,
        ingest,
        purge,
        reextract,
        writer,
    )
    from litcurate.ingest.planning import Identity, check_identity, documents_index, find_removed, plan
    from litcurate.ingest.sources import Source, discover, file_sha256

# Each name is imported from its module when first used, not with the package: the
# extraction worker (`python -m litcurate.ingest.workers`) imports this package first, and
# the run's modules (commit, storage, Pandera) cost it ~1 s of start it never uses.
_WHERE = {
    "PARALLEL_MIN_SECONDS": "litcurate.ingest.batching",
    "TASKS_PER_WORKER": "litcurate.ingest.batching",
    "batch_sources": "litcurate.ingest.batching",
    "default_workers": "litcurate.ingest.batching",
    "RunSummary": "litcurate.ingest.commit",
    "commit": "litcurate.ingest.commit",
    "mark_removed": "litcurate.ingest.commit",
    "table_counts": "litcurate.ingest.commit",
    "Extraction": "litcurate.ingest.extraction",
    "extract_batch": "litcurate.ingest.extraction",
    "extract_source": "litcurate.ingest.extraction",
    "CHUNK_DOCS": "litcurate.ingest.lifecycle",
    "CHUNK_ROWS": "litcurate.ingest.lifecycle",
    "Run": "litcurate.ingest.lifecycle",
    "Writer": "litcurate.ingest.lifecycle",
    "begin": "litcurate.ingest.lifecycle",
    "finish": "litcurate.ingest.lifecycle",
    "ingest": "litcurate.ingest.lifecycle",
    "purge": "litcurate.ingest.lifecycle",
    "reextract": "litcurate.ingest.lifecycle",
    "writer": "litcurate.ingest.lifecycle",
    "Identity": "litcurate.ingest.planning",
    "check_identity": "litcurate.ingest.planning",
    "documents_index": "litcurate.ingest.planning",
    "find_removed": "litcurate.ingest.planning",
    "plan": "litcurate.ingest.planning",
    "Source": "litcurate.ingest.sources",
    "discover": "litcurate.ingest.sources",
    "file_sha256": "litcurate.ingest.sources",
}


__getattr__ = lazy_members(__name__, _WHERE)


__all__ = [
    "CHUNK_DOCS",
    "CHUNK_ROWS",
    "PARALLEL_MIN_SECONDS",
    "TASKS_PER_WORKER",
    "Extraction",
    "Identity",
    "Run",
    "RunSummary",
    "Source",
    "Writer",
    "batch_sources",
    "begin",
    "check_identity",
    "commit",
    "default_workers",
    "discover",
    "documents_index",
    "extract_batch",
    "extract_source",
    "file_sha256",
    "find_removed",
    "finish",
    "ingest",
    "mark_removed",
    "plan",
    "purge",
    "reextract",
    "table_counts",
    "writer",
]
