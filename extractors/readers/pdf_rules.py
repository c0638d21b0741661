"""Tables bounded by horizontal rules only (journal three-rule tables, browser-printed tables).

The most common table in papers has a rule above the header, one below it and one at the end,
and no vertical lines, so a lattice finder (which needs cells closed on four sides) sees nothing.
Here the rules give the table's box and its header; the words inside give its columns (the x
ranges no word crosses, as in pdf_stream) and its rows. A body row whose cells wrap over several
text lines is one row: lines of one row sit a line pitch apart, rows are set further apart
(cell padding), so the gaps between text lines say where rows end, when the table has both kinds
of gap. Text underlines (a rule hugging the words above it) and lone rules are not tables.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from extractors.readers.pdf_hyphens import join_lines, lines_to_vocabulary
from extractors.readers.pdf_rows import logical_rows
from extractors.readers.pdf_stream import (
    Segment,
    cell_column,
    column_rows,
    row_to_segments,
    rows_to_columns,
    segment_to_column,
    split_at_edges,
    words_to_rows,
)

_THIN = 3.0  # points: a filled rectangle this thin is drawn as a rule
_LEADER = re.compile(r"[.\u2026·]{2,}|\.")  # dot leaders between a row's label and its figures


@dataclass(slots=True)
class Rule:
    """A horizontal rule: its x extent and its y (top-down)."""

    x0: float
    x1: float
    y: float
    cuts: tuple[float, ...] = ()  # where the pieces of a rule drawn cell by cell meet


@dataclass(slots=True)
class RuledTable:
    """A table read between rules: box, header row, body rows, and whether it runs on past its
    last rule (a table the page break cut, to be joined with the next page's part)."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    n_header: int
    open_end: bool


def _is_white(color: Any) -> bool:
    if isinstance(color, (tuple, list)) and color:
        return all(isinstance(c, (int, float)) and c >= 0.95 for c in color) and len(color) in (1, 3)
    return False


def horizontal_rules(page: Any, words: list[dict[str, Any]]) -> list[Rule]:
    """Gives the page's horizontal rules, collinear pieces merged (browsers draw one per cell),
    without white fills and without underlines (a rule the words just above it cover)."""
    pieces: list[Rule] = []
    for ln in page.lines:
        if abs(ln["top"] - ln["bottom"]) < 1 and ln["x1"] - ln["x0"] > 5:
            pieces.append(Rule(ln["x0"], ln["x1"], (ln["top"] + ln["bottom"]) / 2))
    for r in page.rects:
        h, w = r["bottom"] - r["top"], r["x1"] - r["x0"]
        if h <= _THIN and w > 5 and not (r.get("fill") and _is_white(r.get("non_stroking_color"))):
            pieces.append(Rule(r["x0"], r["x1"], (r["top"] + r["bottom"]) / 2))
    pieces.sort(key=lambda r: (round(r.y), r.x0))
    merged: list[Rule] = []
    for p in pieces:
        last = merged[-1] if merged else None
        if last is not None and abs(p.y - last.y) <= 1.5 and p.x0 <= last.x1 + 2:
            if p.x0 >= last.x1 - 2:
                last.cuts = (*last.cuts, (p.x0 + last.x1) / 2)
            last.x1 = max(last.x1, p.x1)
        else:
            merged.append(Rule(p.x0, p.x1, p.y))
    return [r for r in merged if not _underline(r, words)]


def _underline(rule: Rule, words: list[dict[str, Any]]) -> bool:
    above = [
        w
        for w in words
        if rule.y - 3.5 <= w["bottom"] <= rule.y + 1 and w["x1"] > rule.x0 and w["x0"] < rule.x1
    ]
    covered = sum(min(w["x1"], rule.x1) - max(w["x0"], rule.x0) for w in above)
    return covered >= 0.6 * (rule.x1 - rule.x0)


def _same_extent(a: Rule, b: Rule) -> bool:
    tol = max(4.0, 0.03 * (a.x1 - a.x0))
    return abs(a.x0 - b.x0) <= tol and abs(a.x1 - b.x1) <= tol


def _text_rows(
    words: list[dict[str, Any]], x0: float, x1: float, top: float, bottom: float
) -> list[list[Segment]]:
    inside = [
        w
        for w in words
        if w["x0"] >= x0 - 2 and w["x1"] <= x1 + 2 and w["top"] >= top - 1 and w["bottom"] <= bottom + 1
    ]
    return [row_to_segments(r) for r in words_to_rows(inside)]


def _prose(row: list[Segment], width: float) -> bool:
    return len(row) == 1 and row[0].x1 - row[0].x0 > 0.6 * width


def rule_groups(rules: list[Rule], words: list[dict[str, Any]]) -> list[list[Rule]]:
    """Gives runs of two or more rules of one extent with no prose line between neighbours."""
    groups: list[list[Rule]] = []
    used: set[int] = set()
    for i, r in enumerate(rules):
        if i in used:
            continue
        group = [r]
        used.add(i)
        for j in range(i + 1, len(rules)):
            if j in used or not _same_extent(r, rules[j]):
                continue
            prev = group[-1]
            between = _text_rows(words, r.x0, r.x1, prev.y, rules[j].y)
            if any(_prose(row, r.x1 - r.x0) for row in between):
                break
            group.append(rules[j])
            used.add(j)
        if len(group) >= 2:
            groups.append(group)
    return groups


def line_gap(words: list[dict[str, Any]]) -> float:
    """Gives the most common gap between consecutive text lines of a page (its leading)."""
    rows = words_to_rows(words)
    gaps = [
        round(min(w["top"] for w in b) - max(w["bottom"] for w in a)) for a, b in itertools.pairwise(rows)
    ]
    gaps = [g for g in gaps if g >= 0]
    return float(max(set(gaps), key=gaps.count)) if gaps else 2.0


def _drawn_columns(rules: list[Rule]) -> list[tuple[float, float]]:
    """Gives the columns a browser's rules mark (each cell's border drawn on its own, so two
    rules meeting at the same points), or [] when no two rules agree."""
    cut = [r.cuts for r in rules if r.cuts]
    for a in cut:
        if (
            sum(len(b) == len(a) and all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True)) for b in cut)
            >= 2
        ):
            edges = [rules[0].x0, *a, rules[0].x1]
            return list(itertools.pairwise(edges))
    return []


