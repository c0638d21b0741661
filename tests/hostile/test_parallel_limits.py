"""Catalogue, limits on every path: a run on several workers, through Prefect's task threads or
on a Dask cluster, stops a document at its deadline as the one-worker run does, and writes the
rest (the documents are extracted in worker processes there too, not in the task's thread)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from litcurate.ingest import ingest
from litcurate.ingest.settings import Limits, RunSettings
from litcurate.ingest.workers import close_workers
from litcurate.storage import CuratedStore

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
LIMITED = RunSettings(Limits(seconds=8, seconds_per_mb=0))


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """The seed 200 times over (minutes of tagging) between three quick documents."""
    folder = tmp_path / "raw"
    folder.mkdir()
    text = SEED.read_bytes()
    (folder / "a.md").write_bytes(text)
    (folder / "b-long.md").write_bytes(text * 200)
    (folder / "c.md").write_bytes(text.replace(b"Baricitinib", b"Tofacitinib"))
    (folder / "d.md").write_bytes(text.replace(b"Baricitinib", b"Ruxolitinib"))
    yield folder
    close_workers()


def _check(raw: Path, curated: Path, failed: list[str], seconds: float) -> None:
    docs = CuratedStore(curated).read("documents").set_index("source_path")
    long = str(raw / "b-long.md")
    assert failed == [long]
    assert docs.loc[long, "status"] == "failed"
    assert "per-document limit of 8 s (wall time)" in docs.loc[long, "error"]
    assert set(docs.drop(index=long)["status"]) <= {"ok", "partial"} and len(docs) == 4
    assert seconds < 150  # worker starts, 8 s, three guides and the writes; not minutes of tagging
    studies = CuratedStore(curated).read("studies")
    assert studies["doc_id"].nunique() == 3


@pytest.mark.slow
def test_two_workers_in_process(raw: Path, tmp_path: Path) -> None:
    t0 = time.perf_counter()
    summary = ingest([raw], tmp_path / "curated", settings=LIMITED, workers=2)
    _check(raw, tmp_path / "curated", summary.failed, time.perf_counter() - t0)


@pytest.mark.slow
def test_prefect_task_threads(prefect_harness, raw: Path, tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    t0 = time.perf_counter()
    summary = run_ingest([str(raw)], str(tmp_path / "curated"), workers=2, settings=LIMITED)
    _check(raw, tmp_path / "curated", summary.failed, time.perf_counter() - t0)


@pytest.mark.slow
def test_dask_cluster_workers(dask_address: str, raw: Path, tmp_path: Path) -> None:
    """A Dask worker is a daemon process; its extraction worker is started with subprocess."""
    from flows.ingest import run_ingest

    t0 = time.perf_counter()
    summary = run_ingest(
        [str(raw)], str(tmp_path / "curated"), workers=2, dask_address=dask_address, batch=1, settings=LIMITED
    )
    _check(raw, tmp_path / "curated", summary.failed, time.perf_counter() - t0)
