"""Extracting one source: bytes -> Document -> rows of every table, or the reason it failed."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from extractors import versions
from extractors.detect import MAX_BYTES
from extractors.document import sha256_bytes
from extractors.errors import DocumentError, ExtractionError, TooLargeError, UnsupportedMediaTypeError
from litcurate.ingest.inputs import refusal
from litcurate.ingest.settings import RunSettings
from litcurate.ingest.sources import Source, file_sha256


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
    duplicate_of: str | None = None


def extract_source(source: Source, *, follow_symlinks: bool = False) -> Extraction:
    """Gives the rows of every table for one source, or the reason it failed (`follow_symlinks`:
    a symlink out of the source's input folder is read, not refused). Never raises."""
    version = versions.extractor_version()
    ex = Extraction(source.doc_id, str(source.path), "", version, duplicate_of=source.duplicate_of)
    if source.duplicate_of:  # the same bytes are extracted once, under the first id
        ex.sha256 = file_sha256(source.path) or "0" * 64
        return ex
    try:
        refused = refusal(source.path, source.root, follow_symlinks=follow_symlinks)
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
        doc = read_document(data, doc_id=source.doc_id, source_path=str(source.path))
        ex.media_type, ex.title, ex.n_pages = doc.media_type, doc.title, doc.n_pages
        ex.n_tables, ex.n_references = len(doc.tables), len(doc.references)
        try:
            ex.rows = document_to_records(doc)
            if ex.rows.get("cohorts"):
                from litcurate.meta.effects import effect_size_records

                ex.rows["effect_sizes"] = effect_size_records(ex.rows["cohorts"], ex.rows["outcome_data"])
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
        ex.sha256 = file_sha256(source.path) or "0" * 64
    return ex


def extract_batch(sources: list[Source], settings: RunSettings | None = None) -> list[Extraction]:
    """Gives the extraction of each source of a batch, in order, each under the run's settings
    (per-document limits, in a worker process: `litcurate.ingest.workers`; default:
    `RunSettings.from_env()`); never raises for one document."""
    from litcurate.ingest.workers import extract_limited

    return extract_limited(sources, settings)
