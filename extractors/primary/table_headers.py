"""What a value of a flattened table measures: its row label and column header, unit and timepoint.

A text layer that flattens a table keeps its cells in reading order but loses the grid. The grid
comes back from the order the values were given to the groups:

- a *run* is one group's consecutive values (one row of the table: `SHAM 115 ± 12 116 ± 8 ...`);
  every run has the same length m, the number of value columns;
- a *section* is one pass over the groups; a second pass (the same groups again) is the next
  block of rows, which measures another variable (`MBP (mmHg)` then `HR (beats/min)`).

Headers are then read around the values: the short lines before the first value are the column
headers (m of them; more than m are spanning headers over the m leaves, `Ischemia` over `pH`,
`PaO2`, `PaCO2`); variable markers printed between two sections (`HB (g/dL)`) name the next
section; short lines after the last value, one per section, are row labels printed after their
rows. A header naming a time (`Pre-Ischemia`, `Reperfusion 5 min`, `day 42`, `24 h`), or a
spanning header whose leaves repeat under each span (a phase), is the value's timepoint; the
others are its outcome. Nothing is guessed: a region whose runs differ in length, or whose
headers do not count up to the grid, keeps no header (the caller falls back to the caption).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_TIME = re.compile(
    r"\b(?:pre|post)-\w+|\b(?:pre|post)\b|\bbaseline\b|\bbefore\b|\bafter\b|\bonset\b|\b(?:day|week|month|hour|minute)s?\s*\d+"
    r"|\b\d+(?:\.\d+)?\s*(?:min|mins|minutes?|h|hr|hrs|hours?|d|days?|wk|weeks?|months?)\b",
    re.I,
)
# A variable printed as a short name with its unit in parentheses (`HB (g/dL)`, `MPV(fL)`), or
# a percentage column (`Lym%`). A few characters of noise may stand between name and unit.
_MARKER = re.compile(
    r"(?<![\w/])(?P<name>[A-Z][A-Za-z0-9]{0,7}%?)(?P<noise>[^()\n;]{0,12}?)\s*\((?P<unit>[^()\n]{1,15})\)"
    r"|(?<![\w/])(?P<pct>[A-Z][A-Za-z]{1,5}%)"
)
_NOT_HEADER = re.compile(
    r"^(?:groups?|treatments?)$|\bp\s*[<>=]|\bdoi\b|^\W*$|\bvs\.?\b|\bv\s+[A-Z]|values|expressed|mean|\bn\s*=",
    re.I,
)
_STOP_NAMES = {"Group", "Groups", "Table", "Treatment", "Key", "Values", "Data", "Mean"}


@dataclass(frozen=True)
class Where:
    """What one value measures: outcome name (or None), unit, timepoint."""

    outcome: str | None
    unit: str | None
    timepoint: str | None


def is_time(text: str) -> bool:
    """Gives whether a header names a time (`Pre-Ischemia`, `Ischemia 15 min`, `day 42`, `24 h`)."""
    return bool(_TIME.search(text))


def unit_in(text: str) -> str | None:
    """Gives the unit a header prints in parentheses (`MBP (mmHg)` -> `mmHg`), else None."""
    if re.search(r"\w%$", text.strip()):  # `Lym%`
        return "%"
    m = re.search(r"\(([^()]{1,20})\)\s*$", text.strip())
    if m and not re.fullmatch(r"n\s*=.*|\d+|[A-Z]{2,}|[a-z]", m.group(1).strip()):
        return m.group(1).strip()
    return None


def _cells(text: str, is_label: Callable[[str], bool]) -> list[list[str]]:
    """Gives readings of the header cells of a stretch of flattened text, most specific first:
    its variable markers; its short lines split where a new capitalised word starts
    (`Reperfusion pH`, `Cell area Nuclear area`); its short lines whole."""
    markers, end = [], 0
    # Overlapping candidates (`Group/ PLT (10 /µL)`: `Group` is no name, `PLT` is), left to right.
    for m in (_MARKER.match(text, i) for i in range(len(text))):
        if m and m.start() >= end and _marker_ok(m, is_label):
            markers.append(_marker_text(m))
            end = m.end()
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.strip(" ,;*")
        if len(line) < 2 or len(line.split()) > 6 or _NOT_HEADER.search(line) or is_label(line):
            continue
        if not re.match(r"[A-Za-z]", line):
            continue
        lines.append(line)
    split = [p for line in lines for p in re.split(r"(?<=\))\s+|\s+(?=[A-Z]|[a-z][A-Z])", line) if p.strip()]
    return [c for c in (markers, split, lines) if c]


def _marker_ok(m: re.Match[str], is_label: Callable[[str], bool]) -> bool:
    name = m.group("name") or m.group("pct")
    if name in _STOP_NAMES or is_label(name):
        return False
    unit = m.group("unit")
    # `(n = 6)`, `(a)`, `(1)` are not units.
    return unit is None or not re.fullmatch(r"\s*(?:n\s*=.*|\d+|[a-z])\s*", unit)


def _marker_text(m: re.Match[str]) -> str:
    if m.group("pct"):
        return m.group("pct")
    return f"{m.group('name')} ({m.group('unit').strip()})"


def _columns(readings: list[list[str]], m: int) -> list[tuple[str | None, str]] | None:
    """Gives (span, leaf) per column from the first reading of the header cells that fits m
    columns, or None."""
    for cells in readings:
        got = _fit(cells, m)
        if got:
            return got
    return None


def _fit(cells: list[str], m: int) -> list[tuple[str | None, str]] | None:
    if len(cells) == m:
        return [(None, c) for c in cells]
    extra = len(cells) - m
    if extra > 0 and m % extra == 0 and m // extra > 1:
        width = m // extra
        spans, leaves = cells[:extra], cells[extra:]
        return [(spans[j // width], leaves[j]) for j in range(m)]
    return None


def grid(order: Sequence[int]) -> tuple[list[int], list[int]] | None:
    """Gives (section, column) of each value from the groups the values were given to, in order;
    None when the runs of one group's values are not all of one length."""
    runs: list[tuple[int, int]] = []  # (group, length)
    for g in order:
        if runs and runs[-1][0] == g:
            runs[-1] = (g, runs[-1][1] + 1)
        else:
            runs.append((g, 1))
    if not runs or len({n for _, n in runs}) != 1:
        return None
    sections: list[int] = []
    columns: list[int] = []
    section, seen = 0, set[int]()
    for g, n in runs:
        if g in seen:
            section, seen = section + 1, set()
        seen.add(g)
        sections += [section] * n
        columns += list(range(n))
    return sections, columns


