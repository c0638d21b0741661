"""The reference section of a PDF's lines -> numbered References with page and box.

The section starts at a `References`-like heading line and ends at the next heading; items
start at `1.`, `[1]` or `1 ` when the number is the next one expected (so a `2013` or a page
number inside an item never starts one), else, for author-year lists, at lines that begin
flush left after a line that ended an item.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection

from extractors.document import Provenance, Reference
from extractors.readers.pdf_hyphens import join_lines
from extractors.readers.pdf_layout import Line

_REF_HEADING = re.compile(
    r"^\s*(references?|bibliography|literature cited|works cited|reference list)\s*:?\s*$", re.I
)
_END_HEADING = re.compile(
    r"^\s*(figure legends?|figures?|tables?|appendix|supplementary|supporting information|"
    r"additional files?|abbreviations|acknowledge?ments?|funding|author contributions|"
    r"competing interests|conflicts? of interests?)\b\s*:?\s*$",
    re.I,
)
# A heading after the list is set at least this much larger than the list's lines.
_LARGER = 1.15
_NUMBERED = re.compile(r"^\s*\[?(\d{1,3})(?:[.\])]\s*|\s+)(?=\S)")
# `Surname AB,` / `Surname, A. B.`: initials end at punctuation or a space (`Publisher Full`
# is two words, not a surname and an initial).
_AUTHOR_START = re.compile(r"^[A-Z][A-Za-z'’`-]+,?\s+(?:[A-Z]\.?\s?){1,3}(?![a-z])[,.:]?")


def find_reference_lines(lines: list[Line]) -> tuple[int, int] | None:
    """Gives the [start, end) indexes of the reference section's item lines, or None; the lines
    after its last item (`To cite this article`, a licence note) are left out."""
    found = _section_items(lines)
    return None if found is None else found[0]


def _section(lines: list[Line]) -> tuple[int, int] | None:
    """Gives the [start, end) indexes of the lines between a reference heading and the next
    heading, or None."""
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
        # A heading set far larger than the list (`Open Peer Review` after it) ends it too, and
        # so does one a little larger set apart above (`Supplementary note` after the list).
        if (
            _END_HEADING.match(lines[j].text)
            or (lines[j].height > tall and len(lines[j].text) < 60)
            or (j > start and _heading_after(lines[j - 1], lines[j], tall / 1.8))
        ):
            end = j
            break
    return start, end


def _heading_after(prev: Line, line: Line, height: float) -> bool:
    """Tells whether a line is a heading after the list: a few words (capital first) set larger
    than the list's lines of `height`, with more space above than between the list's lines."""
    return (
        line.height > _LARGER * height
        and len(line.text) < 60
        and re.match(r"[A-Z][a-z]+\b", line.text) is not None
        and not line.text.rstrip().endswith((".", ",", ";"))
        and (_new_column(prev, line) or line.top - prev.bottom >= 0.8 * height)
    )


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


def _drop_symbol_labels(lines: list[Line]) -> list[Line]:
    """Gives the lines without labels that read as symbols (`ʸƔ`: numbers in a font without a
    text encoding) set on their own left of a line on their baseline; the list is then read
    as one without numbers."""
    out = []
    for ln in lines:
        text = ln.text.replace(" ", "")
        # Letters outside ASCII and nothing else readable: a stray dash or diacritic (`–`, `¨`)
        # set apart from its word is no label.
        symbols = (
            0 < len(text) <= 5
            and not re.search(r"[A-Za-z0-9]", text)
            and any(unicodedata.category(ch).startswith("L") for ch in text)
        )
        if symbols and any(
            other.page == ln.page and abs(other.top - ln.top) < 0.5 * other.height and other.x0 > ln.x1
            for other in lines
            if other is not ln
        ):
            continue
        out.append(ln)
    return out


def _numbered_items(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    lines = _attach_labels(lines)
    starts = [(i, int(m.group(1)), m.end()) for i, ln in enumerate(lines) if (m := _NUMBERED.match(ln.text))]
    chain: list[tuple[int, int, int]] = []
    expected = 1
    for k, (i, n, end) in enumerate(starts):
        # One number missing from the text layer (a label in a font without a text encoding, or
        # dropped with the page's margin) leaves its neighbours two apart. The number after the
        # gap must be set like the label before it and be followed by its own next, so a
        # `12 (3): 45-9` wrapped inside an item starts none.
        after = [j for j, n2, _ in starts[k + 1 : k + 4] if n2 == n + 1]
        if n == expected or (
            n == expected + 1
            and after
            and _label_form(lines[i].text) == _label_form(lines[chain[-1][0] if chain else after[0]].text)
        ):
            chain.append((i, n, end))
            expected = n + 1
    items: list[tuple[int, list[Line]]] = []
    if chain and chain[0][1] == 2 and chain[0][0] > 0:
        items.append((1, lines[: chain[0][0]]))  # the first item, before the label `2`
    for k, (i, n, end) in enumerate(chain):
        ln = lines[i]
        stop = chain[k + 1][0] if k + 1 < len(chain) else len(lines)
        item = [Line(ln.page, ln.x0, ln.top, ln.x1, ln.bottom, ln.text[end:]), *lines[i + 1 : stop]]
        if k + 1 < len(chain) and chain[k + 1][1] == n + 2:
            items.extend(_split_missing(item, n))
        else:
            items.append((n, item))
    return items


def _label_form(text: str) -> str:
    """Gives how a line's leading number is set: `1.` and `[1]` as `.` and `[]`, `1 ` as ``."""
    m = _NUMBERED.match(text)
    return re.sub(r"[\d\s]", "", m.group(0)) if m else ""


