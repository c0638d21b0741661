"""In-text citation markers -> reference numbers.

Vendor guides write the same citation three ways (`[1]`, `[\\[7\\]](#)`,
`<a href="#">[7]</a>`, `<sup>[2][3][4]</sup>`); articles add ranges and lists (`[1-3]`,
`[1, 4]`). The pattern accepts each raw form, so it also works on unconverted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.scanning import scan

_NUMS = r"\d{1,4}(?:\s*(?:[-–—,;]|and)\s*\d{1,4})*"
_CITATION = re.compile(
    r"(?:<sup>\s*)?(?:<a\b[^>]*>\s*)?"
    r"(?:\[(?=\\\[))?\\?\[\s*(?P<nums>" + _NUMS + r")\s*\\?\](?:\]?\(#[^)]*\))?"
    r"(?:\s*</a>)?(?:\s*</sup>)?"
)
# Where a marker can start (`<sup>`, `<a`, `[`, `\\[`): `scan` tries _CITATION only there.
_CITATION_STARTS = re.compile(r"([<\[\\])")
_MAX_RANGE = 50  # a "range" wider than this is a misread (a year span, a page range)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation marker: where it is in the text and the numbers it cites."""

    start: int
    end: int
    numbers: tuple[int, ...]


def expand_numbers(spec: str) -> list[int]:
    """Gives the numbers of `1-3, 5` as [1, 2, 3, 5], in order, without repeats."""
    out: list[int] = []
    for part in re.split(r"\s*(?:[,;]|and)\s*", spec.strip()):
        if not part:
            continue
        bounds = re.split(r"\s*[-–—]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            lo, hi = int(bounds[0]), int(bounds[1])
            if lo <= hi and hi - lo <= _MAX_RANGE:
                out.extend(range(lo, hi + 1))
                continue
        out.extend(int(b) for b in bounds if b.isdigit())
    return list(dict.fromkeys(out))


def find_citations(text: str) -> list[Citation]:
    """Gives every citation marker in the text with the reference numbers it cites."""
    found: list[Citation] = []
    if "[" not in text:  # every marker holds one
        return found
    for m in scan(_CITATION, _CITATION_STARTS, text):
        # `[1](http://...)` is a link whose text is a number, not a citation.
        if text[m.end() : m.end() + 2] == "(h":
            continue
        numbers = expand_numbers(m.group("nums"))
        if numbers:
            found.append(Citation(m.start(), m.end(), tuple(numbers)))
    return found


def cell_ref_numbers(text: str) -> list[int]:
    """Gives the reference numbers cited in a table's reference cell (`[7] [8] [9]`, `5, 6`)."""
    cites = find_citations(text)
    if cites:
        return list(dict.fromkeys(n for c in cites for n in c.numbers))
    if re.fullmatch(r"\s*" + _NUMS + r"\s*", text):
        return expand_numbers(text)
    return []
