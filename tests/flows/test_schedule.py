"""A served schedule, in a real process with its own PREFECT_HOME: it runs again and again,
picks up a document dropped between runs, lists itself, and stops cleanly on SIGTERM."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.runs import read_run_records

WAIT = 150.0  # seconds, per step: a private Prefect server starts in 10-30 s here


def _wait_for(predicate, what: str, proc: subprocess.Popen, log: Path) -> None:  # type: ignore[no-untyped-def, type-arg]
    deadline = time.monotonic() + WAIT
    while not predicate():
        if proc.poll() is not None:
            pytest.fail(f"schedule exited ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


def _processed(curated: Path) -> list[str]:
    return [Path(p).name for r in read_run_records(curated) for p in r["processed"]]


@pytest.mark.slow
def test_every_runs_repeatedly_and_ingests_a_dropped_document(tmp_path: Path, seed_path: Path) -> None:
    raw, curated, home = tmp_path / "raw", tmp_path / "curated", tmp_path / "prefect-home"
    raw.mkdir()
    (raw / "first.md").write_text("\n".join(seed_path.read_text().splitlines()[:45]))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_RUNNER_POLL_FREQUENCY="1"
    )
    log = tmp_path / "schedule.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "litcurate.cli",
                "schedule",
                "--every",
                "3",
                str(raw),
                "--curated",
                str(curated),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    server_pid = None
    try:
        _wait_for(lambda: "first.md" in _processed(curated), "the first run", proc, log)
        server_pid = json.loads((home / "litcurate-server.json").read_text())["pid"]
        (raw / "second.md").write_text((raw / "first.md").read_text() + "\nA second guide.\n")
        _wait_for(lambda: "second.md" in _processed(curated), "a run that ingests second.md", proc, log)
        records = read_run_records(curated)
        assert len(records) >= 2 and all(r["kind"] == "reextract" for r in records)
        assert _processed(curated).count("first.md") == 1  # never re-extracted: unchanged

        listed = subprocess.run(
            [sys.executable, "-m", "litcurate.cli", "schedule", "--list"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        flat = " ".join(listed.stdout.split())
        assert listed.returncode == 0 and "every 3 s" in flat and "active" in flat, (
            listed.stdout + listed.stderr
        )

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0, log.read_text()[-3000:]
        assert not (home / "litcurate-server.json").exists()  # its private server stopped too
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if server_pid is None and (home / "litcurate-server.json").exists():
            server_pid = json.loads((home / "litcurate-server.json").read_text())["pid"]
        if server_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(server_pid, signal.SIGKILL)


def test_schedule_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["schedule", str(tmp_path)]).exit_code == 2  # neither --cron nor --every
    both = ["schedule", "--cron", "0 3 * * *", "--every", "60", str(tmp_path)]
    assert runner.invoke(app, both).exit_code == 2
    assert runner.invoke(app, ["schedule", "--every", "60", str(tmp_path / "missing")]).exit_code == 2
