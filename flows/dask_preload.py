"""Dask worker preload: a worker starts its extraction worker process as soon as it starts.

Named in a cluster's `preload` (`--preload flows.dask_preload`), so each Dask worker's
extraction process (`litcurate.ingest.workers`, under the default limits and their
LITCURATE_DOC_* overrides) builds its pipeline while the scheduler and the other workers are
still starting, not inside the first task.
"""

from __future__ import annotations

from typing import Any

from litcurate.ingest.workers import warm_workers


def dask_setup(worker: Any) -> None:
    """Starts one extraction worker process per thread of the Dask worker, in the background."""
    warm_workers(None, max(1, int(getattr(getattr(worker, "state", None), "nthreads", 1))))
