"""PDF table finding on ../shared/corpus/pdf-gt (third-party PDFs with ground truth), scored
by benchmarks/pdf_gt.py: ICDAR 2013 adjacency-relation F1 of each true table against the best
table found on its page. Thresholds sit just under what the readers reach; the held-out half
of the files (alternate files per group, never looked into while tuning; the few opened since
count as tuned, see `OPENED`) has its own floor, and pdfplumber's own `extract_tables` is the
peer litcurate must beat where it matters.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # renders PDFs with pandoc and Chromium, or runs every ground-truth page

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "pdf_gt.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("litcurate_pdf_gt", _PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def truths(bench):
    return bench.all_truth()


@pytest.fixture(scope="module")
def ours(bench, truths):
    return bench.score_tool(None, truths)


def _mean(bench, per_pdf, group: str, part: str) -> float:
    parts = bench.split()
    f1s = [
        f for name, fs in per_pdf.items() if bench.group_of(name) == group and parts[name] == part for f in fs
    ]
    return sum(f1s) / len(f1s)


def test_every_ground_truth_table_is_read(truths):
    # 50 ICDAR tables, 5 camelot tables, 4 tables of the JATS twins.
    assert len(truths) == 59


@pytest.mark.parametrize(
    ("group", "tuned", "held_out"),
    [
        ("icdar-eu", 0.97, 0.97),
        ("icdar-us", 0.97, 0.95),
        ("camelot", 0.95, 0.95),
        # Both held-out twins were opened for their reference lists (pdf_gt.OPENED): none left.
        ("twin", 0.97, None),
    ],
)
def test_cell_f1_per_group(bench, ours, group, tuned, held_out):
    assert _mean(bench, ours, group, "tuned") >= tuned
    if held_out is None:
        assert not any(bench.group_of(n) == group and p == "held-out" for n, p in bench.split().items())
    else:
        assert _mean(bench, ours, group, "held-out") >= held_out


def test_ruled_header_with_column_rules_and_dot_leaders(ours):
    # us-001: rules round a two-level header, column rules, no row rules, dot leaders.
    assert min(ours["icdar2013_us-001.pdf"]) >= 0.9


def test_sections_wrapped_rows_and_headings_over_the_figures(ours):
    # us-019 (opened: tuned since): three-rule tables with section heads (one on the body's
    # first line, some centred over the columns of figures), rows wrapped in both cells under a
    # hanging indent, a heading over the years on a spanner rule.
    assert min(ours["icdar2013_us-019.pdf"]) >= 0.97


def test_two_monospaced_stream_tables_on_one_page(ours):
    # us-034: two unruled tables of figures one space apart, dot leaders, one page.
    assert min(ours["icdar2013_us-034.pdf"]) >= 0.9


def test_full_lattice_with_wrapped_header_cells(ours):
    # eu-004: every cell ruled, header cells set on three lines in narrow columns.
    assert min(ours["icdar2013_eu-004.pdf"]) >= 0.97


def test_shaded_rows_under_a_ruled_header_split_at_its_column_rules(ours):
    # eu-018: the header is a full grid, each body row one shaded cell the table's width.
    assert min(ours["icdar2013_eu-018.pdf"]) >= 0.97


def test_header_between_rules_and_body_below(ours):
    # camelot budget: rules only round the header; the body runs on unruled below it.
    assert ours["camelot_budget.pdf"][0] >= 0.9


def test_above_pdfplumber_on_the_tuned_half(bench, truths, ours):
    peer = bench.score_tool(bench.pdfplumber_tables, truths)
    for group in ("icdar-eu", "icdar-us", "camelot", "twin"):
        assert _mean(bench, ours, group, "tuned") > _mean(bench, peer, group, "tuned"), group
