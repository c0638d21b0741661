"""PDF pages -> text lines in reading order, cheaply, with pypdfium2.

pypdfium2 gives a page's text segments with their boxes in a few milliseconds (pdfplumber's
layout pass costs 50-140x that), which is all reading order needs: segments are merged into
lines, lines are assigned to the left column, the right column or the full width, and read
band by band (a full-width line ends a band of two columns).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

_HYPHEN_MARKS = "\x02\ufffe\u00ad"


@dataclass(slots=True)
class Line:
    """One line of text on a page: its box (x0, top, x1, bottom, top-down) and height."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        """Gives the height of the line's box, a stand-in for its font size."""
        return self.bottom - self.top


def _segments(textpage: Any, page_height: float) -> list[tuple[float, float, float, float, str]]:
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        if right - left < (top - bottom) * 0.6 and top - bottom > 20:
            continue  # rotated text in the margin (journal names running up the page)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", "").replace("\n", " ")
        if text.strip():
            out.append((left, page_height - top, right, page_height - bottom, text))
    return out


def page_to_lines(page: Any, page_number: int) -> list[Line]:
    """Gives the lines of a pypdfium2 page: segments on one baseline joined left to right."""
    _, height = page.get_size()
    textpage = page.get_textpage()
    segs = sorted(_segments(textpage, height), key=lambda s: (round(s[1]), s[0]))
    lines: list[Line] = []
    for x0, top, x1, bottom, text in segs:
        joined = False
        for line in reversed(lines[-4:]):
            overlap = min(bottom, line.bottom) - max(top, line.top)
            gap = x0 - line.x1
            if overlap > 0.4 * min(bottom - top, line.height) and -1 <= gap < 12:
                line.text += ("" if gap < 1.5 or line.text.endswith(" ") else " ") + text
                line.x1, line.top, line.bottom = x1, min(top, line.top), max(bottom, line.bottom)
                joined = True
                break
        if not joined:
            lines.append(Line(page_number, x0, top, x1, bottom, text))
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    textpage.close()
    return [ln for ln in lines if ln.text]


def find_gutter(lines: list[Line], page_width: float) -> float | None:
    """Gives the x of the gap between two columns, or None for a one-column page.

    The gutter is the x in the middle of the page that the fewest lines cross, provided both
    sides hold a good share of the lines.
    """
    if len(lines) < 6:
        return None
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = page_width * step / 100
        crossing = sum(1 for ln in lines if ln.x0 < x - 2 and ln.x1 > x + 2)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    assert best is not None
    crossing, x = best
    left = sum(1 for ln in lines if ln.x1 <= x + 2)
    right = sum(1 for ln in lines if ln.x0 >= x - 2)
    if crossing > 0.35 * len(lines) or min(left, right) < 0.2 * len(lines):
        return None
    return x


def lines_to_reading_order(lines: list[Line], page_width: float) -> list[Line]:
    """Gives a page's lines in reading order: per band, the left column before the right."""
    gutter = find_gutter(lines, page_width)
    if gutter is None:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        ordered.extend(sorted(left, key=lambda ln: ln.top))
        ordered.extend(sorted(right, key=lambda ln: ln.top))
        left.clear()
        right.clear()

    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if line.x1 <= gutter + 2:
            left.append(line)
        elif line.x0 >= gutter - 2:
            right.append(line)
        else:
            flush()
            ordered.append(line)
    flush()
    return ordered


def drop_running_heads(pages: list[list[Line]], page_height: float) -> list[list[Line]]:
    """Gives the pages without page numbers and running heads/feet repeated across pages."""
    margin = page_height * 0.08

    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.lower())

    in_margin = Counter(
        key(ln) for page in pages for ln in page if ln.top < margin or ln.bottom > page_height - margin
    )
    repeated = {k for k, n in in_margin.items() if n >= 2 and len(pages) >= 2}
    out = []
    for page in pages:
        kept = []
        for ln in page:
            edge = ln.top < margin or ln.bottom > page_height - margin
            if edge and (key(ln) in repeated or re.fullmatch(r"[\d\s|/of.-]{1,12}", ln.text)):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def join_lines(texts: list[str]) -> str:
    """Gives lines joined into running text, line-break hyphenation undone."""
    out = ""
    for text in texts:
        if not out:
            out = text
            continue
        tail = out[-1]
        if tail in _HYPHEN_MARKS or (tail == "-" and len(out) > 1 and out[-2].islower()):
            stem = out[:-1]
            # `perma-\nnent` is one word; `IL-\n6` and `computer-\nTriggered` keep the hyphen.
            if stem and stem[-1].islower() and text[:1].islower():
                out = stem + text
            else:
                out = stem + "-" + text
        else:
            out += " " + text
    for mark in _HYPHEN_MARKS:
        out = out.replace(mark, "-")
    return out
