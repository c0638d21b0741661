"""The audit log, derived state, edits, concurrency and re-extraction, through the library."""

from __future__ import annotations

import sqlite3

import pytest

from litcurate.review import ConcurrentEditError, InvalidEditError, ReviewError
from litcurate.review.db import STATE_FROM_LOG, db_path, rebuild_state
from litcurate.review.store import Filters, ReviewStore, open_store, review_counts

from .conftest import ReviewEnv, edit_seed


def _studies(store: ReviewStore) -> list[str]:
    rows, _ = store.queue(Filters(table="studies"))
    return [r["record_id"] for r in rows]


def test_index_holds_every_record_table(review_env: ReviewEnv) -> None:
    store = open_store(review_env.curated)
    counts = {t: store.queue(Filters(table=t))[1] for t in ("studies", "outcomes", "potency", "references")}
    assert counts == {"studies": 6, "outcomes": 16, "potency": 4, "references": 17}
    assert store.queue(Filters(table="entities"))[1] > 100
    assert store.sync() == 0  # nothing changed: no file is read again


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE decisions SET action = 'reject'",
        "UPDATE decisions SET note = 'rewritten' WHERE seq = 1",
        "DELETE FROM decisions",
        "DELETE FROM decisions WHERE seq = 1",
    ],
)
def test_audit_log_refuses_update_and_delete(review_env: ReviewEnv, sql: str) -> None:
    store = open_store(review_env.curated)
    store.decide(_studies(store)[0], "accept", reviewer="ana")
    store.close()
    raw = sqlite3.connect(db_path(review_env.curated))  # even a plain sqlite3 shell is refused
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute(sql)
    assert raw.execute("SELECT COUNT(*), MIN(action) FROM decisions").fetchone() == (1, "accept")


def test_database_is_wal(review_env: ReviewEnv) -> None:
    store = open_store(review_env.curated)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_state_is_derived_from_the_log(review_env: ReviewEnv) -> None:
    store = open_store(review_env.curated)
    a, b, c = _studies(store)[:3]
    store.decide(a, "accept", reviewer="ana", note="matches table 1")
    store.decide(b, "reject", reviewer="ana")
    store.edit(c, "route", "intraperitoneal", reviewer="ben")
    store.decide(c, "accept", reviewer="ana")  # accepting an edited record keeps it edited
    assert [store.record(r).status for r in (a, b, c)] == ["accepted", "rejected", "edited"]
    assert store.record(c).reviewed["route"] == "intraperitoneal"
    assert store.record(c).extracted["route"] == "oral"
    log = store.history(c)
    assert [(h["action"], h["field"], h["old_value"], h["new_value"]) for h in log] == [
        ("edit", "route", '"oral"', '"intraperitoneal"'),
        ("accept", None, None, None),
    ]
    assert all(h["extractor_version"] and h["content_hash"] and h["at"] for h in log)
    # the state table is only a cache of the log: recomputing it from the log gives the same
    cached = [tuple(r) for r in store.conn.execute("SELECT * FROM record_state ORDER BY record_id")]
    assert cached == [tuple(r) for r in store.conn.execute(f"{STATE_FROM_LOG} ORDER BY record_id")]
    rebuild_state(store.conn)
    assert cached == [tuple(r) for r in store.conn.execute("SELECT * FROM record_state ORDER BY record_id")]


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        # The allowed values in words (issue 13: a raw regex, `[mµnp]?M`, was printed and mangled).
        (
            "dose_unit",
            "furlongs",
            r"dose_unit must be written as described: .*\(mg, µg, .* µM, .*\) .*\(kg, .*day",
        ),
        (
            "outcome_direction",
            "wonderful",
            "outcome_direction must be one of: improved, no_effect, mixed, not_reported",
        ),
        ("dose_value", "-3", "dose_value must be at least 0"),
        ("dose_value", "three", "not a valid"),
        ("species_id", "mouse", r"NCBI Taxonomy id\. \(the form \^NCBITaxon"),
        ("record_id", "0" * 16, "cannot be edited"),
        ("no_such_field", "x", "cannot be edited"),
    ],
)
def test_edit_is_validated_by_the_schema(review_env: ReviewEnv, field: str, value: str, reason: str) -> None:
    store = open_store(review_env.curated)
    rid = _studies(store)[0]
    with pytest.raises(InvalidEditError, match=reason):
        store.edit(rid, field, value, reviewer="ana")
    assert store.history(rid) == []


def test_edit_parses_types(review_env: ReviewEnv) -> None:
    store = open_store(review_env.curated)
    rid = _studies(store)[0]
    store.edit(rid, "dose_value", "10", reviewer="ana")
    store.edit(rid, "ref_numbers", "5, 6", reviewer="ana")
    store.edit(rid, "strain", "", reviewer="ana")
    rec = store.record(rid)
    assert (rec.reviewed["dose_value"], rec.reviewed["ref_numbers"], rec.reviewed["strain"]) == (
        10.0,
        [5, 6],
        None,
    )


def test_concurrent_edit_is_refused(review_env: ReviewEnv) -> None:
    ana, ben = open_store(review_env.curated), open_store(review_env.curated)
    rid = _studies(ana)[0]
    loaded_a, loaded_b = ana.record(rid), ben.record(rid)  # both open the same record
    ana.edit(
        rid,
        "route",
        "intraperitoneal",
        reviewer="ana",
        expected_version=loaded_a.version,
        expected_hash=loaded_a.content_hash,
    )
    with pytest.raises(ConcurrentEditError, match="changed since you loaded it: ana saved 'edit'"):
        ben.edit(
            rid,
            "route",
            "subcutaneous",
            reviewer="ben",
            expected_version=loaded_b.version,
            expected_hash=loaded_b.content_hash,
        )
    assert ben.record(rid).reviewed["route"] == "intraperitoneal"
    assert [h["reviewer"] for h in ben.history(rid)] == ["ana"]


def test_unknown_record_is_an_error(review_env: ReviewEnv) -> None:
    with pytest.raises(ReviewError, match="no such record"):
        open_store(review_env.curated).decide("f" * 20, "accept")


def test_reextraction_keeps_decisions_flags_changes_and_orphans(review_env: ReviewEnv) -> None:
    store = open_store(review_env.curated)
    first, second, _sle1, sle2 = _studies(store)[:4]
    store.decide(first, "accept", reviewer="ana")
    store.edit(second, "strain", "BALB/c", reviewer="ana")
    store.decide(sle2, "reject", reviewer="ana", note="negative study, keep for the record")
    edit_seed(review_env)
    review_env.reextract()
    store.sync()
    assert store.record(first).status == "accepted" and store.record(first).changed  # dose 3 -> 5 mg/kg
    assert store.record(first).was["dose_value"] == 3.0 and store.record(first).extracted["dose_value"] == 5.0
    assert store.record(second).status == "edited" and not store.record(second).changed
    assert store.record(second).reviewed["strain"] == "BALB/c"
    orphans = store.orphans()
    assert [(o["record_id"], o["last_status"]) for o in orphans] == [(sle2, "rejected")]
    assert "MRL/MpJ-Faslpr" in orphans[0]["summary"]
    assert [r["record_id"] for r in store.queue(Filters(status="changed"))[0]] == [first]
    with pytest.raises(ReviewError, match="orphaned"):
        store.record(sle2)
    counts = review_counts(review_env.curated)
    assert (counts["accepted"], counts["edited"], counts["changed"], counts["orphaned"]) == (1, 1, 1, 1)
    # re-reviewing the changed record clears the flag
    store.decide(first, "accept", reviewer="ana")
    assert not store.record(first).changed
