"""Cell accuracy of PDF tables against the camelot CSV and ICDAR 2013 ground truths of corpus/pdf."""

from __future__ import annotations

import csv
from pathlib import Path

from accuracy_corpus import CORPUS, Score, norm_cell, read

from extractors.document import Document, Table
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import element_to_text


def _trim(grid: list[list[str]]) -> list[list[str]]:
    rows = [r for r in grid if any(norm_cell(c) for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [c for c in range(width) if any(norm_cell(r[c]) for r in rows)]
    return [[norm_cell(r[c]) for c in keep] for r in rows]


def cell_accuracy(predicted: list[list[str]], truth: list[list[str]]) -> float:
    """Gives the share of ground-truth cells found with the same text at the same row and column.

    Empty rows and columns are dropped from both grids first (a spacer column is layout).
    """
    p, t = _trim(predicted), _trim(truth)
    total = sum(len(r) for r in t)
    if not total:
        return 1.0
    hits = sum(
        1
        for r, row in enumerate(t)
        for c, cell in enumerate(row)
        if r < len(p) and c < len(p[r]) and p[r][c] == cell
    )
    return hits / total


def table_grid(table: Table) -> list[list[str]]:
    """Gives a Table's header and body rows as strings."""
    return [[c.text for c in row] for row in table.header + table.rows]


def best_table_accuracy(doc: Document, truth: list[list[str]], page: int | None = None) -> float:
    """Gives the best cell accuracy of any table of the Document (on the page) against a grid."""
    tables = [t for t in doc.tables if page is None or t.provenance.page == page]
    return max((cell_accuracy(table_grid(t), truth) for t in tables), default=0.0)


def icdar_tables(path: Path) -> list[tuple[int, list[list[str]]]]:
    """Gives (page, grid) of every table of an ICDAR 2013 structure ground truth file."""
    root = bytes_to_xml_root(path.read_bytes(), str(path))
    out = []
    for table in root.iter("table"):
        for region in table.iter("region"):
            cells = {}
            for cell in region.iter("cell"):
                r, c = int(cell.get("start-row")), int(cell.get("start-col"))
                cells[(r, c)] = element_to_text(cell.find("content"))
            if cells:
                n_r = max(r for r, _ in cells) + 1
                n_c = max(c for _, c in cells) + 1
                grid = [[cells.get((r, c), "") for c in range(n_c)] for r in range(n_r)]
                out.append((int(region.get("page")), grid))
    return out


def within_grid(grid: list[list[str]]) -> list[list[str]]:
    """Gives the rows from the first to the last that hold two or more cells.

    Camelot's stream output, our ground truth, keeps the title line above the table and the
    page footer below it as rows of one cell; the Document keeps the title as the caption and
    the footer as page text, so the grid proper is compared.
    """
    multi = [i for i, row in enumerate(grid) if sum(1 for c in row if norm_cell(c)) >= 2]
    return grid[multi[0] : multi[-1] + 1] if multi else grid


def score_pdf_tables() -> list[Score]:
    """Gives the cell accuracy of PDF tables that have ground truth grids."""
    with open(CORPUS / "pdf/camelot_health-outlay.table1-gt.csv", newline="", encoding="utf-8") as fh:
        truth = list(csv.reader(fh))
    health = read("pdf/camelot_health-outlay.pdf")
    scores = [
        Score("camelot_health-outlay.pdf", "table cells", best_table_accuracy(health, within_grid(truth))),
        Score(
            "camelot_health-outlay.pdf", "cells, title+footer rows too", best_table_accuracy(health, truth)
        ),
    ]
    doc = read("pdf/icdar2013_us-004_bank-performance.pdf")
    for i, (page, grid) in enumerate(
        icdar_tables(CORPUS / "pdf/icdar2013_us-004_bank-performance.str-gt.xml"), 1
    ):
        scores.append(Score("icdar2013_us-004.pdf", f"table {i} cells", best_table_accuracy(doc, grid, page)))
    return scores
