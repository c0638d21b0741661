"""Catalogue, inputs: symlinks out of the input folder, FIFOs and broken links are refused,
each with a failed document and its reason; the rest of the run is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from litcurate.ingest import discover, ingest
from litcurate.ingest.settings import Limits, RunSettings
from litcurate.storage import CuratedStore

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"


@pytest.fixture(autouse=True)
def _no_worker(monkeypatch):
    # In-process extraction: these inputs are refused before any reading. (No worker starts
    # under these limits, so none is stopped after: the session's stays for the next ingest.)
    monkeypatch.setenv("LITCURATE_DOC_SECONDS", "none")
    monkeypatch.setenv("LITCURATE_DOC_MEMORY_MB", "none")


def _setup(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("# TOP SECRET first line\n\nroot:x:0:0\n")
    (raw / "link.md").symlink_to(secret)
    (raw / "dirlink").symlink_to(secret.parent, target_is_directory=True)
    (raw / "inside.md").symlink_to(raw / SEED.name)
    (raw / "broken.md").symlink_to(tmp_path / "nowhere.md")
    os.mkfifo(raw / "pipe.md")
    return raw


def test_symlinks_out_and_fifos_are_refused(tmp_path: Path) -> None:
    raw = _setup(tmp_path)
    names = {s.relative_path for s in discover([raw])}
    assert {"link.md", "pipe.md", "broken.md", "inside.md", SEED.name} <= names
    summary = ingest([raw], tmp_path / "curated")
    store = CuratedStore(tmp_path / "curated")
    docs = store.read("documents").set_index("source_path")
    status = {Path(p).name: s for p, s in docs["status"].items()}
    assert status["link.md"] == status["pipe.md"] == status["broken.md"] == "failed"
    assert status[SEED.name] in ("ok", "partial")
    assert status["inside.md"] == "duplicate"  # a link inside the folder is read: the seed's bytes again
    assert "outside the input folder" in docs.loc[str(raw / "link.md"), "error"]
    assert "--follow-symlinks" in docs.loc[str(raw / "link.md"), "error"]
    assert "not a regular file" in docs.loc[str(raw / "pipe.md"), "error"]
    # The secret went nowhere: not a title, not a row.
    for table in ("documents", "entities", "references", "failures"):
        frame = store.read(table)
        assert not frame.astype(str).apply(lambda c: c.str.contains("TOP SECRET|root:x")).any().any(), table
    failures = store.read("failures")
    assert set(failures["doc_id"]) >= {docs.loc[str(raw / n), "doc_id"] for n in ("link.md", "pipe.md")}
    assert summary.exit_code == 1


def test_follow_symlinks_reads_them(tmp_path: Path) -> None:
    raw = _setup(tmp_path)
    limits = Limits(seconds=None, memory_mb=None)  # in this process
    ingest([raw], tmp_path / "curated", settings=RunSettings(limits, follow_symlinks=True))
    docs = CuratedStore(tmp_path / "curated").read("documents").set_index("source_path")
    assert docs.loc[str(raw / "link.md"), "title"] == "TOP SECRET first line"
    assert docs.loc[str(raw / "pipe.md"), "status"] == "failed"  # a FIFO never


def test_following_symlinks_is_never_taken_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    raw = _setup(tmp_path)
    monkeypatch.setenv("LITCURATE_FOLLOW_SYMLINKS", "1")  # the variable of old: no longer read
    ingest([raw], tmp_path / "curated")
    docs = CuratedStore(tmp_path / "curated").read("documents").set_index("source_path")
    assert docs.loc[str(raw / "link.md"), "status"] == "failed"


@pytest.mark.slow
def test_the_flag_reaches_the_extraction_worker(tmp_path: Path, monkeypatch) -> None:
    """--follow-symlinks goes to the worker process as part of the run's settings (its command
    line), not through the environment: the link's target is read there."""
    from typer.testing import CliRunner

    from litcurate.cli import app

    for name in ("LITCURATE_DOC_SECONDS", "LITCURATE_DOC_MEMORY_MB"):
        monkeypatch.delenv(name)  # the default limits: documents go through the worker process
    raw = _setup(tmp_path)
    before = dict(os.environ)
    args = ["ingest", str(raw), "--curated", str(tmp_path / "c"), "--no-prefect", "--follow-symlinks"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # the FIFO and the broken link still fail
    docs = CuratedStore(tmp_path / "c").read("documents").set_index("source_path")
    assert docs.loc[str(raw / "link.md"), "title"] == "TOP SECRET first line"
    assert dict(os.environ) == before  # nothing was handed over through the environment
