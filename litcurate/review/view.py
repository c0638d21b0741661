"""The reviewed view: the extracted tables with every decision applied, and its export.

Each record table gains `review_status` (pending, accepted, rejected, edited),
`review_changed` (decided, but the extractor has since changed the content: re-review it),
`review_version`, `reviewer` and `reviewed_at`. Edited fields carry the curator's value.
Rejected rows stay in, with their status. Decisions whose record vanished are exported too,
as `review_orphans`, next to the whole audit log (`review_log`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from litcurate.core.values import plain
from litcurate.review import ReviewError
from litcurate.review.store import ReviewStore, open_store
from schemas.catalog import CATALOG, REVIEWED

FORMATS = ("csv", "parquet", "jsonl")


def _state(store: ReviewStore) -> dict[str, dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT record_id, status, version, content_hash, reviewer, at FROM record_state"
    )
    return {r["record_id"]: dict(r) for r in rows}


def _all_edits(store: ReviewStore) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in store.conn.execute(
        "SELECT record_id, field, new_value FROM decisions WHERE action = 'edit' ORDER BY seq"
    ):
        out.setdefault(r["record_id"], {})[r["field"]] = json.loads(r["new_value"])
    return out


def reviewed_table(source: ReviewStore | str | Path, table: str) -> pd.DataFrame:
    """Gives one record table with decisions applied and the review columns added: edited fields
    carry the curator's value, `review_status` says pending, accepted, rejected or edited
    (rejected rows stay in: filter them out with `df[df.review_status != "rejected"]`).

    `source` is a curated folder (read, then closed) or an open `ReviewStore`. Raises UsageError
    for a folder that is not a curated dataset and ReviewError for a table that is not reviewed.
    """
    from litcurate.storage import CuratedStore

    if table not in {s.name for s in REVIEWED}:
        raise ReviewError(f"{table!r} is not a reviewed table: one of {', '.join(s.name for s in REVIEWED)}")
    if not isinstance(source, ReviewStore):
        opened = open_store(source, read_only=True)
        try:
            return reviewed_table(opened, table)
        finally:
            opened.close()
    store = source
    spec = CATALOG[table]
    df = CuratedStore(store.curated).read(table)
    state, edits = _state(store), _all_edits(store)
    rows = df.to_dict("records")
    keys = [spec.record_key(row) for row in rows]
    hashes = [spec.content_hash(row) for row in rows]
    df = df.astype(object)
    for i, key in enumerate(keys):
        for field, value in edits.get(key, {}).items():
            if field in df.columns:
                df.at[i, field] = value
    st = [state.get(k, {}) for k in keys]
    df["review_status"] = [s.get("status", "pending") for s in st]
    df["review_changed"] = [bool(s) and s.get("content_hash") != h for s, h in zip(st, hashes, strict=True)]
    df["review_version"] = [int(s.get("version", 0)) for s in st]
    df["reviewer"] = [s.get("reviewer") for s in st]
    df["reviewed_at"] = [s.get("at") for s in st]
    return df


def documents_table(curated: str | Path) -> pd.DataFrame:
    """Gives one row per document to join exported rows on `doc_id`: title, source path, media type,
    status, duplicate_of, and the paper's own DOI, PMID and PMCID when its source states them."""
    from extractors.doc_ids import document_ids
    from litcurate.storage import CuratedStore

    docs = CuratedStore(curated).read("documents")
    keep = [
        c
        for c in (
            "doc_id",
            "title",
            "source_path",
            "media_type",
            "status",
            "duplicate_of",
            "n_pages",
            "n_tables",
            "n_references",
            "sha256",
            "extractor_version",
            "ingested_at",
        )
        if c in docs.columns
    ]
    docs = docs[keep].reset_index(drop=True)
    for c in ("n_pages", "n_tables", "n_references"):  # counts stay integers (`14`, not `14.0`) in CSV
        if c in docs.columns:
            docs[c] = pd.array(pd.to_numeric(docs[c], errors="coerce").round(), dtype="Int64")
    docs = docs.astype(object).where(docs.notna(), None)
    base = Path(curated).resolve().parent
    ids = []
    for row in docs.to_dict("records"):
        path = Path(str(row.get("source_path") or ""))
        path = path if path.is_absolute() or path.is_file() else base / path
        try:
            ids.append(document_ids(path.read_bytes(), str(row.get("media_type") or "")))
        except OSError:  # the source moved since ingest: its ids are unknown, the row stays
            ids.append({})
    for key in ("doi", "pmid", "pmcid"):
        docs[key] = [i.get(key) for i in ids]
    return docs


def _write(df: pd.DataFrame, path: Path, fmt: str) -> Path:
    target = path.with_suffix(f".{fmt}")
    if fmt == "parquet":
        df.to_parquet(target, index=False)
    elif fmt == "jsonl":
        df.to_json(target, orient="records", lines=True, force_ascii=False)
    else:
        flat = df.copy()
        for c in flat.columns:  # lists as JSON text, so a CSV cell stays one value
            if flat[c].map(lambda v: isinstance(v, list | tuple) or hasattr(v, "tolist")).any():
                flat[c] = flat[c].map(
                    lambda v: json.dumps(plain(v)) if v is not None and not isinstance(v, float) else v
                )
        flat.to_csv(target, index=False)
    return target


def export(curated: str | Path, to: str | Path, *, fmt: str = "csv") -> dict[str, int]:
    """Writes the reviewed view (plus the audit log and orphans); gives rows written per file."""
    if fmt not in FORMATS:
        raise ReviewError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(to)
    out.mkdir(parents=True, exist_ok=True)
    store = open_store(curated, read_only=True)
    try:
        counts: dict[str, int] = {}
        for table in (s.name for s in REVIEWED):
            df = reviewed_table(store, table)
            _write(df, out / table, fmt)
            counts[table] = len(df)
        docs = documents_table(store.curated)
        _write(docs, out / "documents", fmt)
        counts["documents"] = len(docs)
        log = pd.DataFrame(store.history())
        _write(log.astype(object), out / "review_log", fmt)
        counts["review_log"] = len(log)
        orphans = pd.DataFrame(store.orphans())
        _write(orphans.astype(object), out / "review_orphans", fmt)
        counts["review_orphans"] = len(orphans)
        return counts
    finally:
        store.close()
