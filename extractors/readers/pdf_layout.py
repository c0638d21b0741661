"""PDF pages -> text lines, cheaply, with pypdfium2.

pypdfium2 gives a page's text segments with their boxes in a few milliseconds (pdfplumber's
layout pass costs 50-140x that), which is all reading order needs: segments on one baseline
are merged into lines here (never across a column gutter, and the widely spaced pieces of a
justified line too: pdf_gutters), and pdf_columns puts the lines in reading order.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from extractors.readers.pdf_gutters import Gutters, join_justified


@dataclass(slots=True)
class Line:
    """One line of text on a page: its box (x0, top, x1, bottom, top-down) and height."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float = 0.0  # the font size of its first letter, in points; 0 when not known

    @property
    def height(self) -> float:
        """Gives the height of the line's box, a stand-in for its font size."""
        return self.bottom - self.top


def _segments(textpage: Any, page_height: float) -> list[tuple[float, float, float, float, str]]:
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    out = []
    for i, (left, bottom, right, top) in enumerate(rects):
        if right - left < (top - bottom) * 0.6 and top - bottom > 20:
            continue  # rotated text in the margin (journal names running up the page)
        # PDFium gives the text of every glyph a box touches, and a kerned or slanted glyph's
        # box reaches into the next run's (`JAK-STA` + `TAT` + `AT` for `JAK-STAT`): a box
        # is cut where its neighbour on the line begins, so each glyph is read once.
        lo, hi = left, right
        if i > 0 and _overlap(rects[i - 1], rects[i]):
            lo = max(left, rects[i - 1][2] + 0.3)
        if i + 1 < len(rects) and _overlap(rects[i], rects[i + 1]):
            hi = min(right, rects[i + 1][0] - 0.3)
        text = textpage.get_text_bounded(lo, bottom, hi, top) if hi > lo else ""
        text = text.replace("\r", "").replace("\n", " ")
        if text.strip():
            out.append((left, page_height - top, right, page_height - bottom, text))
    return out


def _kern(height: float) -> float:
    # How far a kerned glyph's box may reach back into the one before it (`T` + `A`), points.
    return max(1.0, 0.2 * height)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Tells whether two (left, bottom, right, top) boxes on one line overlap, a before b."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    shorter = min(a[3] - a[1], b[3] - b[1])
    # A comma's box sits low and short beside its letter (`T,`) and the letter's box reaches
    # a fraction of a point into it: a third of the shorter box will do then.
    same_line = shared > 0.5 * shorter or (shared > 0.3 * shorter and a[2] - b[0] < 1.0)
    return same_line and b[0] < a[2] <= b[2]


def needs_space(left: str, right: str, gap: float, height: float, *, line_height: float = 0.0) -> bool:
    """Gives whether two segments on one baseline, `gap` points apart, are two words.

    PDFium leaves out the space where the font changes (`mammals.` roman, `Zoology` italic,
    `21` bold), so a gap of about a quarter of the glyph height is a space; a word split
    across fonts (`sta` + `ff`, `compri` + `sed`) has under a fifth. Quotes, apostrophes and
    closing punctuation hug their word whatever the gap. A PDF that places glyph by glyph
    (Chromium at fractional font sizes) has gaps of up to a fifth of the line height between
    the ink of two letters, so where either side is a lone glyph a word starts only a third of
    the `line_height` away.
    """
    if line_height:
        return gap >= 0.3 * line_height and left[-1:] not in "([{'\"‘“/-" and right[:1].isalnum()
    if gap >= 1.5:
        return True
    if gap < 0.235 * height or not left or not right:
        return False
    if re.fullmatch(r"[\d*†‡§,]{1,3}", left.strip()):
        return False  # an affiliation mark starting the line (`1Clinical...`) keeps its old form
    return (left[-1].isalnum() or left[-1] in ".,;:") and right[0].isalnum()


def _glyphs(text: str, neighbour: str, line: Line, placed: bool) -> float:
    # The line's height where the page places glyph by glyph and a segment and the one it meets
    # are one glyph each, else 0: words set as runs keep the gap rules of `needs_space`.
    if placed and len(text.strip()) <= 1 and len(neighbour.strip()) <= 1:
        return max(line.height, 1.0)
    return 0.0


def _same_baseline(line: Line, top: float, bottom: float) -> bool:
    # Short glyphs (`an`, `on`: no ascenders) have a box lower than the line's but the same
    # bottom give or take a descender.
    return line.top - 1 <= top and abs(bottom - line.bottom) <= 0.35 * line.height


