"""Catalogue, crash hygiene: runs killed with SIGKILL at random points (20 trials) leave a
folder that validates, and the next run completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from litcurate.ingest import ingest
from litcurate.locking import lock_holder, read_pending
from litcurate.storage import CuratedStore
from schemas.catalog import SCHEMAS
from schemas.validate import validate_frames

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
TRIALS = int(os.environ.get("LITCURATE_KILL_TRIALS", "20"))
N_DOCS = 12


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kills") / "raw"
    folder.mkdir()
    head = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:45])
    for i in range(N_DOCS):
        (folder / f"doc{i:03d}.md").write_text(f"{head}\n\nVariant {i} of the guide.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def run_seconds(raw: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long an uninterrupted run takes here: the kills land anywhere inside it."""
    t0 = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "litcurate.cli",
            "ingest",
            str(raw),
            "--curated",
            str(tmp_path_factory.mktemp("full") / "c"),
            "--no-prefect",
        ],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - t0


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_run_killed_at_a_random_point(raw: Path, run_seconds: float, tmp_path: Path, trial: int) -> None:
    curated = tmp_path / "curated"
    delay = random.Random(trial).uniform(0.2, run_seconds)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "litcurate.cli",
            "ingest",
            str(raw),
            "--curated",
            str(curated),
            "--no-prefect",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    store = CuratedStore(curated)
    assert validate_frames({t: store.read(t) for t in SCHEMAS}).ok  # the folder validates as left
    summary = ingest([raw], curated)  # the next run completes it
    assert not summary.failed
    docs = store.read("documents")
    assert len(docs) == N_DOCS and set(docs["status"]) <= {"ok", "partial"}
    assert not read_pending(curated) and lock_holder(curated) is None
    assert not list(curated.rglob(".*.tmp"))
