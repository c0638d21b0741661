"""A page's text lines -> reading order, column by column, region by region.

A page is read top-down as regions: a full-width line (a title, a one-column paragraph) is a
region of its own, and each run of narrower lines between them is one region. A region's
columns are separated by gutters: x ranges that no text line crosses, found from the lines'
x coverage, so a one-column page whose reference list is set in three narrow columns (Royal
Society Open Science) is read as well as a classic two-column page. Within a region the
columns are read left to right; a line that crosses a gutter ends a band of columns, and so
does a heading set under (or between) blocks of columns, narrow as it is.
"""

from __future__ import annotations

from extractors.readers.pdf_layout import Line

# Lines narrower than this are punctuation, volume numbers or superscripts set on their own
# baseline: they sit inside a column and say nothing about where columns are.
_MIN_TEXT_WIDTH = 15.0
# A column line is at most about half the text width; a line wider than this is full width.
_FULL_WIDTH = 0.62
_MIN_GUTTER = 4.0
# A band this many line heights tall with no text across the page ends a region.
_EMPTY_BAND = 3.0


def text_span(lines: list[Line]) -> tuple[float, float]:
    """Gives the left and right x of the page's text, stray fragments left out."""
    text = [ln for ln in lines if ln.x1 - ln.x0 >= _MIN_TEXT_WIDTH] or lines
    return min(ln.x0 for ln in text), max(ln.x1 for ln in text)