def _rebuild(parts: list[tuple[float, float, float, float, str]]) -> str:
    """Gives the text of a line's segments put in x order, spaced where their gap is a space."""
    parts = sorted(parts, key=lambda p: p[0])
    text = parts[0][4]
    for prev, cur in itertools.pairwise(parts):
        gap, height = cur[0] - prev[2], min(prev[3] - prev[1], cur[3] - cur[1])
        space = not text.endswith(" ") and needs_space(text, cur[4], gap, height)
        text += (" " if space else "") + cur[4]
    return text


def _join_neighbours(
    lines: list[Line],
    parts: dict[int, list[tuple[float, float, float, float, str]]],
    rebuilt: set[int],
    gutters: Gutters,
) -> list[Line]:
    """Gives the lines with two on one baseline that meet end to start joined: a line started by
    a segment sorted before the line's start (`Ocean` set a little higher than `shark, ...
    Atlantic` left of it) is the end of that line."""
    out: list[Line] = []
    for line in lines:
        for other in reversed(out[-6:]):
            first, second = (other, line) if other.x0 <= line.x0 else (line, other)
            overlap = min(line.bottom, other.bottom) - max(line.top, other.top)
            if (
                overlap > 0.4 * min(line.height, other.height)
                and -_kern(min(line.height, other.height)) <= second.x0 - first.x1 < 12
                and not gutters.between(
                    first.x1, second.x0, min(line.top, other.top), max(line.bottom, other.bottom)
                )
            ):
                parts[id(other)] += parts[id(line)]
                rebuilt.add(id(other))
                other.x0, other.x1 = first.x0, second.x1
                other.top, other.bottom = min(line.top, other.top), max(line.bottom, other.bottom)
                break
        else:
            out.append(line)
    return out


def _font_size(textpage: Any, line: Line, page_height: float) -> float:
    """Gives the font size of a line: the largest of its first glyphs' (at most `_SIZE_GLYPHS`).

    The box height follows the glyphs (`an` is shorter than `Age`); the font size does not.
    The largest, not the first: in small capitals a line may start with a lower-case letter
    drawn as a smaller capital (`in a Rat Model`), and a superscript is smaller still.
    """
    import pypdfium2.raw as pdfium_c

    first = textpage.get_index(line.x0 + 1, page_height - (line.top + line.bottom) / 2, 3, 3)
    if first is None or first < 0:
        return 0.0
    sizes = []
    for index in range(first, min(first + _SIZE_GLYPHS, textpage.count_chars())):
        left, bottom, right, top = textpage.get_charbox(index)
        if right - left <= 0:
            continue  # a space PDFium made up: no glyph, no size
        if not line.top - 1 <= page_height - (top + bottom) / 2 <= line.bottom + 1:
            break  # past the end of the line
        size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
        # Many PDFs set a 1-point font and scale it with the text matrix.
        m = pdfium_c.FS_MATRIX()
        if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, m):
            size *= abs(m.a * m.d - m.b * m.c) ** 0.5
        sizes.append(size)
    return round(max(sizes), 2) if sizes else 0.0


_SIZE_GLYPHS = 12


def _in_bands(
    segs: list[tuple[float, float, float, float, str]],
) -> list[tuple[float, float, float, float, str]]:
    """Gives the segments top-down band by band, each band (segments that overlap vertically by
    more than half the shorter one's height) left to right.

    Sorting by top alone interleaves the glyphs of one line when a PDF places every glyph on its
    own (Chromium at fractional font sizes): `o` stands lower than `C` beside it, and every
    glyph of the line with a tall box would come first.
    """
    out: list[tuple[float, float, float, float, str]] = []
    band: list[tuple[float, float, float, float, str]] = []
    top = bottom = 0.0
    for seg in sorted(segs, key=lambda s: (s[1], s[0])):
        height = min(seg[3] - seg[1], bottom - top)
        if band and min(seg[3], bottom) - max(seg[1], top) > 0.5 * height:
            band.append(seg)
            bottom = max(bottom, seg[3])
            continue
        out.extend(sorted(band, key=lambda s: s[0]))
        band, top, bottom = [seg], seg[1], seg[3]
    out.extend(sorted(band, key=lambda s: s[0]))
    return out


