"""Ingest as plain functions: find sources, decide what is stale, extract, validate, write.

The Prefect flow in `flows/ingest.py` only orchestrates these; tests call them directly.
A document that cannot be read fails alone: it becomes a `failures` row and a `documents`
row with status `failed`, and every other document is still written.
"""

from __future__ import annotations

import json
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractors.detect import MAX_BYTES
from extractors.document import make_doc_id, sha256_bytes
from extractors.readers import read_document
from extractors.records import document_to_records, extractor_version
from litcurate.errors import DocumentError, ExtractionError, TooLargeError
from litcurate.storage import CuratedStore
from schemas.registry import TABLES
from schemas.validate import now_iso, rows_to_frame, validate_frames

_SKIP_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True, slots=True)
class Source:
    """A file to ingest and the folder its id is relative to."""

    path: Path
    relative_path: str

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
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

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
                if f.is_file() and f.name not in _SKIP_NAMES and not f.name.startswith("."):
                    rel = f.relative_to(p).as_posix()
                    sources[str(f)] = Source(f, rel)
        elif p.is_file():
            sources[str(p)] = Source(p, p.name)
    return sorted(sources.values(), key=lambda s: s.relative_path)


def plan(store: CuratedStore, sources: list[Source], *, force: bool = False) -> tuple[list[Source], list[Source]]:
    """Gives (stale, unchanged): a source is unchanged when its hash and extractor match."""
    if force:
        return list(sources), []
    docs = store.read("documents")
    known = {
        d: (s, v)
        for d, s, v in zip(docs["doc_id"], docs["sha256"], docs["extractor_version"], strict=True)
    }
    version = extractor_version()
    stale, unchanged = [], []
    for src in sources:
        seen = known.get(src.doc_id)
        if seen and seen == (_file_sha(src.path), version):
            unchanged.append(src)
        else:
            stale.append(src)
    return stale, unchanged


def _file_sha(path: Path) -> str:
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return ""


def extract_source(source: Source) -> Extraction:
    """Gives the rows of every table for one source, or the reason it failed. Never raises."""
    version = extractor_version()
    ex = Extraction(source.doc_id, str(source.path), "", version)
    try:
        size = source.path.stat().st_size
        if size > MAX_BYTES:
            raise TooLargeError(source.path, f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit")
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
    except Exception as exc:  # noqa: BLE001 - recorded, with its traceback, as a failure
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
    halfway never leaves a documents row that claims rows it does not have.
    """
    summary = summary or RunSummary()
    frames = {
        t: rows_to_frame(t, [r for ex in extractions for r in ex.rows.get(t, [])]) for t in TABLES
    }
    result = validate_frames(frames)
    by_doc_failures: dict[str, list[dict[str, Any]]] = {}
    for f in result.failures:
        by_doc_failures.setdefault(f.get("doc_id") or "", []).append(f)
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
            status, error = "failed", ex.error.splitlines()[0]
            for table in TABLES:  # a failed document keeps no stale rows of an earlier version
                store.delete(table, ex.doc_id)
        else:
            for table in TABLES:
                df = result.valid[table]
                store.write(table, ex.doc_id, df[df["doc_id"] == ex.doc_id] if not df.empty else df)
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
    for t in TABLES:
        summary.rows[t] = summary.rows.get(t, 0) + len(result.valid[t])
    return summary


def ingest(paths: list[Path], curated: Path, *, force: bool = False) -> RunSummary:
    """Ingests the sources without Prefect: the same steps the flow runs, in one process."""
    store = CuratedStore(curated)
    stale, unchanged = plan(store, discover(paths), force=force)
    summary = RunSummary(skipped=[str(s.path) for s in unchanged])
    return commit(store, [extract_source(s) for s in stale], summary)


def summary_to_json(summary: RunSummary) -> str:
    """Gives the run summary as JSON (for logs and the CLI's --json)."""
    data = {k: getattr(summary, k) for k in ("processed", "skipped", "failed", "partial", "rows")}
    data["n_failures"] = len(summary.failures)
    return json.dumps(data, indent=2)


def table_counts(store: CuratedStore) -> dict[str, int]:
    """Gives the number of rows in every table of the store."""
    return {t: len(store.read(t)) for t in ["documents", *TABLES, "failures"]}


__all__ = ["Extraction", "RunSummary", "Source", "commit", "discover", "extract_source",
           "ingest", "plan", "pd"]  # fmt: skip
