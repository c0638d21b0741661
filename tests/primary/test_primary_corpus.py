"""The primary-paper corpus against its gold, through the benchmark's pure `score`.

Thresholds are what the extractor achieves on the whole corpus (tuned and held-out papers
together), set a little below: a regression fails, an improvement does not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import CORPUS, SEED

PRIMARY = CORPUS / "primary"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.primary_eval import evaluate, extract, score  # noqa: E402


@pytest.fixture(scope="module")
def result(primary_frames) -> dict:
    return evaluate(PRIMARY, "all", primary_frames)


def test_every_gold_file_is_scored(result: dict) -> None:
    golds = sorted(json.loads(p.read_text())["document"] for p in PRIMARY.glob("*.gold.json"))
    assert sorted(result["papers"]) == golds


def test_whole_corpus_thresholds(result: dict) -> None:
    r = result["totals"]["all"]["ratios"]
    assert r["cohort_precision"] >= 0.95  # no invented groups
    assert r["cohort_f1"] >= 0.95
    assert r["n_accuracy"] >= 0.95
    assert r["role_accuracy"] >= 0.9
    assert r["value_precision"] >= 0.97
    assert r["value_recall"] >= 0.95
    assert r["error_accuracy"] >= 0.95
    assert r["error_type_accuracy"] >= 0.97
    assert r["outcome_agreement"] >= 0.95  # every right value names what it measures
    assert r["outcome_dice"] >= 0.6
    assert r["unit_accuracy"] >= 0.75
    assert r["rob_f1"] >= 0.95
    assert r["rob_accuracy"] >= 0.95
    assert r["species_accuracy"] == 1.0  # the target: every paper's species
    assert r["strain_accuracy"] >= 0.95 and r["sex_accuracy"] >= 0.95
    # Directions: unknown is allowed (coverage), a wrong sign is not.
    c = result["totals"]["all"]["counts"]
    assert c.get("direction_known", 0) == c.get("direction_right", 0)
    assert r["direction_coverage"] >= 0.3


def test_held_out_papers_thresholds(result: dict) -> None:
    r = result["totals"]["held_out"]["ratios"]
    assert r["rob_f1"] >= 0.95 and r["rob_accuracy"] >= 0.95
    # Seen since the first blind run (not blind any more): the bracketed-results paper counts here.
    assert r["value_recall"] >= 0.95 and r["value_precision"] >= 0.97
    # Groups named only in legends and a dosing sentence, roles from the model's inducer.
    assert r["cohort_f1"] >= 0.95 and r["role_accuracy"] >= 0.9


def test_rows_validate_and_link(primary_frames) -> None:
    from schemas.cohorts import CohortsSchema
    from schemas.outcome_data import OutcomeDataSchema, check_cohort_links
    from schemas.risk_of_bias import RiskOfBiasSchema

    for gold in sorted(PRIMARY.glob("*.gold.json")):
        frames = primary_frames(PRIMARY / json.loads(gold.read_text())["document"])
        if len(frames["cohorts"]):
            CohortsSchema.validate(frames["cohorts"], lazy=True)
        if len(frames["outcome_data"]):
            OutcomeDataSchema.validate(frames["outcome_data"], lazy=True)
            assert check_cohort_links(frames["outcome_data"], frames["cohorts"]).all()
        if len(frames["risk_of_bias"]):
            RiskOfBiasSchema.validate(frames["risk_of_bias"], lazy=True)


def test_twin_formats_agree(primary_frames) -> None:
    """A paper in two formats gives the same cohorts (label, dose, n) from each."""
    for gold in sorted(PRIMARY.glob("*.gold.json")):
        g = json.loads(gold.read_text())
        if not g.get("twin_of"):
            continue
        a, b = primary_frames(PRIMARY / g["document"]), primary_frames(PRIMARY / g["twin_of"])
        cols = ["label", "role", "compound", "dose_value", "dose_unit", "n"]
        assert len(a["cohorts"]) > 0
        pd.testing.assert_frame_equal(
            a["cohorts"][cols].reset_index(drop=True), b["cohorts"][cols].reset_index(drop=True)
        )


def test_record_ids_are_stable_and_keyed_by_document() -> None:
    path = next(PRIMARY.glob("*.nxml"))
    first, second = extract(path), extract(path)
    for table in ("cohorts", "outcome_data", "risk_of_bias"):
        assert list(first[table].get("record_id", [])) == list(second[table].get("record_id", []))


def test_a_paper_without_an_animal_experiment_has_no_cohorts() -> None:
    frames = extract(SEED)
    assert (
        len(frames["cohorts"]) == 0 and len(frames["outcome_data"]) == 0 and len(frames["risk_of_bias"]) == 0
    )


def test_score_counts_a_wrong_value_against_precision() -> None:
    gold = {
        "species": [{"ncbi_taxon": 10116}],
        "strains": [],
        "sex": "male",
        "cohorts": [{"label": "Sham", "n": 8}, {"label": "MCAO+X", "drug": "x", "dose_value": 1, "n": 8}],
        "outcome_data": [
            {"cohort": "MCAO+X", "outcome": "o", "mean": 12.3, "error": 1.1, "error_type": "SEM"}
        ],
        "risk_of_bias": {
            "random_allocation": {"reported": True, "quote": "Rats were randomly assigned to groups."}
        },
    }
    cohorts = pd.DataFrame(
        [
            {
                "record_id": "a",
                "label": "SHAM",
                "n": 8,
                "species_id": "NCBITaxon:10116",
                "sex": "male",
                "strain": None,
            },
            {
                "record_id": "b",
                "label": "MCAO + X",
                "n": 8,
                "species_id": "NCBITaxon:10116",
                "sex": "male",
                "strain": None,
            },
        ]
    )
    values = pd.DataFrame(
        [
            {"cohort_record_id": "b", "mean": 12.3, "error": 1.1, "error_type": "SD"},
            {"cohort_record_id": "a", "mean": 12.3, "error": 1.1, "error_type": "SEM"},
        ]
    )
    rob = pd.DataFrame(
        [
            {
                "item": "random_allocation",
                "reported": True,
                "negated": True,
                "sentence": "Rats were not randomly assigned to groups.",
            }
        ]
    )
    s = score(gold, {"cohorts": cohorts, "outcome_data": values, "risk_of_bias": rob})
    assert s["ratios"]["cohort_f1"] == 1.0
    assert s["ratios"]["value_precision"] == 0.5 and s["ratios"]["value_recall"] == 1.0
    assert s["ratios"]["error_type_accuracy"] == 0.0
    assert s["counts"]["rob_tp"] == 0  # reported but negated is a no
