"""Small readers of annotated Documents shared by the record extractors.

Entities of a cell or block Doc, their normal forms and ids, the text and Doc of a table
cell, and the stable record id of a record.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span

from extractors.annotate import AnnotatedDocument
from extractors.document import Table
from extractors.entities.vocab import entries_by_id


def record_id(doc_id: str, table: str, *key: object) -> str:
    """Gives a stable record id: a hash of the document, the table and the natural key."""
    raw = "\x1f".join([doc_id, table, *(str(k) for k in key)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def ents_of(doc: Doc | None, label: str) -> list[Span]:
    """Gives the doc's entities of one label (from the list `annotate` keeps: spaCy rebuilds
    `doc.ents` from every token on each access)."""
    if doc is None:
        return []
    ents = doc.user_data.get("litcurate_ents")
    return [e for e in (ents if ents is not None else doc.ents) if e.label_ == label]


def ents_in(span: Span) -> list[Span]:
    """Gives `span.ents` (the entities wholly inside it, up to the first that runs past its
    end, as spaCy gives them) from the list `annotate` keeps: `Span.ents` rebuilds `doc.ents`."""
    kept = span.doc.user_data.get("litcurate_ents")
    if kept is None:
        return list(span.ents)
    out = []
    for ent in kept:
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def first_ent(docs: list[Doc | None], label: str) -> Span | None:
    for d in docs:
        found = ents_of(d, label)
        if found:
            return found[0]
    return None


def norm_of(span: Span | None) -> tuple[str | None, str | None]:
    """Gives the normal form and id of an entity span."""
    if span is None:
        return None, None
    norm_id = span.kb_id_ or span.id_ or None
    norm = span._.norm
    if norm is None and norm_id and norm_id in entries_by_id():
        norm = entries_by_id()[norm_id].norm
    return norm or span.text, norm_id


def cell_of(annotated: AnnotatedDocument, table: Table, row: int, col: int | None) -> tuple[str, Doc | None]:
    if col is None:
        return "", None
    # The row without joining header and rows into a new list on every call.
    n_header = len(table.header)
    cells = (
        table.header[row]
        if 0 <= row < n_header
        else (table.header + table.rows)[row]
        if row < 0
        else table.rows[row - n_header]
    )
    if col >= len(cells):
        return "", None
    return cells[col].text, annotated.cells.get((table.table_id, row, col))
