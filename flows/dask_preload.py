"""Dask worker preload: a worker starts building the spaCy pipeline as soon as it starts.

Named in the local cluster's `preload` (flows.runners), so each worker process builds its
pipeline while the scheduler, the other workers and Prefect's API are still starting, not
inside its first task.
"""

from __future__ import annotations

from typing import Any

from extractors.entities.pipeline import warm_up


def dask_setup(worker: Any) -> None:
    """Starts the pipeline build in a background thread of the worker process."""
    # A thread, not the build itself: the worker registers with the scheduler meanwhile.
    warm_up()
