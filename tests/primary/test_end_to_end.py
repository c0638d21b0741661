"""The primary corpus end to end, through the CLI: ingest, validate, meta, export syrf, report."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from litcurate.cli import app

PRIMARY = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "primary"
runner = CliRunner()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("papers")
    for paper in PRIMARY.iterdir():
        if paper.suffix in (".txt", ".pdf", ".nxml"):
            shutil.copy(paper, raw / paper.name)
    out = tmp_path_factory.mktemp("curated")
    result = runner.invoke(app, ["ingest", str(raw), "--curated", str(out), "--no-prefect"])
    assert result.exit_code == 0, result.output
    return out


def test_the_new_tables_fill_and_validate(curated: Path) -> None:
    assert runner.invoke(app, ["validate", "--curated", str(curated)]).exit_code == 0
    cohorts = pd.read_parquet(curated / "cohorts")
    values = pd.read_parquet(curated / "outcome_data")
    rob = pd.read_parquet(curated / "risk_of_bias")
    assert cohorts["doc_id"].nunique() >= 4 and len(values) >= 50
    assert set(values["cohort_record_id"].dropna()) <= set(cohorts["record_id"])
    assert rob.groupby("doc_id").size().eq(8).all()  # every item, reported or not, per assessed paper


def test_meta_json_has_the_design_shape(curated: Path, pooled_keys: frozenset[str]) -> None:
    for measure in ("smd", "nmd"):
        result = runner.invoke(app, ["meta", "--curated", str(curated), "--measure", measure, "--json"])
        assert result.exit_code == 0, result.output
        for group in json.loads(result.output):
            assert pooled_keys <= set(group)
            assert group["pooled"] == (group["k"] >= 2)


def test_syrf_sheet_has_a_row_per_cohort_value(curated: Path, tmp_path: Path) -> None:
    out = tmp_path / "syrf.csv"
    assert (
        runner.invoke(
            app, ["export", "--format", "syrf", "--out", str(out), "--curated", str(curated)]
        ).exit_code
        == 0
    )
    rows = list(csv.DictReader(out.open()))
    values = pd.read_parquet(curated / "outcome_data")
    assert len(rows) == values["cohort_record_id"].notna().sum()
    assert {
        "Author",
        "ExperimentID",
        "CohortId",
        "OutcomeId",
        "ModelType",
        "InterventionType",
        "OutcomeResult",
        "OutcomeError",
        "ErrorType",
        "NumberOfAnimals",
        "GreaterIsWorse",
        "Species",
    } <= set(rows[0])
    assert {r["ErrorType"] for r in rows if r["OutcomeResult"]} <= {"sd", "sem", "ci95", "iqr", "unknown"}


def test_report_shows_cohorts_values_and_the_quality_chart(curated: Path) -> None:
    assert runner.invoke(app, ["report", "--curated", str(curated)]).exit_code == 0
    page = BeautifulSoup((curated / "report.html").read_text(), "lxml")
    cohorts = pd.read_parquet(curated / "cohorts")
    ids = {tr.get("id") for tr in page.select("tr[id^=cohort-]")}
    assert ids == {f"cohort-{r}" for r in cohorts["record_id"]}
    chart = page.select_one("table.rob")
    papers = pd.read_parquet(curated / "risk_of_bias")["doc_id"].nunique()
    assert len(chart.find_all("tr")) == papers + 2  # header, a row per paper, the share row
    assert "%" in chart.find_all("tr")[-1].get_text()


def test_review_app_shows_a_cohort_and_a_value_beside_their_source(curated: Path) -> None:
    from fastapi.testclient import TestClient

    from litcurate.review.app import create_app

    docs = pd.read_parquet(curated / "documents").set_index("doc_id")
    raw = Path(docs["source_path"].iloc[0]).parent
    client = TestClient(create_app(curated, raw=raw), base_url="http://127.0.0.1")
    cohorts, values = pd.read_parquet(curated / "cohorts"), pd.read_parquet(curated / "outcome_data")
    is_pdf = cohorts["doc_id"].map(docs["media_type"]) == "application/pdf"
    table_value = values[values["source"] == "table"].iloc[0]
    # Every cohort of a text or XML paper: its words (or the sentence it was read from) marked.
    for record_id in cohorts.loc[~is_pdf, "record_id"]:
        page = BeautifulSoup(client.get(f"/record/{record_id}").text, "lxml")
        marked = " ".join(m.get_text() for m in page.find_all("mark"))
        assert marked.strip(), record_id
    # A PDF paper's cohort: the page region around its sentence.
    record_id = cohorts.loc[is_pdf, "record_id"].iloc[0]
    img = BeautifulSoup(client.get(f"/record/{record_id}").text, "lxml").select_one("img.page")
    assert img is not None and "bbox=" in img["src"], record_id
    assert client.get(img["src"]).headers["content-type"] == "image/png"
    # A table value: its cell (the mean as printed) marked, or its page region.
    page = BeautifulSoup(client.get(f"/record/{table_value['record_id']}").text, "lxml")
    marked = " ".join(m.get_text() for m in page.find_all("mark"))
    if docs.loc[table_value["doc_id"], "media_type"] == "application/pdf":
        assert page.select_one("img.page") is not None
    else:
        assert f"{table_value['mean']:g}" in marked
