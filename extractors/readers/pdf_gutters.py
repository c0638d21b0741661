"""Where two pieces of text on one baseline belong to one line: column gutters and justified lines.

The width of a space alone cannot tell a word space from a gutter. A browser sets two columns
as little as two-thirds of a line height apart (`column-gap: 1em` gives under 12 points), and
a justified line in a narrow column stretches its word spaces wider than that. So the strip
between the two pieces is looked at: a gutter stays clear on the lines above and below, and
the text beside it keeps one edge (a column's left edge, or its right edge when justified),
where the word spaces of the neighbouring lines fall anywhere, if they line up at all.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.readers.pdf_layout import Line

Segment = tuple[float, float, float, float, str]  # x0, top, x1, bottom, text (top-down)

# A gap narrower than this share of the line height is a word space, whatever is around it.
_MIN_GUTTER = 0.5
# Lines beside a gutter, the line itself included, that make one: text on each side of the
# strip, and the text on one side starting (or ending) at one x.
_ROWS = 4
# A word narrower than this many line heights alone at the start of a line is a label.
_MIN_COLUMN = 3.0
# Glyphs of one word are at most this share of the line height apart (a page placed glyph by
# glyph leaves gaps between the ink of two letters).
_LETTER_GAP = 0.3
# How far up and down (in line heights) the lines beside a gutter are looked for.
_REACH = 8.0
# The widest gap (in line heights) a justified line stretches a word space to, and the
# narrowest such line.
JUSTIFIED_GAP = 3.0
_JUSTIFIED_WIDTH = 12.0


@dataclass(slots=True)
class _Row:
    """The text of one baseline: its middle, height, and the x ranges its ink covers, in order."""

    middle: float
    height: float
    x0s: list[float]
    x1s: list[float]


def _rows(segments: Sequence[Segment]) -> list[_Row]:
    rows: list[_Row] = []
    band: list[Segment] = []
    top = bottom = 0.0
    for seg in [*sorted(segments, key=lambda s: (s[1] + s[3]) / 2), None]:
        if seg is not None and band:
            height = min(seg[3] - seg[1], bottom - top)
            if min(seg[3], bottom) - max(seg[1], top) > 0.5 * height:
                band.append(seg)
                top, bottom = min(top, seg[1]), max(bottom, seg[3])
                continue
        if band:
            spans: list[list[float]] = []
            for x0, _, x1, _, _ in sorted(band, key=lambda s: s[0]):
                if spans and x0 <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], x1)
                else:
                    spans.append([x0, x1])
            rows.append(_Row((top + bottom) / 2, bottom - top, [s[0] for s in spans], [s[1] for s in spans]))
        if seg is not None:
            band, top, bottom = [seg], seg[1], seg[3]
    return rows


class Gutters:
    """Tells whether a strip of a page between two pieces of text on one baseline is a gutter.

    `seen` holds the gutters found on the pages before (x ranges), and gets this page's: a
    reference list that runs on for two lines at the top of the next page has too few lines
    to show its gutter, but stands where the pages before had one.
    """

    def __init__(self, segments: Sequence[Segment], seen: set[tuple[float, float]] | None = None) -> None:
        self._rows = _rows(segments)
        self._middles = [r.middle for r in self._rows]
        self._seen = seen if seen is not None else set()

    def between(self, left: float, right: float, top: float, bottom: float) -> bool:
        """Gives whether the strip from `left` to `right` (the end of one piece, the start of
        the next) on the line from `top` to `bottom` is a gutter: half the line height wide or
        more, and, on the lines up and down from this one until one crosses it,
        clear (a part of it that wide), with text on its left on four lines and on its right
        on four, the text on one side starting (or ending) at one x on four lines."""
        height = bottom - top
        if height <= 0 or right - left < _MIN_GUTTER * height:
            return False
        middle = (top + bottom) / 2
        here = bisect.bisect_left(self._middles, middle)
        if self._is_label(here, middle, left, right, height):
            return False  # a list's label or bullet before its item's text: no column
        lefts, rights = [left], [right]
        lo, hi = left, right
        up, down = here - 1, here
        reach_up = bisect.bisect_left(self._middles, middle - _REACH * height)
        reach_down = bisect.bisect_right(self._middles, middle + _REACH * height)
        while up >= reach_up or down < reach_down:
            for i in (up, down):
                if not reach_up <= i < reach_down:
                    continue
                row = self._rows[i]
                if abs(row.middle - middle) < 0.5 * height:
                    continue  # the line itself (its pieces are left and right of the strip)
                clear = _clear_part(row, lo, hi)
                if clear is None or clear[1] - clear[0] < _MIN_GUTTER * height:
                    # A line crosses the strip: the lines beyond it are another block's.
                    if i < here:
                        reach_up = here
                    else:
                        reach_down = here
                    continue
                lo, hi = clear
                k = bisect.bisect_right(row.x1s, lo)
                if k > 0:
                    lefts.append(row.x1s[k - 1])
                if k < len(row.x0s):
                    rights.append(row.x0s[k])
            if (
                len(lefts) >= _ROWS
                and len(rights) >= _ROWS
                and (_aligned(lefts, height) or _aligned(rights, height))
            ):
                self._seen.add((round(lo, 1), round(hi, 1)))
                return True
            up, down = up - 1, down + 1
        # Too few lines to tell: a strip where an earlier page had its gutter, clear on two
        # lines with text on both sides, is one.
        return (
            len(lefts) >= 2
            and len(rights) >= 2
            and any(left <= a + 1 and b - 1 <= right for a, b in self._seen)
        )

    def _is_label(self, here: int, middle: float, left: float, right: float, height: float) -> bool:
        """Gives whether the text that ends at `left` on the line is a list's label or bullet
        (`[12]`, `3.`, `•`): one short word, alone at the start of its line (nothing left of it,
        or a space wider than half as much again as the strip)."""
        near = [i for i in (here - 1, here) if 0 <= i < len(self._rows)]
        if not near:
            return False
        row = self._rows[min(near, key=lambda i: abs(self._rows[i].middle - middle))]
        k = bisect.bisect_right(row.x1s, left + 0.01) - 1
        if k < 0:
            return False
        start = k
        while start > 0 and row.x0s[start] - row.x1s[start - 1] < _LETTER_GAP * height:
            start -= 1
        if left - row.x0s[start] >= _MIN_COLUMN * height:
            return False
        return start == 0 or row.x0s[start] - row.x1s[start - 1] >= 1.5 * (right - left)


def _clear_part(row: _Row, lo: float, hi: float) -> tuple[float, float] | None:
    """Gives the widest part of lo..hi that the row's ink leaves clear, or None."""
    k = bisect.bisect_right(row.x1s, lo)
    best: tuple[float, float] | None = None
    start = lo
    while k < len(row.x0s) and row.x0s[k] < hi:
        if row.x0s[k] > start and (best is None or row.x0s[k] - start > best[1] - best[0]):
            best = (start, row.x0s[k])
        start = max(start, row.x1s[k])
        k += 1
    if start < hi and (best is None or hi - start > best[1] - best[0]):
        best = (start, hi)
    return best


