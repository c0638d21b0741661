"""Keeps the review database's record index in step with the curated Parquet files.

Each table folder's modification time is compared first (one `stat` per table), and only
the files of documents that changed are read again; so a request costs a handful of stats
unless something was re-extracted. A document's signature is its file's (modification time,
size), whether the file is its own or a part holding many documents (`litcurate.parts`): a
part read once gives the rows of all its changed documents.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from litcurate.core.values import plain
from litcurate.parts import is_part, layout
from schemas.catalog import CATALOG, REVIEW_RANK, REVIEWED

DOC_COLUMNS = [
    "doc_id",
    "source_path",
    "title",
    "status",
    "media_type",
    "extractor_version",
    "sha256",
    "error",
]


def _files(folder: Path) -> dict[str, tuple[Path, tuple[int, int]]]:
    """Gives each document's file and that file's signature."""
    out = {}
    lay = layout(folder)
    for path, ids in [*((p, {d}) for d, p in lay.loose.items()), *lay.parts.items()]:
        try:
            st = path.stat()
        except FileNotFoundError:  # replaced since listed: the next sync sees the new one
            continue
        for doc_id in ids:
            out[doc_id] = (path, (st.st_mtime_ns, st.st_size))
    return out


def _to_json(row: dict[str, Any]) -> str:
    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False, default=str)


def _rows_by_doc(path: Path, wanted: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Gives the rows of the wanted documents in a file, each document's in file order."""
    data = pq.read_table(path)
    if not is_part(path.name):  # a document's own file: all its rows are its
        return {path.stem: data.to_pylist()}
    if len(wanted) < len(set(data.column("doc_id").to_pylist())):
        data = data.filter(pc.is_in(data.column("doc_id"), value_set=pa.array(sorted(wanted), pa.string())))
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in wanted}
    for row in data.to_pylist():
        out.setdefault(row["doc_id"], []).append(row)
    return out


def _index_doc(conn: sqlite3.Connection, table: str, doc_id: str, rows: list[dict[str, Any]]) -> None:
    if table == "documents":
        conn.execute("DELETE FROM docs WHERE doc_id = ?", (doc_id,))
        for row in rows:
            conn.execute(
                f"INSERT OR REPLACE INTO docs VALUES ({','.join('?' * len(DOC_COLUMNS))})",
                [plain(row.get(c)) for c in DOC_COLUMNS],
            )
        return
    spec = CATALOG[table]
    review = spec.review
    assert review is not None, f"{table} is not a reviewed table"
    conn.execute("DELETE FROM records WHERE tbl = ? AND doc_id = ?", (table, doc_id))
    rank = REVIEW_RANK[table]
    for pos, row in enumerate(rows):
        label = plain(row.get(review.label_column)) if review.label_column else None
        conn.execute(
            "INSERT OR REPLACE INTO records VALUES (?,?,?,?,?,?,?,?,?)",
            (
                spec.record_key(row),
                table,
                rank,
                doc_id,
                pos,
                label,
                review.summary(row)[:300],
                spec.content_hash(row),
                _to_json(row),
            ),
        )


def sync_index(conn: sqlite3.Connection, curated: Path, *, full: bool = False) -> int:
    """Brings the record index up to date with the curated files; gives how many files it read."""
    n_read = 0
    for table in ["documents", *(s.name for s in REVIEWED)]:
        folder = curated / table
        dir_mtime = folder.stat().st_mtime_ns if folder.is_dir() else 0
        seen = conn.execute("SELECT mtime_ns FROM index_dirs WHERE tbl = ?", (table,)).fetchone()
        if not full and seen is not None and seen[0] == dir_mtime:
            continue
        files = _files(folder)
        known = {
            r["doc_id"]: (r["mtime_ns"], r["size"])
            for r in conn.execute("SELECT doc_id, mtime_ns, size FROM index_files WHERE tbl = ?", (table,))
        }
        conn.execute("BEGIN IMMEDIATE")
        try:
            changed: dict[Path, set[str]] = {}
            for doc_id, (path, sig) in files.items():
                if full or known.get(doc_id) != sig:
                    changed.setdefault(path, set()).add(doc_id)
            for path, ids in changed.items():
                for doc_id, rows in _rows_by_doc(path, ids).items():
                    _index_doc(conn, table, doc_id, rows)
                    conn.execute(
                        "INSERT OR REPLACE INTO index_files VALUES (?,?,?,?)",
                        (table, doc_id, *files[doc_id][1]),
                    )
                n_read += 1
            for doc_id in set(known) - set(files):
                _index_doc(conn, table, doc_id, [])
                conn.execute("DELETE FROM index_files WHERE tbl = ? AND doc_id = ?", (table, doc_id))
            conn.execute("INSERT OR REPLACE INTO index_dirs VALUES (?, ?)", (table, dir_mtime))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    _rerank(conn)
    return n_read


def _rerank(conn: sqlite3.Connection) -> None:
    """Keeps each record's table rank the catalog's (a catalog that gained a table reorders the queue)."""
    for table, rank in REVIEW_RANK.items():
        if conn.execute(
            "SELECT 1 FROM records WHERE tbl = ? AND tbl_rank != ? LIMIT 1", (table, rank)
        ).fetchone():
            conn.execute("UPDATE records SET tbl_rank = ? WHERE tbl = ?", (rank, table))
