"""Catalogue, crash hygiene: no Prefect API server outlives a run killed with kill -9, wherever
the kill lands in the server's start (as soon as it is forked, while it starts, once it answers).

Every process of a trial is found by the run's own PREFECT_HOME in its environment, which the
test sets, so the check does not depend on how the run tracks its server.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
# forked: as soon as the server's process exists (the run's second child, perhaps not yet
# exec'd, or the first seen running uvicorn);
# starting: 0-2 s after the server is seen, before it answers (the former gap);
# answering: once its /health answers.
POINTS = ("forked", "starting", "answering")
TRIALS = int(os.environ.get("LITCURATE_PREFECT_KILL_TRIALS", str(len(POINTS))))


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


def _carrying(marker: bytes) -> list[int]:
    """Gives the live processes whose environment holds `marker` (NAME=value)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0") and _alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _port(cmdline: str) -> int | None:
    words = cmdline.split()
    return int(words[words.index("--port") + 1]) if "--port" in words else None


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("trial", range(TRIALS))
def test_no_prefect_server_outlives_a_killed_run(tmp_path: Path, trial: int) -> None:
    point = POINTS[trial % len(POINTS)]
    raw = tmp_path / "raw"
    raw.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(20):  # distinct documents: the run is still extracting once its server answers
        (raw / f"s{i}.md").write_text(f"{text}\n\nVariant {i} of the guide.\n", encoding="utf-8")
    home = tmp_path / "prefect"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(home)
    # Prefect gives its server 20 s to answer; a loaded 2-core machine needs more, and a run
    # that gives up first cannot be killed once its server answers.
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
    marker = f"PREFECT_HOME={home}".encode()
    args = ["ingest", str(raw), "--curated", str(tmp_path / "c"), "--prefect"]  # else run in process
    errlog = (tmp_path / "stderr").open("wb")
    cli = subprocess.Popen(
        [sys.executable, "-m", "litcurate.cli", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errlog,
    )
    try:
        server = None
        deadline = time.monotonic() + 240
        while server is None and time.monotonic() < deadline and cli.poll() is None:
            kids = _children(cli.pid)
            server = next((c for c in kids if "uvicorn" in _cmdline(c)), None)
            if server is None and point == "forked" and len(kids) > 1:  # forked, not yet exec'd
                server = max(kids)
            time.sleep(0.01)
        assert server is not None, "the run's Prefect server was not seen"
        if point == "starting":
            time.sleep(random.Random(trial).uniform(0.0, 2.0))
        elif point == "answering":
            port = None
            while time.monotonic() < deadline and cli.poll() is None:
                port = port or _port(_cmdline(server))
                if port and _answers(port):
                    break
                time.sleep(0.1)
        assert cli.poll() is None, (
            f"the run ended before its kill: {(tmp_path / 'stderr').read_text()[-800:]}"
        )
        cli.send_signal(signal.SIGKILL)
        cli.wait()
        left = _carrying(marker)
        for _ in range(60):  # the watchdog asks, waits 3 s, kills, and looks 6 s for late forks
            left = _carrying(marker)
            if not left:
                break
            time.sleep(0.5)
        assert not left, f"killed at '{point}', still running: {[_cmdline(p)[:120] for p in left]}"
    finally:
        errlog.close()
        if cli.poll() is None:
            cli.kill()
            cli.wait()
        for pid in _carrying(marker):  # never leave a server behind, even when the test fails
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_extraction_worker_outlives_a_killed_run(tmp_path: Path) -> None:
    """Killed while its workers extract (one a document of minutes): every worker quits
    within seconds, not at the end of its document."""
    raw = tmp_path / "raw"
    raw.mkdir()
    text = SEED.read_bytes()
    (raw / "long.md").write_bytes(text * 200)
    for i in range(100):  # enough work for one worker process per core
        (raw / f"s{i:03d}.md").write_bytes(text + f"\n\nVariant {i}.\n".encode())
    marker = f"LITCURATE_KILL_TRIAL={tmp_path.name}".encode()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["LITCURATE_KILL_TRIAL"] = tmp_path.name
    cli = subprocess.Popen(
        [sys.executable, "-m", "litcurate.cli", "ingest", str(raw), "--curated", str(tmp_path / "c")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and cli.poll() is None:
            workers = [c for c in _children(cli.pid) if "litcurate.ingest.workers" in _cmdline(c)]
            time.sleep(0.1)
        assert len(workers) == 2 or (os.cpu_count() or 1) < 2, "the run's worker processes were not seen"
        time.sleep(8)  # the pipelines are built and the long document is being extracted
        assert cli.poll() is None, "the run ended before its kill"
        cli.send_signal(signal.SIGKILL)
        cli.wait()
        for _ in range(20):
            left = [p for p in _carrying(marker) if p != cli.pid]
            if not left:
                break
            time.sleep(0.5)
        assert not left, f"still running 10 s after the kill: {[_cmdline(p)[:120] for p in left]}"
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
        for pid in _carrying(marker):
            os.kill(pid, signal.SIGKILL)
