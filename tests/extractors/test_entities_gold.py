"""The entity pipeline against the hand-annotated gold set (tests/gold/entities_gold.jsonl).

Targets (issue #4): exact-span F1 >= 0.9 on DOSE, DURATION, ROUTE, CYTOKINE and KINASE, and
normalisation accuracy >= 0.95 on exact matches. Labels below target are strict xfails, so
the lead sees which fail and an improvement that meets a target turns the run red until its
xfail is removed. `python benchmarks/entities_eval.py --errors` lists the misses.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "entities_eval.py"


def _load():
    spec = importlib.util.spec_from_file_location("litcurate_entities_eval", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ev = _load()

# When the gold set was first scored (entities.v1) DOSE (F1 0.67), DURATION (0.62), ROUTE
# (0.89) and KINASE (0.59) were below target; entities.v2 (unit grammar with denominators and
# substances, durations in any unit and lists, dermal/in ovo routes, case variants of gene
# symbols, exclusions) meets every target. A label that falls below again fails here.
_BELOW_TARGET: dict[str, str] = {}


@pytest.fixture(scope="module")
def results():
    return ev.evaluate(corpus=None)


@pytest.mark.parametrize(
    "label",
    [
        pytest.param(lab, marks=pytest.mark.xfail(strict=True, reason=_BELOW_TARGET[lab]))
        if lab in _BELOW_TARGET
        else lab
        for lab in ev.TARGET_LABELS
    ],
)
def test_f1_meets_target(results, label):
    s = results.ours[label]
    assert s.n_gold >= 25, f"gold has only {s.n_gold} {label} mentions"
    assert s.f1 is not None and s.f1 >= ev.TARGET_F1, (
        f"{label} F1 {s.f1:.3f} < {ev.TARGET_F1} (P {s.precision}, R {s.recall})"
    )


def test_normalisation_accuracy_meets_target(results):
    s = results.ours["ALL"]
    assert s.norm_total >= 100
    assert s.norm_accuracy >= ev.TARGET_NORM, [
        (g.text, g.norm_id, got) for lab in ev.LABELS for _, g, got in results.ours[lab].wrong_ids
    ]


def test_gold_offsets_and_header():
    header, passages = ev.load_gold()
    assert "about" in header and header["guidelines"]
    assert len(passages) >= 100
    assert sum(len(p.gold) for p in passages) >= 250
    for p in passages:
        for g in p.gold:
            assert g.label in ev.LABELS, g
            assert p.text[g.start : g.end] == g.text


def test_scorer_counts_exact_lenient_and_ids():
    p = ev.Passage(
        "s",
        "w",
        "Baricitinib 3 mg/kg orally",
        [
            ev.Mention(0, 11, "DRUG", "Baricitinib", "DRUGBANK:DB11817"),
            ev.Mention(12, 19, "DOSE", "3 mg/kg"),
            ev.Mention(20, 26, "ROUTE", "orally"),
        ],
    )
    p.pred = [
        ev.Mention(0, 11, "DRUG", "Baricitinib", "DRUGBANK:DB00001"),  # wrong id
        ev.Mention(12, 13, "DOSE", "3"),  # overlap only
        ev.Mention(20, 26, "SPECIES", "orally"),  # wrong label
    ]
    s = ev.score([p])
    assert (s["DRUG"].tp, s["DRUG"].norm_accuracy) == (1, 0.0)
    assert (s["DOSE"].tp, s["DOSE"].fp, s["DOSE"].fn, s["DOSE"].lenient_f1) == (0, 1, 1, 1.0)
    assert (s["ROUTE"].fn, s["SPECIES"].fp) == (1, 1)
    assert s["ALL"].n_gold == 3 and s["ALL"].tp == 1


# Issue 9: vocabularies built from DrugBank/ChEBI/MeSH and the preclinical models. Before:
# ANIMAL_MODEL recall 0.35 on ours, BC5CDR DRUG P 0.91 R 0.63 F1 0.74 (public gold, untuned).
@pytest.fixture(scope="module")
def public_results():
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    if not (corpus / "ner").exists():
        pytest.skip("../shared/corpus/ner is missing")
    return ev.evaluate(corpus=corpus)


def test_animal_models_found(results):
    s = results.ours["ANIMAL_MODEL"]
    assert s.recall >= 0.9 and s.precision >= 0.9, (s.precision, s.recall)


def test_public_drug_scores(public_results):
    s = public_results.bc5cdr["DRUG"]
    assert s.precision >= 0.92 and s.recall >= 0.69 and s.f1 >= 0.79, (s.precision, s.recall, s.f1)