def _split_missing(lines: list[Line], n: int) -> list[tuple[int, list[Line]]]:
    """Gives item n and the unlabelled item n + 1 of the lines between labels n and n + 2: the
    second from the first line that starts an item the way an author-year list's does, or the
    lines as item n alone when none does."""
    for j in range(1, len(lines)):
        if _starts_item(lines[j - 1], lines[j]):
            return [(n, lines[:j]), (n + 1, lines[j:])]
    return [(n, lines)]


def _short(prev: Line, line: Line) -> bool:
    # A line ending well short of the next one's right edge ended its paragraph (an item, or a
    # link label set under it).
    return prev.x1 < line.x1 - 0.3 * (line.x1 - line.x0) and abs(prev.x0 - line.x0) < 3


def _new_column(prev: Line, line: Line) -> bool:
    return line.page != prev.page or line.top < prev.top - 2


def _starts_item(prev: Line, line: Line) -> bool:
    """Tells whether a line starts an author-year item: its author after a line that ended one."""
    return _AUTHOR_START.match(line.text) is not None and (
        prev.text.rstrip().endswith((".", ")"))
        or line.x0 < prev.x0 - 3
        or _short(prev, line)
        or _new_column(prev, line)
    )


def _author_year_items(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    items = _split_author_year(lines, hanging=False)
    if _hanging(items):
        # Set with hanging indents, a line standing out left of the one before starts an item
        # whatever its first words (`World Health Organization. (2012)`, `van der Berg, A.`).
        items = _split_author_year(lines, hanging=True)
    return [(i, item) for i, item in enumerate(items, start=1)]


def _split_author_year(lines: list[Line], *, hanging: bool) -> list[list[Line]]:
    spaced = _spaced(lines)
    items: list[list[Line]] = []
    for ln in lines:
        prev = items[-1][-1] if items else None
        if (
            prev is None
            or _starts_item(prev, ln)
            or id(ln) in spaced
            or (hanging and _outdented(items[-1], ln))
        ):
            items.append([ln])
        else:
            items[-1].append(ln)
    return items


def _spaced(lines: list[Line]) -> set[int]:
    """Gives the ids of the lines set further below the line before than lines are spaced (a
    list whose items are paragraphs with space between them): half a line's height more than
    the closest quarter of the spacings; none where that would be most lines."""
    height = sorted(ln.height for ln in lines)[len(lines) // 2]
    # Pieces of one line read as two (`1 9 9 5` beside `b r u d e n`) advance by nothing.
    pitches = sorted(
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if not _new_column(a, b) and b.top - a.top > height / 2
    )
    if len(pitches) < 4:
        return set()
    pitch = pitches[len(pitches) // 4]
    spaced = {
        id(b)
        for a, b in itertools.pairwise(lines)
        if not _new_column(a, b) and b.top - a.top > pitch + 0.5 * height
    }
    # Items of one or two lines leave at most two lines in three spaced; more is a page whose
    # lines are out of order.
    return spaced if len(spaced) <= 2 * len(lines) / 3 else set()


def _outdented(item: list[Line], line: Line) -> bool:
    """Tells whether a line of a list set with hanging indents stands where items start: left of
    the line before, or under an item's first line (an item of one line before it)."""
    prev = item[-1]
    if _new_column(prev, line) or not line.text[:1].isalpha():
        return False
    return line.x0 < prev.x0 - 3 or (len(item) == 1 and abs(line.x0 - prev.x0) <= 3)


def _hanging(items: list[list[Line]]) -> bool:
    """Tells whether most items of two lines or more set their second line right of their first
    (hanging indents), two at least. The second line only: an item that ran on into the next
    (the one no author pattern started) is still indented there."""
    indented = [item[1].x0 > item[0].x0 + 3 for item in items if len(item) > 1 and not _new_column(*item[:2])]
    return sum(indented) >= max(2, len(indented) / 2 + 0.5)


def _end_last_item(items: list[tuple[int, list[Line]]]) -> list[tuple[int, list[Line]]]:
    """Gives the items with the last one ending at its first line set unlike the continuation
    lines of the others (`To cite this document` after the list, its bullet not in the text
    layer): no next item tells where it ends, as one does for an item a paragraph breaks.
    Continuation lines count where two items or more start them (a paragraph that breaks one
    item stands alone). A column or page it runs on to ends the check: its lines stand elsewhere."""
    if len(items) < 3:
        return items
    per_item = [
        {round(ln.x0) for a, ln in itertools.pairwise(item) if not _new_column(a, ln)}
        for _, item in items[:-1]
    ]
    counts = Counter(x for xs in per_item for x in xs)
    continued = [x for x in counts if sum(n for y, n in counts.items() if abs(x - y) <= 2) >= 2]
    if not continued:
        return items
    n, last = items[-1]
    for j in range(1, len(last)):
        if _new_column(last[j - 1], last[j]):
            break
        if all(abs(last[j].x0 - x) > 2.5 for x in continued):
            return [*items[:-1], (n, last[:j])]
    return items


def _section_items(lines: list[Line]) -> tuple[tuple[int, int], list[tuple[int, list[Line]]]] | None:
    """Gives the [start, end) indexes of the reference items' lines and the items, or None."""
    span = _section(lines)
    if span is None:
        return None
    section = _drop_symbol_labels(lines[span[0] : span[1]])
    numbered = _numbered_items(section)
    items = numbered if len(numbered) >= max(2, len(section) // 8) else _author_year_items(section)
    ended = _end_last_item(items)
    # The lines cut from the last item are the section's last ones: both readings give every
    # line after the last item's start to it.
    cut = len(items[-1][1]) - len(ended[-1][1]) if items else 0
    return (span[0], span[1] - cut), ended


def lines_to_references(lines: list[Line], *, vocabulary: Collection[str] | None = None) -> list[Reference]:
    """Gives the References of the document's lines (reading order), [] without a section."""
    found = _section_items(lines)
    if found is None:
        return []
    return [
        Reference(n, join_lines([ln.text for ln in item], vocabulary=vocabulary).strip(), _box(item))
        for n, item in found[1]
        if item
    ]