def _aligned(edges: list[float], height: float) -> bool:
    """Gives whether `_ROWS` of the edges or more, three in four at least, lie at one x or at
    two, within a tenth of the line height or a point (a column's left edge and its indent, or
    hanging indents, or a justified right edge): the words beside a river of word spaces start
    and end anywhere."""
    ordered = sorted(edges)
    sizes: list[int] = []
    start = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] - ordered[start] > max(1.0, 0.12 * height):
            sizes.append(i - start)
            start = i
    largest = sum(sorted(sizes, reverse=True)[:2])
    return largest >= _ROWS and largest >= 0.75 * len(edges)


def uniform_gaps(gaps: Sequence[float]) -> bool:
    """Gives whether two or more word gaps are alike (the widest at most a third wider than the
    narrowest): a justified line spreads its spare width evenly over its word spaces."""
    return len(gaps) >= 2 and max(gaps) <= min(gaps) * 4 / 3


def line_gaps(parts: Sequence[Segment], height: float) -> list[float]:
    """Gives the gaps between a line's pieces in x order, letter gaps (a page placed glyph by
    glyph) left out."""
    ordered = sorted(parts, key=lambda p: p[0])
    return [b[0] - a[2] for a, b in itertools.pairwise(ordered) if b[0] - a[2] > 0.3 * height]


