"""Which Prefect task runner runs the extraction tasks, for a worker count or a Dask cluster.

Documents are extracted in worker processes under the run's limits
(`litcurate.ingest.workers`) whatever the runner: a task thread here hands its batch to a
worker process of its own, and so does each thread of a Dask worker. So the local runner is a
thread pool of `workers` threads, one worker process each (no local Dask cluster, whose
processes would build the pipeline a second time), and Dask is for a cluster that exists.

Start-up is overlapped wherever it can be: the worker processes build their pipelines while
Prefect's API server, a separate process, starts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from litcurate.ingest.settings import RunSettings

if TYPE_CHECKING:
    from prefect.server.api.server import SubprocessASGIServer

DEFAULT_WORKERS = 1


@contextmanager
def task_runner(
    *, workers: int = DEFAULT_WORKERS, dask_address: str | None = None, settings: RunSettings | None = None
) -> Iterator[TaskRunner]:  # type: ignore[type-arg]
    """Gives the task runner for a run: an existing Dask cluster, or `workers` threads in this
    process, each extracting in a worker process under `settings`' limits."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        _quiet_dask()
        share_api_with_workers()
        yield DaskTaskRunner(address=dask_address)
        return
    from litcurate.ingest.workers import warm_workers

    warm_workers(settings, workers)  # while the flow's API server starts and the run is planned
    server = _reserve_api()
    if server is not None:  # started here, not by the flow, so that it dies with this process
        _start(server)
    yield ThreadPoolTaskRunner(max_workers=workers)


def cluster_size(address: str, *, timeout: float = 10.0) -> int:
    """Gives how many workers the Dask cluster at `address` has (at least 1), which sizes the
    batches; raises OSError when no scheduler answers there."""
    from distributed import Client

    _quiet_dask()
    try:
        with Client(address, timeout=timeout) as client:
            return max(1, len(client.scheduler_info()["workers"]))
    except (TimeoutError, OSError) as exc:
        raise OSError(f"no Dask scheduler answered at {address}: {exc}") from exc


def _quiet_dask() -> None:
    # Dask's own INFO chatter drowns the run's summary; set before workers start.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    logging.getLogger("distributed").setLevel(logging.WARNING)  # the scheduler runs here


def _reserve_api() -> SubprocessASGIServer | None:
    """Exports the URL of the Prefect API this run will use; gives the local server still to
    be started, or None when `PREFECT_API_URL` already names one."""
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        os.environ["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
        return None
    # Imported only to start one: the server module loads Prefect's whole API (FastAPI
    # routes, database models), ~2.5 s of CPU a run that talks to a server already up paid.
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same instance the flow's client would start
    if not server.running and server.port is None:
        server.port = server.find_available_port()
    os.environ["PREFECT_API_URL"] = server.api_url
    return server


def share_api_with_workers() -> str:
    """Gives the Prefect API URL, exported so that Dask worker processes report to it.

    Without it every worker process starts an ephemeral Prefect server of its own (10-20 s
    each, measured): the local one is started here, once, and shared.
    """
    server = _reserve_api()
    if server is not None:
        _start(server)
    return os.environ["PREFECT_API_URL"]


STARTUP_WAIT_S = 120


def _start(server: SubprocessASGIServer) -> None:
    from flows.reaper import reaped_with_this_process

    exported = os.environ["PREFECT_API_URL"]
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    # Prefect waits 20 s by default; on a loaded 2-core machine the server took longer three
    # times and the whole run failed. A user's own larger setting still wins.
    wait = max(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value(), STARTUP_WAIT_S)
    with reaped_with_this_process():  # a run killed at any point must not leave the server behind
        server.start(timeout=wait)
    if server.api_url != exported:  # Prefect moved to another port: the reserved one was taken
        raise RuntimeError(
            f"Prefect's local API started at {server.api_url}, not at {exported} as the "
            "workers were told; run again, or set PREFECT_API_URL to a running server"
        )
