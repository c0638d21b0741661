"""Reading the review of one curated folder: the queue, records, documents and the audit log.

`RecordReader` holds every query the web app and the CLI twins make; `ReviewStore`
(`litcurate.review.store`) adds the decisions. The status of a record is derived from the
audit log each time (`STATUS_SQL`), never stored.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from litcurate.review import ReviewError
from litcurate.review.db import CHANGED_SQL, STATUS_SQL
from schemas.catalog import CATALOG

STATUSES = ("pending", "accepted", "rejected", "edited", "orphaned", "changed")
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Filters:
    """What the queue shows: each filter empty means all."""

    table: str = ""
    label: str = ""
    status: str = ""
    doc: str = ""  # a document id (resolve a path or fragment first with `resolve_doc`)
    q: str = ""  # words the record's summary or text must contain (case-insensitive)

    def query(self) -> dict[str, str]:
        """Gives the non-empty filters as URL query parameters."""
        return {
            k: v
            for k, v in (
                ("table", self.table),
                ("label", self.label),
                ("status", self.status),
                ("doc", self.doc),
                ("q", self.q),
            )
            if v
        }


@dataclass(slots=True)
class Record:
    """One record as extracted, as reviewed, and its review state."""

    record_id: str
    table: str
    doc_id: str
    extracted: dict[str, Any]
    reviewed: dict[str, Any]
    status: str
    version: int
    content_hash: str
    changed: bool
    edits: dict[str, Any] = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)
    was: dict[str, Any] = field(default_factory=dict)  # when changed: field -> value when last decided


class RecordReader:
    """The queries on a review database: the queue, records, documents, orphans, the log."""

    curated: Path
    conn: sqlite3.Connection

    def _where(self, f: Filters) -> tuple[str, list[Any]]:
        clauses, args = [], []
        if f.table:
            clauses.append("r.tbl = ?")
            args.append(f.table)
        if f.label:
            clauses.append("r.label = ?")
            args.append(f.label)
        if f.doc:  # an id, a source path, or a fragment of paths (then every document it names)
            ids = self.resolve_doc(f.doc) or [f.doc]
            clauses.append(f"r.doc_id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        for word in f.q.split():  # every word, in the summary or a field's value (not in field names)
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(r.summary LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(r.data) j "
                "WHERE j.key NOT LIKE '%provenance' AND j.value LIKE ? ESCAPE '\\'))"
            )
            args.extend([like, like])
        if f.status == "changed":
            clauses.append(CHANGED_SQL)
        elif f.status:
            clauses.append(f"{STATUS_SQL} = ?")
            args.append(f.status)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    _SELECT = (
        f"SELECT r.record_id, r.tbl, r.doc_id, r.pos, r.tbl_rank, r.label, r.summary, "
        f"{STATUS_SQL} AS status, {CHANGED_SQL} AS changed, COALESCE(s.version, 0) AS version, "
        f"d.title AS doc_title, d.source_path AS doc_path "
        f"FROM records r LEFT JOIN record_state s ON s.record_id = r.record_id "
        f"LEFT JOIN docs d ON d.doc_id = r.doc_id"
    )
    # The queue's order: table (the catalog's review order: studies first), document, place in it.
    _ORDER = "r.tbl_rank, r.doc_id, r.pos"

    def queue(
        self, filters: Filters, *, page: int = 1, size: int = PAGE_SIZE
    ) -> tuple[list[dict[str, Any]], int]:
        """Gives one page of the queue and the number of records matching the filters."""
        if filters.status == "orphaned":
            rows = self.orphans()
            return rows[(page - 1) * size : page * size], len(rows)
        where, args = self._where(filters)
        join = " LEFT JOIN record_state s ON s.record_id = r.record_id" if filters.status else ""
        total = self.conn.execute(f"SELECT COUNT(*) FROM records r{join}{where}", args).fetchone()[0]
        rows = self.conn.execute(
            f"{self._SELECT}{where} ORDER BY {self._ORDER} LIMIT ? OFFSET ?",
            [*args, size, (max(page, 1) - 1) * size],
        ).fetchall()
        return self._reviewed_summaries([dict(r) for r in rows]), total

    def _reviewed_summaries(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Gives the rows with the summary of an edited record made from its reviewed values."""
        ids = [r["record_id"] for r in rows if r["status"] in ("edited", "rejected")]
        edits: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for e in self.conn.execute(
                f"SELECT d.record_id, d.field, d.new_value, r.data FROM decisions d "
                f"JOIN records r ON r.record_id = d.record_id WHERE d.action = 'edit' "
                f"AND d.record_id IN ({','.join('?' * len(chunk))}) ORDER BY d.seq",
                chunk,
            ):
                row = edits.setdefault(e["record_id"], json.loads(e["data"]))
                row[e["field"]] = json.loads(e["new_value"])
        for r in rows:
            review = CATALOG[r["tbl"]].review
            if r["record_id"] in edits and review is not None:
                r["summary"] = review.summary(edits[r["record_id"]])[:300]
        return rows

    def neighbours(self, record_id: str, filters: Filters) -> tuple[str | None, str | None]:
        """Gives the ids of the previous and next records of the filtered queue around one record."""
        here = self.conn.execute(
            "SELECT tbl_rank, doc_id, pos FROM records WHERE record_id = ?", (record_id,)
        ).fetchone()
        if here is None:
            return None, None
        where, args = self._where(filters)
        joiner = " AND " if where else " WHERE "
        key = f"({self._ORDER})"
        desc = ", ".join(f"{c} DESC" for c in self._ORDER.split(", "))
        prev = self.conn.execute(
            f"{self._SELECT}{where}{joiner}{key} < (?, ?, ?) ORDER BY {desc} LIMIT 1", [*args, *here]
        ).fetchone()
        nxt = self.conn.execute(
            f"{self._SELECT}{where}{joiner}{key} > (?, ?, ?) ORDER BY {self._ORDER} LIMIT 1", [*args, *here]
        ).fetchone()
        return (prev["record_id"] if prev else None), (nxt["record_id"] if nxt else None)

    def labels(self) -> list[str]:
        """Gives every label in the index (for the queue's filter)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT label FROM records WHERE label IS NOT NULL ORDER BY 1"
            )
        ]

    def documents(self) -> list[dict[str, Any]]:
        """Gives every document with its status and review progress (records per status)."""
        rows = self.conn.execute(
            f"SELECT d.*, COUNT(r.record_id) AS n_records, "
            f"SUM({STATUS_SQL} != 'pending') AS n_decided, SUM({STATUS_SQL} = 'rejected') AS n_rejected, "
            f"SUM({CHANGED_SQL}) AS n_changed "
            f"FROM docs d LEFT JOIN records r ON r.doc_id = d.doc_id "
            f"LEFT JOIN record_state s ON s.record_id = r.record_id GROUP BY d.doc_id ORDER BY d.source_path"
        ).fetchall()
        return [dict(r) for r in rows]

    def document_names(self) -> list[dict[str, Any]]:
        """Gives every document's id and source path (cheap: for filter lists)."""
        return [
            dict(r) for r in self.conn.execute("SELECT doc_id, source_path FROM docs ORDER BY source_path")
        ]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """Gives a document's row of the index, or None."""
        row = self.conn.execute("SELECT * FROM docs WHERE doc_id = ?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def resolve_doc(self, given: str) -> list[str]:
        """Gives the ids of the documents `given` names: an id, a source path (as stored, or the
        same file), else every document whose source path contains it (one id when it is unique)."""
        given = given.strip()
        if not given:
            return []
        if self.conn.execute("SELECT 1 FROM docs WHERE doc_id = ?", (given,)).fetchone():
            return [given]
        docs = self.document_names()
        exact = [d["doc_id"] for d in docs if d["source_path"] == given]
        if exact:
            return exact
        real = Path(given).resolve()
        same = [d["doc_id"] for d in docs if d["source_path"] and Path(d["source_path"]).resolve() == real]
        if same:
            return same
        norm = given.replace("\\", "/")
        return [d["doc_id"] for d in docs if norm in (d["source_path"] or "").replace("\\", "/")]

    def document_records(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """Gives every record of one document, grouped by table in the queue's order (empty tables left out)."""
        rows, _total = self.queue(Filters(doc=doc_id), size=1_000_000)
        out: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            out.setdefault(r["tbl"], []).append(r)
        return out

    def bulk_candidates(self, filters: Filters) -> list[dict[str, Any]]:
        """Gives the records of the filtered set a bulk accept would decide: the pending ones and
        the changed ones (a decision a curator made one by one is never overridden in bulk)."""
        if filters.status == "orphaned":
            return []  # an orphan has no record left to accept
        rows, _total = self.queue(filters, size=1_000_000)
        return [r for r in rows if r["status"] == "pending" or r["changed"]]

    def orphans(self) -> list[dict[str, Any]]:
        """Gives the decided records that no longer exist in the curated tables."""
        rows = self.conn.execute(
            "SELECT s.record_id, s.tbl, s.doc_id, s.status AS last_status, s.version, s.reviewer, s.at, "
            "d.snapshot, 'orphaned' AS status, 0 AS changed FROM record_state s JOIN decisions d ON d.seq = s.version "
            "WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.record_id = s.record_id) ORDER BY s.doc_id, s.record_id"
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            snap = json.loads(d["snapshot"] or "{}")
            spec = CATALOG[d["tbl"]].review if d["tbl"] in CATALOG else None
            d["summary"] = spec.summary(snap) if spec and snap else ""
            d["label"] = snap.get(spec.label_column) if spec and spec.label_column else None
            out.append(d)
        return out

    def edits(self, record_id: str) -> dict[str, Any]:
        """Gives the latest edited value of every edited field of a record."""
        out: dict[str, Any] = {}
        for r in self.conn.execute(
            "SELECT field, new_value FROM decisions WHERE record_id = ? AND action = 'edit' ORDER BY seq",
            (record_id,),
        ):
            out[r["field"]] = json.loads(r["new_value"])
        return out

    def record(self, record_id: str) -> Record:
        """Gives a record with its extracted and reviewed values and its state."""
        row = self.conn.execute(
            f"SELECT r.*, {STATUS_SQL} AS status, {CHANGED_SQL} AS changed, COALESCE(s.version, 0) AS version "
            f"FROM records r LEFT JOIN record_state s ON s.record_id = r.record_id WHERE r.record_id = ?",
            (record_id,),
        ).fetchone()
        if row is None:
            orphan = self.conn.execute(
                "SELECT 1 FROM decisions WHERE record_id = ? LIMIT 1", (record_id,)
            ).fetchone()
            why = (
                "it was decided on but no longer exists after re-extraction (orphaned)"
                if orphan
                else "no such record"
            )
            raise ReviewError(f"record {record_id}: {why}")
        extracted = json.loads(row["data"])
        fields = CATALOG[row["tbl"]].content_fields(extracted)
        was: dict[str, Any] = {}
        if row["changed"]:
            snap = self.conn.execute(
                "SELECT snapshot FROM decisions WHERE seq = ?", (row["version"],)
            ).fetchone()
            before = json.loads(snap["snapshot"] or "{}") if snap else {}
            was = {f: before.get(f) for f in fields if before.get(f) != extracted.get(f)}
        edits = self.edits(record_id)
        return Record(
            record_id,
            row["tbl"],
            row["doc_id"],
            extracted,
            {**extracted, **edits},
            row["status"],
            row["version"],
            row["content_hash"],
            bool(row["changed"]),
            edits,
            fields,
            was,
        )

    def history(self, record_id: str | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Gives the audit log (of one record, or all), oldest first."""
        sql = "SELECT * FROM decisions" + (" WHERE record_id = ?" if record_id else "") + " ORDER BY seq"
        sql += f" LIMIT {int(limit)}" if limit else ""
        return [dict(r) for r in self.conn.execute(sql, (record_id,) if record_id else ())]
