"""The CLI twins: `litcurate review list|accept|reject|edit|serve` and `litcurate export`."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.review.store import Filters, open_store

from .conftest import ReviewEnv, edit_seed

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def _ids(env: ReviewEnv, table: str = "studies") -> list[str]:
    store = open_store(env.curated)
    try:
        return [r["record_id"] for r in store.queue(Filters(table=table))[0]]
    finally:
        store.close()


def test_every_review_command_has_help() -> None:
    for cmd in ("serve", "list", "accept", "reject", "edit"):
        code, out = _run("review", cmd, "--help")
        assert code == 0 and "--curated" in out, cmd
    code, out = _run("export", "--help")
    assert code == 0 and "--format" in out


def test_accept_reject_edit_and_list(review_env: ReviewEnv) -> None:
    cur = str(review_env.curated)
    a, b, c = _ids(review_env)[:3]
    assert _run("review", "accept", a, "--curated", cur, "--note", "checked", "--reviewer", "ana")[0] == 0
    assert _run("review", "reject", b, "--curated", cur)[0] == 0
    code, out = _run("review", "edit", c, "route", "subcutaneous", "--curated", cur, "--reviewer", "ben")
    assert code == 0 and "subcutaneous" in out
    for status, rid in (("accepted", a), ("rejected", b), ("edited", c)):
        code, out = _run("review", "list", "--status", status, "--curated", cur)
        assert code == 0 and rid in out and "1 record(s)" in out, status
    code, out = _run("review", "list", "--status", "pending", "--table", "studies", "--curated", cur)
    assert "3 record(s)" in out
    log = (
        sqlite3.connect(review_env.curated / "review.sqlite")
        .execute("SELECT record_id, action, reviewer, note FROM decisions ORDER BY seq")
        .fetchall()
    )
    assert log[0] == (a, "accept", "ana", "checked") and log[2][:3] == (c, "edit", "ben")


def test_bad_input_gives_clear_errors(review_env: ReviewEnv) -> None:
    cur = str(review_env.curated)
    rid = _ids(review_env)[0]
    code, out = _run("review", "edit", rid, "dose_unit", "furlongs", "--curated", cur)
    assert code == 1 and "refused by the studies schema" in out
    code, out = _run("review", "accept", "0" * 20, "--curated", cur)
    assert code == 1 and "no such record" in out
    assert _run("review", "list", "--status", "maybe", "--curated", cur)[0] == 2
    code, out = _run("review", "list", "--curated", str(review_env.raw / "nothing"))
    assert code == 2 and "does not exist" in out  # a usage error, as for every command
    assert _run("export", "--format", "xlsx", "--to", str(review_env.raw / "x"), "--curated", cur)[0] == 2


def test_serve_refuses_a_non_local_host_without_token(review_env: ReviewEnv) -> None:
    code, out = _run("review", "serve", "--host", "0.0.0.0", "--curated", str(review_env.curated))
    assert code == 2 and "--token" in out


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_has_review_status_on_every_row(review_env: ReviewEnv, tmp_path, fmt: str) -> None:
    cur = str(review_env.curated)
    tmp_path = tmp_path / "export"
    a, b, c = _ids(review_env)[:3]
    _run("review", "accept", a, "--curated", cur)
    _run("review", "reject", b, "--curated", cur)
    _run("review", "edit", c, "dose_text", "10 mg/kg", "--curated", cur)
    code, out = _run("export", "--format", fmt, "--to", str(tmp_path), "--curated", cur)
    assert code == 0, out
    read = {"csv": pd.read_csv, "parquet": pd.read_parquet, "jsonl": lambda p: pd.read_json(p, lines=True)}[
        fmt
    ]
    studies = read(tmp_path / f"studies.{fmt}").set_index("record_id")
    assert len(studies) == 6  # rejected rows are kept
    assert studies.loc[[a, b, c], "review_status"].tolist() == ["accepted", "rejected", "edited"]
    assert studies.loc[c, "dose_text"] == "10 mg/kg"
    assert (studies["review_status"] == "pending").sum() == 3
    for table in ("outcomes", "potency", "entities", "references"):
        df = read(tmp_path / f"{table}.{fmt}")
        assert len(df) and df["review_status"].notna().all(), table
    assert len(read(tmp_path / f"review_log.{fmt}")) == 3


def test_export_after_reextraction_keeps_decisions_and_lists_orphans(review_env: ReviewEnv, tmp_path) -> None:
    cur = str(review_env.curated)
    tmp_path = tmp_path / "export"
    ids = _ids(review_env)
    _run("review", "accept", ids[0], "--curated", cur)
    _run("review", "reject", ids[3], "--curated", cur)
    edit_seed(review_env)
    review_env.reextract()
    code, out = _run("review", "list", "--status", "orphaned", "--curated", cur)
    assert code == 0 and ids[3] in out
    _run("export", "--format", "jsonl", "--to", str(tmp_path), "--curated", cur)
    studies = pd.read_json(tmp_path / "studies.jsonl", lines=True).set_index("record_id")
    assert studies.loc[ids[0], "review_status"] == "accepted" and bool(studies.loc[ids[0], "review_changed"])
    orphans = [json.loads(line) for line in (tmp_path / "review_orphans.jsonl").read_text().splitlines()]
    assert [(o["record_id"], o["last_status"]) for o in orphans] == [(ids[3], "rejected")]
