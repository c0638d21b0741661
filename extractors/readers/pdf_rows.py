"""A table's text lines -> its rows: which lines are rows of their own, which a wrapped cell's.

Lines are set closer within a row than between rows when cells are padded; where they are not,
what the lines hold decides: a line that fills the columns (or holds figures in half of them)
is a row, a line of words in some columns only is a wrapped cell's next line, and a label
line that goes on into the line below (or from the line above) belongs with it, while one that
goes on from neither is a row of its own (a section head), as is a heading set across the
columns of figures (centred over them, in none of them alone). A line whose every cell goes on
from the cell above it (lower case, or after a word that cannot end a cell), its label under a
hanging indent, is the next line of a row whose cells all wrap, even though it fills the columns.
"""

from __future__ import annotations

import re

from extractors.readers.pdf_spans import spanning_line
from extractors.readers.pdf_stream import (
    Segment,
    ends_open,
    goes_on,
    is_label_line,
    segment_to_column,
)

_FIGURE = re.compile(r"[-+–−<>±~*()$€£%]*\d[\d.,:/%*()–−-]*|[-–—.]+|\.\.\.")  # a cell of figures


def _is_full(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    # A line that fills every column but at most one, the last among them, or that holds
    # figures in half the columns, is a row of its own (not a wrapped cell's next line).
    n_cols = len(columns)
    filled = {segment_to_column(s, columns) for s in row}
    figures = sum(1 for s in row if _FIGURE.fullmatch(s.text))
    return (len(filled) >= max(2, n_cols - 1) and n_cols - 1 in filled) or figures >= max(2, n_cols / 2)


def _labelled_figures(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    # Text in the first column and figures in two others.
    first = any(segment_to_column(s, columns) == 0 for s in row)
    return first and sum(1 for s in row if _FIGURE.fullmatch(s.text)) >= 2


def _continues(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    # A wrapped cell's next line: its first column empty, or a cell going on in lower case,
    # and no figures.
    first_empty = all(segment_to_column(s, columns) > 0 for s in row)
    lower = any(s.text[:1].islower() for s in row)
    return (first_empty or lower) and not any(_FIGURE.fullmatch(s.text) for s in row)


def _wraps_every_cell(rows: list[list[Segment]], i: int, columns: list[tuple[float, float]]) -> bool:
    # A line of two cells or more, no figures, each going on from the same column's cell in
    # the line above, its first-column text indented under the label above (a hanging indent)
    # or following a word that cannot end a label: the second line of a row whose label and
    # description both wrap. Lower case alone is not enough (a table of lower-case terms).
    if i == 0 or len(rows[i]) < 2 or any(_FIGURE.fullmatch(s.text) for s in rows[i]):
        return False
    above = {segment_to_column(s, columns): s for s in rows[i - 1]}
    first = None
    for s in rows[i]:
        column = segment_to_column(s, columns)
        cell_above = above.get(column)
        if cell_above is None or not goes_on(cell_above.text, s.text):
            return False
        if column == 0:
            first = (s, cell_above)
    if first is None:
        return False
    s, label = first
    return s.x0 > label.x0 + 0.5 * (s.bottom - s.top) or ends_open(label.text)


def _label_line(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    # One segment from the first column: a section head or one line of a wrapped label.
    return is_label_line(row, columns)


def _starts_next(rows: list[list[Segment]], i: int, columns: list[tuple[float, float]]) -> bool:
    # A label line whose text goes on in the line below (`45 years and over, including` over
    # `persons in ...  5,986 ...`): the first line of the next row's label, its figures below.
    return (
        i + 1 < len(rows)
        and _label_line(rows[i], columns)
        and goes_on(rows[i][0].text, rows[i + 1][0].text)
        and segment_to_column(rows[i + 1][0], columns) == 0
    )


def _section_head(rows: list[list[Segment]], i: int, columns: list[tuple[float, float]]) -> bool:
    # A label line that neither goes on from the line above (if any: the body's first line may
    # be a section head too) nor into the one below: a row of its own (`Age` over the age
    # groups); or a heading across the columns of figures.
    if spanning_line(rows[i], columns):
        return True
    return (
        _label_line(rows[i], columns)
        and (i == 0 or not goes_on(rows[i - 1][0].text, rows[i][0].text))
        and not _starts_next(rows, i, columns)
    )


def logical_rows(
    rows: list[list[Segment]], columns: list[tuple[float, float]], leading: float
) -> list[list[list[Segment]]]:
    """Gives the text lines grouped into table rows.

    Where some gaps between lines are wider than the page's leading (cell padding), those end
    rows, and within a run of closely set lines each full line (see `_is_full`) starts a row:
    lines filling only some columns are a wrapped cell's, with the row they sit in. Where all
    gaps are alike, each line is a row unless it continues the one above (`_continues`). Either
    way a first-column line whose words go on into the line below starts that line's row, and
    one that goes on from neither side is a row of its own (a section head).
    """
    if not rows:
        return []
    tops = [min(s.top for s in r) for r in rows]
    bottoms = [max(s.bottom for s in r) for r in rows]
    height = min(b - t for t, b in zip(tops, bottoms, strict=True))
    wide = [tops[i] - bottoms[i - 1] > leading + 0.2 * height for i in range(1, len(rows))]
    out: list[list[list[Segment]]] = [[rows[0]]]
    if not any(wide):
        for i, r in enumerate(rows[1:], 1):
            # The lines above are a label's first lines, going on into this one.
            carried = _starts_next(rows, i - 1, columns) and all(_label_line(x, columns) for x in out[-1])
            runs_on = _label_line(r, columns) and goes_on(rows[i - 1][0].text, r[0].text)
            wrapped = not _is_full(r, columns) and (_continues(r, columns) or runs_on)
            wrapped = wrapped or _wraps_every_cell(rows, i, columns)
            if carried or (wrapped and not _section_head(rows, i, columns)):
                out[-1].append(r)
            else:
                out.append([r])
        return out
    runs: list[list[int]] = [[0]]
    for i, new in enumerate(wide, 1):
        if new:
            runs.append([i])
        else:
            runs[-1].append(i)
    out = []
    for run in runs:
        full = [_is_full(rows[i], columns) and not _wraps_every_cell(rows, i, columns) for i in run]
        heads = [_section_head(rows, i, columns) or _starts_next(rows, i, columns) for i in run]
        if (
            sum(full) <= 1
            and sum(_labelled_figures(rows[i], columns) for i in run) <= 1
            and not any(heads[1:])
            and not spanning_line(rows[run[0]], columns)
        ):
            out.append([rows[i] for i in run])
            continue
        group: list[list[Segment]] = []
        seen_full = seen_figures = carried = after_head = False
        for i, f, head in zip(run, full, heads, strict=True):
            # A labelled line of figures under another line of figures is a row of its own
            # even when placeholders (`...`) leave it short of full: a wrapped cell has one
            # line of values.
            figures = _labelled_figures(rows[i], columns)
            new_row = (f and seen_full) or (figures and seen_figures) or head or after_head
            if group and not carried and new_row:
                out.append(group)
                group = []
                seen_full = seen_figures = False
            carried = _starts_next(rows, i, columns)
            after_head = _section_head(rows, i, columns)
            seen_full = seen_full or f
            seen_figures = seen_figures or figures
            group.append(rows[i])
        out.append(group)
    return out
