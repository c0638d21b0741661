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

from litcurate.ingest.batching import PARALLEL_MIN_SECONDS, TASKS_PER_WORKER, batch_sources, default_workers
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
