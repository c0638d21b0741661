"""Progress: a line per document when not on a terminal, none with -q; small runs skip Prefect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from litcurate.cli import app

runner = CliRunner()


def test_a_line_per_document_off_a_terminal_and_quiet_says_nothing(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)  # a server another test left running counts
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.md")
    (raw / "b.md").write_text(seed_path.read_text().replace("Baricitinib", "Tofacitinib"))
    result = runner.invoke(app, ["ingest", str(raw), "--curated", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "[1/2]" in result.output and "[2/2]" in result.output and "a.md" in result.output
    assert "Prefect" not in result.output  # two small files: no server started for them
    (raw / "c.md").write_text(seed_path.read_text().replace("Baricitinib", "Ruxolitinib"))
    quiet = runner.invoke(app, ["-q", "ingest", str(raw), "--curated", str(tmp_path / "c")])
    assert quiet.exit_code == 0 and quiet.output.strip() == ""