def page_to_lines(
    page: Any, page_number: int, *, sizes: bool = False, gutters_seen: set[tuple[float, float]] | None = None
) -> list[Line]:
    """Gives the lines of a pypdfium2 page: segments on one baseline joined left to right, each
    with its font size when `sizes` is set; never across a column gutter (`gutters_seen`, the
    gutters of the pages read before, gets this page's)."""
    _, height = page.get_size()
    textpage = page.get_textpage()
    segs = _in_bands(_segments(textpage, height))
    gutters = Gutters(segs, gutters_seen)
    # Most segments a single glyph: the page was placed glyph by glyph (see `needs_space`).
    placed = sum(1 for s in segs if len(s[4].strip()) <= 1) > 0.5 * len(segs)
    lines: list[Line] = []
    parts: dict[int, list[tuple[float, float, float, float, str]]] = {}
    inside: set[int] = set()
    for x0, top, x1, bottom, text in segs:
        joined = False
        for line in reversed(lines[-4:]):
            overlap = min(bottom, line.bottom) - max(top, line.top)
            gap = x0 - line.x1
            if (
                overlap > 0.4 * min(bottom - top, line.height)
                and -_kern(bottom - top) <= gap < 12
                and not gutters.between(line.x1, x0, min(top, line.top), max(bottom, line.bottom))
            ):
                space = not line.text.endswith(" ") and needs_space(
                    line.text,
                    text,
                    gap,
                    min(bottom - top, line.height),
                    line_height=_glyphs(text, parts[id(line)][-1][4], line, placed),
                )
                line.text += (" " if space else "") + text
                line.x1, line.top, line.bottom = x1, min(top, line.top), max(bottom, line.bottom)
                parts[id(line)].append((x0, top, x1, bottom, text))
                joined = True
                break
            before = line.x0 - x1
            if (
                overlap > 0.4 * min(bottom - top, line.height)
                and -_kern(bottom - top) <= before < 12
                and not gutters.between(x1, line.x0, min(top, line.top), max(bottom, line.bottom))
            ):
                # A segment sorted after its line because its glyphs stand taller or shorter
                # (`terraenovae` in italics left of `and Blacknose Sharks`): it goes in front.
                space = not text.endswith(" ") and needs_space(
                    text,
                    line.text,
                    before,
                    min(bottom - top, line.height),
                    line_height=_glyphs(text, parts[id(line)][0][4], line, placed),
                )
                line.text = text + (" " if space else "") + line.text
                line.x0, line.top, line.bottom = x0, min(top, line.top), max(bottom, line.bottom)
                parts[id(line)].append((x0, top, x1, bottom, text))
                joined = True
                break
        if not joined:
            within = next(
                (
                    line
                    for line in reversed(lines[-4:])
                    if line.x0 < x0 and x1 < line.x1 and _same_baseline(line, top, bottom)
                ),
                None,
            )
            if within is not None:
                # A word drawn after the rest of its line, inside it (`an` of `Age an d`,
                # shorter glyphs set apart by justification): it goes where it stands.
                parts[id(within)].append((x0, top, x1, bottom, text))
                inside.add(id(within))
            else:
                lines.append(Line(page_number, x0, top, x1, bottom, text))
                parts[id(lines[-1])] = [(x0, top, x1, bottom, text)]
    lines = join_justified(_join_neighbours(lines, parts, inside, gutters), parts, inside, gutters)
    for line in lines:
        if id(line) in inside:
            line.text = _rebuild(parts[id(line)])
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
        if sizes:  # three PDFium calls a line: only where a caller needs them (the title page)
            line.size = _font_size(textpage, line, height)
    textpage.close()
    return [ln for ln in lines if ln.text]


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
            if edge and (
                key(ln) in repeated
                or (
                    re.fullmatch(r"[\d\s|/of.-]{1,12}", ln.text)
                    and not _labels_a_line(ln, page, repeated, key)
                )
            ):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def _labels_a_line(number: Line, page: list[Line], repeated: set[str], key: Any) -> bool:
    """Tells whether a number is a list item's label (`6.` a tab stop left of its item's first
    line, which the foot margin reaches into) rather than a page number: the line beside it on
    its baseline starts within a few of its heights and is no running head or foot itself."""
    return any(
        other is not number
        and abs(other.top - number.top) < 0.5 * max(other.height, number.height)
        and 0 <= other.x0 - number.x1 < 5 * max(other.height, number.height)
        and key(other) not in repeated
        and not re.fullmatch(r"[\d\s|/of.-]{1,12}", other.text)
        for other in page
    )
