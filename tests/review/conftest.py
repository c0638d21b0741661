"""Fixtures of the review tests: the seed ingested once, copied fresh for each test.

`review_env` gives a private (raw, curated) pair: raw holds a copy of the seed guide, curated
its extraction, so each test can decide, edit and re-extract without touching the others.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SEED_NAME = "baricitinib-preclinical-meta-analysis.md"
FIRST_STUDY_DOSE = "Baricitinib (3 mg/kg, once daily, oral)"
LAST_SLE_ROW_START = "MRL/MpJ-Faslpr mice\t"


@dataclass(frozen=True)
class ReviewEnv:
    """A private raw folder and its curated dataset."""

    raw: Path
    curated: Path

    @property
    def seed(self) -> Path:
        return self.raw / SEED_NAME

    def reextract(self) -> None:
        """Re-extracts every document (what `litcurate reextract --all` will do)."""
        from litcurate.ingest import ingest

        ingest([self.raw], self.curated, force=True)


@pytest.fixture(scope="session")
def _ingested_seed(seed_curated: tuple, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's ingested seed (shared with the other suites) as a raw + curated template."""
    store, _summary = seed_curated
    base = tmp_path_factory.mktemp("review-template")
    (base / "raw").mkdir()
    for source in store.read("documents")["source_path"]:
        shutil.copy(source, base / "raw" / Path(source).name)
    shutil.copytree(store.root, base / "curated", ignore=shutil.ignore_patterns("review.sqlite*"))
    return base


def _copy_env(template: Path, target: Path) -> ReviewEnv:
    """Copies raw and curated, pointing the documents rows at the copied sources."""
    from litcurate.storage import CuratedStore

    shutil.copytree(template / "raw", target / "raw")
    env = ReviewEnv(target / "raw", target / "curated")
    shutil.copytree(template / "curated", env.curated)
    store = CuratedStore(env.curated)
    docs = store.read("documents")
    for doc_id in docs["doc_id"]:
        rows = docs[docs["doc_id"] == doc_id].copy()
        rows["source_path"] = [str(env.raw / Path(p).name) for p in rows["source_path"]]
        store.write("documents", doc_id, rows)
    return env


@pytest.fixture
def review_env(_ingested_seed: Path, tmp_path: Path) -> ReviewEnv:
    """A fresh curated dataset of the seed, private to one test."""
    return _copy_env(_ingested_seed, tmp_path)


@pytest.fixture(scope="session")
def shared_review_env(_ingested_seed: Path, tmp_path_factory: pytest.TempPathFactory) -> ReviewEnv:
    """One curated dataset for the session's web server (the browser test)."""
    return _copy_env(_ingested_seed, tmp_path_factory.mktemp("review-shared"))


@pytest.fixture
def client(review_env: ReviewEnv) -> Iterator[object]:
    """A test client of the review app over the test's own dataset."""
    from fastapi.testclient import TestClient

    from litcurate.review.app import create_app

    with TestClient(create_app(review_env.curated, raw=review_env.raw)) as c:
        yield c


def edit_seed(env: ReviewEnv) -> None:
    """Changes the first study's dose and drops the last SLE study row, in the raw seed."""
    text = env.seed.read_text(encoding="utf-8")
    assert FIRST_STUDY_DOSE in text and LAST_SLE_ROW_START in text
    text = text.replace(FIRST_STUDY_DOSE, FIRST_STUDY_DOSE.replace("3 mg/kg", "5 mg/kg"))
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(LAST_SLE_ROW_START))
    env.seed.write_text(text, encoding="utf-8")


# Three papers of three formats: the seed (Markdown), a JATS article and a one-page PDF, so the
# queue has records of several tables in several documents (order, paper column, document page).
CORPUS = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "corpus"
EXTRA_PAPERS = ("jats/1472-6831-8-11.nxml", "pdf-gt/camelot_column_span_1.pdf")


@pytest.fixture(scope="session")
def _three_papers(_ingested_seed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ingested seed plus two corpus papers of other formats, as a raw + curated template."""
    from litcurate.ingest import ingest

    env = _copy_env(_ingested_seed, tmp_path_factory.mktemp("three-papers-build"))
    for rel in EXTRA_PAPERS:
        shutil.copy(CORPUS / rel, env.raw / Path(rel).name)
    summary = ingest([env.raw], env.curated)
    assert not summary.failed, summary.failed
    return env.raw.parent


@pytest.fixture
def three_papers(_three_papers: Path, tmp_path: Path) -> ReviewEnv:
    """A fresh curated dataset of three papers (Markdown, JATS, PDF), private to one test."""
    return _copy_env(_three_papers, tmp_path)


# The browser tests' Chromium (Debian's chromium and chromium-driver), shared by their modules.
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(env: ReviewEnv, reviewer: str) -> Iterator[str]:
    """Serves the review app over a dataset with uvicorn in a thread; gives its base URL."""
    import threading
    import time

    import uvicorn

    from litcurate.review.app import create_app

    port = _free_port()
    app = create_app(env.curated, raw=env.raw, reviewer=reviewer)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=5)
