"""Headings set across a table's columns of figures: which text line is one.

Statistical tables head their columns of figures with a heading centred over them all
(`Year of data` over the years), and divide their body into sections by headings centred the
same way (`Enrollment, in thousands` over a block of rows). Such a heading lies in no single
column: it crosses the gaps between them, or sits in one. Where it is alone on its line it is
a row of its own, and its text belongs in the first column it spans (the slot where a cell
spanning several columns keeps its text, as in HTML, JATS and the ICDAR ground truth).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.readers.pdf_stream import Segment

# A cell that is one figure (`12.5`, `(3.1)`, `-4%`); the stream table reader uses it too.
FIGURE = re.compile(r"[-+–−<>±*($]*\d[\d.,%*)–−-]*")


def spans_data_columns(segment: Segment, columns: list[tuple[float, float]]) -> bool:
    """Gives whether a segment is a heading over all the columns right of the first: it starts
    right of the first column, ends by the last, lies in none of the columns alone (it crosses
    a gap, or sits in one) and is centred over them, within 0.4 of the columns' pitch (a cell
    centred over its columns' boxes sits off the middle of right-aligned figures; one over all
    but the first sits half a pitch off). Its cell is the first of them (the slot where a cell
    spanning several columns keeps its text)."""
    if len(columns) < 3 or segment.x0 <= columns[0][1] or FIGURE.fullmatch(segment.text):
        return False
    left, right = columns[1][0], columns[-1][1]
    overlapped = sum(1 for a, b in columns if min(segment.x1, b) - max(segment.x0, a) > 0)
    pitch = (right - columns[1][1]) / (len(columns) - 2)  # between the right edges of figures
    off = abs((segment.x0 + segment.x1) / 2 - (left + right) / 2)
    centred = off <= max(segment.bottom - segment.top, 0.4 * pitch)
    return segment.x1 <= right + 2 and overlapped != 1 and centred


def spanning_line(row: list[Segment], columns: list[tuple[float, float]]) -> bool:
    """Gives whether a text line is one heading over the columns of figures (`spans_data_columns`)."""
    return len(row) == 1 and spans_data_columns(row[0], columns)
