"""Checks on pdfplumber's lattice (lines strategy) tables: whether their rules are a full cell
grid, and the reading of a grid whose rows are shading (one wide cell a row) by its columns.

A lattice finder trusts every drawn edge. That is right for a fully ruled table, even one whose
header cells wrap over three lines, and wrong in two cases: rows shaded as filled rectangles
(each body row one cell the table's width, its figures a column gap apart), and column rules with
no row rules (the body one tall cell a column, holding rows of figures).
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from extractors.readers.pdf_stream import row_to_segments, words_to_rows


def _inside(words: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    return [
        w
        for w in words
        if bbox[0] - 1 <= w["x0"]
        and w["x1"] <= bbox[2] + 1
        and bbox[1] - 1 <= w["top"]
        and w["bottom"] <= bbox[3] + 1
    ]


def _edges(table: Any) -> list[float]:
    """Gives the x of the grid's column starts and its right edge (pdfplumber's row slots)."""
    return sorted({round(c[0], 1) for c in table.cells} | {round(max(c[2] for c in table.cells), 1)})


def rules_miss_columns(words: list[dict[str, Any]], table: Any) -> bool:
    """Tells whether a ruled table's cells hold words a column gap apart in a fifth of its rows:
    the rules are row shading or frames, not column borders. Only a cell over two or more of
    the grid's columns (or of a grid of one column) counts: a cell between its own column rules
    that sets its words far apart is still one cell of a full grid."""
    edges = _edges(table)
    split_rows = 0
    for row in table.rows:
        for bbox in (c for c in row.cells if c is not None):
            spanned = sum(1 for x in edges if bbox[0] + 2 < x < bbox[2] - 2) + 1
            if spanned < 2 and len(edges) > 2:
                continue
            if any(len(row_to_segments(line)) > 1 for line in words_to_rows(_inside(words, bbox))):
                split_rows += 1
                break
    return split_rows >= max(2, len(table.rows) / 5)


def slivers(table: Any) -> bool:
    """Tells whether a ruled table has a column or row under 5 points wide: no text fits."""
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    return any(0 < b - a < 5 for a, b in itertools.pairwise(xs))


def _figure_line(text: str) -> bool:
    chars = [ch for ch in text if not ch.isspace()]
    return bool(chars) and sum(ch.isdigit() for ch in chars) >= 0.5 * len(chars)


def rules_miss_rows(rows: list[list[str | None]]) -> bool:
    """Tells whether a ruled table has a row of two or more cells each holding three or more
    lines, as many in each, mostly figures: rows of figures the rules did not separate. Cells
    of words over three lines are a header set in a narrow column of a full grid."""
    for row in rows:
        counts = Counter(
            len(lines)
            for lines in (c.split("\n") for c in row if c)
            if len(lines) >= 3 and sum(map(_figure_line, lines)) >= 0.5 * len(lines)
        )
        if counts and max(counts.values()) >= 2:
            return True
    return False


def grid_split_rows(words: list[dict[str, Any]], table: Any) -> list[list[str | None]]:
    """Gives a lattice table's rows with each cell over several columns whose words stand a
    column gap apart split at the grid's column edges (shaded rows under a ruled header); a
    cell whose lines are one run of text each (a heading over its columns) stays whole. Gives
    [] for a grid of one column (a frame, no column rules) and for one whose column edges cut
    through a run of text (the edges of shading, not of columns)."""
    edges = _edges(table)
    if len(edges) <= 2:
        return []
    out: list[list[str | None]] = []
    for row, texts in zip(table.rows, table.extract(), strict=True):
        cells = list(texts)
        for i, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            inner = [x for x in edges if bbox[0] + 2 < x < bbox[2] - 2]
            inside = _inside(words, bbox)
            lines = words_to_rows(inside)
            segments = [s for ln in lines for s in row_to_segments(ln)]
            if not inner or len(segments) == len(lines):
                continue
            if any(s.x0 + 1 < x < s.x1 - 1 for s in segments for x in inner):
                return []  # text runs across the grid's column edges: not this table's columns
            parts: list[list[str]] = [[] for _ in range(len(inner) + 1)]
            for ln in lines:
                by_part: dict[int, list[str]] = {}
                for w in ln:
                    k = sum(1 for x in inner if (w["x0"] + w["x1"]) / 2 > x)
                    by_part.setdefault(k, []).append(w["text"])
                for k, texts_k in by_part.items():
                    parts[k].append(" ".join(texts_k))
            for k, part in enumerate(parts):
                if i + k < len(cells):
                    cells[i + k] = "\n".join(part) or None
        out.append(cells)
    return out