def _columns(header_rows: list[list[Segment]], body_rows: list[list[Segment]]) -> list[tuple[float, float]]:
    """Gives the columns: the x ranges the body's words fill with gaps no body word crosses,
    plus the span of a header cell over an empty column (a `Reference` column left blank)."""
    # Lines of one segment (section heads set across the columns, wrapped labels) say nothing
    # about where the columns are.
    split = [r for r in body_rows if len(r) >= 2]
    columns = rows_to_columns(column_rows(split) if len(split) >= 2 else body_rows, allowed=0)
    for row in header_rows:
        for s in row:
            near = min((max(a - s.x1, s.x0 - b) for a, b in columns), default=1e9)
            if near > s.bottom - s.top:  # not a header wider than its column, but its own column
                columns.append((s.x0, s.x1))
    return sorted(columns)


def _spanned_column(
    segment: Segment, line: list[Segment], columns: list[tuple[float, float]], spanners: list[Rule]
) -> int | None:
    """Gives the first column under the rule right below a header segment when that rule spans
    two columns or more but not all and the segment is its line's only text over it (a
    spanner: `Year of data` over the years), else None. Rules drawn cell by cell merge into
    one, so a rule under several headings does not say where each one's columns end."""
    height = segment.bottom - segment.top
    for r in spanners:
        if not (
            0 <= r.y - segment.bottom <= 2 * height and r.x0 - 2 <= segment.x0 and segment.x1 <= r.x1 + 2
        ):
            continue
        if sum(1 for s in line if s.x1 > r.x0 and s.x0 < r.x1) > 1:
            return None
        under = [i for i, (a, b) in enumerate(columns) if r.x0 - 2 <= (a + b) / 2 <= r.x1 + 2]
        if 2 <= len(under) < len(columns):
            return under[0]
    return None


def _grid(
    groups: list[list[list[Segment]]],
    columns: list[tuple[float, float]],
    vocabulary: set[str],
    spanners: list[Rule] | None = None,
) -> list[list[str]]:
    grid = []
    for group in groups:
        cells: list[list[str]] = [[] for _ in columns]
        for row in group:
            for s in row:
                # A cell over several columns keeps its text in the first of them: a heading
                # over a spanner rule, or alone on its line over the columns of figures.
                spanned = _spanned_column(s, row, columns, spanners) if spanners else None
                if spanned is None:
                    spanned = cell_column(s, columns) if len(row) == 1 else segment_to_column(s, columns)
                cells[spanned].append(s.text)
        # A cell's lines are joined as running text: `Antibody-` + `Induced` keeps its hyphen.
        grid.append([join_lines(parts, vocabulary=vocabulary) for parts in cells])
    return grid


def _header_levels(rows: list[list[Segment]], inner: list[float]) -> list[list[list[Segment]]]:
    """Gives the header's text lines in levels: a rule under a group heading (`2005` over
    `Number` and `Percent`) separates two header rows; lines between rules are one row."""
    levels: list[list[list[Segment]]] = []
    last_band = None
    for row in rows:
        band = sum(1 for y in inner if y < min(s.top for s in row))
        if band != last_band:
            levels.append([])
            last_band = band
        levels[-1].append(row)
    return levels


