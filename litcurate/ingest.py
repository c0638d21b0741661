"""Ingest as plain functions: find sources, decide what is stale, extract, validate, write.

The Prefect flows in `flows/` only orchestrate these; tests call them directly.
A document that cannot be read fails alone: it becomes a `failures` row and a `documents`
row with status `failed`, and every other document is still written.

A run is `begin` (plan under the curated folder's lock) -> extract the stale sources (here,
or in tasks spread over workers) -> `finish` (validate and write, mark removed documents,
write the run record). A run killed anywhere leaves the folder readable: each file is
replaced atomically, a document's `documents` row is written last, and the documents a
killed run was writing stay in `.pending.json` until a later run has redone them.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as pads

from extractors.detect import MAX_BYTES
from extractors.document import make_doc_id, sha256_bytes
from extractors.versions import extractor_version
from litcurate.errors import DocumentError, ExtractionError, TooLargeError, UnsupportedMediaTypeError
from litcurate.inputs import listable, refusal
from litcurate.locking import curated_lock, read_pending, remove_temp_files, write_pending
from litcurate.runs import RunRecord, TableDiff, merge_diffs, start_run, tracked, write_run_record
from litcurate.storage import CuratedStore
from schemas.registry import TABLES
from schemas.validate import now_iso, rows_to_frame, validate_frames

_SKIP_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True, slots=True)
class Source:
    """A file to ingest and the folder its id is relative to."""

    path: Path
    relative_path: str
    root: Path | None = None  # the input folder it was found in (None: given as a file)

    @property
    def doc_id(self) -> str:
        """Gives the document's stable id."""
        return make_doc_id(self.relative_path)


@dataclass(slots=True)
class Extraction:
    """What extracting one source gave: rows per table, or the error that stopped it."""

    doc_id: str
    source_path: str
    sha256: str
    extractor_version: str
    media_type: str | None = None
    title: str | None = None
    n_pages: int | None = None
    n_tables: int = 0
    n_references: int = 0
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    error: str | None = None
    stage: str | None = None


@dataclass(slots=True)
class RunSummary:
    """What an ingest run did, per document and in total."""

    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, TableDiff] = field(default_factory=dict)
    run_id: str | None = None

    @property
    def exit_code(self) -> int:
        """Gives 0 when every document is fine, 1 when some failed."""
        return 1 if self.failed else 0


def discover(paths: list[Path]) -> list[Source]:
    """Gives the files under the paths, each with its id-relative path, sorted."""
    sources: dict[str, Source] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                # Symlinks and special files are listed too: each is refused with a reason
                # at extraction (litcurate.inputs), never silently skipped or followed out.
                if listable(f) and f.name not in _SKIP_NAMES and not f.name.startswith("."):
                    rel = f.relative_to(p).as_posix()
                    sources[str(f)] = Source(f, rel, p)
        elif listable(p):
            sources[str(p)] = Source(p, p.name)
    return sorted(sources.values(), key=lambda s: s.relative_path)


_INDEX_COLUMNS = ["doc_id", "source_path", "sha256", "extractor_version", "status"]


def documents_index(store: CuratedStore) -> pd.DataFrame:
    """Gives the columns of the `documents` table that planning needs, read in one pass.

    One Arrow dataset scan over the per-document files (threaded, five columns) costs
    ~0.2 s for 500 documents where reading them file by file costs ~1.6 s: the bulk of a
    re-extraction that finds nothing to do.
    """
    folder = store.table_dir("documents")
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return store.read("documents")[_INDEX_COLUMNS]
    # Files starting with "." (a killed writer's temporary files) are ignored by the scan.
    table = pads.dataset(folder, format="parquet").to_table(columns=_INDEX_COLUMNS)
    return table.to_pandas()


def plan(store: CuratedStore, sources: list[Source], *, force: bool = False,
         docs: pd.DataFrame | None = None) -> tuple[list[Source], list[Source]]:  # fmt: skip
    """Gives (stale, unchanged): a source is unchanged when its hash and extractor match.

    Also stale: sources with no `documents` row (new, or a first write killed halfway),
    those a killed run left pending, and those marked removed that came back.
    """
    if force:
        return list(sources), []
    docs = documents_index(store) if docs is None else docs
    known = {
        d: (s, v)
        for d, s, v, st in zip(docs["doc_id"], docs["sha256"], docs["extractor_version"], docs["status"], strict=True)
        if st != "removed"
    }
    pending = read_pending(store.root)
    version = extractor_version()
    stale, unchanged = [], []
    for src in sources:
        seen = known.get(src.doc_id)
        if seen and src.doc_id not in pending and refusal(src.path, src.root) is None \
                and seen == (_file_sha(src.path), version):
            unchanged.append(src)
        else:
            stale.append(src)
    return stale, unchanged


