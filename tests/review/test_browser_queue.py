"""Issue 13 in a real headless Chromium on three papers: the queue puts studies first, search,
bulk accept of a filtered set, the document page, and a report that fits a 1,400 px window."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from litcurate.review.store import Filters, open_store
from schemas.catalog import REVIEW_RANK

from .conftest import CHROMEDRIVER, CHROMIUM, ReviewEnv, _copy_env, serve_in_thread
from .test_browser import _wait

# In CI (.ci/run installs the browser) a missing browser fails the test instead of skipping it.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"),
        reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
    ),
]


@pytest.fixture(scope="module")
def papers(_three_papers: Path, tmp_path_factory: pytest.TempPathFactory) -> ReviewEnv:
    """The three papers, private to this module's server."""
    return _copy_env(_three_papers, tmp_path_factory.mktemp("browser-queue"))


@pytest.fixture(scope="module")
def site(papers: ReviewEnv) -> Iterator[str]:
    """The review app over the three papers, served by uvicorn in a thread; gives its base URL."""
    with serve_in_thread(papers, "browser-queue") as url:
        yield url


def _column(browser: Any, name: str) -> list[str]:
    from selenium.webdriver.common.by import By

    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.queue thead th")]
    i = heads.index(name) + 1
    return [td.text for td in browser.find_elements(By.CSS_SELECTOR, f"table.queue tbody td:nth-child({i})")]


def test_queue_opens_on_studies_in_catalog_order_with_a_paper_column(site: str, browser: Any) -> None:
    browser.get(f"{site}/queue")
    tables = _column(browser, "Table")
    assert tables[0] == "studies"
    ranks = [REVIEW_RANK[t] for t in tables]
    assert ranks == sorted(ranks) and len(set(tables)) > 1
    assert all(_column(browser, "Paper"))


def test_search_box_filters_the_queue(site: str, browser: Any, papers: ReviewEnv) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{site}/queue")
    box = browser.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    box.send_keys("arthritis", Keys.ENTER)
    _wait(lambda: "q=arthritis" in browser.current_url)
    store = open_store(papers.curated)
    try:
        expected = store.queue(Filters(q="arthritis"))[1]
        everything = store.queue(Filters())[1]
    finally:
        store.close()
    assert f"{expected} record(s)" in browser.find_element(By.TAG_NAME, "h1").text
    assert 0 < expected < everything
    assert (
        browser.find_element(By.CSS_SELECTOR, "form.filters input[name=q]").get_attribute("value")
        == "arthritis"
    )


def test_bulk_accept_of_a_filtered_set(site: str, browser: Any, papers: ReviewEnv) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/queue?table=outcomes")
    n_rows = len(browser.find_elements(By.CSS_SELECTOR, "table.queue tbody a.rec"))
    browser.find_element(By.ID, "bulk-link").click()
    _wait(lambda: "/queue/accept" in browser.current_url)
    n = int(browser.find_element(By.CSS_SELECTOR, "#bulk-count b").text)
    assert n == n_rows > 0
    browser.find_element(By.CSS_SELECTOR, "#bulk-form button[type=submit]").click()
    _wait(lambda: browser.find_elements(By.ID, "accepted"))
    assert f"Accepted {n} record(s)" in browser.find_element(By.ID, "accepted").text
    assert set(_column(browser, "Status")) == {"accepted"}
    store = open_store(papers.curated)
    try:
        log = store.history()
    finally:
        store.close()
    accepted = [h for h in log if h["tbl"] == "outcomes"]
    assert len(accepted) == n and all(
        h["action"] == "accept" and h["reviewer"] == "browser-queue" for h in accepted
    )


def test_document_page_from_the_paper_column(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/queue?table=studies")
    browser.find_element(By.CSS_SELECTOR, "td.paper a").click()
    _wait(lambda: "/document/" in browser.current_url)
    groups = [
        t.get_attribute("data-table") for t in browser.find_elements(By.CSS_SELECTOR, "table.doc-table")
    ]
    assert groups[0] == "studies" and "entities" in groups
    assert browser.find_element(
        By.CSS_SELECTOR, "#evidence mark"
    ).text  # the first study, marked in its source
    last = browser.find_elements(By.CSS_SELECTOR, "table.doc-table a.show")[-1]
    wanted = last.find_element(By.XPATH, "./ancestor::tr").get_attribute("data-record")
    last.click()
    _wait(lambda: f"at={wanted}" in browser.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "tr.current").get_attribute("data-record") == wanted
    assert browser.find_element(By.CSS_SELECTOR, "#evidence mark").text


def test_report_fits_a_1400px_window(browser: Any, papers: ReviewEnv, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    from litcurate.report.build import write_report

    page = write_report(papers.curated, tmp_path / "report.html")
    browser.set_window_size(1400, 900)
    browser.get(page.resolve().as_uri())
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    studies = browser.find_element(By.CSS_SELECTOR, "#studies + div.scroll table")
    heads = [th.text for th in studies.find_elements(By.TAG_NAME, "th")]
    assert "findings" in heads and "source" in heads
