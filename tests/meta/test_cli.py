"""`meta_cli` over Parquet tables in a curated folder: --json shape, table output, errors as exit 2."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from litcurate.meta.cli import make_meta_cli, meta_cli


@pytest.fixture
def curated(tmp_path, three_papers):
    cohorts, outcomes = three_papers.frames()
    for name, df in (("cohorts", cohorts), ("outcome_data", outcomes)):
        (tmp_path / name).mkdir()
        for doc, part in df.groupby("doc_id"):  # one file per document, as storage writes them
            part.to_parquet(tmp_path / name / f"{doc}.parquet", index=False)
    return tmp_path


def _app(command) -> typer.Typer:
    app = typer.Typer()
    app.command("meta")(command)
    app.command("noop")(lambda: None)  # two commands, so that `meta` is a subcommand as in litcurate
    return app


def test_json_output_has_the_design_shape(curated, pooled_keys):
    result = CliRunner().invoke(_app(meta_cli), ["meta", "--curated", str(curated), "--json"])
    assert result.exit_code == 0, result.output
    (group,) = json.loads(result.output)
    assert pooled_keys <= set(group)
    assert group["k"] == 3 and round(group["estimate"], 3) == 1.042


def test_table_output_and_subgroups(curated):
    result = CliRunner().invoke(_app(meta_cli), ["meta", "--curated", str(curated), "--by", "species"])
    assert result.exit_code == 0, result.output
    assert (
        "rat" in result.output
        and "mouse" in result.output
        and "subgroup differences by species" in result.output
    )


def test_bad_method_is_exit_2(curated):
    result = CliRunner().invoke(_app(meta_cli), ["meta", "--curated", str(curated), "--method", "ml"])
    assert result.exit_code == 2 and "unknown pooling method" in result.output


def test_a_reviewed_reader_drops_rejected_rows(curated):
    def reviewed(folder, table):
        df = pd.read_parquet(folder / table)
        df["review_status"] = (
            ["rejected" if r == "od-0" else "pending" for r in df["record_id"]]
            if table == "outcome_data"
            else "pending"
        )
        return df

    result = CliRunner().invoke(_app(make_meta_cli(reviewed)), ["meta", "--curated", str(curated), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["k"] == 2  # paper A's control row was rejected