def _file_sha(path: Path) -> str:
    if not path.is_file():  # a FIFO would block the read forever
        return ""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return ""


def extract_source(source: Source) -> Extraction:
    """Gives the rows of every table for one source, or the reason it failed. Never raises."""
    version = extractor_version()
    ex = Extraction(source.doc_id, str(source.path), "", version)
    try:
        refused = refusal(source.path, source.root)
        if refused:
            ex.sha256 = "0" * 64  # not even hashed: a refused target is never read
            raise UnsupportedMediaTypeError(source.path, refused)
        size = source.path.stat().st_size
        if size > MAX_BYTES:
            raise TooLargeError(source.path, f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit")
        # Imported here: deciding what is stale must not pay for spaCy, lxml and pdfplumber.
        from extractors.readers import read_document
        from extractors.records import document_to_records

        data = source.path.read_bytes()
        ex.sha256 = sha256_bytes(data)
        doc = read_document(data, relative_path=source.relative_path, source_path=str(source.path))
        ex.media_type, ex.title, ex.n_pages = doc.media_type, doc.title, doc.n_pages
        ex.n_tables, ex.n_references = len(doc.tables), len(doc.references)
        try:
            ex.rows = document_to_records(doc)
        except Exception as exc:  # an extractor bug must not take other documents down
            raise ExtractionError(source.path, f"{type(exc).__name__}: {exc}") from exc
    except DocumentError as exc:
        ex.error, ex.stage = str(exc), exc.stage
        ex.rows = {}
    except (OSError, RecursionError, MemoryError, ValueError) as exc:
        ex.error, ex.stage = f"{source.path}: {type(exc).__name__}: {exc}", "read"
        ex.rows = {}
    except Exception as exc:
        tb = traceback.format_exc(limit=3)
        ex.error, ex.stage = f"{source.path}: unexpected {type(exc).__name__}: {exc}\n{tb}", "extract"
        ex.rows = {}
    if not ex.sha256:
        ex.sha256 = _file_sha(source.path) or "0" * 64
    return ex


def _document_row(ex: Extraction, status: str, error: str | None) -> dict[str, Any]:
    return {
        "doc_id": ex.doc_id, "source_path": ex.source_path, "sha256": ex.sha256,
        "media_type": ex.media_type, "title": ex.title, "n_pages": ex.n_pages,
        "n_tables": ex.n_tables, "n_references": ex.n_references,
        "extractor_version": ex.extractor_version, "ingested_at": now_iso(),
        "status": status, "error": error,
    }  # fmt: skip


def commit(store: CuratedStore, extractions: list[Extraction], summary: RunSummary | None = None) -> RunSummary:
    """Validates all extractions in one batch, then writes each document's rows.

    Each document's record tables are written before its `documents` row, so a run killed
    halfway never leaves a documents row that claims rows it does not have; the documents
    being written are recorded as pending until the last of them is. The summary gains the
    ids of the records added, removed and changed per table.
    """
    summary = summary or RunSummary()
    if not extractions:
        return summary
    frames = {
        t: rows_to_frame(t, [r for ex in extractions for r in ex.rows.get(t, [])]) for t in TABLES
    }
    result = validate_frames(frames)
    by_doc_failures: dict[str, list[dict[str, Any]]] = {}
    for f in result.failures:
        by_doc_failures.setdefault(f.get("doc_id") or "", []).append(f)
    ids = [ex.doc_id for ex in extractions]
    write_pending(store.root, read_pending(store.root) | set(ids))
    _, diff = tracked(store, ids, lambda: _write_documents(store, extractions, result, by_doc_failures, summary))
    write_pending(store.root, read_pending(store.root) - set(ids))
    merge_diffs(summary.tables, diff)
    for t in TABLES:
        summary.rows[t] = summary.rows.get(t, 0) + len(result.valid[t])
    return summary


def _write_documents(
    store: CuratedStore, extractions: list[Extraction], result: Any,
    by_doc_failures: dict[str, list[dict[str, Any]]], summary: RunSummary,
) -> None:  # fmt: skip
    # Each table split by document once, not filtered once per document.
    per_doc = {
        t: {d: part for d, part in result.valid[t].groupby("doc_id", sort=False)} if not result.valid[t].empty else {}
        for t in TABLES
    }
    for ex in extractions:
        failures = list(by_doc_failures.get(ex.doc_id, []))
        for f in failures:
            f["source_path"] = ex.source_path
        if ex.error:
            failures.append({
                "doc_id": ex.doc_id, "source_path": ex.source_path, "stage": ex.stage or "read",
                "table": None, "column": None, "check": None, "failure_case": None,
                "message": ex.error, "at": now_iso(),
            })  # fmt: skip
            status, error = "failed", ex.error.splitlines()[0]  # type: str, str | None
            for table in TABLES:  # a failed document keeps no stale rows of an earlier version
                store.delete(table, ex.doc_id)
        else:
            for table in TABLES:
                store.write(table, ex.doc_id, per_doc[table].get(ex.doc_id, result.valid[table].iloc[0:0]))
            status = "partial" if failures else "ok"
            error = f"{len(failures)} row(s) quarantined to failures" if failures else None
        store.write("failures", ex.doc_id, rows_to_frame("failures", failures))
        store.write("documents", ex.doc_id, rows_to_frame("documents", [_document_row(ex, status, error)]))
        summary.processed.append(ex.source_path)
        if status == "failed":
            summary.failed.append(ex.source_path)
        elif status == "partial":
            summary.partial.append(ex.source_path)
        summary.failures.extend(failures)


def find_removed(store: CuratedStore, sources: list[Source], paths: list[Path],
                 docs: pd.DataFrame | None = None) -> list[str]:  # fmt: skip
    """Gives the ids of documents whose source under the scanned paths is gone.

    Only documents ingested from inside the scanned folders (or the scanned files) count, so
    re-extracting one folder never marks another folder's documents removed.
    """
    docs = documents_index(store) if docs is None else docs
    found = {s.doc_id for s in sources}
    roots = [Path(p).resolve() for p in paths]
    removed = []
    for doc_id, source_path, status in zip(docs["doc_id"], docs["source_path"], docs["status"], strict=True):
        if status == "removed" or doc_id in found:
            continue
        where = Path(source_path).resolve()
        if any(where == r or r in where.parents for r in roots):
            removed.append(doc_id)
    return sorted(removed)


def mark_removed(store: CuratedStore, doc_ids: list[str]) -> list[str]:
    """Marks the documents `removed` (their rows are kept until a purge); gives their paths."""
    if not doc_ids:
        return []
    docs = store.read("documents", doc_ids)
    for row in docs.to_dict("records"):
        row.update(status="removed", ingested_at=now_iso(),
                   error="the source left its folder; rows kept until `litcurate purge`")  # fmt: skip
        store.write("documents", row["doc_id"], rows_to_frame("documents", [row]))
    return [str(p) for p in docs["source_path"]]


@dataclass(slots=True)
class Run:
    """A run in progress: its plan and the record it will leave."""

    curated: Path
    stale: list[Source]
    unchanged: list[Source]
    removed: list[str]
    record: RunRecord


def begin(curated: str | Path, paths: list[Path], *, force: bool = False, detect_removed: bool = False,
          kind: str = "ingest") -> Run:  # fmt: skip
    """Gives the plan of a run: stale and unchanged sources, removed documents, a new record.

    Call it holding the folder's lock: it also clears temporary files a killed run left.
    """
    store = CuratedStore(curated)
    remove_temp_files(store.root)
    sources = discover(paths)
    docs = documents_index(store)
    stale, unchanged = plan(store, sources, force=force, docs=docs)
    removed = find_removed(store, sources, paths, docs) if detect_removed else []
    record = start_run(kind, paths, extractor_version())
    if stale or removed:  # a run with work leaves a record even if it is killed (run_marks)
        from litcurate.run_marks import mark_started

        mark_started(curated, record)
    return Run(Path(curated), stale, unchanged, removed, record)


def finish(run: Run, extractions: list[Extraction]) -> RunSummary:
    """Writes the extractions and removals, then the run record; gives the run's summary."""
    store = CuratedStore(run.curated)
    summary = RunSummary(skipped=[str(s.path) for s in run.unchanged], run_id=run.record.run_id)
    commit(store, extractions, summary)
    summary.removed = mark_removed(store, run.removed)
    rec = run.record
    rec.processed, rec.skipped = list(summary.processed), list(summary.skipped)
    rec.failed, rec.partial, rec.removed = list(summary.failed), list(summary.partial), list(summary.removed)
    rec.tables = summary.tables
    write_run_record(run.curated, rec)
    return summary


# Measured with the corpus PDFs on 2 cores (benchmarks/bench_reextract.py): a local cluster
# costs ~3 s to start and a second pipeline build, so it is slower for 14 PDFs and faster from
# a few dozen on; small text documents are done before a cluster would be up.
CLUSTER_MIN_PDFS = 30


def default_workers(sources: list[Source], cpus: int | None = None) -> int:
    """Gives the worker count a run uses unless told: one per core when at least
    `CLUSTER_MIN_PDFS` PDFs are to be extracted, otherwise 1 (this process)."""
    cpus = cpus or os.cpu_count() or 1
    n_pdfs = sum(1 for s in sources if _is_pdf(s.path))
    return cpus if cpus > 1 and n_pdfs >= CLUSTER_MIN_PDFS else 1


# On a Dask cluster a task costs ~100 ms of Prefect orchestration, in the worker (a client
# and settings per task run) and here (the run context serialised per submit), measured with
# 70 empty tasks on 2 workers: one PDF a task gives that much away per PDF (~0.6 s of work).
# A few balanced batches per worker keep the workers busy to the end at a fraction of it.
TASKS_PER_WORKER = 4


def batch_sources(sources: list[Source], *, workers: int = 1, max_docs: int | None = None) -> list[list[Source]]:
    """Gives the sources in batches, one Prefect task each.

    `max_docs` None (the default): one task per document in this process (`workers` 1);
    on a cluster, `TASKS_PER_WORKER` batches per worker, balanced by file size. `max_docs` N:
    a PDF alone, up to N small text documents together, spread over the workers (a task
    here costs ~50 ms: worth it for a PDF, not for a text document of ~30 ms, so `--batch 25`
    speeds up large runs of small documents). The biggest batches come first, so workers
    finish together.
    """
    if max_docs is None and workers > 1:
        return _balanced(sources, workers * TASKS_PER_WORKER)
    pdfs: list[Source] = []
    texts: list[Source] = []
    for s in sources:
        (pdfs if _is_pdf(s.path) else texts).append(s)
    pdfs.sort(key=lambda s: -_size(s.path))
    per_batch = max(1, min(max_docs or 1, math.ceil(len(texts) / max(1, workers)))) if texts else 1
    text_batches = [texts[i : i + per_batch] for i in range(0, len(texts), per_batch)]
    return [[p] for p in pdfs] + text_batches


def _balanced(sources: list[Source], n_batches: int) -> list[list[Source]]:
    """Gives at most `n_batches` batches of about equal total size, biggest first: each
    source, largest first, goes to the batch with the least so far (LPT scheduling)."""
    sized = sorted(((_size(s.path), s) for s in sources), key=lambda pair: -pair[0])
    bins: list[tuple[int, int, list[Source]]] = [(0, i, []) for i in range(min(n_batches, len(sized)))]
    heapq.heapify(bins)
    for size, source in sized:
        total, i, members = heapq.heappop(bins)
        members.append(source)
        heapq.heappush(bins, (total + max(size, 1), i, members))
    return [members for _, _, members in sorted(bins, key=lambda b: (-b[0], b[1]))]


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def extract_batch(sources: list[Source]) -> list[Extraction]:
    """Gives the extraction of each source of a batch, in order, each under the per-document
    limits (`litcurate.limits`); never raises."""
    from litcurate.limits import extract_limited

    return extract_limited(sources)


def ingest(paths: list[Path], curated: Path, *, force: bool = False, detect_removed: bool = False,
           kind: str = "ingest") -> RunSummary:  # fmt: skip
    """Gives the summary of a whole run in this process, without Prefect (the flows' steps).

    Raises `CuratedLockedError` when another run holds the folder.
    """
    with curated_lock(curated):
        run = begin(curated, paths, force=force, detect_removed=detect_removed, kind=kind)
        return finish(run, extract_batch(run.stale))


def reextract(paths: list[Path], curated: Path, *, everything: bool = False) -> RunSummary:
    """Gives the summary of a re-extraction in this process: stale, new and removed documents."""
    return ingest(paths, curated, force=everything, detect_removed=True, kind="reextract")


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
        _, record.tables = tracked(store, gone, lambda: _delete_documents(store, gone))
        record.removed = sorted(gone)
        write_run_record(curated, record)
        return sorted(gone)


def _delete_documents(store: CuratedStore, doc_ids: set[str]) -> None:
    for doc_id in doc_ids:
        for table in [*TABLES, "failures", "documents"]:  # the documents row last, as always
            store.delete(table, doc_id)


def summary_to_json(summary: RunSummary) -> str:
    """Gives the run summary as JSON (for logs and the CLI's --json)."""
    data: dict[str, Any] = {k: getattr(summary, k) for k in ("run_id", "processed", "skipped", "failed", "partial", "removed", "rows")}
    data["n_failures"] = len(summary.failures)
    return json.dumps(data, indent=2)


def table_counts(store: CuratedStore) -> dict[str, int]:
    """Gives the number of rows in every table of the store."""
    counts = {}
    for t in ["documents", *TABLES, "failures"]:
        folder = store.table_dir(t)
        # Row counts from the Parquet footers, without reading a single column.
        has_files = folder.is_dir() and any(folder.glob("*.parquet"))
        counts[t] = pads.dataset(folder, format="parquet").count_rows() if has_files else 0
    return counts


__all__ = ["Extraction", "Run", "RunSummary", "Source", "batch_sources", "begin", "commit", "discover",
           "extract_batch", "extract_source", "find_removed", "finish", "ingest", "mark_removed", "pd",
           "plan", "purge", "reextract"]  # fmt: skip
