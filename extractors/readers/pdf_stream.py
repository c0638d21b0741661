"""Words of a PDF page -> a table read from whitespace alone (a "stream" table).

Tables set without rules, or with shaded rows that a rule finder takes for cell borders, are
read from where the words sit: words on one baseline form a text row; words closer than a
gap form a segment (one cell's text); column gaps are the x ranges that (almost) no segment
covers across the rows (the rows of figures, where most rows hold them); the body is the run
with most rows that fill most columns, over up to four lines between them that are a section
head (in the first column, or centred across the columns of figures: pdf_spans, a row of its
own), a wrapped label's line or a wrapped cell's next line (joined to their row), and the
rows right above it whose segments each sit over at most two columns, no further above than
the body's rows are apart, are its header, one text line per header row (a header cell set on
three lines is three header rows, which `Table.header_texts` joins per column). pdfplumber
supplies the words; the rest is plain arithmetic on their boxes. Two-column tables are
pdf_pairs' to judge.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from extractors.readers.pdf_spans import FIGURE as _FIGURE
from extractors.readers.pdf_spans import spanning_line, spans_data_columns

_FIGURES_IN = re.compile(r"\d[\d,.]*%?\s*$|\s\d[\d,.]*\s")  # a figure at the end or between words
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row
# A line that opens with a table's caption (`Table 2.`, `TABLE S1`); pdf_tables uses it too.
CAPTION = re.compile(r"^\s*Table[:.]?\s*[A-Z]?\d+", re.I)


@dataclass(frozen=True, slots=True)
class Segment:
    """Words of one text row close enough to be one cell's text, with their box."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    words: tuple[tuple[float, float, str], ...] = ()  # (x0, x1, text) of each word


@dataclass(slots=True)
class StreamTable:
    """A table read from whitespace: its box, rows of cell text and number of header rows."""

    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    n_header: int


def words_to_rows(words: list[dict[str, Any]], *, tolerance: float = 3.0) -> list[list[dict[str, Any]]]:
    """Gives the words grouped into text rows by baseline (bottom), top-down, each left to right.

    The bottom is used, not the top: `Others(1)` sits higher than `Total` beside it because of
    its bracket, but both stand on one baseline.
    """
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
        if rows and abs(word["bottom"] - rows[-1][0]["bottom"]) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def row_to_segments(row: list[dict[str, Any]]) -> list[Segment]:
    """Gives a text row's segments: words split where the gap is wider than most of a word's
    height (a space is a third of it; a column gap is one or more), and between two figures."""
    segments: list[Segment] = []
    current: list[dict[str, Any]] = []
    for word in row:
        gap = word["x0"] - current[-1]["x1"] if current else 0.0
        height = word["bottom"] - word["top"]
        # Two figures a space apart are two cells (a monospaced table has no wider gaps).
        figures = (
            bool(current)
            and bool(_FIGURE.fullmatch(word["text"]))
            and bool(_FIGURE.fullmatch(current[-1]["text"]))
        )
        if current and (gap > 0.8 * height or (figures and gap > 0.45 * height)):
            segments.append(_segment(current))
            current = []
        current.append(word)
    if current:
        segments.append(_segment(current))
    return segments


def _segment(words: list[dict[str, Any]]) -> Segment:
    return Segment(
        min(w["x0"] for w in words),
        max(w["x1"] for w in words),
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        " ".join(w["text"] for w in words),
        tuple((w["x0"], w["x1"], w["text"]) for w in words),
    )


