"""Catalogue, crash hygiene: a run killed after it started leaves its record, and `status`
says it was interrupted; the next run completes the work and its record ends."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.ingest import begin, ingest
from litcurate.locking import curated_lock
from litcurate.runs import read_run_records

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"


def test_an_interrupted_run_is_recorded_and_shown(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LITCURATE_DOC_SECONDS", "none")
    monkeypatch.setenv("LITCURATE_DOC_MEMORY_MB", "none")
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    with curated_lock(curated):
        run = begin(curated, [raw])  # and then the process dies: nothing after this runs
    records = read_run_records(curated)
    assert [r["run_id"] for r in records] == [run.record.run_id] and records[0]["ended"] is None
    out = " ".join(CliRunner().invoke(app, ["status", "--curated", str(curated)]).output.split())
    assert f"interrupted run {run.record.run_id}" in out
    summary = ingest([raw], curated)
    assert summary.processed == [str(raw / SEED.name)]
    records = read_run_records(curated)
    assert len(records) == 2 and records[1]["ended"]
    out = " ".join(CliRunner().invoke(app, ["status", "--curated", str(curated)]).output.split())
    assert f"interrupted run {run.record.run_id}" in out  # the killed run stays on record


def test_status_and_validate_never_write(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LITCURATE_DOC_SECONDS", "none")
    monkeypatch.setenv("LITCURATE_DOC_MEMORY_MB", "none")
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    ingest([raw], curated)
    before = {p: p.stat().st_mtime_ns for p in curated.rglob("*")}
    for cmd in (["status"], ["validate"]):
        r = CliRunner().invoke(app, [*cmd, "--curated", str(curated)])
        assert r.exit_code in (0, 1), r.output
    after = {p: p.stat().st_mtime_ns for p in curated.rglob("*")}
    assert after == before  # no review.sqlite created, nothing touched