def lines_to_regions(lines: list[Line], span: tuple[float, float]) -> list[list[Line]]:
    """Gives the lines (top-down) in regions: each full-width line alone, narrower runs together,
    a run cut where the page is blank across its width for three line heights or more."""
    limit = (span[1] - span[0]) * _FULL_WIDTH
    regions: list[list[Line]] = []
    run: list[Line] = []
    heights = sorted(ln.height for ln in lines)
    band = _EMPTY_BAND * heights[len(heights) // 2] if heights else 1e9
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if run and line.top - max(ln.bottom for ln in run) > band:
            # Blank across the whole page: what follows (a list under a heading) starts
            # afresh, its columns are not the ones above.
            regions.append(run)
            run = []
        if line.x1 - line.x0 > limit:
            if run:
                regions.append(run)
                run = []
            regions.append([line])
        else:
            run.append(line)
    if run:
        regions.append(run)
    return regions


def _coverage(lines: list[Line], lo: int, hi: int) -> list[int]:
    counts = [0] * (hi - lo + 1)
    for ln in lines:
        for x in range(max(lo, int(ln.x0) + 1), min(hi, int(ln.x1)) + 1):
            counts[x - lo] += 1
    return counts


def _gaps(counts: list[int], allowed: int) -> list[tuple[int, int]]:
    """Gives the (first, last) index of each run of counts at most `allowed`, narrowed to the
    run's least-crossed stretch (a ragged column edge widens the run on one side only)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate([*counts, allowed + 1]):
        if c <= allowed and start is None:
            start = i
        elif c > allowed and start is not None:
            least = min(counts[start:i])
            low = [j for j in range(start, i) if counts[j] == least]
            runs.append((low[0], low[-1]))
            start = None
    return runs


def _column_sizes(lines: list[Line], gutters: list[float]) -> list[int]:
    sizes = [0] * (len(gutters) + 1)
    for ln in lines:
        sizes[sum(1 for g in gutters if (ln.x0 + ln.x1) / 2 > g)] += 1
    return sizes


def region_to_gutters(lines: list[Line]) -> list[float]:
    """Gives the x of each gutter of a region, left to right; [] for a single column.

    A gutter is an x range at least a few points wide, between the region's text, that (almost)
    no text line crosses, with enough lines on each side: a column holds at least three lines and an
    eighth of the region, so a ragged short line or a lone right-aligned label is not a column.
    """
    text = [ln for ln in lines if ln.x1 - ln.x0 >= _MIN_TEXT_WIDTH]
    if len(text) < 6:
        return []
    lo, hi = int(min(ln.x0 for ln in text)), int(max(ln.x1 for ln in text)) + 1
    # A caption or a centred heading inside the region may cross the gutter; it ends a band.
    allowed = max(1, len(text) // 20)
    gaps = _gaps(_coverage(text, lo, hi), allowed)
    gutters = [lo + (a + b) / 2 for a, b in gaps if b - a + 1 >= _MIN_GUTTER and a > 0 and lo + b < hi]
    least = max(3, len(text) / 8)
    while gutters:
        sizes = _column_sizes(text, gutters)
        smallest = min(range(len(sizes)), key=lambda i: sizes[i])
        if sizes[smallest] >= least:
            break
        # Merge the smallest column into a neighbour by dropping the gutter beside it.
        gutters.pop(min(smallest, len(gutters) - 1))
    return gutters


# A heading is set this much taller than the region's text, at least: a column's last item or
# one-line paragraph under the other column's end is no heading and stays in its column.
_HEADING = 1.15
# Columns that end (or start) within this many line heights of one another end (or start)
# together: a block of columns balanced by the browser or the typesetter.
_LEVEL = 1.5


def _column_of(line: Line, gutters: list[float]) -> int:
    """Gives the column a line stands in, or -1 for one that crosses a gutter."""
    if any(line.x0 < g - 2 and line.x1 > g + 2 for g in gutters) and line.x1 - line.x0 >= _MIN_TEXT_WIDTH:
        return -1
    return sum(1 for g in gutters if (line.x0 + line.x1) / 2 > g)


def _between_blocks(lines: list[Line], gutters: list[float]) -> set[int]:
    """Gives the ids of the lines narrower than a column that are read across the columns: a
    heading set under a block of columns (`Notes` before a full-width paragraph) or between
    two blocks. Such a line starts the first column, is taller than the text, no line of
    another column is beside it, the columns above it end together and those below it start
    together (or the others stop: no block below). A sidebar beside a column whose author line
    stands alone is not such a block."""
    heights = sorted(ln.height for ln in lines)
    h = heights[len(heights) // 2]
    columns: dict[int, list[Line]] = {}
    for ln in lines:
        columns.setdefault(_column_of(ln, gutters), []).append(ln)
    own = sorted(columns.get(0, []), key=lambda ln: ln.top)
    others = [sorted(col, key=lambda ln: ln.top) for k, col in columns.items() if k > 0]
    if not own or not others:
        return set()
    out: set[int] = set()
    for i, line in enumerate(own[1:], start=1):
        if line.x1 - line.x0 < _MIN_TEXT_WIDTH or line.height < _HEADING * h:
            continue
        # The column's text above and below the heading, its own further lines left out.
        below = next((ln.top for ln in own[i + 1 :] if ln.height < _HEADING * h), None)
        if all(_level_around(line, own[i - 1].bottom, below, col, h) for col in others):
            out.add(id(line))
    return out


def _level_around(line: Line, above: float, below: float | None, col: list[Line], h: float) -> bool:
    """Tells whether another column ends level with the first one above `line`, has nothing
    beside it, and starts again level with the first below it or not at all (a balanced block
    leaves no column running on alone under the other's end: what follows is full width)."""
    if any(ln.top < line.bottom + 0.5 * h and ln.bottom > line.top - 0.5 * h for ln in col):
        return False  # text beside it
    ends = [ln.bottom for ln in col if ln.bottom <= line.top]
    starts = [ln.top for ln in col if ln.top >= line.bottom]
    if not ends or abs(max(ends) - above) > _LEVEL * h:
        return False
    if not starts:
        return True  # the block above was the last: what follows in the first column is not
    return below is not None and abs(min(starts) - below) <= _LEVEL * h


def region_to_reading_order(lines: list[Line], gutters: list[float]) -> list[Line]:
    """Gives a region's lines column by column (left first), each column top-down."""
    if not gutters:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    ordered: list[Line] = []
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]

    def flush() -> None:
        for col in columns:
            ordered.extend(sorted(col, key=lambda ln: ln.top))
            col.clear()

    across = _between_blocks(lines, gutters)
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        column = _column_of(line, gutters)
        if column < 0 or id(line) in across:
            flush()
            ordered.append(line)
        else:
            columns[column].append(line)
    flush()
    return ordered


def lines_to_reading_order(lines: list[Line], page_width: float) -> list[Line]:
    """Gives a page's lines in reading order: region by region, per region column by column."""
    if not lines:
        return []
    ordered: list[Line] = []
    for region in lines_to_regions(lines, text_span(lines)):
        ordered.extend(region_to_reading_order(region, region_to_gutters(region)))
    return ordered
