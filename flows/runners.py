"""Which Prefect task runner runs the extraction tasks, for a worker count or a Dask cluster.

Measured on a 2-core machine (benchmarks/bench_reextract.py): one worker in this process is
fastest for a few documents or small text documents, since every extra process first builds
the spaCy pipeline (~10 s). A local Dask cluster pays off for many PDFs (seconds each).
"""

from __future__ import annotations

import logging
import os

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

DEFAULT_WORKERS = 1


def task_runner(*, workers: int = DEFAULT_WORKERS, dask_address: str | None = None) -> TaskRunner:  # type: ignore[type-arg]
    """Gives the task runner: an existing Dask cluster, a local one of `workers` processes,
    or, for one worker, a single thread in this process."""
    if dask_address or workers > 1:
        # Dask's own INFO chatter drowns the run's summary; set before workers start.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
        logging.getLogger("distributed").setLevel(logging.WARNING)  # the scheduler runs here
        from prefect_dask import DaskTaskRunner

        share_api_with_workers()
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # One thread per process: extraction holds the GIL, and each process builds the spaCy
        # pipeline once (an lru_cache in the process), then reuses it for all its tasks.
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})  # fmt: skip
    return ThreadPoolTaskRunner(max_workers=1)


def share_api_with_workers() -> str:
    """Gives the Prefect API URL, exported so that Dask worker processes report to it.

    Without it every worker process starts an ephemeral Prefect server of its own (10-20 s
    each, measured): the local one is started here, once, and shared.
    """
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the same instance the flow's client will use
        server.start()
        url = server.api_url
    os.environ["PREFECT_API_URL"] = url
    return str(url)
