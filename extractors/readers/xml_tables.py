"""Rows of spanning cells (HTML `<table>`, JATS `<table>`, BMC `<tblbdy>`) -> a rectangular grid.

A cell that spans rows or columns is copied into every slot it covers, so that each row reads
whole on its own (a dose written once for three rows belongs to each of them) and stacked
headers join into one name per column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractors.document import Cell, Provenance, Table
from extractors.readers.xml_text import element_path, element_to_text, local_name

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


def split_header(rows: list[list[SpanCell]], n_head: int) -> tuple[list[list[SpanCell]], int]:
    """Gives the rows and the number of header rows: the `<thead>` rows, else leading all-`<th>` rows."""
    if n_head:
        return rows, n_head
    k = 0
    while k < len(rows) and rows[k] and all(c.is_header for c in rows[k]):
        k += 1
    if k == len(rows):  # a table of only <th> has no body; its first row is the header
        k = min(1, k)
    return rows, k


def table_element_to_table(
    table_el: Any,
    *,
    table_id: str,
    caption: str,
    label: str,
    section: str,
    footnotes: list[str],
    provenance: Provenance,
) -> Table:
    """Gives the Table of an HTML-model `<table>` (JATS and HTML share it), spans resolved."""
    rows: list[list[SpanCell]] = []
    n_head = 0
    for tr in table_el.iter():
        if local_name(tr) != "tr" or nearest_table(tr) is not table_el:
            continue
        in_head = any(local_name(a) == "thead" for a in tr.iterancestors())
        cells = [
            SpanCell(
                element_to_text(td),
                Provenance(path=element_path(td)),
                parse_span(td.get("rowspan")),
                parse_span(td.get("colspan")),
                local_name(td) == "th" or in_head,
            )
            for td in tr
            if local_name(td) in ("td", "th")
        ]
        if in_head and len(rows) == n_head:
            n_head += 1
        rows.append(cells)
    rows, n_head = split_header(rows, n_head)
    grid = span_rows_to_grid(rows)
    return Table(
        table_id,
        caption,
        grid[:n_head],
        grid[n_head:],
        provenance,
        section=section,
        label=label,
        footnotes=footnotes,
    )


def nearest_table(el: Any) -> Any | None:
    """Gives the `<table>` an element sits in (the innermost), or None."""
    for a in el.iterancestors():
        if local_name(a) == "table":
            return a
    return None
