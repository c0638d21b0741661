"""The review app driven in a real headless Chromium: keyboard accept, field edit, reject,
then re-extraction, and the three decisions still in the export and the audit log."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from .conftest import CHROMEDRIVER, CHROMIUM, ReviewEnv, serve_in_thread

REPO = Path(__file__).resolve().parents[2]

# In CI (.ci/run installs the browser) a missing browser fails the test instead of skipping it.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"),
        reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
    ),
]


@pytest.fixture(scope="session")
def server(shared_review_env: ReviewEnv) -> Iterator[str]:
    """The review app served by uvicorn in a thread, once per session; gives its base URL."""
    with serve_in_thread(shared_review_env, "browser-test") as url:
        yield url


def _wait(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the page")


def _press(driver: Any, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def test_review_in_browser_survives_reextraction(
    server: str, browser: Any, shared_review_env: ReviewEnv, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from litcurate.review.view import export

    browser.get(f"{server}/queue?table=studies")
    assert "6 record(s)" in browser.find_element(By.TAG_NAME, "h1").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.rec")]
    ids = [h.rsplit("/", 1)[1].split("?")[0] for h in links]
    first, second, third = ids[:3]

    # 1. accept the first record with the keyboard: the page moves on to the next one
    _press(browser, "j")
    _press(browser, Keys.ENTER)
    _wait(lambda: f"/record/{first}" in browser.current_url)
    _press(browser, "a")
    _wait(lambda: f"/record/{second}" in browser.current_url)

    # 2. edit one field of the second record (validated, then saved)
    field = browser.find_element(By.CSS_SELECTOR, 'input.value[data-field="route"]')
    field.clear()
    field.send_keys("intraperitoneal", Keys.ENTER)
    _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#status.st-edited"))
    assert (
        browser.find_element(By.CSS_SELECTOR, 'input.value[data-field="route"]').get_attribute("value")
        == "intraperitoneal"
    )
    shot = os.environ.get("LITCURATE_SCREENSHOT")
    browser.save_screenshot(str(tmp_path / "record.png"))
    if shot:
        shutil.copy(tmp_path / "record.png", REPO / shot)

    # 3. next record, reject it with the keyboard
    _press(browser, "j")
    _wait(lambda: f"/record/{third}" in browser.current_url)
    _press(browser, "x")
    _wait(lambda: f"/record/{third}" not in browser.current_url)
    browser.get(f"{server}/record/{third}")
    assert browser.find_element(By.ID, "status").text == "rejected"

    # 4. re-extract, then the three decisions are still there: in the app, the export, the log
    shared_review_env.reextract()
    browser.get(f"{server}/queue?table=studies")
    statuses = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "table.queue td:nth-child(5) .badge")]
    assert statuses[:4] == ["accepted", "edited", "rejected", "pending"]
    export(shared_review_env.curated, tmp_path / "export", fmt="csv")
    studies = pd.read_csv(tmp_path / "export" / "studies.csv").set_index("record_id")
    assert studies.loc[[first, second, third], "review_status"].tolist() == ["accepted", "edited", "rejected"]
    assert studies.loc[second, "route"] == "intraperitoneal"
    log = (
        sqlite3.connect(shared_review_env.curated / "review.sqlite")
        .execute("SELECT record_id, action, field, new_value, reviewer FROM decisions ORDER BY seq")
        .fetchall()
    )
    assert log == [
        (first, "accept", None, None, "browser-test"),
        (second, "edit", "route", '"intraperitoneal"', "browser-test"),
        (third, "reject", None, None, "browser-test"),
    ]
