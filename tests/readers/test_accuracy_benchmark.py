"""The accuracy benchmark on a small subset, with the issue's thresholds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy.py"


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("litcurate_accuracy", _PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return {(s.document, s.measure): s.value for s in module.run(fast=True)}


def test_jats_references_and_identifiers_all_kept(scores):
    for (doc, measure), value in scores.items():
        if measure in ("references kept", "DOI exact", "PMID exact", "tables"):
            assert value == 1.0, (doc, measure)


def test_jats_citations_resolve(scores):
    assert scores[("PMC4632522_giant-panda-milk.nxml", "citations resolved")] == 1.0
    # Appendices (<app-group>) and the decision letter (<sub-article>) cite too.
    assert scores[("elife04490.xml", "citations resolved")] == 1.0


def test_jats_table_cells_in_every_table_part(scores):
    # elife04490 sets model summaries as two <table> in one table-wrap.
    assert scores[("elife04490.xml", "table cells")] >= 0.95


def test_stream_pdf_table_cells(scores):
    assert scores[("camelot_health-outlay.pdf", "table cells")] >= 0.95


def test_pdf_reference_count_exact_and_text_kept(scores):
    name = "cermine-test2_hindawi-heart-failure-programmes.pdf"
    assert scores[(name, "PDF ref count exact")] == 1.0
    assert scores[(name, "PDF ref title recall in raw")] >= 0.9


def test_ruled_pdf_table_cells(scores):
    assert scores[("icdar2013_us-004.pdf", "table 1 cells")] >= 0.95


def test_pdf_ieee_reference_titles(scores):
    # Quoted IEEE titles (cermine-test2, Hindawi): the title is the span inside “...,”.
    assert scores[("cermine-test2_hindawi-heart-failure-programmes.pdf", "PDF ref title F1")] >= 0.9