def split_at_edges(segment: Segment, columns: list[tuple[float, float]], tol: float = 1.5) -> list[Segment]:
    """Gives a header segment cut where a word ends on a column's right edge or the next word
    starts on a column's left edge, the line going on past it: header cells of narrow columns
    set a space apart (`to 19,999 to 39,999` over two columns of right-aligned figures)."""
    if len(segment.words) < 2:
        return [segment]
    rights = [b for _, b in columns]
    lefts = [a for a, _ in columns]
    pieces: list[list[tuple[float, float, str]]] = [[segment.words[0]]]
    for prev, word in itertools.pairwise(segment.words):
        cut = any(abs(prev[1] - r) <= tol and word[0] > r for r in rights) or any(
            abs(word[0] - left) <= tol and prev[1] < left for left in lefts
        )
        if cut:
            pieces.append([])
        pieces[-1].append(word)
    if len(pieces) == 1:
        return [segment]
    return [
        Segment(p[0][0], p[-1][1], segment.top, segment.bottom, " ".join(w[2] for w in p), tuple(p))
        for p in pieces
    ]


def column_rows(rows: list[list[Segment]]) -> list[list[Segment]]:
    """Gives the rows that say where a table's columns are: where most rows hold figures in two
    cells or more, those (a line of notes or a heading set across the columns of figures
    says nothing about them); else all."""
    figures = [r for r in rows if sum(1 for s in r if _FIGURE.fullmatch(s.text)) >= 2]
    return figures if len(figures) >= 3 and len(figures) >= 0.5 * len(rows) else rows


