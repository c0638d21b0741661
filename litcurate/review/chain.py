"""The hash chain over the review audit log: tampering is detected, not prevented.

Each decision gets a row in `decision_chain` holding the hash of the previous decision's link
and its own: SHA-256 over the previous hash and every column of the decision. An AFTER INSERT
trigger writes the link in the same transaction as the decision, calling a function that only
litcurate's connections define, so an INSERT from a bare sqlite3 shell fails instead of
leaving an unchained row. `verify` walks the log and names the first decision whose link does
not match: an UPDATE or DELETE (after dropping the triggers), an inserted or reordered row, a
missing link, or a dropped trigger. Whoever can write the file can also recompute every link
after a rewrite; `verify` prints the head hash so it can be kept elsewhere and compared.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

GENESIS = "0" * 64
COLUMNS = (
    "seq",
    "record_id",
    "tbl",
    "doc_id",
    "action",
    "field",
    "old_value",
    "new_value",
    "reviewer",
    "at",
    "note",
    "extractor_version",
    "content_hash",
    "base_version",
    "snapshot",
)
TRIGGERS = ("decisions_no_update", "decisions_no_delete", "decisions_chain_link")

DDL = f"""
CREATE TABLE IF NOT EXISTS decision_chain (seq INTEGER PRIMARY KEY, prev TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS decisions_chain_link AFTER INSERT ON decisions
BEGIN
    INSERT INTO decision_chain (seq, prev, hash)
    SELECT NEW.seq, p.h, litcurate_link(p.h, {", ".join("NEW." + c for c in COLUMNS)})
    FROM (SELECT COALESCE((SELECT hash FROM decision_chain ORDER BY seq DESC LIMIT 1), '{GENESIS}') AS h) AS p;
END;
CREATE TRIGGER IF NOT EXISTS decision_chain_no_update BEFORE UPDATE ON decision_chain
BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only: UPDATE is refused'); END;
CREATE TRIGGER IF NOT EXISTS decision_chain_no_delete BEFORE DELETE ON decision_chain
BEGIN SELECT RAISE(ABORT, 'the review audit log is append-only: DELETE is refused'); END;
"""


def link(prev: str, *values: object) -> str:
    """Gives the hash of one decision: SHA-256 of the previous hash and its columns, as JSON."""
    blob = json.dumps([prev, *values], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def register(conn: sqlite3.Connection) -> None:
    """Defines the link function the chain trigger calls, on this connection."""
    conn.create_function("litcurate_link", 1 + len(COLUMNS), link, deterministic=True)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What `verify` found: ok, or the first bad decision and why; the head hash."""

    ok: bool
    n: int
    head: str
    bad_seq: int | None = None
    reason: str | None = None

    def message(self) -> str:
        """Gives the verdict as one line for a curator."""
        if self.ok:
            return f"audit log intact: {self.n} decision(s), chain head {self.head}"
        where = f"decision seq {self.bad_seq}" if self.bad_seq is not None else "the log"
        return f"audit log FAILED verification at {where}: {self.reason}"


def existing_triggers(conn: sqlite3.Connection) -> set[str]:
    """Gives the names of the triggers the database has."""
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Gives whether the database has the table."""
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
        is not None
    )


def install(conn: sqlite3.Connection) -> None:
    """Creates the chain; a log from before the chain existed is chained once, as it stands."""
    register(conn)
    migrate = not has_table(conn, "decision_chain")
    conn.executescript(DDL)
    if migrate:
        conn.execute("BEGIN IMMEDIATE")
        try:
            prev = GENESIS
            for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM decisions ORDER BY seq").fetchall():
                h = link(prev, *tuple(row))
                conn.execute(
                    "INSERT INTO decision_chain (seq, prev, hash) VALUES (?, ?, ?)", (row[0], prev, h)
                )
                prev = h
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def verify(conn: sqlite3.Connection) -> Verdict:
    """Gives the verdict on the chain: every decision linked, in order, each hash matching."""
    missing = [t for t in TRIGGERS if t not in existing_triggers(conn)]
    if missing:
        return Verdict(False, 0, "", None, f"trigger(s) {', '.join(missing)} dropped")
    if not has_table(conn, "decision_chain"):
        return Verdict(False, 0, "", None, "the decision_chain table is missing")
    rows = conn.execute(
        f"SELECT {', '.join('d.' + c for c in COLUMNS)}, c.prev, c.hash, c.seq IS NULL "
        "FROM decisions d LEFT JOIN decision_chain c ON c.seq = d.seq ORDER BY d.seq"
    ).fetchall()
    prev, n = GENESIS, 0
    for row in rows:
        seq, values, (c_prev, c_hash, unlinked) = (
            row[0],
            tuple(row[: len(COLUMNS)]),
            tuple(row[len(COLUMNS) :]),
        )
        if unlinked:
            return Verdict(False, n, prev, seq, "no chain link (inserted outside litcurate)")
        if c_prev != prev:
            return Verdict(
                False,
                n,
                prev,
                seq,
                "its link does not follow the previous decision "
                "(a decision before it was deleted, inserted or changed)",
            )
        if link(prev, *values) != c_hash:
            return Verdict(
                False, n, prev, seq, "its content does not match its hash (changed after it was written)"
            )
        prev, n = c_hash, n + 1
    n_links = conn.execute("SELECT COUNT(*) FROM decision_chain").fetchone()[0]
    if n_links != n:
        last = conn.execute("SELECT MAX(seq) FROM decision_chain").fetchone()[0]
        return Verdict(False, n, prev, last, f"{n_links - n} chain link(s) without their decision (deleted)")
    return Verdict(True, n, prev)
