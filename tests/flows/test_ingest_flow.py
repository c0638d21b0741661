"""The Prefect ingest flow and the CLI around it, under one session-wide Prefect harness."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.storage import CuratedStore

runner = CliRunner()


@pytest.fixture()
def raw(tmp_path, seed_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


@pytest.mark.slow
def test_flow_ingests_skips_and_forces(prefect_harness, raw, tmp_path):
    from flows.ingest import ingest_flow

    curated = tmp_path / "curated"
    (raw / "broken.md").write_bytes(b"\x00\x01\x02" * 100)
    first = ingest_flow([str(raw)], str(curated))
    assert len(first.processed) == 2
    assert first.failed == [str(raw / "broken.md")]
    assert first.exit_code == 1
    store = CuratedStore(curated)
    assert len(store.read("studies")) == 6
    ingested_at = store.read("documents").set_index("source_path")["ingested_at"]

    second = ingest_flow([str(raw)], str(curated))
    assert len(second.skipped) == 2 and second.processed == []
    assert store.read("documents").set_index("source_path")["ingested_at"].equals(ingested_at)

    third = ingest_flow([str(raw)], str(curated), force=True)
    assert len(third.processed) == 2
    assert len(store.read("studies")) == 6  # re-extraction replaces, never duplicates


@pytest.mark.slow
def test_cli_ingest_validate_status(prefect_harness, raw, tmp_path):
    curated = tmp_path / "curated"
    result = runner.invoke(app, ["ingest", str(raw), "--curated", str(curated), "--prefect"])
    assert result.exit_code == 0, result.output
    assert "processed 1" in result.output and "through Prefect" in result.output
    again = runner.invoke(app, ["ingest", str(raw), "--curated", str(curated)])
    assert again.exit_code == 0 and "skipped 1 unchanged" in again.output

    valid = runner.invoke(app, ["validate", "--curated", str(curated)])
    assert valid.exit_code == 0 and "valid" in valid.output
    status = runner.invoke(app, ["status", "--curated", str(curated)])
    assert status.exit_code == 0 and "ok=1" in status.output and "studies" in status.output
    assert "review: no decisions yet" in status.output  # status reads: it creates no review database


def test_validate_fails_on_a_corrupted_table(seed_curated, tmp_path):
    store, _ = seed_curated
    broken = CuratedStore(tmp_path / "c")
    for table in ("documents", "references", "studies"):
        df = store.read(table)
        if table == "studies":
            df.loc[0, "outcome_direction"] = "wonderful"
            df.at[1, "ref_numbers"] = [99]
        for doc_id, part in df.groupby("doc_id"):
            broken.write(table, doc_id, part)
    result = runner.invoke(app, ["validate", "--curated", str(tmp_path / "c")])
    assert result.exit_code == 1
    assert "outcome_direction" in result.output and "[99]" in result.output
    assert "row kept" in result.output  # the study citing [99] is a warning, not a failure


@pytest.mark.parametrize(
    "command",
    [["validate"], ["status"], ["report"], ["export", "--to", "x"], ["review", "list"], ["purge", "--yes"]],
)
def test_commands_refuse_a_folder_that_is_not_a_dataset_with_exit_2(command, tmp_path):
    for folder in (tmp_path / "no" / "such", tmp_path):
        result = runner.invoke(app, [*command, "--curated", str(folder)])
        assert result.exit_code == 2, (command, result.output)
        assert str(folder) in result.output
        assert "curated dataset" in result.output or "does not exist" in result.output


def test_usage_errors_exit_2(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--curated", str(tmp_path / "c")])
    assert result.exit_code == 2
    assert runner.invoke(app, ["ingest", "--workers", "0"]).exit_code == 2


@pytest.mark.parametrize("command", ["ingest", "validate", "status"])
def test_every_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--curated" in result.output


def test_curated_tables_read_whole_with_pandas(seed_curated):
    store, _ = seed_curated
    df = pd.read_parquet(store.table_dir("studies"))
    assert len(df) == 6 and "ref_numbers" in df.columns


@pytest.mark.parametrize(
    "command",
    [
        ["ingest"],
        ["reextract"],
        ["status"],
        ["validate"],
        ["meta"],
        ["query"],
        ["export"],
        ["review", "list"],
        ["review", "serve"],
        ["review", "verify"],
    ],
)
def test_help_shows_flags_as_flags_not_bool_values(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    # (click's own --help line is typer's to render; every flag of ours shows no value)
    ours = [line for line in result.output.splitlines() if "--" in line and "--help" not in line]
    assert result.exit_code == 0 and ours and not [line for line in ours if "<bool>" in line], result.output


def test_version_and_completion():
    from litcurate import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"litcurate {__version__}"
    assert "--install-completion" in runner.invoke(app, ["--help"], terminal_width=200).output
