"""Outcome values of tables a PDF's text layer flattened into lines (`Table 2. ...` then
`SHAM`, `115 ± 12`, ...).

A value belongs to the group label printed in its own line, or before it (row by row), or,
once every group has been seen with its first value, to the groups in turn (column by
column). A line that is a whole row (`Control 8.3±0.2 9.1±0.3 CDDP 7.1±0.2*`) needs no
guessing. The outcome, unit and timepoint are the row label / column header / variable
marker a value sits under (`table_headers.py`), the caption only when no header can be read.
"""

from __future__ import annotations

import re

from extractors.annotate import AnnotatedDocument
from extractors.primary.outcome_tables import CAPTION, FIGURE, Matcher, OutcomeValue, table_context, unit_of
from extractors.primary.table_headers import where_values
from extractors.primary.text import repair
from extractors.primary.values import Value, find_values


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
        cap = CAPTION.search(texts[i])
        if not cap:
            i += 1
            continue
        caption = texts[i][cap.start() :].strip()
        j = i + 1
        region = [i]
        while j < len(texts) and not CAPTION.search(texts[j]) and not FIGURE.match(texts[j]):
            region.append(j)
            if len(texts[j].split()) > 40 and not find_values(texts[j]):
                break
            if len(texts[j].split()) > 40:
                break
            j += 1
        # Footnotes printed before the next table's caption in the same line are this table's.
        next_cap = CAPTION.search(texts[j]) if j < len(texts) else None
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
    et, n = table_context(caption, [footer], "", stats)
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
        in_region = in_region or bool(CAPTION.search(text))
        segs = row_segments(text) if in_region else []
        if segs:
            return [lab for lab, _ in segs]
    return []
