"""Forest and funnel plots: well-formed SVG whose rows carry their comparison id and a link to the cohort."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from litcurate.meta import effect_sizes
from litcurate.meta.plots import forest, funnel
from litcurate.meta.pool import pool

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_forest_rows_link_to_their_cohorts_with_weights_and_a_diamond(three_papers):
    es = effect_sizes(*three_papers.frames())
    svg = forest(es, title="score · baricitinib")
    assert svg is not None and svg.startswith("<svg")
    root = _tree(svg)
    ids = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("id")}
    for rid in es["record_id"]:
        assert f"es-{rid}" in ids and f"es-{rid}-ci" in ids and f"es-{rid}-label" in ids
    assert "pooled" in ids  # the diamond
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for rid, cohort in zip(es["record_id"], es["treatment_cohort_id"], strict=True):
        for part in ("", "-ci", "-label"):  # square, CI line and label each link to the cohort
            assert [a.get(XLINK) for a in groups[f"es-{rid}{part}"].iter(f"{SVG}a")] == [f"#cohort-{cohort}"]
    hrefs = {a.get(XLINK) for a in root.iter(f"{SVG}a")}
    assert {f"#cohort-{c}" for c in es["treatment_cohort_id"]} <= hrefs
    assert 'target="_blank"' not in svg  # in-page anchors stay in the page
    # the random-effects weights printed on the rows are those of the pooled fit (in %, sum 100)
    fit = pool(es["value"].to_numpy(), es["se"].to_numpy())
    text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for w in fit.weights:
        assert f"{100 * w:.1f}%" in text
    assert f"{fit.estimate:.2f} [" in text


def test_forest_of_one_comparison_has_no_diamond_and_dollar_labels_stay_text(frames):
    frames.cohort("$5 paper", "veh", "model_control", n=6)
    frames.cohort("$5 paper", "drug", "treatment", n=6, compound="x")
    frames.value("veh", "score", 10, 2)
    frames.value("drug", "score", 8, 2)
    es = effect_sizes(*frames.frames())
    svg = forest(es, href=lambda row: f"#src-{row['treatment_outcome_id']}")
    assert svg is not None
    root = _tree(svg)
    assert not any(g.get("id") == "pooled" for g in root.iter(f"{SVG}g"))
    assert "$5 paper" in " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert {a.get(XLINK) for a in root.iter(f"{SVG}a")} == {f"#src-{es.iloc[0]['treatment_outcome_id']}"}


def test_funnel_needs_two_comparisons(three_papers):
    es = effect_sizes(*three_papers.frames())
    svg = funnel(es)
    assert svg is not None
    root = _tree(svg)
    assert root.tag == f"{SVG}svg"
    assert funnel(es.iloc[:1]) is None


@pytest.mark.parametrize("method", ["dl", "pm", "reml"])
def test_forest_draws_with_every_method(three_papers, method):
    assert forest(effect_sizes(*three_papers.frames()), method=method) is not None


def test_report_sections_give_one_forest_per_pooled_outcome(three_papers):
    from litcurate.meta import report_sections

    (section,) = report_sections(*three_papers.frames())
    assert (
        section["group"]["k"] == 3
        and section["forest"].startswith("<svg")
        and section["funnel"].startswith("<svg")
    )
    ids = {g.get("id") for g in _tree(section["forest"]).iter(f"{SVG}g")}
    assert {f"es-{c['record_id']}" for c in section["comparisons"]} <= ids