def rows_to_columns(rows: list[list[Segment]], *, allowed: int | None = None) -> list[tuple[float, float]]:
    """Gives the x spans of the columns: the stretches between gaps that at most `allowed` rows
    cross (default a tenth of the rows: a header over two columns may cross a gap)."""
    segments = [s for r in rows for s in r]
    if not segments:
        return []
    lo, hi = int(min(s.x0 for s in segments)), int(max(s.x1 for s in segments)) + 1
    # A title or a page footer running across most of the table says nothing about columns.
    rows = [r for r in rows if all(s.x1 - s.x0 < 0.4 * (hi - lo) for s in r)]
    cover = [0] * (hi - lo + 1)
    for row in rows:
        seen: set[int] = set()
        for s in row:
            seen.update(range(int(s.x0) - lo, int(s.x1) - lo + 1))
        for x in seen:
            cover[x] += 1
    if allowed is None:
        allowed = max(1, len(rows) // 10)
    columns: list[tuple[float, float]] = []
    start = None
    for i, c in enumerate([*cover, 0]):
        if c > allowed and start is None:
            start = i
        elif c <= allowed and start is not None:
            columns.append((lo + start, lo + i - 1))
            start = None
    return columns


def segment_to_column(segment: Segment, columns: list[tuple[float, float]]) -> int:
    """Gives the index of the column a segment overlaps most (the nearest when it overlaps none)."""

    def overlap(span: tuple[float, float]) -> float:
        return min(segment.x1, span[1]) - max(segment.x0, span[0])

    return max(range(len(columns)), key=lambda i: overlap(columns[i]))


def _cut_header_line(row: list[Segment], columns: list[tuple[float, float]]) -> list[Segment]:
    # A header line's segments cut at column edges (`split_at_edges`), unless it is one heading
    # over the columns of figures.
    if spanning_line(row, columns):
        return row
    return [p for s in row for p in split_at_edges(s, columns)]


def cell_column(segment: Segment, columns: list[tuple[float, float]]) -> int:
    """Gives the column whose cell holds a segment's text: the first right of the first column
    for a heading over all of them (`spans_data_columns`), else the one it overlaps most."""
    return 1 if spans_data_columns(segment, columns) else segment_to_column(segment, columns)


def _columns_spanned(segment: Segment, columns: list[tuple[float, float]]) -> int:
    return sum(1 for a, b in columns if min(segment.x1, b) - max(segment.x0, a) > 0)


def is_label_line(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    """Gives whether a text line is one segment that starts in the first column and ends in it or
    runs on over the others without figures and within the table: a section head (`Age`, or a
    long one set across the columns) or a line of a wrapped label."""
    if len(row) != 1 or len(columns) < 2 or row[0].x0 >= columns[0][1]:
        return False
    s = row[0]
    return s.x1 < columns[1][0] or (s.x1 <= columns[-1][1] + 2 and not _FIGURES_IN.search(s.text))


def _is_wrapped_line(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    # Words alone in columns after the first, each inside its column's gaps, no figures: the
    # next line of cells wrapped in the row above (a description column); not a heading set
    # across the columns of figures.
    if not row or len(row) >= max(2, len(columns) / 2) or any(_FIGURE.fullmatch(s.text) for s in row):
        return False
    if spanning_line(row, columns):
        return False
    for s in row:
        c = segment_to_column(s, columns)
        if c == 0 or (c + 1 < len(columns) and s.x1 >= columns[c + 1][0]) or s.x0 <= columns[c - 1][1]:
            return False
    return True


def _body_run(rows: list[list[Segment]], columns: list[tuple[float, float]]) -> tuple[int, int] | None:
    """Gives [start, end) of the run with the most rows that each fill at least half the
    columns, with up to four lines between them that are first-column lines (section heads,
    wrapped labels), wrapped cells' next lines or headings across the columns of figures."""
    n_cols = len(columns)
    best: tuple[int, int] | None = None
    best_full = 0
    start = last = None
    n_full = stubs = 0
    for i, row in enumerate([*rows, []]):
        if len(row) >= max(2, n_cols / 2):
            start = i if start is None else start
            last, n_full, stubs = i, n_full + 1, 0
        elif (
            start is not None
            and stubs < 4
            and (
                is_label_line(row, columns)
                or _is_wrapped_line(row, columns)
                # A heading across the columns heads a section, unless the line below it repeats
                # the run's first (`Proportion` again): then it heads the next table.
                or (
                    spanning_line(row, columns)
                    and rows[min(i + 1, len(rows) - 1)][0].text != rows[start][0].text
                )
            )
        ):
            stubs += 1
        elif start is not None and last is not None:
            if n_full > best_full:
                best, best_full = (start, last + 1), n_full
            start = last = None
            n_full = stubs = 0
    return best


def _has_figures(row: list[Segment]) -> bool:
    return any(_FIGURE.fullmatch(s.text) for s in row[1:])


def _worded(row: list[Segment]) -> bool:
    # Words, not figures, in a cell after the first (`Median`, `Under` over columns of figures).
    return any(_WORD.search(s.text) for s in row[1:])


def _headed(rows: list[list[Segment]], run: tuple[int, int]) -> tuple[int, int]:
    """Gives the run without its leading rows of words (`State  (thousands)  owned`, `Median
    Under  $10,000`) when the rows below them hold figures: those are the header's last lines."""
    start, end = run
    head = start
    while end - head > 3 and (not _has_figures(rows[head]) or _worded(rows[head])):
        head += 1
    body = [r for r in rows[head:end] if len(r) >= 2]
    if head == start or sum(1 for r in body if not _worded(r)) < 0.6 * len(body):
        return run
    return head, end


_JOINING = re.compile(
    r"(?:[,&/-]|\b(?:and|or|of|for|the|in|to|with|by|on|at|from|a|an|including|excluding|than))$", re.I
)


def goes_on(above: str, below: str) -> bool:
    """Gives whether a label's line `below` goes on from `above`: it starts in lower case, or
    `above` ends on a word that cannot end a label (`Department of Health and` over `Human
    Services`)."""
    return bool(below[:1].islower() or ends_open(above))


def ends_open(text: str) -> bool:
    """Gives whether a cell's line ends on a word or mark that cannot end it (`and`, `of`, `,`)."""
    return bool(text and _JOINING.search(text.rstrip()))


def _join_wrapped(grid: list[list[str]], stubs: list[bool], wraps: list[bool]) -> list[list[str]]:
    """Gives the body rows with a wrapped label joined: a row whose first cell goes on from the
    one above (`goes_on`) continues the row above (its label's first line alone, or a full
    row whose label runs on below it); a wrapped cell's next line (`wraps`) is joined cell by
    cell to the row above."""
    out: list[list[str]] = []
    above_stub = False
    for cells, stub, wrapped in zip(grid, stubs, wraps, strict=True):
        if out and wrapped:
            out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], cells, strict=True)]
            above_stub = False
            continue
        if out and goes_on(out[-1][0], cells[0]) and (above_stub or stub):
            if above_stub:
                cells = [f"{out[-1][0]} {cells[0]}", *cells[1:]]
                out[-1] = cells
            else:
                out[-1][0] = f"{out[-1][0]} {cells[0]}"
            above_stub = above_stub and stub
            continue
        out.append(list(cells))
        above_stub = stub
    return out


