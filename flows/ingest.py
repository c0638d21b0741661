"""The ingest and re-extract flows: plan, extract batches of documents in tasks, then write.

The flows hold no extraction logic: `begin`, `extract_batch` and `finish` are plain functions
in `litcurate.ingest`, tested without Prefect. A flow holds the curated folder's lock for the
whole run, so a scheduled run and a run from the command line never write at the same time.
Deciding what is stale happens before a flow starts too (the CLI skips starting Prefect at
all when nothing is), and again inside, under the lock.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.utilities.annotations import quote

from flows.runners import task_runner
from litcurate.ingest import (
    Extraction,
    Run,
    RunSummary,
    Source,
    Writer,
    batch_sources,
    begin,
    extract_batch,
    finish,
    writer,
)
from litcurate.ingest.settings import RunSettings, resolved
from litcurate.locking import curated_lock

# Small text documents per task on this machine's thread runner (PDFs get a task each). A task
# costs ~50 ms of Prefect's bookkeeping, in which its worker process waits, and a guide ~35 ms
# of extraction: one a task paid more for the bookkeeping than the work, while a few large
# balanced batches (what a Dask cluster gets) came back in bursts: 1,000 guides in 8 batches
# kept their first rows ~5 s and left ~250 documents to write after the last extraction.
# Half a commit chunk streams them (1,000 guides: 27.7-28.6 s at 25 a task, 26.6-27.7 s at 50).
LOCAL_BATCH = 50


# No caching: results are written, never reused, and hashing a batch of extracted rows to
# make a cache key costs more than it could save.
@task(
    name="extract-batch", task_run_name="extract {sources[0].relative_path} (+{extra})", cache_policy=NO_CACHE
)
def extract_task(
    sources: list[Source], extra: int = 0, settings: RunSettings | None = None
) -> list[Extraction]:
    """Gives the rows (or the failure) of each document of a batch under the run's settings;
    never raises for one."""
    return extract_batch(sources, settings)


@task(name="finish", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def finish_task(run: Run, out: Writer) -> RunSummary:
    """Writes the last chunk, marks removed documents, writes the run record."""
    return finish(run, out=out)


def _run(
    kind: str,
    paths: list[str],
    curated: str,
    *,
    force: bool,
    detect_removed: bool,
    workers: int,
    batch: int | None,
    replace: bool = False,
    settings: RunSettings | None = None,
) -> RunSummary:
    logger = get_run_logger()
    with curated_lock(curated):
        run = begin(
            curated,
            [Path(p) for p in paths],
            force=force,
            detect_removed=detect_removed,
            kind=kind,
            replace=replace,
            settings=settings,
        )
        logger.info(
            "%d document(s) to extract, %d unchanged, %d removed",
            len(run.stale),
            len(run.unchanged),
            len(run.removed),
        )
        batches = batch_sources(run.stale, workers=workers, max_docs=batch)
        submitted = [extract_task.submit(b, len(b) - 1, run.settings) for b in batches]
        futures: list[PrefectFuture | None] = list(submitted)  # type: ignore[type-arg]
        out = writer(run)
        # Written a chunk at a time as batches come back, each batch's result let go once
        # taken: memory stays flat however many documents the run has.
        try:
            for i, future in enumerate(futures):
                assert future is not None
                for ex in future.result():
                    if ex.error:
                        logger.warning("failed: %s", ex.error.splitlines()[0])
                    out.add(ex)
                futures[i] = None
        except BaseException:
            with contextlib.suppress(Exception):
                out.wait()  # the chunk being committed in the background ends inside the lock
            raise
        # quote(): Prefect walks task arguments looking for futures; walking every extracted
        # row of every document cost ~25 s on 200 small documents (measured), for nothing.
        return finish_task(run, quote(out))  # type: ignore[call-overload]  # quote() unwraps


@flow(name="litcurate-ingest", log_prints=False)
def ingest_flow(
    paths: list[str],
    curated: str = "curated",
    force: bool = False,
    workers: int = 1,
    batch: int | None = None,
    replace: bool = False,
    settings: RunSettings | None = None,
) -> RunSummary:
    """Ingests the stale documents under `paths` into `curated` under `settings` (default:
    `RunSettings.from_env()`); gives the run's summary.

    `batch` N groups up to N small text documents per task, a PDF alone (`run_ingest` on
    this machine's threads: `LOCAL_BATCH`); without it, one task per document on one worker,
    a few balanced batches per worker on more (a Dask cluster's default).
    """
    return _run(
        "ingest",
        paths,
        curated,
        force=force,
        detect_removed=False,
        workers=workers,
        batch=batch,
        replace=replace,
        settings=settings,
    )


@flow(name="litcurate-reextract", log_prints=False)
def reextract_flow(
    paths: list[str],
    curated: str = "curated",
    everything: bool = False,
    workers: int = 1,
    batch: int | None = None,
    settings: RunSettings | None = None,
) -> RunSummary:
    """Re-extracts changed, new and (with `everything`) all documents, marks removed ones;
    gives the run's summary."""
    return _run(
        "reextract",
        paths,
        curated,
        force=everything,
        detect_removed=True,
        workers=workers,
        batch=batch,
        settings=settings,
    )


def run_ingest(
    paths: list[str],
    curated: str,
    *,
    force: bool = False,
    workers: int = 1,
    dask_address: str | None = None,
    batch: int | None = None,
    replace: bool = False,
    settings: RunSettings | None = None,
) -> RunSummary:
    """Gives the summary of an ingest flow run on the task runner for the workers."""
    settings = resolved(settings)  # made here, once: the flow and its tasks get it as an argument
    batch = batch or (None if dask_address else LOCAL_BATCH)
    with task_runner(workers=workers, dask_address=dask_address, settings=settings) as runner:
        flow_run = ingest_flow.with_options(task_runner=runner)  # type: ignore[arg-type]  # Prefect types runners by future
        return flow_run(paths, curated, force, workers, batch, replace, settings)


def run_reextract(
    paths: list[str],
    curated: str,
    *,
    everything: bool = False,
    workers: int = 1,
    dask_address: str | None = None,
    batch: int | None = None,
    settings: RunSettings | None = None,
) -> RunSummary:
    """Gives the summary of a re-extract flow run on the task runner for the workers."""
    settings = resolved(settings)
    batch = batch or (None if dask_address else LOCAL_BATCH)
    with task_runner(workers=workers, dask_address=dask_address, settings=settings) as runner:
        flow_run = reextract_flow.with_options(task_runner=runner)  # type: ignore[arg-type]  # Prefect types runners by future
        return flow_run(paths, curated, everything, workers, batch, settings)
