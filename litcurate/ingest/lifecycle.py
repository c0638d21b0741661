"""A run from start to end: `begin` (plan under the lock), extract, `finish` (write, record).

A run killed anywhere leaves the folder readable: each file is replaced atomically, a
document's `documents` row is written last, and the documents a killed run was writing stay in
`.pending.json` until a later run has redone them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors import versions
from litcurate.ingest.batching import default_workers, largest_first
from litcurate.ingest.commit import RunSummary, commit, mark_removed
from litcurate.ingest.extraction import Extraction, extract_batch
from litcurate.ingest.planning import check_identity, documents_index, find_removed, plan
from litcurate.ingest.settings import RunSettings, resolved
from litcurate.ingest.sources import Source, discover
from litcurate.locking import curated_lock, read_pending, remove_temp_files
from litcurate.meta.living import moves, pooled_figures
from litcurate.run_diffs import DiffLog
from litcurate.runs import RUNS_DIR, RunRecord, start_run, tracked, write_run_record
from litcurate.storage import CuratedStore
from schemas.catalog import RECORD_TABLES as TABLES


@dataclass(slots=True)
class Run:
    """A run in progress: its plan and the record it will leave."""

    curated: Path
    stale: list[Source]
    unchanged: list[Source]
    removed: list[str]
    record: RunRecord
    refused: list[str] = field(default_factory=list)
    pooled_before: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: RunSettings = field(default_factory=RunSettings)  # limits and symlinks, to the worker


def begin(
    curated: str | Path,
    paths: list[Path],
    *,
    force: bool = False,
    detect_removed: bool = False,
    kind: str = "ingest",
    replace: bool = False,
    settings: RunSettings | None = None,
) -> Run:
    """Gives the plan of a run: stale and unchanged sources, removed documents, a new record;
    the run carries `settings` (default: `RunSettings.from_env()`) to its extraction.

    Call it holding the folder's lock: it also clears temporary files a killed run left.
    """
    settings = resolved(settings)
    store = CuratedStore(curated)
    remove_temp_files(store.root)
    sources = discover(paths)
    docs = documents_index(store)
    identity = check_identity(sources, docs, replace=replace)
    stale, unchanged = plan(
        store, identity.accepted, force=force, docs=docs, follow_symlinks=settings.follow_symlinks
    )
    removed = find_removed(store, sources, paths, docs) if detect_removed else []
    record = start_run(kind, paths, versions.extractor_version())
    refused = [why for _, why in identity.refused]
    run = Run(Path(curated), stale, unchanged, removed, record, refused, settings=settings)
    if stale or removed:  # only a run that can change rows can move a pooled estimate
        run.pooled_before = pooled_figures(store.read("effect_sizes"))
        # A run with work leaves a record even if it is killed (status shows it interrupted).
        from litcurate.run_marks import mark_started

        mark_started(curated, record)
    return run


# A chunk is validated (one pandera call per table: ~24 ms each) and written as soon as it
# holds this many documents or rows, so a run's memory does not grow with its size and a
# crash loses at most the chunk in flight (its documents stay pending and are redone).
# A chunk's commit holds its frames, their Arrow copies and the next chunk as it arrives:
# ~0.2 MB a small guide at its peak, so 100 documents (not 200) keep a 10,000-document run's
# largest process within 1.2x of a 100-document run's (bench_scale.py: 1.23x -> 1.16x), for
# ~3 % more time on 1,000 guides (twice the Pandera calls and part writes, ~0.3 s a chunk).
CHUNK_DOCS = 100
CHUNK_ROWS = 100_000


@dataclass(slots=True)
class Writer:
    """Takes a run's extractions as they come and commits them a chunk at a time."""

    run: Run
    summary: RunSummary
    max_docs: int = CHUNK_DOCS
    max_rows: int = CHUNK_ROWS
    progress: Callable[[Extraction], None] | None = None  # told of each document as it arrives
    _chunk: list[Extraction] = field(default_factory=list)
    _rows: int = 0
    _committing: threading.Thread | None = None
    _failed: list[BaseException] = field(default_factory=list)

    def add(self, extraction: Extraction) -> None:
        """Adds one document's extraction, committing the chunk when it is full.

        A full chunk is committed in a background thread while the next one is extracted
        (extraction runs in another process, so the two overlap); one commit at a time.
        """
        if self.progress is not None:
            self.progress(extraction)
        self._chunk.append(extraction)
        self._rows += sum(len(rows) for rows in extraction.rows.values())
        if len(self._chunk) >= self.max_docs or self._rows >= self.max_rows:
            self.wait()
            chunk, self._chunk, self._rows = self._chunk, [], 0
            self._committing = threading.Thread(
                target=self._commit_in_background, args=(chunk,), name="litcurate-commit", daemon=False
            )
            self._committing.start()

    def _commit(self, chunk: list[Extraction]) -> None:
        store = CuratedStore(self.run.curated)
        commit(store, chunk, self.summary)
        store.compact()

    def _commit_in_background(self, chunk: list[Extraction]) -> None:
        try:
            self._commit(chunk)
        except BaseException as exc:  # noqa: BLE001  (raised again in the run's thread by `wait`)
            self._failed.append(exc)

    def wait(self) -> None:
        """Waits for the chunk being committed; raises what its commit raised."""
        if self._committing is not None:
            self._committing.join()
            self._committing = None
        if self._failed:
            raise self._failed.pop()

    def flush(self) -> None:
        """Validates and writes what the chunk holds, then compacts the tables that have
        gathered too many per-document files (so a run's file count stays bounded)."""
        self.wait()
        if self._chunk:
            self._commit(self._chunk)
        self._chunk, self._rows = [], 0