def words_to_stream_table(words: list[dict[str, Any]]) -> StreamTable | None:
    """Gives the stream table of a page's (or region's) words, or None when they hold no grid
    of at least three columns and three body rows."""
    text_rows = words_to_rows(words)
    rows = [row_to_segments(r) for r in text_rows]
    columns = rows_to_columns(column_rows([r for r in rows if len(r) >= 2]))
    if len(columns) < 3:
        return None
    run = _body_run(rows, columns)
    if run is None or sum(1 for r in rows[run[0] : run[1]] if len(r) >= max(2, len(columns) / 2)) < 3:
        return None
    run = _headed(rows, run)
    if run[0] > 0 and run[1] > run[0] + 1 and spanning_line(rows[run[0] + 1], columns):
        above = rows[run[0] - 1]
        if len(above) == 1 and above[0].x0 > columns[0][1]:
            # A row between a heading over columns of figures and a section heading across
            # them: the column heads (`1 2 3` under `Week of study`), not the body's first row.
            run = (run[0] + 1, run[1])
    end = run[1]
    while end < len(rows) and (
        _is_wrapped_line(rows[end], columns)
        or (is_label_line(rows[end], columns) and goes_on(rows[end - 1][0].text, rows[end][0].text))
    ):
        end += 1  # the last row's cells run on below it
    run = (run[0], end)
    first = run[0]
    # A header row sits closer to the rows below it than a paragraph's last line: no further
    # than half as far again as the body's rows are apart (plus a rule's width).
    body = rows[run[0] : run[1]]
    spacing = max(
        (min(s.top for s in b) - max(s.bottom for s in a) for a, b in itertools.pairwise(body)), default=0.0
    )
    while first > 0:
        above = _cut_header_line(rows[first - 1], columns)
        caption = CAPTION.match(above[0].text) if above else None
        if caption or not above or any(_columns_spanned(s, columns) > 2 for s in above):
            break
        if min(s.top for s in rows[first]) - max(s.bottom for s in above) > 1.5 * spacing + 4:
            break
        first -= 1
    grid: list[list[str]] = []
    for k, row in enumerate(rows[first : run[1]]):
        if k < run[0] - first:
            row = _cut_header_line(row, columns)
        cells = [""] * len(columns)
        for s in row:
            i = cell_column(s, columns) if len(row) == 1 else segment_to_column(s, columns)
            cells[i] = f"{cells[i]} {s.text}".strip()
        grid.append(cells)
    # Columns found from rows elsewhere on the page (another table's) that the run leaves empty
    # are not its columns; under three left, it is a two-column table (pdf_pairs' to judge).
    used = [i for i in range(len(columns)) if any(r[i] for r in grid)]
    if len(used) < 3:
        return None
    grid = [[r[i] for i in used] for r in grid]
    n_header = run[0] - first
    stubs = [is_label_line(r, columns) for r in rows[run[0] : run[1]]]
    # A header cell set on several lines stays several header rows (`Table.header_texts` joins
    # them per column), as camelot's stream output has them.
    header = grid[:n_header]
    wraps = [_is_wrapped_line(r, columns) for r in rows[run[0] : run[1]]]
    grid = header + _join_wrapped(grid[n_header:], stubs, wraps)
    n_header = len(header)
    kept = [s for r in rows[first : run[1]] for s in r]
    bbox = (
        min(s.x0 for s in kept),
        min(s.top for s in kept),
        max(s.x1 for s in kept),
        max(s.bottom for s in kept),
    )
    return StreamTable(bbox, grid, n_header)