def where_values(
    text: str,
    spans: Sequence[tuple[int, int]],
    order: Sequence[int],
    start: int,
    is_label: Callable[[str], bool],
) -> list[Where] | None:
    """Gives what each value of a flattened table region measures, or None when the grid or its
    headers cannot be read.

    `text` is the region (after its caption: from `start`), `spans` the (start, end) of each value
    in it in order, `order` the group each value was given to.
    """
    g = grid(order)
    if g is None:
        return None
    sections, columns = g
    m = max(columns) + 1
    n_sections = max(sections) + 1
    first = {s: next(i for i, x in enumerate(sections) if x == s) for s in range(n_sections)}
    last = {s: max(i for i, x in enumerate(sections) if x == s) for s in range(n_sections)}
    # Headers before each section (the first section's are the column headers of the table).
    before: dict[int, list[list[str]]] = {}
    for s in range(n_sections):
        lo = start if s == 0 else spans[last[s - 1]][1]
        before[s] = _cells(text[lo : spans[first[s]][0]], is_label)
    tail = _cells(text[spans[-1][1] :], is_label)
    trailing = next((c for c in tail if len(c) == n_sections), tail[0] if tail else [])
    col_heads = _columns(before[0], m)
    section_heads: dict[int, list[tuple[str | None, str]] | None] = {0: col_heads}
    for s in range(1, n_sections):
        section_heads[s] = _columns(before[s], m) if before[s] else col_heads
    row_labels = (
        trailing
        if n_sections > 1 and len(trailing) == n_sections
        else (trailing if n_sections == 1 and m == 1 and len(trailing) == 1 else None)
    )
    if row_labels and col_heads is None and all(not before[s] for s in range(n_sections)):
        section_heads = dict.fromkeys(range(n_sections))
    elif any(h is None for h in section_heads.values()) and not row_labels:
        return None
    # A spanning header over leaves that repeat under each span is a phase: a timepoint.
    phase = bool(col_heads) and any(sp for sp, _ in col_heads) and len({leaf for _, leaf in col_heads}) < m  # type: ignore[union-attr]
    out = []
    for s, c in zip(sections, columns, strict=True):
        parts: list[tuple[str, bool]] = []  # (text, is a timepoint)
        if row_labels:
            parts.append((row_labels[s], is_time(row_labels[s])))
        heads = section_heads.get(s)
        if heads:
            span, leaf = heads[c]
            if span:
                parts.append((span, phase or is_time(span)))
            parts.append((leaf, is_time(leaf)))
        outcome = ", ".join(t for t, tp in parts if not tp) or None
        timepoint = ", ".join(t for t, tp in parts if tp) or None
        unit = next((u for t, tp in parts if not tp and (u := unit_in(t))), None)
        out.append(Where(outcome, unit, timepoint.lower() if timepoint else None))
    return out
