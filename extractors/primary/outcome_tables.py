"""Outcome values of a primary paper: group means with their errors, from tables and text.

Three sources, one row shape (`OutcomeValue`):
- tables the reader found (JATS, HTML, PDF with ruling): the axis whose labels name the
  methods' groups is the group axis; the other axis names the outcome;
- tables a text layer has flattened into one cell per line (`Table 2. ...` then `SHAM`,
  `115 ± 12`, ...): a value belongs to the group label printed in its own line, or before it
  (row by row), or, once every group has been seen with its first value, to the groups in turn
  (column by column);
- sentences of the results (`an infarct volume of 23 ± 2% in vehicle-treated rats`).
What the error is and n come from the caption, footnotes and header, else the statistics
paragraph. Figures whose legend gives means become rows with no value (`source = figure`).
Each value is named by what it sits under: the column or row header of a reader's table, the
row label / column header / variable marker of a flattened one (`table_headers.py`: outcome,
unit, timepoint), the noun before it in a sentence; the caption only when no header can be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.annotate import AnnotatedDocument
from extractors.document import Table
from extractors.primary.table_headers import where_values
from extractors.primary.text import Sentence, repair, sentences
from extractors.primary.values import Value, error_type_of, find_values, n_of, parse_value

Matcher = Callable[[str], "int | None"]
_UNIT_PAREN = re.compile(r"\(([^()]{1,20})\)\s*$")
_CAPTION = re.compile(r"(?:^|\s)(?:Ta)?Table\s+(?P<n>[0-9IVX]+)\s*[.:]", re.I)
_FIGURE = re.compile(r"^\s*(?:Fig(?:ure)?\.?\s*(?P<n>\d+)[.:]?)\s+(?P<title>.+)", re.I)


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


def _context(
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
    et, n = _context(table.caption, table.footnotes, " ".join(headers), stats)
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


def _label_blocks(text: str, match: Matcher) -> list[tuple[int, int, str]]:
    """Gives (position, group) of every group label in a line of a flattened table."""
    out = []
    # A label starts with a capital and is more than a letter (`Sham`, `MCAO+PRO`, `DGL`);
    # lower-case words of a flattened table are its headers and footnotes.
    for m in re.finditer(r"(?<![\w+/-])[A-Z][\w/&-]*(?:\s*[+/&]\s*[\w-]+)*", text):
        if len(m.group(0)) < 2:
            continue
        g = match(m.group(0))
        if g is not None:
            out.append((m.start(), g, m.group(0)))
    # A label split over a line break (`D` / `GL`).
    for m in re.finditer(r"\b([A-Z]{1,3})\n([A-Z]{1,5})\b", text):
        g = match(m.group(1) + m.group(2))
        if g is not None:
            out.append((m.start(), g, m.group(1) + m.group(2)))
    return sorted(out)


def flattened_to_values(
    annotated: AnnotatedDocument, match: Matcher, stats: tuple[str | None, int | None, str | None], fix: bool
) -> list[OutcomeValue]:
    """Gives the values of tables a text layer flattened into lines after their `Table N.` caption."""
    blocks = annotated.document.blocks
    texts = [repair(b.text) if fix else b.text for b in blocks]
    out: list[OutcomeValue] = []
    i = 0
    while i < len(texts):
        cap = _CAPTION.search(texts[i])
        if not cap:
            i += 1
            continue
        caption = texts[i][cap.start() :].strip()
        j = i + 1
        region = [i]
        while j < len(texts) and not _CAPTION.search(texts[j]) and not _FIGURE.match(texts[j]):
            region.append(j)
            if len(texts[j].split()) > 40 and not find_values(texts[j]):
                break
            if len(texts[j].split()) > 40:
                break
            j += 1
        # Footnotes printed before the next table's caption in the same line are this table's.
        next_cap = _CAPTION.search(texts[j]) if j < len(texts) else None
        tail = texts[j][: next_cap.start()] if next_cap else ""
        out.extend(_region_values(region, texts, caption + " " + tail, match, stats))
        i = j if j > i else i + 1
    return out


def _region_values(
    region: list[int],
    texts: list[str],
    caption: str,
    match: Matcher,
    stats: tuple[str | None, int | None, str | None],
) -> list[OutcomeValue]:
    joined, starts = "", []
    for b in region:
        starts.append(len(joined))
        joined += texts[b] + "\n"
    block_at = lambda pos: region[max(k for k, s in enumerate(starts) if s <= pos)]  # noqa: E731
    labels = _label_blocks(joined, match)
    values = find_values(joined)
    footer = " ".join(texts[b] for b in region)
    et, n = _context(caption, [footer], "", stats)
    order: list[int] = []  # groups in the order their first value showed them
    current: int | None = None
    cycle = -1
    assigned: list[tuple[int, Value]] = []
    last_block = None
    # Lines that are whole rows (`Control 8.3±0.2 9.1±0.3 CDDP 7.1±0.2*`) need no guessing.
    whole: dict[int, int] = {}
    for k, b in enumerate(region):
        segs = row_segments(texts[b])
        if segs and all(match(lab) is not None for lab, _ in segs):
            for lab, vs in segs:
                for v in vs:
                    whole[starts[k] + v.start] = match(lab)  # type: ignore[assignment]
    for v in values:
        b = block_at(v.start)
        if v.start in whole:
            assigned.append((whole[v.start], v))
            continue
        # A label printed with the value: inside it (`6.50± DC c 0.01*`) or beside it in its line.
        inline = [
            g
            for p, g, _ in labels
            if v.start <= p < v.end or (block_at(p) == b and v.start - 20 <= p <= v.end + 20)
        ]
        if inline and len(set(inline)) == 1:
            g = inline[0]
            if g not in order:
                order.append(g)
            current = None
            cycle = order.index(g)
        else:
            before = [(p, g) for p, g, _ in labels if p < v.start]
            if (
                before
                and block_at(before[-1][0]) not in (b,)
                and len(texts[block_at(before[-1][0])].split()) <= 4
            ):
                current = before[-1][1]
            if current is not None and not order:
                g = current
            elif order:
                if b != last_block:
                    cycle = (cycle + 1) % len(order)
                g = order[cycle]
            else:
                continue
        last_block = b
        assigned.append((g, v))
    names = {g: t for _, g, t in reversed(labels)}
    # The headers the values sit under (row label, column header), when the grid can be read.
    # Only the labels the region prints are labels here: a header word the groups' descriptions
    # also use (`Ischemia`) is a header.
    printed = {t.strip().upper() for _, _, t in labels}
    start = starts[1] if len(starts) > 1 else len(joined)
    masked = list(joined)
    for p, _, t in labels:  # the group labels are not headers
        masked[p : p + len(t)] = "\n" * len(t)
    where = (
        where_values(
            "".join(masked),
            [(v.start, v.end) for _, v in assigned],
            [g for g, _ in assigned],
            start,
            lambda t: t.strip().upper() in printed,
        )
        if assigned
        else None
    )
    out = []
    for k, (g, v) in enumerate(assigned):
        w = where[k] if where else None
        outcome = w.outcome if w and w.outcome else caption
        unit = (w.unit if w and w.outcome else None) or unit_of(caption)
        out.append(
            OutcomeValue(
                g,
                outcome,
                unit,
                v.mean,
                v.error,
                et,
                n,
                "table",
                None,
                None,
                None,
                v.text.strip(),
                block_at(v.start),
                group_label=names.get(g),
                timepoint=w.timepoint if w else None,
            )
        )
    return out


_GROUP_WORDS = re.compile(
    r"\b(?:in|of|for)\s+(?:the\s+)?([\w+/-]+(?:[-\s](?:treated|operated))?)\s+(?:rats|mice|animals|group)",
    re.I,
)


def text_to_values(
    annotated: AnnotatedDocument, match: Matcher, stats: tuple[str | None, int | None, str | None]
) -> list[OutcomeValue]:
    """Gives values printed in results sentences that name their group (`23 ± 2% in vehicle-treated rats`)."""
    out = []
    for s in sentences(annotated):
        if _CAPTION.search(s.text[:30]) or _FIGURE.match(s.text):
            continue
        values = find_values(s.text)
        if not values or re.search(r"\b(?:weigh|temperature|aged|anesthe|anaesthe)", s.text, re.I):
            continue
        for v in values:
            tail = s.text[v.end : v.end + 80]
            m = _GROUP_WORDS.search(tail)
            if not m:
                continue
            word = m.group(1)
            g = match(re.sub(r"[-\s](?:treated|operated)$", "", word))
            if g is None:
                continue
            unit_m = re.match(r"\s*([%‰]|[a-zA-Zµμ°][\w/³²µμ·^-]*)", s.text[v.end :])
            unit = (
                unit_m.group(1)
                if unit_m and unit_m.group(1).lower() not in ("in", "and", "vs", "for", "of", "at")
                else None
            )
            outcome = outcome_before(s.text[: v.start])
            et = error_type_of(s.text) or stats[0] or "unknown"
            out.append(
                OutcomeValue(
                    g,
                    outcome,
                    unit,
                    v.mean,
                    v.error,
                    et,
                    None,
                    "text",
                    None,
                    None,
                    None,
                    s.text,
                    s.block,
                    s.span.start_char + v.start,
                    s.span.start_char + v.end,
                )
            )
    return out


_NAMED_BEFORE = re.compile(
    r"\b(?:an?|the|mean|average|in|of)\s+(?P<name>(?:[\w()%/-]+\s+){0,4}?[\w()%/-]+)\s+(?:of|was|were|is|are|reached|to|at)\s*$",
    re.I,
)


def outcome_before(head: str) -> str:
    """Gives the outcome a sentence names before its value (`... induced an infarct volume of`
    -> `infarct volume`); else the clause before the value, at most 80 characters."""
    clause = re.split(r"[,;:]", head)[-1].strip()
    m = _NAMED_BEFORE.search(clause)
    if m and not re.search(r"\d", m.group("name")):
        return m.group("name")
    return clause[-80:]


def figures_to_outcomes(annotated: AnnotatedDocument) -> list[OutcomeValue]:
    """Gives one value-less row per figure whose legend reports means (`Values are mean ± SEM`)."""
    out = []
    for i, block in enumerate(annotated.document.blocks):
        m = _FIGURE.match(block.text)
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


def row_segments(text: str) -> list[tuple[str, list[Value]]]:
    """Gives (label, values) per row of a table flattened into one line (`Control 8.3±0.2
    9.1±0.3 CDDP 7.1±0.2* 8.0±0.2`): at least two labels, each followed by as many values;
    [] for any other line."""
    values = find_values(text)
    if len(values) < 4:
        return []
    segs: list[tuple[str, list[Value]]] = []
    pos = 0
    for v in values:
        between = re.sub(r"^[\s*†‡§¶#,a-h]*(?=\S)", "", text[pos : v.start]).strip()
        if re.search(r"[A-Za-z]{2}", between):
            segs.append((between, []))
        if segs:
            segs[-1][1].append(v)
        pos = v.end
    if len(segs) >= 2 and len({len(vs) for _, vs in segs}) == 1 and all(len(lab) <= 30 for lab, _ in segs):
        return segs
    return []


def flattened_group_labels(annotated: AnnotatedDocument, fix: bool) -> list[str]:
    """Gives the row labels of the first table flattened into one line, for papers whose
    methods name no groups."""
    texts = [repair(b.text) if fix else b.text for b in annotated.document.blocks]
    in_region = False
    for text in texts:
        in_region = in_region or bool(_CAPTION.search(text))
        segs = row_segments(text) if in_region else []
        if segs:
            return [lab for lab, _ in segs]
    return []