def join_justified(
    lines: list[Line],
    parts: dict[int, list[Segment]],
    rebuilt: set[int],
    gutters: Gutters,
) -> list[Line]:
    """Gives the lines with the pieces of a justified line joined: a narrow column stretches its
    word spaces past the 12 points that join pieces (`inflammation   by   two   observers`), all
    alike. Pieces on one baseline join when no gutter parts them and every word space of the
    joined line is about as wide as the others."""
    rows: list[list[Line]] = []
    by_top = sorted(lines, key=lambda ln: ln.top)
    for line in by_top:
        row = rows[-1] if rows else None
        if row and min(line.bottom, row[0].bottom) - max(line.top, row[0].top) > 0.4 * min(
            line.height, row[0].height
        ):
            row.append(line)
        else:
            rows.append([line])
    gone: set[int] = set()
    for row in rows:
        if len(row) < 2:
            continue
        row.sort(key=lambda ln: ln.x0)
        run = [row[0]]
        nexts: list[Line | None] = [*row[1:], None]
        for nxt in nexts:
            prev = run[-1]
            if nxt is not None:
                height = max(ln.height for ln in (*run, nxt))
                gap = nxt.x0 - prev.x1
                top, bottom = min(prev.top, nxt.top), max(prev.bottom, nxt.bottom)
                if -max(1.0, 0.2 * height) <= gap < JUSTIFIED_GAP * height and not gutters.between(
                    prev.x1, nxt.x0, top, bottom
                ):
                    run.append(nxt)
                    continue
            if len(run) > 1 and _spans_column(run, by_top):
                _join_run(run, parts, rebuilt, gone)
            if nxt is not None:
                run = [nxt]
    return [ln for ln in lines if id(ln) not in gone]


def _spans_column(run: list[Line], by_top: list[Line]) -> bool:
    """Tells whether the pieces together are as wide as a column's line (twelve line heights or
    more) and start and end where a line near them does (the column's edges): labels spread
    evenly across a figure are no justified line."""
    height = max(ln.height for ln in run)
    x0, x1 = run[0].x0, max(ln.x1 for ln in run)
    if x1 - x0 < _JUSTIFIED_WIDTH * height:
        return False
    first = bisect.bisect_left([ln.top for ln in by_top], run[0].top - _REACH * height)
    return any(
        abs(ln.x0 - x0) <= 2 and abs(ln.x1 - x1) <= 2
        for ln in by_top[first:]
        if ln.top <= run[0].top + _REACH * height and all(ln is not r for r in run)
    )


def _join_run(
    run: list[Line],
    parts: dict[int, list[Segment]],
    rebuilt: set[int],
    gone: set[int],
) -> None:
    # The pieces join only where the spacing is a justified line's: even, and wide somewhere.
    height = max(ln.height for ln in run)
    pieces = [p for ln in run for p in parts[id(ln)]]
    gaps = line_gaps(pieces, height)
    if not gaps or max(gaps) < 12 or not uniform_gaps(gaps):
        return
    first = run[0]
    for line in run[1:]:
        parts[id(first)] += parts[id(line)]
        gone.add(id(line))
    rebuilt.add(id(first))
    first.x1 = max(ln.x1 for ln in run)
    first.top, first.bottom = min(ln.top for ln in run), max(ln.bottom for ln in run)
