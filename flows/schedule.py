"""Scheduled re-extraction: a deployment of the re-extract flow, served by this process.

Prefect's scheduler lives in its API server, and the local ephemeral API runs without one.
So, unless `PREFECT_API_URL` names a server (`prefect server start`, or Prefect Cloud), serving
starts a private Prefect server on a free local port for as long as it serves, with its
database in `PREFECT_HOME` as usual, and stops it afterwards; while it runs, its pid and URL
are in `PREFECT_HOME/litcurate-server.json`, where `schedule --list` finds it. The served process handles
Ctrl-C and SIGTERM: it pauses the schedule, stops polling, and exits.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from flows.ingest import run_reextract
from litcurate.core.errors import LitcurateError
from litcurate.ingest import RunSummary
from litcurate.locking import CuratedLockedError

FLOW_NAME = "litcurate-scheduled-reextract"
SERVER_START_TIMEOUT = 180.0


class ScheduleError(LitcurateError):
    """A schedule could not be served or listed."""


@flow(name=FLOW_NAME, log_prints=False)
def scheduled_reextract_flow(
    paths: list[str], curated: str, workers: int = 1, dask_address: str | None = None
) -> RunSummary | None:
    """Re-extracts what changed under `paths` (a subflow on the runner for the workers);
    gives the run's summary, or None when another run was writing the folder."""
    # A subflow, because a deployment loads the flow from its module: the task runner for
    # the worker count can only be chosen at run time.
    try:
        return run_reextract(paths, curated, workers=workers, dask_address=dask_address)
    except CuratedLockedError as exc:  # a run from the command line: the next tick catches up
        get_run_logger().warning("skipped: %s", exc)
        return None


def deployment_name(curated: str | Path) -> str:
    """Gives the deployment name of a curated folder: its name and a digest of its path."""
    path = Path(curated).resolve()
    return f"{path.name}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"


def _prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))


def server_file() -> Path:
    """Gives the file naming the private Prefect server of a serving process (pid, api_url)."""
    return _prefect_home() / "litcurate-server.json"


def running_server() -> str | None:
    """Gives the API URL of a serving process's private server that answers, or None."""
    try:
        url = str(json.loads(server_file().read_text())["api_url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if _healthy(url) else None


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:  # noqa: S310 - loopback only
            return bool(r.status == 200)
    except OSError:
        return False


@contextmanager
def prefect_server(*, scheduler_seconds: float = 60.0) -> Iterator[str]:
    """Gives the API URL of a Prefect server with a scheduler, for the block.

    Uses `PREFECT_API_URL` when set; otherwise starts `prefect server start` on a free local
    port (stopped at the end), its scheduler looking for due runs every `scheduler_seconds`.
    """
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ)
    env.update(
        {
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": str(max(1, int(scheduler_seconds))),
        }
    )
    log = _prefect_home() / "litcurate-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-ui",
            ],
            # Its own session, so Ctrl-C reaches only us (we pause the schedule, then stop
            # it); and on Linux it dies with us, even if we are killed with SIGKILL.
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise ScheduleError(f"the local Prefect server did not start (see {log})")
            time.sleep(0.5)
        server_file().write_text(json.dumps({"pid": server.pid, "api_url": api_url}))
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = api_url  # flow-run subprocesses inherit it
        try:
            from prefect.settings import PREFECT_API_URL, temporary_settings

            with temporary_settings(updates={PREFECT_API_URL: api_url}):
                yield api_url
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
    finally:
        server_file().unlink(missing_ok=True)
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def serve_reextract(
    paths: list[str],
    curated: str,
    *,
    cron: str | None = None,
    every: float | None = None,
    workers: int = 1,
    dask_address: str | None = None,
) -> None:
    """Serves the re-extraction of `paths` into `curated` on a schedule until stopped.

    Returns when the process gets Ctrl-C or SIGTERM (the schedule is then paused).
    """
    if (cron is None) == (every is None):
        raise ScheduleError("give exactly one of a cron expression or an interval in seconds")
    from prefect.deployments.runner import EntrypointType

    resolved = [str(Path(p).resolve()) for p in paths]
    params = {
        "paths": resolved,
        "curated": str(Path(curated).resolve()),
        "workers": workers,
        "dask_address": dask_address,
    }
    with prefect_server(scheduler_seconds=min(60.0, every or 60.0)):
        try:
            deployment = scheduled_reextract_flow.to_deployment(
                name=deployment_name(curated),
                cron=cron,
                interval=every,
                parameters=params,
                description=f"Re-extract {', '.join(resolved)} into {params['curated']}",
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        except ValueError as exc:  # an invalid cron expression
            raise ScheduleError(f"invalid schedule: {exc}") from exc
        from prefect import serve

        # One run at a time: a tick due while a run is still going waits for it.
        serve(deployment, print_starting_message=True, limit=1)  # type: ignore[arg-type]  # sync context: not a coroutine


def _describe(schedule: Any) -> str:
    if getattr(schedule, "cron", None):
        return f"cron {schedule.cron}"
    interval = getattr(schedule, "interval", None)
    return f"every {interval.total_seconds():g} s" if interval is not None else str(schedule)


def list_schedules() -> list[dict[str, Any]]:
    """Gives the scheduled re-extractions the Prefect API knows: name, schedule, state, params."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.settings import PREFECT_API_URL, temporary_settings

    # Without a configured server, ask the one a serving process started (fast), else the
    # local ephemeral API over the same database (slower: it starts one).
    url = os.environ.get("PREFECT_API_URL") or running_server()
    out = []
    with (
        temporary_settings(updates={PREFECT_API_URL: url} if url else {}),
        get_client(sync_client=True) as client,
    ):
        flow_filter = FlowFilter(name=FlowFilterName(any_=[FLOW_NAME]))
        for dep in client.read_deployments(flow_filter=flow_filter):
            active = [s for s in dep.schedules if s.active] and not dep.paused
            out.append(
                {
                    "name": f"{FLOW_NAME}/{dep.name}",
                    "schedules": [_describe(s.schedule) for s in dep.schedules],
                    "state": "active" if active else "paused",
                    "paths": dep.parameters.get("paths"),
                    "curated": dep.parameters.get("curated"),
                }
            )
    return out
