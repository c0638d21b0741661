"""`litcurate report` on the seed guide: every study and potency row with its source line,
decisions applied, plots inline, nothing that runs or loads from elsewhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from litcurate.cli import app


def _table(soup: BeautifulSoup, section: str) -> list[dict[str, str]]:
    table = soup.find("h2", id=section).find_next("table")
    rows = table.find_all("tr")
    header = [th.get_text(strip=True) for th in rows[0].find_all("th")]
    return [
        dict(zip(header, (td.get_text(" ", strip=True) for td in r.find_all("td")), strict=True))
        for r in rows[1:]
    ]


@pytest.fixture()
def curated(seed_curated, tmp_path: Path) -> Path:
    """A copy of the seed's curated folder, so decisions made here stay here."""
    store, _ = seed_curated
    shutil.copytree(store.root, tmp_path / "curated")
    return tmp_path / "curated"


def _report(curated: Path, *args: str) -> BeautifulSoup:
    result = CliRunner().invoke(app, ["report", "--curated", str(curated), *args])
    assert result.exit_code == 0, result.output
    return BeautifulSoup((curated / "report.html").read_text(encoding="utf-8"), "lxml")


def test_studies_and_potency_with_their_source_lines(curated: Path, seed_path: Path) -> None:
    soup = _report(curated)
    studies = _table(soup, "studies")
    assert len(studies) == 6
    guide = seed_path.read_text(encoding="utf-8").splitlines()
    for s in studies:
        path, line = re.fullmatch(r"(.+):(\d+)", s["source"]).groups()
        assert path.endswith(seed_path.name)
        assert s["model"].split(" ")[0] in guide[int(line) - 1]  # the row is on the line it names
    cia = next(s for s in studies if s["model"].startswith("Collagen-Induced"))
    assert (cia["dose"], cia["route"], cia["frequency"], cia["refs"]) == (
        "3 mg/kg",
        "oral",
        "once daily",
        "5",
    )
    lupus = next(s for s in studies if s["model"] == "MRL/lpr mice")
    assert lupus["refs"] == "7, 8, 9" and lupus["duration"] == "8 week"
    assert {s["outcome direction"] for s in studies} == {"improved", "mixed", "not_reported"}
    outcomes = _table(soup, "outcomes")
    assert len(outcomes) == 16
    for o in outcomes:  # each outcome's words are on the line it names
        line = int(o["source"].rsplit(":", 1)[1])
        assert (
            o["text"] in guide[line - 1].replace(" $\\gamma$ ", "γ").replace("- γ", "-γ")
            or o["measure"] in guide[line - 1]
        )
    mixed = {(o["measure"], o["direction"]) for o in outcomes if o["study"].endswith("MRL/MpJ-Faslpr mice")}
    assert {("proteinuria", "no_change"), ("lymphadenopathy", "improved")} <= mixed
    potency = {p["target"]: p for p in _table(soup, "potency")}
    assert potency["JAK3"]["value"] == ">400" and potency["JAK1"]["value"] == "5.9"
    assert potency["TYK2"]["value nM"] == "53"


def test_plots_inline_and_nothing_runs_or_loads(curated: Path) -> None:
    soup = _report(curated)
    captions = [f.figcaption.get_text() for f in soup.find_all("figure")]
    assert captions == [
        "Doses of the study rows",
        "Potency values",
        "Outcome of the study rows",
        "Entity mentions by label",
    ]
    assert all(f.find("svg") is not None for f in soup.find_all("figure"))
    assert soup.find("script") is None
    loads = [t.get("src") or t.get("href") for t in soup.find_all(["img", "link", "script", "iframe"])]
    assert not [u for u in loads if u and not u.startswith("data:")]


def test_decisions_applied_rejected_left_out_unless_asked(curated: Path) -> None:
    from litcurate.review.store import open_store
    from litcurate.review.view import reviewed_table

    store = open_store(curated)
    studies = reviewed_table(store, "studies")
    nc_nga = studies.loc[studies["model"] == "NC/Nga mice", "record_id"].iloc[0]
    cia = studies.loc[studies["model"].str.startswith("Collagen-Induced"), "record_id"].iloc[0]
    store.decide(nc_nga, "reject", reviewer="ana")
    store.edit(cia, "route", "subcutaneous", reviewer="ana")
    rows = _table(_report(curated), "studies")
    assert len(rows) == 5 and not any(r["model"] == "NC/Nga mice" for r in rows)
    store.decide(
        studies.loc[studies["model"] == "MRL/MpJ-Faslpr mice", "record_id"].iloc[0], "reject", reviewer="ana"
    )
    soup = _report(curated)
    assert not [
        o for o in _table(soup, "outcomes") if o["study"].endswith("MRL/MpJ-Faslpr mice")
    ]  # went with it
    cia_row = next(r for r in rows if r["model"].startswith("Collagen-Induced"))
    assert (cia_row["route"], cia_row["review status"]) == ("subcutaneous", "edited")
    rows = _table(_report(curated, "--include-rejected"), "studies")
    assert [r["review status"] for r in rows if r["model"] == "NC/Nga mice"] == ["rejected"]
    assert len(_table(_report(curated), "studies")) == 4


def test_hostile_text_is_shown_not_run(curated: Path) -> None:
    from litcurate.report.build import gather, render

    report = gather(curated)
    report.studies.loc[0, "compound"] = "<script>alert(1)</script>"
    report.studies.loc[0, "dose_mg_per_kg"] = 3.0  # drawn in the dose plot too
    soup = BeautifulSoup(render(report), "lxml")
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.get_text()  # as text, in the table and the plot


def test_report_of_a_folder_without_data_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--curated", str(tmp_path / "none")])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = CliRunner().invoke(app, ["report", "--curated", str(tmp_path)])
    assert result.exit_code == 2 and "holds no curated dataset" in result.output


@pytest.mark.parametrize("text", ["$\\undefinedmacro{x}$", "$x^2$ and $$", "\\frac{1}{2} $", "$\\mathrm{"])
def test_math_and_markup_in_field_text_is_drawn_as_typed(curated: Path, text: str) -> None:
    from litcurate.report.build import gather, render

    report = gather(curated)
    report.studies.loc[0, "compound"] = text
    report.studies.loc[0, "dose_mg_per_kg"] = 3.0  # drawn in the dose plot
    html = render(report)
    assert text in BeautifulSoup(html, "lxml").get_text()
