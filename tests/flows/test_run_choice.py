"""How a run is run: decided once, before anything costly, by a plain function."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.run import InputError, choose, plan_run
from litcurate.ingest import Source
from litcurate.locking import CuratedLockedError, curated_lock


def _sources(n: int, suffix: str) -> list[Source]:
    return [Source(Path(f"doc{i}{suffix}"), f"doc{i}{suffix}") for i in range(n)]


def test_runs_stay_in_process_unless_prefect_is_asked_for_or_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parallel runs stay in this process too (one worker process per core): Prefect's start
    is paid only when asked for, when a server is up, or for a Dask cluster."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert choose([], workers=None, dask_address=None, prefect=None)[1] is False
    assert choose(_sources(8, ".md"), workers=None, dask_address=None, prefect=None)[:2] == (1, False)
    assert choose(_sources(1000, ".md"), workers=None, dask_address=None, prefect=None)[:2] == (2, False)
    assert choose(_sources(2, ".md"), workers=2, dask_address=None, prefect=None)[:2] == (2, False)
    assert choose(_sources(2, ".md"), workers=None, dask_address=None, prefect=True)[1] is True
    assert choose(_sources(2, ".md"), workers=None, dask_address="tcp://x:8786", prefect=None)[1] is True
    assert choose(_sources(2, ".md"), workers=None, dask_address=None, prefect=False)[1] is False
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert choose(_sources(2, ".md"), workers=None, dask_address=None, prefect=None)[1] is True


def test_missing_path_and_locked_folder_are_refused_before_prefect(tmp_path: Path, seed_path: Path) -> None:
    with pytest.raises(InputError, match="no/such"):
        plan_run("ingest", [tmp_path / "no/such"], tmp_path / "curated")
    with curated_lock(tmp_path / "curated"), pytest.raises(CuratedLockedError, match="being written"):
        plan_run("ingest", [seed_path], tmp_path / "curated")


def test_plan_hashes_each_file_once(tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import litcurate.ingest.sources as sources

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.md").write_bytes(seed_path.read_bytes())
    reads: list[Path] = []
    real = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    sources._sha_of.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", counting)
    plan_run("ingest", [raw], tmp_path / "curated")
    plan_run("ingest", [raw], tmp_path / "curated")
    assert reads.count(raw / "a.md") == 1


def test_workers_start_while_the_run_is_planned_and_stop_when_nothing_is_stale(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run with enough documents starts its extraction workers before it reads the curated
    folder and hashes the sources; a run that finds nothing stale stops them again."""
    from litcurate.ingest import workers
    from litcurate.ingest.planning import documents_index as real_index

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"g{i}.md").write_text(seed_path.read_text(encoding="utf-8") + f"\n<!-- {i} -->\n")
    started_before_index: list[int] = []

    def index(store):
        started_before_index.append(len(workers._POOL._idle))
        return real_index(store)

    monkeypatch.setattr("flows.run.documents_index", index)
    try:
        chosen = plan_run("ingest", [raw], tmp_path / "curated", workers=2)
        assert chosen.workers == 2 and len(chosen.stale) == 3
        assert started_before_index == [2]
        assert all(w.pid is not None for w in workers._POOL._idle)
        # The same documents, already curated: nothing stale, no worker left running.
        monkeypatch.setattr("flows.run.plan", lambda store, accepted, **kw: ([], list(accepted)))
        plan_run("ingest", [raw], tmp_path / "curated", workers=2)
        assert workers._POOL._idle == []
    finally:
        workers.close_workers()
