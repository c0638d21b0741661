"""Crashes and concurrent runs, in real processes: SIGKILL halfway, and a second writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from litcurate.ingest import ingest, reextract
from litcurate.locking import lock_holder, read_pending
from litcurate.storage import CuratedStore
from schemas.catalog import SCHEMAS
from schemas.validate import validate_frames

N_DOCS = 40


def small_documents(folder: Path, seed: Path, n: int) -> None:
    """Writes n short distinct Markdown documents: the seed's title and first study table."""
    head = "\n".join(seed.read_text(encoding="utf-8").splitlines()[:45])
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"doc{i:03d}.md").write_text(f"{head}\n\nVariant {i} of the guide.\n", encoding="utf-8")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "litcurate.cli", *args]


def _wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:  # type: ignore[no-untyped-def, type-arg]
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the run ended (exit {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.002)


def _rows(curated: Path) -> dict[str, pd.DataFrame]:
    store = CuratedStore(curated)
    return {t: store.read(t) for t in SCHEMAS}


@pytest.mark.slow
def test_kill_9_halfway_leaves_a_valid_folder_and_the_next_run_completes(
    tmp_path: Path, seed_path: Path
) -> None:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    small_documents(raw, seed_path, N_DOCS)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc = subprocess.Popen(
        _cli("ingest", str(raw), "--curated", str(curated), "--no-prefect"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        docs = curated / "documents"
        _wait_for(lambda: docs.is_dir() and any(docs.glob("*.parquet")), 120, "the first documents row", proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    written = len(list(docs.glob("*.parquet")))
    assert 0 < written < N_DOCS, "the kill should land while documents are being written"
    assert read_pending(curated)  # the killed run's documents, to be redone

    frames = _rows(curated)  # every table still reads, whole, and passes its schema
    assert validate_frames(frames).ok
    for table in SCHEMAS:
        if (curated / table).is_dir() and any((curated / table).glob("*.parquet")):
            pd.read_parquet(curated / table)

    summary = reextract([raw], curated)  # the kernel released the dead run's lock
    # All of the killed run's batch was pending, so all of it is redone, whatever its hashes say.
    assert not summary.failed and len(summary.processed) == N_DOCS
    assert not read_pending(curated) and lock_holder(curated) is None
    clean = tmp_path / "clean"
    ingest([raw], clean)
    got, want = _rows(curated), _rows(clean)
    for table in SCHEMAS:
        cols = [c for c in want[table].columns if c not in ("ingested_at", "at")]
        key = cols[:4]
        a = got[table][cols].astype(str).sort_values(key).reset_index(drop=True)
        b = want[table][cols].astype(str).sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, obj=table)


@pytest.mark.slow
def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path, seed_path: Path) -> None:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    small_documents(raw, seed_path, 3)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    first = subprocess.Popen(
        _cli("ingest", str(raw), "--curated", str(curated), "--no-prefect"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: lock_holder(curated) == first.pid, 60, "the first run to lock", first)
        second = subprocess.run(
            _cli("reextract", str(raw), "--curated", str(curated)),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 1, second.stdout + second.stderr
        assert f"being written by process {first.pid}" in " ".join((second.stdout + second.stderr).split())
        assert first.wait(timeout=120) == 0
    finally:
        first.kill()
    assert len(CuratedStore(curated).read("documents")) == 3
    assert validate_frames(_rows(curated)).ok
