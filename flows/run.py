"""One library call for a run: decides once how to run it, runs it, gives its summary.

`run_documents` checks the inputs and the lock before anything costly, plans, and chooses:
a run goes through the same steps in this process (`litcurate.ingest`), on one extraction
worker process per core when its documents repay them; a run asked to use Prefect, a run on
a Dask cluster, or any run when a Prefect server is already up (`PREFECT_API_URL`), goes
through the Prefect flow. Either way the run writes the same rows and the same run record,
with every document under the same limits. The CLI only prints what this gives back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from litcurate.core.errors import UsageError
from litcurate.ingest import (
    Extraction,
    RunSummary,
    Source,
    check_identity,
    default_workers,
    discover,
    documents_index,
    ingest,
    plan,
)
from litcurate.ingest.settings import RunSettings, resolved
from litcurate.ingest.workers import close_workers, warm_for
from litcurate.locking import CuratedLockedError, lock_holder
from litcurate.storage import CuratedStore

Kind = Literal["ingest", "reextract"]

# Prefect's local API costs 10-14 s to start in a process (DESIGN.md's performance facts) and
# ~50 ms per task, and a run in this process is as parallel as one through Prefect (one worker
# process per core, `litcurate.ingest.workers`). So Prefect is started when it is asked for
# (`--prefect`, a schedule), when a server is already up (`PREFECT_API_URL`, which costs
# nothing to use), or for a Dask cluster, which only Prefect's task runner drives.


class InputError(UsageError):
    """The paths given to a run do not exist: a usage error."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How a run will go: what is stale, on how many workers, through Prefect or not, and why."""

    stale: list[Source]
    workers: int
    prefect: bool
    reason: str


def choose(
    stale: Sequence[Source], *, workers: int | None, dask_address: str | None, prefect: bool | None
) -> tuple[int, bool, str]:
    """Gives (workers, through Prefect, why) for the stale sources of a run."""
    n_workers = workers or default_workers(list(stale))
    if not stale:
        return 1, False, "nothing to extract"
    if prefect is not None:
        return n_workers, prefect, "asked for" if prefect else "asked not to use Prefect"
    if dask_address:
        return n_workers, True, "a Dask cluster runs Prefect tasks"
    if os.environ.get("PREFECT_API_URL"):
        return n_workers, True, "a Prefect server is already running (PREFECT_API_URL)"
    return n_workers, False, f"in this process on {n_workers} worker(s), without starting Prefect"


def plan_run(
    kind: Kind,
    paths: Sequence[Path],
    curated: Path,
    *,
    force: bool = False,
    replace: bool = False,
    workers: int | None = None,
    dask_address: str | None = None,
    prefect: bool | None = None,
    settings: RunSettings | None = None,
) -> Plan:
    """Gives the plan of a run under `settings` (which inputs it may read); raises before
    anything costly when it cannot start.

    Raises `InputError` for a missing path and `CuratedLockedError` when another run holds
    the folder (checked before Prefect starts).
    """
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    holder = lock_holder(curated)
    if holder:
        raise CuratedLockedError(curated, holder)
    store = CuratedStore(curated)
    sources = discover(list(paths))
    early = not dask_address and warm_for(sources, workers=workers, settings=settings)
    accepted = check_identity(sources, documents_index(store), replace=replace).accepted
    follow = resolved(settings).follow_symlinks
    stale, _ = plan(store, accepted, force=force, follow_symlinks=follow)
    n, through_prefect, why = choose(stale, workers=workers, dask_address=dask_address, prefect=prefect)
    if early and not stale:
        close_workers()  # nothing to extract after all: the workers still starting are stopped
    return Plan(stale, n, through_prefect, why)


def run_documents(
    kind: Kind,
    paths: Sequence[Path],
    curated: Path,
    *,
    force: bool = False,
    replace: bool = False,
    workers: int | None = None,
    dask_address: str | None = None,
    batch: int | None = None,
    prefect: bool | None = None,
    chosen: Plan | None = None,
    progress: Callable[[Extraction], None] | None = None,
    settings: RunSettings | None = None,
) -> RunSummary:
    """Gives the summary of an ingest or re-extraction, run as `plan_run` decides (`progress` is
    told of each document extracted in this process), under `settings` (limits, symlinks;
    default: `RunSettings.from_env()`) all the way to the extraction worker."""
    settings = resolved(settings)
    p = chosen or plan_run(
        kind,
        paths,
        curated,
        force=force,
        replace=replace,
        workers=workers,
        dask_address=dask_address,
        prefect=prefect,
        settings=settings,
    )
    if not p.prefect:
        return ingest(
            list(paths),
            curated,
            force=force,
            detect_removed=kind == "reextract",
            kind=kind,
            replace=replace,
            progress=progress,
            settings=settings,
            workers=p.workers,
        )
    from flows.ingest import run_ingest, run_reextract

    targets = [str(x) for x in paths]
    if kind == "reextract":
        return run_reextract(
            targets,
            str(curated),
            everything=force,
            workers=p.workers,
            dask_address=dask_address,
            batch=batch,
            settings=settings,
        )
    return run_ingest(
        targets,
        str(curated),
        force=force,
        workers=p.workers,
        dask_address=dask_address,
        batch=batch,
        replace=replace,
        settings=settings,
    )
