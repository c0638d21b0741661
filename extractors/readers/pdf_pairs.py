"""Words of a PDF page -> a two-column table read from whitespace alone (label | value).

Three aligned columns say "table" on their own; two do not: a two-column page, a hanging
reference list, `Received:` / `Accepted:` lines and a bulleted list all set text in two
columns. A run of text rows is read as a two-column table only when it holds the marks of a
table and none of prose:
- every row is two segments, one each side of a gap that no row crosses, the rows spaced as
  one block (no paragraph break inside);
- the left cells share their left edge and the right cells one edge (left, right or centre),
  as a table's columns are aligned;
- the cells are short (a column's line of prose runs to forty characters or more), and the
  left cells are neither list markers (`1.`, `•`, `(a)`) nor labels ending in a colon.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import Any

from extractors.readers.pdf_stream import Segment, StreamTable, row_to_segments, words_to_rows

_MARKER = re.compile(r"[(\[]?(\d{1,3}|[a-z]|[ivx]{1,4})[.)\]]|[•·▪◦‣∙*–—-]", re.I)
_MIN_ROWS = 4
_ALIGNED = 0.6  # the share of a column's cells that must share an edge
_MAX_MEAN = 40  # characters: the mean length of a column's cells, prose lines run longer


def _runs(rows: list[list[Segment]]) -> list[list[list[Segment]]]:
    """Gives the runs of consecutive two-segment rows not parted by more than a blank line."""
    heights = [s.bottom - s.top for r in rows for s in r]
    line = median(heights) if heights else 10.0
    runs: list[list[list[Segment]]] = []
    run: list[list[Segment]] = []
    for row in rows:
        if len(row) == 2 and run and row[0].top - max(s.bottom for s in run[-1]) > 1.2 * line:
            runs.append(run)
            run = []
        if len(row) == 2:
            run.append(row)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= _MIN_ROWS]


def _aligned(values: list[float]) -> bool:
    # The share of values within 2 points of the most common one (rounded to 2-point bins).
    if not values:
        return False
    bins = Counter(round(v / 2) for v in values)
    mode = max(bins, key=lambda k: (bins[k], -k))
    near = sum(1 for v in values if abs(v / 2 - mode) <= 1)
    return near >= _ALIGNED * len(values)


def _is_table(run: list[list[Segment]]) -> bool:
    lefts = [r[0] for r in run]
    rights = [r[1] for r in run]
    # One gap down the whole run: every left cell ends before every right cell starts.
    if max(s.x1 for s in lefts) >= min(s.x0 for s in rights):
        return False
    if not _aligned([s.x0 for s in lefts]):
        return False
    if not any(
        _aligned(v) for v in ([s.x0 for s in rights], [s.x1 for s in rights], [s.x0 + s.x1 for s in rights])
    ):
        return False
    for column in (lefts, rights):
        if sum(len(s.text) for s in column) / len(column) >= _MAX_MEAN:
            return False
    body = lefts[1:]  # the first row may be a header (`Item`, `Notes:` alike)
    if sum(1 for s in body if _MARKER.fullmatch(s.text.strip())) >= 0.6 * len(body):
        return False  # a list: numbers or bullets hung left of their items
    return sum(1 for s in body if s.text.rstrip().endswith(":")) < 0.5 * len(body)


def words_to_pair_table(words: list[dict[str, Any]]) -> StreamTable | None:
    """Gives the longest two-column stream table of a page's (or region's) words, or None when
    no run of at least four rows reads as one (see the module's marks of a table)."""
    rows = [row_to_segments(r) for r in words_to_rows(words)]
    runs = sorted((r for r in _runs(rows) if _is_table(r)), key=len, reverse=True)
    if not runs:
        return None
    run = runs[0]
    kept = [s for r in run for s in r]
    bbox = (
        min(s.x0 for s in kept),
        min(s.top for s in kept),
        max(s.x1 for s in kept),
        max(s.bottom for s in kept),
    )
    return StreamTable(bbox, [[left.text, right.text] for left, right in run], 1)
