"""Shared fixtures: the seed guide and the corpus from ../shared, ingested once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITCURATE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
CORPUS = SHARED / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    if not SEED.exists():
        raise pytest.UsageError(f"the seed guide is missing: {SEED} (../shared must sit beside the repo)")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_document():
    from extractors.document import make_doc_id
    from extractors.readers import read_document

    return read_document(SEED.read_bytes(), doc_id=make_doc_id(SEED.name), source_path=str(SEED))


@pytest.fixture(scope="session")
def seed_records(seed_document):
    from extractors.records import document_to_records

    return document_to_records(seed_document)


@pytest.fixture(scope="session")
def seed_curated(tmp_path_factory: pytest.TempPathFactory):
    """The seed ingested (without Prefect) into a fresh curated folder: (store, summary)."""
    from litcurate.ingest import ingest
    from litcurate.storage import CuratedStore

    raw = tmp_path_factory.mktemp("raw")
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    curated = tmp_path_factory.mktemp("curated")
    summary = ingest([raw], curated)
    return CuratedStore(curated), summary


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's test harness (a temporary API and database), started once per session."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def dask_address(prefect_harness) -> Iterator[str]:
    """Gives the address of a local Dask cluster of two one-thread worker processes (an
    "existing" cluster, as `--dask-address` takes one), its workers told of the Prefect API."""
    import logging

    from distributed import LocalCluster

    from flows.runners import share_api_with_workers

    share_api_with_workers()  # an existing cluster's workers must know the API: these inherit it
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.WARNING,
        preload=["flows.dask_preload"],
    ) as cluster:
        yield cluster.scheduler_address


CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through Debian's chromedriver (Selenium Manager downloads nothing); one per session."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def pooled_keys() -> frozenset[str]:
    """The keys of a pooled estimate in `litcurate meta --json`, as DESIGN.md gives them."""
    return frozenset(
        {
            "outcome",
            "compound",
            "subgroup",
            "measure",
            "method",
            "k",
            "n_papers",
            "n_animals",
            "estimate",
            "ci_low",
            "ci_high",
            "pi_low",
            "pi_high",
            "tau2",
            "i2",
            "q",
            "p",
        }
    )
