"""Catalogue, audit log: a rewrite from a sqlite3 shell is detected, named, and not served."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.errors import AuditLogTamperedError
from litcurate.review.store import ReviewStore

from .conftest import ReviewEnv


def _decide(env: ReviewEnv, n: int = 3) -> list[str]:
    from litcurate.review.store import open_store

    store = open_store(env.curated)
    try:
        ids = [r["record_id"] for r in store.queue(store_filters(), page=1)[0][:n]]
        assert len(ids) == n
    finally:
        store.close()
    for rid in ids:
        r = CliRunner().invoke(
            app, ["review", "accept", rid, "--curated", str(env.curated), "--reviewer", "ann"]
        )
        assert r.exit_code == 0, r.output
    return ids


def store_filters() -> Any:
    from litcurate.review.store import Filters

    return Filters()


def _verify(env: ReviewEnv) -> Any:
    r = CliRunner().invoke(app, ["review", "verify", "--curated", str(env.curated)])
    r.text = " ".join(r.output.split())  # the console wraps long lines
    return r


def _shell(env: ReviewEnv, sql: str) -> None:
    conn = sqlite3.connect(env.curated / "review.sqlite", isolation_level=None)  # no litcurate function
    conn.executescript(sql)
    conn.close()


def test_an_intact_log_verifies(review_env: ReviewEnv) -> None:
    _decide(review_env)
    r = _verify(review_env)
    assert r.exit_code == 0 and "intact: 3 decision(s)" in r.text


@pytest.mark.parametrize(
    "attack",
    [
        "DROP TRIGGER decisions_no_update; UPDATE decisions SET reviewer = 'mallory' WHERE seq = 2;",
        "DROP TRIGGER decisions_no_delete; DELETE FROM decisions WHERE seq = 2;",
    ],
)
def test_a_rewrite_is_named_and_not_served(review_env: ReviewEnv, attack: str) -> None:
    _decide(review_env)
    _shell(review_env, attack)
    r = _verify(review_env)
    assert r.exit_code == 1 and "dropped" in r.text
    with pytest.raises(AuditLogTamperedError):
        ReviewStore(review_env.curated)  # never a silently re-created trigger
    r = CliRunner().invoke(app, ["review", "serve", "--curated", str(review_env.curated)])
    assert r.exit_code == 1 and "dropped" in r.output


def test_a_rewrite_with_triggers_restored_names_the_first_bad_entry(review_env: ReviewEnv) -> None:
    _decide(review_env)
    _shell(
        review_env,
        "DROP TRIGGER decisions_no_update; UPDATE decisions SET action = 'reject' WHERE seq = 2; "
        "CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'x'); END;",
    )
    r = _verify(review_env)
    assert r.exit_code == 1 and "seq 2" in r.text and "does not match its hash" in r.text


def test_an_insert_from_a_shell_is_refused(review_env: ReviewEnv) -> None:
    _decide(review_env, 1)
    with pytest.raises(sqlite3.OperationalError):
        _shell(
            review_env,
            "INSERT INTO decisions (record_id, tbl, action, reviewer, at) VALUES ('x', 'studies', 'accept', 'm', 'now');",
        )


def test_an_old_log_is_chained_once(review_env: ReviewEnv) -> None:
    _decide(review_env)
    _shell(
        review_env,
        "DROP TRIGGER decisions_chain_link; DROP TRIGGER decision_chain_no_delete; "
        "DROP TRIGGER decision_chain_no_update; DROP TABLE decision_chain;",
    )  # as before the chain
    ReviewStore(review_env.curated).close()  # migrates
    r = _verify(review_env)
    assert r.exit_code == 0 and "3 decision(s)" in r.text