def _raise_stub_head(header: list[list[str]], splits: list[Rule], columns: list[tuple[float, float]]) -> None:
    """Moves the first column's one header text up to the header's first row when the rules
    that split the header into levels leave that column undivided (they start past its middle:
    `Year of data` over the years, `Source` beside them): that cell spans the levels, and a
    cell spanning rows keeps its text in its top slot."""
    if not splits or any(r.x0 < (columns[0][0] + columns[0][1]) / 2 for r in splits):
        return
    texts = [k for k, row in enumerate(header) if row[0]]
    if len(texts) == 1 and texts[0] > 0:
        header[0][0], header[texts[0]][0] = header[texts[0]][0], ""


def region_to_table(
    words: list[dict[str, Any]],
    rules: list[Rule],
    page_bottom: float,
    leading: float = 2.0,
    inner: list[Rule] | None = None,
) -> RuledTable | None:
    """Gives the table between a group's rules (the header between the first two when there are
    three or more), or None when its words hold fewer than two columns or no body row. A group
    of two rules with a short header between them and aligned rows below is a table whose end
    the page break cut: it runs down while the lines stay inside its width and are not prose."""
    x0, x1 = min(r.x0 for r in rules), max(r.x1 for r in rules)
    width = x1 - x0
    words = [w for w in words if not _LEADER.fullmatch(w["text"])]
    spanners = [r for r in (inner or []) if rules[0].y + 1 < r.y]
    levels_at = [r.y for r in spanners]
    top, bottom = rules[0].y, rules[-1].y
    open_end = False
    text_rows = _text_rows(words, x0, x1, top, bottom)
    # The header ends at the last rule but one of a group of up to four (a header of two
    # levels has a rule inside it), else at the second rule.
    head_end = rules[-2].y if 3 <= len(rules) <= 4 else rules[1].y
    all_below = [row_to_segments(r) for r in words_to_rows([w for w in words if w["top"] > bottom])]
    kept: list[list[Segment]] = []
    edge = bottom
    for row in all_below:
        gap = min(s.top for s in row) - edge
        if (
            any(s.x0 < x0 - 2 or s.x1 > x1 + 2 for s in row)
            or _prose(row, width)
            or gap > 3 * (row[0].bottom - row[0].top)
        ):
            break
        kept.append(row)
        edge = max(s.bottom for s in row)
    # Rules round a header only (or the page break cut the table): the body runs on below
    # the last rule, in rows of two or more cells right under it.
    body_below = len(kept) >= 2 and all(len(r) >= 2 for r in kept[:2])
    if (len(rules) == 2 and len(text_rows) <= 3 and kept) or body_below:
        open_end = True
        head_end = bottom
        bottom = max(s.bottom for r in kept for s in r) + 0.5
    header_rows = _text_rows(words, x0, x1, top, head_end) if (len(rules) >= 3 or open_end) else []
    body_top = head_end if header_rows else top
    body_rows = _text_rows(words, x0, x1, body_top, bottom)
    if not body_rows:
        return None
    columns = _drawn_columns(rules) or _columns(header_rows, body_rows)
    if len(columns) < 2:
        return None
    vocabulary = lines_to_vocabulary(w["text"] for w in words)
    header_rows = [[p for s in r for p in split_at_edges(s, columns)] for r in header_rows]
    grid = _grid(_header_levels(header_rows, levels_at), columns, vocabulary, spanners) if header_rows else []
    n_header = len(grid)
    _raise_stub_head(grid, [r for r in spanners if r.y < head_end - 1], columns)
    grid += _grid(logical_rows(body_rows, columns, leading), columns, vocabulary)
    if len(grid) - n_header < 1 or max(sum(1 for c in r if c) for r in grid) < 2:
        return None
    return RuledTable((x0, top, x1, bottom), grid, n_header, open_end)


def page_to_ruled_tables(
    page: Any, words: list[dict[str, Any]], skip: list[tuple[float, float, float, float]]
) -> list[RuledTable]:
    """Gives the rule-bounded tables of a pdfplumber page outside the boxes in `skip` (tables
    already read from a full grid of rules)."""
    every = horizontal_rules(page, words)
    rules = [
        r
        for r in every
        if not any(b[0] - 3 <= r.x0 and r.x1 <= b[2] + 3 and b[1] - 3 <= r.y <= b[3] + 3 for b in skip)
    ]
    out = []
    leading = line_gap(words)
    for group in rule_groups(rules, words):
        inner = [
            r
            for r in every
            if group[0].y < r.y < group[-1].y and group[0].x0 - 3 <= r.x0 and r.x1 <= group[0].x1 + 3
        ]
        found = region_to_table(words, group, page.height, leading, inner)
        if found is not None:
            out.append(found)
    return out
