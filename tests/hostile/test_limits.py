"""Catalogue, limits: a document over its time, row, memory or inflate limit fails alone,
with a `failures` row naming the limit, and the rest of the run is written."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

import pytest

from litcurate.ingest import ingest
from litcurate.ingest.limits import Limits, pdf_inflated_over
from litcurate.ingest.workers import close_workers
from litcurate.storage import CuratedStore

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"


@pytest.fixture
def _fresh_worker():
    # The worker started under a test's own limits is stopped after it. Not after the tests
    # that start none: that would stop the session's worker, which the next ingest restarts.
    yield
    close_workers()


def _bomb_pdf(path: Path, inflated_mb: int) -> Path:
    stream = zlib.compress(b"0 0 m\n" * (inflated_mb * 1024 * 1024 // 6), 9)
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        b"4 0 obj<</Length "
        + str(len(stream)).encode()
        + b"/Filter/FlateDecode>>stream\n"
        + stream
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    path.write_bytes(body)
    return path


def _docs(curated: Path):
    store = CuratedStore(curated)
    return store.read("documents").set_index("source_path"), store.read("failures")


def test_defaults() -> None:
    lim = Limits()
    assert lim.deadline(0) == 60 and lim.deadline(10 * 1024 * 1024) == 70
    assert lim.memory_mb and lim.max_rows and lim.inflated_mb


# The three ingests below each start a fresh extraction process under their own limits (its
# pipeline build is most of their 10-20 s), and this one kills it at its deadline.
@pytest.mark.slow
@pytest.mark.usefixtures("_fresh_worker")
def test_a_document_over_its_time_is_stopped_and_the_rest_written(tmp_path, monkeypatch) -> None:
    # The seed guide 200 times over (~3 MB of text, minutes of entity tagging) against the
    # seed itself (~1 s): the long one is stopped at its deadline, the seed is written.
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "long.md").write_bytes(SEED.read_bytes() * 200)
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    monkeypatch.setenv("LITCURATE_DOC_SECONDS", "8")
    monkeypatch.setenv("LITCURATE_DOC_SECONDS_PER_MB", "0")
    t0 = time.perf_counter()
    summary = ingest([raw], tmp_path / "curated")
    assert time.perf_counter() - t0 < 120  # the worker's start, the seed, 8 s, and the write
    docs, failures = _docs(tmp_path / "curated")
    assert docs.loc[str(raw / "long.md"), "status"] == "failed"
    assert "per-document limit of 8 s" in docs.loc[str(raw / "long.md"), "error"]
    assert docs.loc[str(raw / SEED.name), "status"] in ("ok", "partial")
    assert summary.failed == [str(raw / "long.md")]
    assert failures["message"].str.contains("wall time").any()


@pytest.mark.slow
@pytest.mark.usefixtures("_fresh_worker")
def test_row_limit(tmp_path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    monkeypatch.setenv("LITCURATE_DOC_MAX_ROWS", "50")
    ingest([raw], tmp_path / "curated")
    docs, _ = _docs(tmp_path / "curated")
    assert docs["status"].tolist() == ["failed"]
    assert "over the per-document limit of 50 rows" in docs["error"].iloc[0]


def test_inflate_scan_finds_a_bomb_fast(tmp_path) -> None:
    bomb = _bomb_pdf(tmp_path / "b.pdf", 300).read_bytes()
    assert len(bomb) < 2_000_000
    t0 = time.perf_counter()
    assert pdf_inflated_over(bomb, 100 * 1024 * 1024)
    assert not pdf_inflated_over(bomb, 400 * 1024 * 1024)
    assert time.perf_counter() - t0 < 10
    for pdf in (CORPUS / "pdf").glob("*.pdf"):
        assert not pdf_inflated_over(pdf.read_bytes(), 512 * 1024 * 1024), pdf.name


@pytest.mark.slow
@pytest.mark.usefixtures("_fresh_worker")
def test_a_pdf_bomb_fails_alone(tmp_path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _bomb_pdf(raw / "bomb.pdf", 200)
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    monkeypatch.setenv("LITCURATE_DOC_INFLATED_MB", "100")
    ingest([raw], tmp_path / "curated")
    docs, _ = _docs(tmp_path / "curated")
    assert "inflate to over 100 MB" in docs.loc[str(raw / "bomb.pdf"), "error"]
    assert docs.loc[str(raw / SEED.name), "status"] in ("ok", "partial")


def _vm_peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) // 1024
    raise AssertionError(f"no VmPeak for process {pid}")


def _huge_table(path: Path, n_rows: int) -> Path:
    """A plain Markdown table of `n_rows` x 8 cells: small on disk (~65 bytes a row), but every
    cell becomes a row with its quantities parsed, so extraction memory grows with it."""
    head = "| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n"
    rows = "\n".join(
        f"| r{i} | {i}.5 mg/kg | {i % 97} | {i * 3} | x{i} | {i % 7}.25 | n={i % 13} | p<0.0{i % 9 + 1} |"
        for i in range(n_rows)
    )
    path.write_text(f"# A table\n\n{head}{rows}\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_document_over_the_memory_limit_fails_alone(tmp_path) -> None:
    """The cap is set from this machine's own measure: the worker's address space after
    extracting the seed, plus 400 MB. A 40,000-row table (2.6 MB) needs ~1.7 GB more than the
    seed (measured: +0.86 GB for 20,000 rows), so it goes over; the seed, after it, is written."""
    from litcurate.ingest.settings import RunSettings
    from litcurate.ingest.sources import Source
    from litcurate.ingest.workers import DocumentWorker

    probe = DocumentWorker(RunSettings(Limits(seconds=None, memory_mb=None)))
    try:
        assert probe.extract(Source(SEED, SEED.name)).error is None
        assert probe.pid is not None
        baseline = _vm_peak_mb(probe.pid)
    finally:
        probe.close()
    raw = tmp_path / "raw"
    raw.mkdir()
    _huge_table(raw / "a_huge_table.md", 40_000)  # first: the seed goes through a fresh worker
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    cap = baseline + 400
    settings = RunSettings(Limits(seconds=900, seconds_per_mb=0, memory_mb=cap))
    summary = ingest([raw], tmp_path / "curated", settings=settings)
    docs, failures = _docs(tmp_path / "curated")
    huge = str(raw / "a_huge_table.md")
    assert docs.loc[huge, "status"] == "failed"
    assert f"memory limit of {cap:,} MB" in docs.loc[huge, "error"]
    assert (
        failures.loc[failures["doc_id"] == docs.loc[huge, "doc_id"], "message"].str.contains("memory").all()
    )
    assert docs.loc[str(raw / SEED.name), "status"] in ("ok", "partial")
    assert summary.failed == [huge]
    assert len(CuratedStore(tmp_path / "curated").read("studies")) > 0  # the seed's rows are there
