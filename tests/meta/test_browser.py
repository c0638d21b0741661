"""The forest plot rendered in headless Chromium: one visible row per comparison, top to bottom in
order, the diamond, and a click on a row follows its link to the cohort's anchor in the page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from litcurate.meta import report_sections

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

# In CI (.ci/run installs the browser) a missing browser fails the test instead of skipping it.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"),
        reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)",
    ),
]


def test_forest_rows_render_and_link_to_their_cohorts(browser, three_papers, tmp_path):
    (section,) = report_sections(*three_papers.frames())
    rows = section["comparisons"]
    anchors = "".join(
        f'<p id="cohort-{r["treatment_cohort_id"]}" style="margin-top:1500px">{r["treatment_label"]}</p>'
        for r in rows
    )
    page = tmp_path / "forest.html"
    page.write_text(
        f"<!doctype html><html><body>{section['forest']}{anchors}</body></html>", encoding="utf-8"
    )
    browser.get(page.as_uri())
    boxes = browser.execute_script(
        "return arguments[0].map(id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return [r.top, r.width, r.height]; });",
        [f"es-{r['record_id']}" for r in rows],
    )
    assert all(w > 0 and h > 0 for _, w, h in boxes)  # every row's square is drawn
    tops = [t for t, _, _ in boxes]
    assert tops == sorted(tops)  # the first comparison on top, in the table's order
    diamond = browser.execute_script(
        "const r = document.getElementById('pooled').getBoundingClientRect(); return [r.top, r.width];"
    )
    assert diamond[0] > tops[-1] and diamond[1] > 0  # the diamond under the rows
    target = rows[1]
    link = browser.execute_script(
        "return document.querySelector(arguments[0]);", f"#es-{target['record_id']} a"
    )
    assert link is not None
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", link)
    assert browser.execute_script("return location.hash;") == f"#cohort-{target['treatment_cohort_id']}"
