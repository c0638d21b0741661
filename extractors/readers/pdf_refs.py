"""The reference section of a PDF's lines -> numbered References with page and box.

The section starts at a `References`-like heading line; items start at `1.`, `[1]` or `1 `
when the number is the next one expected (so a `2013` or a page number inside an item never
starts one), else, for author-year lists, at lines that begin flush left after a line that
ended an item.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from extractors.document import Provenance, Reference
from extractors.readers.pdf_hyphens import join_lines
from extractors.readers.pdf_layout import Line

_REF_HEADING = re.compile(
    r"^\s*(references?|bibliography|literature cited|works cited|reference list)\s*:?\s*$", re.I
)
_END_HEADING = re.compile(
    r"^\s*(figure legends?|figures?|tables?|appendix|supplementary|supporting information|"
    r"additional files?|abbreviations)\b\s*:?\s*$",
    re.I,
)
_NUMBERED = re.compile(r"^\s*\[?(\d{1,3})(?:[.\])]\s*|\s+)(?=\S)")
# `Surname AB,` / `Surname, A. B.`: initials end at punctuation or a space (`Publisher Full`
# is two words, not a surname and an initial).
_AUTHOR_START = re.compile(r"^[A-Z][A-Za-z'’`-]+,?\s+(?:[A-Z]\.?\s?){1,3}(?![a-z])[,.:]?")


def find_reference_lines(lines: list[Line]) -> tuple[int, int] | None:
    """Gives the [start, end) indexes of the reference section's item lines, or None."""
    start = None
    for i in range(len(lines) - 1, -1, -1):
        if _REF_HEADING.match(lines[i].text):
            start = i + 1
            break
    if start is None:
        return None
    end = len(lines)
    heights = sorted(ln.height for ln in lines[start : start + 40])
    tall = 1.8 * heights[len(heights) // 2] if heights else 1e9
    for j in range(start, len(lines)):
        # A heading set far larger than the list (`Open Peer Review` after it) ends it too.
        if _END_HEADING.match(lines[j].text) or (lines[j].height > tall and len(lines[j].text) < 60):
            end = j
            break
    return start, end


def _box(lines: list[Line]) -> Provenance:
    first = lines[0]
    same_page = [ln for ln in lines if ln.page == first.page]
    bbox = (
        round(min(ln.x0 for ln in same_page), 2),
        round(min(ln.top for ln in same_page), 2),
        round(max(ln.x1 for ln in same_page), 2),
        round(max(ln.bottom for ln in same_page), 2),
    )
    return Provenance(page=first.page, bbox=bbox)


_LABEL = re.compile(r"^\s*\[?\d{1,3}[.\])]?\s*$")


def _attach_labels(lines: list[Line]) -> list[Line]:
    """Gives the lines with a number set on its own (`1.` hanging in the margin, a tab stop
    away from its item's first line) joined in front of the line beside it."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _LABEL.match(ln.text):
            beside = [
                j
                for j in (len(out) - 1, -(i + 1))
                if (line := out[j] if j >= 0 else (lines[i + 1] if i + 1 < len(lines) else None))
                and line.page == ln.page
                and abs(line.top - ln.top) < 0.5 * line.height
                and line.x0 > ln.x1
            ]
            if beside:
                j = beside[0]
                other = out.pop() if j >= 0 else lines[i + 1]
                i += 1 if j >= 0 else 2
                out.append(
                    Line(ln.page, ln.x0, other.top, other.x1, other.bottom, f"{ln.text.strip()} {other.text}")
                )
                continue
        out.append(ln)
        i += 1
    return out


def _numbered_items(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    lines = _attach_labels(lines)
    items: list[tuple[int, list[Line]]] = []
    expected = 1
    for ln in lines:
        m = _NUMBERED.match(ln.text)
        if m and int(m.group(1)) == expected:
            items.append((expected, [Line(ln.page, ln.x0, ln.top, ln.x1, ln.bottom, ln.text[m.end() :])]))
            expected += 1
        elif items:
            items[-1][1].append(ln)
    return items


def _short(prev: Line, line: Line) -> bool:
    # A line ending well short of the next one's right edge ended its paragraph (an item, or a
    # link label set under it).
    return prev.x1 < line.x1 - 0.3 * (line.x1 - line.x0) and abs(prev.x0 - line.x0) < 3


def _new_column(prev: Line, line: Line) -> bool:
    return line.page != prev.page or line.top < prev.top - 2


def _author_year_items(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    items: list[list[Line]] = []
    for ln in lines:
        prev = items[-1][-1] if items else None
        starts = prev is None or (
            _AUTHOR_START.match(ln.text) is not None
            and (
                prev.text.rstrip().endswith((".", ")"))
                or ln.x0 < prev.x0 - 3
                or _short(prev, ln)
                or _new_column(prev, ln)
            )
        )
        if starts:
            items.append([ln])
        else:
            items[-1].append(ln)
    return [(i, item) for i, item in enumerate(items, start=1)]


def lines_to_references(lines: list[Line], *, vocabulary: Collection[str] | None = None) -> list[Reference]:
    """Gives the References of the document's lines (reading order), [] without a section."""
    span = find_reference_lines(lines)
    if span is None:
        return []
    section = lines[span[0] : span[1]]
    numbered = _numbered_items(section)
    items = numbered if len(numbered) >= max(2, len(section) // 8) else _author_year_items(section)
    return [
        Reference(n, join_lines([ln.text for ln in item], vocabulary=vocabulary).strip(), _box(item))
        for n, item in items
        if item
    ]
