"""Catalogue, crash hygiene: no Prefect API server outlives a run killed with kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
# A known gap (issue 14's note): the watchdog attaches only once the server answers, so a kill
# in that window can leave the server running; seen in 1 of 3 CI runs.
@pytest.mark.xfail(
    reason="a kill during the Prefect server's start-up can outlive the watchdog", strict=False
)
def test_no_prefect_server_outlives_a_killed_run(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"s{i}.md").write_bytes(SEED.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    cli = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "litcurate.cli",
            "ingest",
            str(raw),
            "--curated",
            str(tmp_path / "c"),
            "--prefect",
        ],  # three small files would run in process otherwise
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = None
    deadline = time.monotonic() + 180
    while server is None and time.monotonic() < deadline and cli.poll() is None:
        server = next(
            (c for c in _children(cli.pid) if "uvicorn" in _cmdline(c) or "prefect" in _cmdline(c)), None
        )
        time.sleep(0.2)
    assert server is not None, "the run's Prefect server was not seen"
    # Killed once the server is up (the watchdog is started as soon as it answers): the
    # window the red team hit, at the write phase, is later still.
    while time.monotonic() < deadline and cli.poll() is None:
        if any(" -c " in _cmdline(c) for c in _children(cli.pid)):
            break
        time.sleep(0.2)
    cli.send_signal(signal.SIGKILL)
    cli.wait()
    for _ in range(60):
        if not _alive(server):
            break
        time.sleep(0.5)
    assert not _alive(server), f"Prefect server {server} outlived the killed run: {_cmdline(server)}"
