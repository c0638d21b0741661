"""Outcome values of a primary paper: group means with their errors, from the tables a reader found.

Three sources, one row shape (`OutcomeValue`, here):
- tables the reader found (JATS, HTML, PDF with ruling), here: the axis whose labels name the
  methods' groups is the group axis; the other axis names the outcome;
- tables a text layer has flattened into one cell per line: `flattened_tables.py`;
- sentences of the results (`an infarct volume of 23 ± 2% in vehicle-treated rats`): `outcome_text.py`.
What the error is and n come from the caption, footnotes and header, else the statistics
paragraph (`stats_statement`). Figures whose legend gives means become rows with no value
(`source = figure`). Each value of a reader's table is named by the column or row header it
sits under; the caption only when no header can be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.annotate import AnnotatedDocument
from extractors.document import Table
from extractors.primary.text import Sentence, sentences
from extractors.primary.values import error_type_of, n_of, parse_value

Matcher = Callable[[str], "int | None"]
_UNIT_PAREN = re.compile(r"\(([^()]{1,20})\)\s*$")
CAPTION = re.compile(r"(?:^|\s)(?:Ta)?Table\s+(?P<n>[0-9IVX]+)\s*[.:]", re.I)
FIGURE = re.compile(r"^\s*(?:Fig(?:ure)?\.?\s*(?P<n>\d+)[.:]?)\s+(?P<title>.+)", re.I)


@dataclass
class OutcomeValue:
    """One group's value of one outcome (or, for a figure, the outcome without a value)."""

    group: int | None
    outcome: str
    unit: str | None
    mean: float | None
    error: float | None
    error_type: str
    n: int | None
    source: str  # table / text / figure
    table_id: str | None
    row: int | None
    col: int | None
    evidence: str  # the cell, line or sentence the value was read from
    block: int | None = None
    start: int | None = None
    end: int | None = None
    group_label: str | None = None  # the label as the table or sentence prints it
    timepoint: str | None = None  # the time a header or the sentence names (`reperfusion 5 min`)


def unit_of(text: str) -> str | None:
    """Gives the unit a header prints in parentheses at its end (`MBP (mmHg)` -> `mmHg`)."""
    m = _UNIT_PAREN.search(text.strip())
    if m and not re.fullmatch(r"n\s*=.*|\d+|[A-Z]{2,}", m.group(1).strip()):
        return m.group(1).strip()
    return None


def stats_statement(annotated: AnnotatedDocument) -> tuple[str | None, int | None, str | None]:
    """Gives (error type, n, sentence) of the paper's statistics statement (`Data are mean ± SEM`)."""
    for s in sentences(annotated):
        if re.search(
            r"\b(?:expressed|presented|shown|given|reported)\s+as\b|\b(?:are|were)\s+(?:the\s+)?means?\b",
            s.text,
            re.I,
        ):
            et = error_type_of(s.text)
            if et:
                return et, n_of(s.text)[0], s.text
    return None, None, None


def table_context(
    caption: str, footnotes: list[str], header: str, stats: tuple[str | None, int | None, str | None]
) -> tuple[str, int | None]:
    local = " ".join([caption, *footnotes, header])
    et = error_type_of(local)
    n = n_of(local)[0]
    return (et or stats[0] or "unknown"), (n if n is not None else None)


def table_to_values(
    table: Table, match: Matcher, stats: tuple[str | None, int | None, str | None]
) -> list[OutcomeValue]:
    """Gives the values of a table whose rows or columns are the groups ([] for any other table)."""
    n_head = len(table.header)
    headers = table.header_texts()
    rows = _joined_rows([[c.text for c in r] for r in table.rows])
    row_labels = [r[0] if r else "" for r in rows]
    by_row = {i: match(t) for i, t in enumerate(row_labels)}
    by_col = {c: match(t) for c, t in enumerate(headers)}
    hits_row = sum(1 for v in by_row.values() if v is not None)
    hits_col = sum(1 for v in by_col.values() if v is not None)
    if max(hits_row, hits_col) < 2:
        return []
    et, n = table_context(table.caption, table.footnotes, " ".join(headers), stats)
    out = []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            v = parse_value(cell)
            if v is None:
                continue
            if hits_row >= hits_col:
                group, outcome, label = by_row[r], headers[c] if c < len(headers) else "", row_labels[r]
            else:
                group, outcome, label = by_col.get(c), row[0] if row else "", headers[c]
            if group is None:
                continue
            unit = unit_of(outcome) or unit_of(table.caption)
            out.append(
                OutcomeValue(
                    group,
                    outcome.strip(),
                    unit,
                    v.mean,
                    v.error,
                    et,
                    n,
                    "table",
                    table.table_id,
                    r + n_head,
                    c,
                    cell,
                    group_label=label.strip(),
                )
            )
    return out


def _joined_rows(rows: list[list[str]]) -> list[list[str]]:
    """Gives the rows with a row of bare means joined to the next row when that one holds only
    their errors (`10.89` over `NC ±0.01a`: the label and errors printed one line lower).

    The joined row keeps the second row's place, so row indices still point at a real row.
    """
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        nxt = rows[r + 1] if r + 1 < len(rows) else None
        means = row[1:]
        if (
            nxt is not None
            and len(nxt) == len(row)
            and not row[0].strip()
            and means
            and all(re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", m) for m in means)
            and all(re.match(r"\s*±", e) for e in nxt[1:])
        ):
            out.append([""] * len(row))  # the means' own row: nothing left in it
            rows[r + 1] = [nxt[0]] + [f"{m.strip()} {e.strip()}" for m, e in zip(means, nxt[1:], strict=True)]
            continue
        out.append(row)
    return out


def figures_to_outcomes(annotated: AnnotatedDocument) -> list[OutcomeValue]:
    """Gives one value-less row per figure whose legend reports means (`Values are mean ± SEM`)."""
    out = []
    for i, block in enumerate(annotated.document.blocks):
        m = FIGURE.match(block.text)
        if not m or not re.search(r"mean|±|S\.?E\.?M|\bSD\b", block.text):
            continue
        title = re.split(r"(?<=[a-z)])\.\s", m.group("title"), maxsplit=1)[0]
        et = error_type_of(block.text) or "unknown"
        out.append(
            OutcomeValue(
                None,
                f"{title} (Figure {m.group('n')})",
                None,
                None,
                None,
                et,
                n_of(block.text)[0],
                "figure",
                None,
                None,
                None,
                block.text[:500],
                i,
            )
        )
    return out


def stats_sentence(annotated: AnnotatedDocument) -> Sentence | None:
    """Gives the statistics sentence the error type came from, if any."""
    text = stats_statement(annotated)[2]
    return next((s for s in sentences(annotated) if s.text == text), None) if text else None
