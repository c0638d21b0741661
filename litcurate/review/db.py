"""The review database: the append-only decision log, plus a derived index of records.

`decisions` is the audit log. Triggers make SQLite itself refuse UPDATE and DELETE on it, and
a hash chain (`litcurate.review.chain`) makes any rewrite detectable: someone who drops the
triggers can change the file, but not unnoticed. The current state of a
record is derived from the log into `record_state` by an insert trigger (and can be rebuilt
from the log alone with `rebuild_state`). The `records`, `docs` and `index_files`
tables are a cache of the curated Parquet files (rebuilt whenever those change) so that web
pages query a few rows by index instead of loading the dataset per request.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

from litcurate.review import AuditLogTamperedError, chain

DB_NAME = "review.sqlite"

DDL = """
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    doc_id TEXT,
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit')),
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT,
    extractor_version TEXT,
    content_hash TEXT,
    base_version INTEGER,
    snapshot TEXT
);
CREATE INDEX IF NOT EXISTS decisions_by_record ON decisions (record_id, seq);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only: UPDATE is refused'); END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only: DELETE is refused'); END;

-- The current state of every decided record, derived from the log by a trigger in the same
-- transaction as each append (and rebuilt from the log by `rebuild_state`), so that pages
-- join an indexed table instead of aggregating the whole log per request.
CREATE TABLE IF NOT EXISTS record_state (
    record_id TEXT PRIMARY KEY, tbl TEXT, doc_id TEXT, version INTEGER, n_edits INTEGER,
    last_action TEXT, content_hash TEXT, reviewer TEXT, at TEXT, note TEXT, status TEXT
);
CREATE INDEX IF NOT EXISTS record_state_status ON record_state (status);
CREATE TRIGGER IF NOT EXISTS decisions_derive_state AFTER INSERT ON decisions
BEGIN
    INSERT INTO record_state VALUES (
        NEW.record_id, NEW.tbl, NEW.doc_id, NEW.seq, NEW.action = 'edit', NEW.action, NEW.content_hash,
        NEW.reviewer, NEW.at, NEW.note,
        CASE NEW.action WHEN 'reject' THEN 'rejected' WHEN 'edit' THEN 'edited' ELSE 'accepted' END)
    ON CONFLICT (record_id) DO UPDATE SET
        version = excluded.version, n_edits = n_edits + excluded.n_edits,
        last_action = excluded.last_action, content_hash = excluded.content_hash,
        reviewer = excluded.reviewer, at = excluded.at, note = excluded.note,
        status = CASE WHEN excluded.last_action = 'reject' THEN 'rejected'
                      WHEN n_edits + excluded.n_edits > 0 THEN 'edited' ELSE 'accepted' END;
END;

CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    tbl_rank INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    label TEXT,
    summary TEXT,
    content_hash TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_order ON records (doc_id, tbl_rank, pos);
CREATE INDEX IF NOT EXISTS records_queue ON records (tbl_rank, doc_id, pos);
CREATE INDEX IF NOT EXISTS records_by_table ON records (tbl, label);
CREATE TABLE IF NOT EXISTS docs (
    doc_id TEXT PRIMARY KEY, source_path TEXT, title TEXT, status TEXT, media_type TEXT,
    extractor_version TEXT, sha256 TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS index_files (
    tbl TEXT NOT NULL, doc_id TEXT NOT NULL, mtime_ns INTEGER, size INTEGER,
    PRIMARY KEY (tbl, doc_id)
);
CREATE TABLE IF NOT EXISTS index_dirs (tbl TEXT PRIMARY KEY, mtime_ns INTEGER);
"""

# The same state, computed from the log alone (MAX(seq) is the only min/max aggregate, so
# SQLite takes the bare columns from each record's latest decision).
STATE_FROM_LOG = """
SELECT record_id, tbl, doc_id, MAX(seq) AS version, SUM(action = 'edit') AS n_edits, action AS last_action,
       content_hash, reviewer, at, note,
       CASE WHEN action = 'reject' THEN 'rejected' WHEN SUM(action = 'edit') > 0 THEN 'edited'
            ELSE 'accepted' END AS status
FROM decisions GROUP BY record_id
"""

# Per-record status, with 'pending' for records nobody has decided on yet.
STATUS_SQL = "COALESCE(s.status, 'pending')"
CHANGED_SQL = "(s.content_hash IS NOT NULL AND s.content_hash != r.content_hash)"


def db_path(curated: str | Path) -> Path:
    """Gives where the review database of a curated folder lives."""
    return Path(curated) / DB_NAME


def connect(curated: str | Path) -> sqlite3.Connection:
    """Gives a connection to the review database (created if new): WAL, 10 s busy timeout."""
    path = db_path(curated)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return _prepared(conn, path)


def snapshot(curated: str | Path) -> sqlite3.Connection:
    """Gives an in-memory copy of the review database (an empty one when there is none yet),
    for commands that only read: their index sync goes to the copy, and nothing under the
    curated folder is written, created or locked (a read-only folder is fine)."""
    path = db_path(curated)
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    if path.is_file():
        with reading(path) as source:
            source.backup(conn)
    return _prepared(conn, path)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """Gives a read-only connection to a review database that writes nothing beside it.

    With no pending write-ahead log the file is opened `immutable` (no locks, no -wal or -shm
    files created). A pending log is read through `mode=ro` with the -shm its writer made (a
    live writer: the web app); when that fails (a writer that died, in a folder this process may
    not write) the database and its log are read from a private copy.
    """
    wal = path.with_name(path.name + "-wal")
    with ExitStack() as stack:
        if not (wal.is_file() and wal.stat().st_size > 0):
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        else:
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="litcurate-review-")))
                for name in (path.name, wal.name):
                    shutil.copyfile(path.with_name(name), tmp / name)
                conn = sqlite3.connect(tmp / path.name)
        stack.enter_context(closing(conn))
        yield conn


def _prepared(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """Gives the connection with the audit log checked and the schema in place."""
    # A trigger dropped from an existing log is tampering: refuse, never quietly re-create it.
    if chain.has_table(conn, "decisions"):
        expected = chain.TRIGGERS if chain.has_table(conn, "decision_chain") else chain.TRIGGERS[:2]
        missing = [t for t in expected if t not in chain.existing_triggers(conn)]
        if missing:
            conn.close()
            raise AuditLogTamperedError(
                f"{path}: the audit log's trigger(s) {', '.join(missing)} were dropped; "
                "run `litcurate review verify` (the log is not served)"
            )
    conn.executescript(DDL)
    chain.install(conn)
    n_log = conn.execute("SELECT COUNT(DISTINCT record_id) FROM decisions").fetchone()[0]
    if n_log != conn.execute("SELECT COUNT(*) FROM record_state").fetchone()[0]:
        rebuild_state(conn)
    return conn


def rebuild_state(conn: sqlite3.Connection) -> None:
    """Recomputes the derived state table from the audit log alone."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM record_state")
        conn.execute(f"INSERT INTO record_state {STATE_FROM_LOG}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
