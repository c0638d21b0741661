"""The re-extract flow and CLI under the session's Prefect harness; 1 and 2 Dask workers agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.runs import read_run_records
from litcurate.storage import CuratedStore
from schemas.catalog import SCHEMAS

runner = CliRunner()


def _documents(folder: Path, seed: Path, n: int) -> None:
    head = "\n".join(seed.read_text(encoding="utf-8").splitlines()[:45])
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed, folder / seed.name)
    for i in range(n):
        (folder / f"doc{i}.md").write_text(f"{head}\n\nVariant {i}.\n", encoding="utf-8")


def _table(curated: Path, table: str) -> pd.DataFrame:
    df = CuratedStore(curated).read(table)
    cols = [c for c in df.columns if c not in ("ingested_at", "at")]
    return df[cols].astype(str).sort_values(cols[:4]).reset_index(drop=True)


@pytest.mark.slow
def test_one_and_two_dask_workers_write_identical_rows(
    prefect_harness, tmp_path: Path, seed_path: Path
) -> None:
    from flows.ingest import run_reextract

    raw = tmp_path / "raw"
    _documents(raw, seed_path, 4)
    one = run_reextract([str(raw)], str(tmp_path / "one"), workers=1)
    two = run_reextract([str(raw)], str(tmp_path / "two"), workers=2)
    assert len(one.processed) == len(two.processed) == 5 and not one.failed and not two.failed
    for table in SCHEMAS:
        pd.testing.assert_frame_equal(
            _table(tmp_path / "one", table), _table(tmp_path / "two", table), obj=table
        )
    r1, r2 = read_run_records(tmp_path / "one")[0], read_run_records(tmp_path / "two")[0]
    assert r1["tables"] == r2["tables"]


@pytest.mark.slow
def test_cli_reextract_new_modified_removed_and_status(
    prefect_harness, tmp_path: Path, seed_path: Path
) -> None:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    _documents(raw, seed_path, 1)
    args = ["reextract", str(raw), "--curated", str(curated), "--prefect"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and "processed 2" in first.output, first.output

    (raw / "doc0.md").unlink()
    (raw / "new.md").write_text("# A new guide\n\nBaricitinib 3 mg/kg orally.\n")
    second = runner.invoke(app, args)
    assert (
        second.exit_code == 0 and "processed 1, skipped 1" in second.output and "removed 1" in second.output
    )
    assert "marked removed" in second.output

    nothing = runner.invoke(app, args)  # nothing stale: no flow is started, a record is still written
    assert nothing.exit_code == 0 and "processed 0, skipped 2" in nothing.output
    assert [r["kind"] for r in read_run_records(curated)] == ["reextract"] * 3

    status = runner.invoke(app, ["status", "--curated", str(curated)])
    assert status.exit_code == 0 and "removed=1" in status.output and "last 3 run(s)" in status.output

    purged = runner.invoke(app, ["purge", "--curated", str(curated), "--yes"])
    assert purged.exit_code == 0 and "purged 1" in purged.output
    assert CuratedStore(curated).read("documents")["status"].tolist() == ["ok", "ok"]


def test_new_commands_have_help() -> None:
    for command in ("reextract", "schedule", "purge"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--curated" in result.output


@pytest.mark.slow
def test_existing_dask_cluster_is_sized_and_used(dask_address: str, tmp_path: Path, seed_path: Path) -> None:
    """`--dask-address`: the cluster's workers are counted, and the rows are those of one worker."""
    from flows.ingest import run_reextract
    from flows.runners import cluster_size

    raw = tmp_path / "raw"
    _documents(raw, seed_path, 3)
    assert cluster_size(dask_address) == 2
    there = run_reextract([str(raw)], str(tmp_path / "there"), workers=2, dask_address=dask_address)
    here = run_reextract([str(raw)], str(tmp_path / "here"), workers=1)
    assert len(there.processed) == len(here.processed) == 4 and not there.failed
    for table in SCHEMAS:
        pd.testing.assert_frame_equal(
            _table(tmp_path / "here", table), _table(tmp_path / "there", table), obj=table
        )
    with pytest.raises(OSError, match="no Dask scheduler"):
        cluster_size("tcp://127.0.0.1:9", timeout=2)
