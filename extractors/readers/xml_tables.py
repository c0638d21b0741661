"""Rows of spanning cells (HTML `<table>`, JATS `<table>`, BMC `<tblbdy>`) -> a rectangular grid.

A cell that spans rows or columns is copied into every slot it covers, so that each row reads
whole on its own (a dose written once for three rows belongs to each of them) and stacked
headers join into one name per column.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.document import Cell, Provenance

MAX_SPAN = 200  # a span wider than this is a typo (colspan="9999"), not a layout


@dataclass(slots=True)
class SpanCell:
    """One cell as written: its text, where it is, and how far it reaches."""

    text: str
    provenance: Provenance
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False


def parse_span(value: str | None) -> int:
    """Gives a rowspan/colspan attribute as an int in 1..MAX_SPAN (0 or junk counts as 1)."""
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


def span_rows_to_grid(rows: list[list[SpanCell]]) -> list[list[Cell]]:
    """Gives the rows with every span expanded, padded to a rectangle with empty cells."""
    grid: dict[tuple[int, int], Cell] = {}
    n_rows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            # A rowspan cannot reach past the table's last row (rowspan="0" means "to the end").
            for dr in range(min(cell.rowspan, n_rows - r)):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = Cell(cell.text, cell.provenance)
            c += cell.colspan
    width = max((c for _, c in grid), default=-1) + 1
    out: list[list[Cell]] = []
    for r in range(n_rows):
        row_prov = rows[r][0].provenance if rows[r] else Provenance()
        out.append([grid.get((r, c)) or Cell("", row_prov) for c in range(width)])
    return out


def split_header(
    rows: list[list[SpanCell]], n_head: int
) -> tuple[list[list[SpanCell]], int]:
    """Gives the rows and the number of header rows: the `<thead>` rows, else leading all-`<th>` rows."""
    if n_head:
        return rows, n_head
    k = 0
    while k < len(rows) and rows[k] and all(c.is_header for c in rows[k]):
        k += 1
    if k == len(rows):  # a table of only <th> has no body; its first row is the header
        k = min(1, k)
    return rows, k
