"""The ingest flow: extract each stale document in a task of its own, then validate and write.

The flow holds no extraction logic: `extract_source` and `commit` are plain functions,
tested without Prefect. Deciding what is stale happens before the flow starts (the CLI
skips starting Prefect at all when nothing is), and is repeated inside for a direct caller.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from litcurate.ingest import Extraction, RunSummary, Source, commit, discover, extract_source, plan
from litcurate.storage import CuratedStore


@task(name="extract-document", task_run_name="extract {source.relative_path}")
def extract_task(source: Source) -> Extraction:
    """Gives one document's rows (or its failure); never raises for a bad document."""
    return extract_source(source)


@task(name="validate-and-write", retries=2, retry_delay_seconds=1)
def commit_task(curated: str, extractions: list[Extraction], summary: RunSummary) -> RunSummary:
    """Validates the batch in one pass per table and writes each document atomically."""
    return commit(CuratedStore(curated), extractions, summary)


@flow(name="litcurate-ingest", log_prints=False)
def ingest_flow(paths: list[str], curated: str = "curated", force: bool = False) -> RunSummary:
    """Ingests the stale documents under `paths` into `curated`."""
    logger = get_run_logger()
    store = CuratedStore(curated)
    stale, unchanged = plan(store, discover([Path(p) for p in paths]), force=force)
    logger.info("%d document(s) to extract, %d unchanged", len(stale), len(unchanged))
    futures = [extract_task.submit(s) for s in stale]
    extractions = [f.result() for f in futures]
    for ex in extractions:
        if ex.error:
            logger.warning("failed: %s", ex.error.splitlines()[0])
    summary = RunSummary(skipped=[str(s.path) for s in unchanged])
    return commit_task(curated, extractions, summary)


def run_ingest(paths: list[str], curated: str, *, force: bool = False, workers: int = 1) -> RunSummary:
    """Runs the flow with a task runner for the worker count (processes beyond one)."""
    runner = ProcessPoolTaskRunner(max_workers=workers) if workers > 1 else ThreadPoolTaskRunner(max_workers=1)
    return ingest_flow.with_options(task_runner=runner)(paths, curated, force)
