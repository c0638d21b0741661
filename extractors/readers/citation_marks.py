"""Citation links found as markup (JATS `<xref>`, HTML `<a href="#B3">`) -> CitationMarks.

Shared by the markup readers: number the links through the reader's id -> reference-number map,
join `1–3` written as two links with a dash between into one range, and leave out links the
text already cites as bracketed numbers (`[19-24]`), which the citation extractor finds itself;
marking them too would count each citation twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractors.citations import find_citations
from extractors.document import CitationMark

_RANGE_DASH = re.compile(r"^\s*[-–—]\s*$")
_MAX_RANGE = 50


def links_to_marks(
    block_index: int,
    text: str,
    links: list[tuple[int, int, Any]],
    link_numbers: Callable[[Any], list[int]],
) -> list[CitationMark]:
    """Gives the CitationMarks of a block's citation links, ranges expanded, text-cited ones left out."""
    in_text = [(c.start, c.end) for c in find_citations(text)]
    marks: list[CitationMark] = []
    prev: CitationMark | None = None
    for start, end, link in links:
        if any(s <= start < e for s, e in in_text):
            prev = None
            continue
        numbers = link_numbers(link)
        if not numbers:
            continue  # a link to no item of the reference list: nothing to resolve it to
        if prev is not None and _RANGE_DASH.match(text[prev.end : start]):
            lo, hi = prev.ref_numbers[-1], numbers[0]
            if lo < hi <= lo + _MAX_RANGE:
                prev.ref_numbers.extend(range(lo + 1, hi + 1))
                prev.ref_numbers.extend(n for n in numbers[1:] if n not in prev.ref_numbers)
                prev.end = end
                continue
        prev = CitationMark(block_index, list(dict.fromkeys(numbers)), start, end)
        marks.append(prev)
    return marks