def writer(run: Run, progress: Callable[[Extraction], None] | None = None) -> Writer:
    """Gives the writer of a run, with its summary started (and `progress` told of each document)."""
    runs = Path(run.curated) / RUNS_DIR
    runs.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(
        skipped=[str(s.path) for s in run.unchanged],
        run_id=run.record.run_id,
        refused=list(run.refused),
        # On disk as the run goes (a dot file: a killed run's is cleared by the next run).
        diffs=DiffLog(runs / f".{run.record.run_id}.diff.tmp"),
    )
    return Writer(run, summary, CHUNK_DOCS, CHUNK_ROWS, progress)


def finish(run: Run, extractions: list[Extraction] | None = None, *, out: Writer | None = None) -> RunSummary:
    """Writes what is left of the extractions, the removals, then the run record; gives the
    run's summary (its lists in the plan's order, however the documents were batched)."""
    out = out or writer(run)
    for ex in extractions or []:
        out.add(ex)
    out.flush()
    summary = out.summary
    order = {str(s.path): i for i, s in enumerate(run.stale)}
    for listed in (summary.processed, summary.failed, summary.partial, summary.duplicates):
        listed.sort(key=lambda path: order.get(path, len(order)))
    store = CuratedStore(run.curated)
    summary.removed = mark_removed(store, run.removed)
    rec = run.record
    rec.processed, rec.skipped = list(summary.processed), list(summary.skipped)
    rec.failed, rec.partial, rec.removed = list(summary.failed), list(summary.partial), list(summary.removed)
    rec.diffs, rec.refused, rec.duplicates = summary.diffs, list(summary.refused), list(summary.duplicates)
    if run.stale or run.removed:
        rec.meta = moves(run.pooled_before, pooled_figures(store.read("effect_sizes")))
    write_run_record(run.curated, rec)
    return summary


def ingest(
    paths: list[Path],
    curated: Path,
    *,
    force: bool = False,
    detect_removed: bool = False,
    kind: str = "ingest",
    replace: bool = False,
    progress: Callable[[Extraction], None] | None = None,
    settings: RunSettings | None = None,
    workers: int | None = None,
) -> RunSummary:
    """Gives the summary of a whole run in this process, without Prefect (the flows' steps),
    under `settings` (default: `RunSettings.from_env()`), `workers` documents extracted at
    once (default: `default_workers` of the stale documents), each in a worker process.

    Raises `CuratedLockedError` when another run holds the folder.
    """
    with curated_lock(curated):
        run = begin(
            curated,
            paths,
            force=force,
            detect_removed=detect_removed,
            kind=kind,
            replace=replace,
            settings=settings,
        )
        # Imported here: `python -m litcurate.ingest.workers` (the worker) imports this package first.
        from litcurate.ingest.workers import extract_ordered

        out = writer(run, progress)
        n = workers or default_workers(run.stale)
        try:
            # Each document under the limits, the largest first; the summary's lists are put
            # back in the plan's order by `finish`.
            order = largest_first(run.stale) if n > 1 else run.stale
            for ex in extract_ordered(order, run.settings, workers=n, extract=extract_batch):
                out.add(ex)
        except BaseException:
            with contextlib.suppress(Exception):
                out.wait()  # an interrupted run still ends the commit under way, inside the lock
            raise
        return finish(run, out=out)


def reextract(
    paths: list[Path], curated: Path, *, everything: bool = False, settings: RunSettings | None = None
) -> RunSummary:
    """Gives the summary of a re-extraction in this process: stale, new and removed documents."""
    return ingest(paths, curated, force=everything, detect_removed=True, kind="reextract", settings=settings)


def purge(curated: str | Path) -> list[str]:
    """Deletes every row of removed documents, and orphan files; gives the purged ids.

    Orphans are files of documents with no `documents` row and no pending rewrite (left by
    a first write that was killed, and whose source is gone since). Writes a run record.
    """
    with curated_lock(curated):
        store = CuratedStore(curated)
        docs = store.read("documents")
        gone = set(docs.loc[docs["status"] == "removed", "doc_id"])
        known = set(docs["doc_id"]) | read_pending(store.root)
        for table in [*TABLES, "failures"]:
            gone |= set(store.doc_ids(table)) - known
        record = start_run("purge", [], None)
        _, diff = tracked(store, gone, lambda: _delete_documents(store, gone))
        record.diffs.add(diff)
        store.compact()  # parts the purge shrank are merged again
        record.removed = sorted(gone)
        write_run_record(curated, record)
        return sorted(gone)


def _delete_documents(store: CuratedStore, doc_ids: set[str]) -> None:
    for doc_id in doc_ids:
        for table in [*TABLES, "failures", "documents"]:  # the documents row last, as always
            store.delete(table, doc_id)
