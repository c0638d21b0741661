"""Document -> the rows of every curated table, in one readable composition.

read (a reader) -> annotate (spaCy, once) -> tables, cells, references, citations, entities,
studies, outcomes, potency, and a primary paper's cohorts, outcome_data and risk_of_bias. Pure: no writes, no Prefect. The `documents` row is the flow's,
since it records how the run went.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from typing import Any

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from extractors import tables
from extractors.annotate import AnnotatedDocument, annotate, release
from extractors.citations import find_citations
from extractors.document import Document, Provenance
from extractors.entities.components import doc_text, span_text
from extractors.potency import potency_table_to_records
from extractors.primary import document_to_primary_records
from extractors.references import references_to_records
from extractors.studies import study_table_to_records
from extractors.tables import classify_table, table_to_records

_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # json.dumps' settings, built once


def _entity_row(
    doc_id: str, ent: Any, prov: Provenance, mapping: Any, where: dict[str, Any], sentence: str
) -> dict[str, Any]:
    start, end, label = ent.start_char, ent.end_char, ent.label_
    norm_id = ent.kb_id_ or ent.id_ or None
    underscore = ent._
    norm, attrs = underscore.norm, underscore.attrs
    text = span_text(ent)  # sliced: `Span.text` makes a Token per word
    if norm is None and norm_id:
        from extractors.entities.vocab import entries_by_id

        entry = entries_by_id().get(norm_id)
        norm = entry.norm if entry else None
    key = f"{where.get('block_index')}:{where.get('table_id')}:{where.get('row')}:{where.get('col')}:{start}:{end}:{label}"
    return {
        "doc_id": doc_id,
        "entity_id": hashlib.sha256(f"{doc_id}:{key}".encode()).hexdigest()[:20],
        "label": label,
        "text": text,
        "norm": norm or text,
        "norm_id": norm_id,
        "start": start,
        "end": end,
        "block_index": where.get("block_index"),
        "table_id": where.get("table_id"),
        "row": where.get("row"),
        "col": where.get("col"),
        "sentence": sentence,
        "attributes": _ATTRS_JSON.encode(attrs) if attrs else None,
        "provenance": prov.span(start, end, mapping.offsets, mapping.ends).to_json(),
    }


class _Sentences:
    """The text of the sentence spaCy's `Span.sent` gives for a span, from one array of the doc.

    `Span.sent` walks the tokens back and forth (and checks the doc's annotation twice) for
    each entity; here the sentence starts are read once per doc: the sentence runs from the
    last start at or before the span's first token to the next start after it.
    """

    def __init__(self, sdoc: Doc) -> None:
        self.text = doc_text(sdoc)  # sliced: `Span.text` makes a Token per word of the sentence
        self.rows: list[list[int]] | None = None
        # One string a sentence, shared by its entities' rows: pickled once on the way to the
        # run's process (a guide's entity rows: ~60 % their sentences), one object there.
        self.made: dict[int, str] = {}
        if sdoc.has_annotation("SENT_START"):
            self.rows = sdoc.to_array([SENT_START, IDX, LENGTH]).tolist()
            self.starts = [i for i, r in enumerate(self.rows) if r[0] == 1]

    def of(self, ent: Span) -> str:
        """Gives the text of the sentence `ent.sent` is (the doc's text when it has none)."""
        if self.rows is None:
            return self.text
        k = bisect_right(self.starts, ent.start)
        made = self.made.get(k)
        if made is None:
            start = self.starts[k - 1] if k else 0
            end = self.starts[k] if k < len(self.starts) else len(self.rows)
            last = self.rows[end - 1]
            made = self.made[k] = self.text[self.rows[start][1] : last[1] + last[2]]
        return made


def _ents(sdoc: Doc) -> list[Span]:
    # The list `annotate` keeps: spaCy rebuilds `doc.ents` from every token on each access.
    kept = sdoc.user_data.get("litcurate_ents")
    return kept if kept is not None else list(sdoc.ents)


def _doc_entity_rows(
    doc_id: str, sdoc: Doc, prov: Provenance, mapping: Any, where: dict[str, Any]
) -> list[dict[str, Any]]:
    ents = _ents(sdoc)
    if not ents:
        return []
    sentences = _Sentences(sdoc)
    return [_entity_row(doc_id, ent, prov, mapping, where, sentences.of(ent)) for ent in ents]


def entities_to_records(annotated: AnnotatedDocument) -> list[dict[str, Any]]:
    """Gives one `entities` row per entity in every block and table cell."""
    doc = annotated.document
    rows = []
    for i, (block, sdoc) in enumerate(zip(doc.blocks, annotated.blocks, strict=True)):
        rows.extend(_doc_entity_rows(doc.doc_id, sdoc, block.provenance, block, {"block_index": i}))
    for table in doc.tables:
        for r, row in enumerate(table.header + table.rows):
            for c, cell in enumerate(row):
                cell_doc = annotated.cells.get((table.table_id, r, c))
                if cell_doc is not None:
                    where = {"table_id": table.table_id, "row": r, "col": c}
                    rows.extend(_doc_entity_rows(doc.doc_id, cell_doc, cell.provenance, cell, where))
    return rows


def _sentence_at(sdoc: Doc, start: int, bounds: dict[int, list[tuple[int, int, str]]]) -> str:
    # The sentences' character bounds and texts, read once per doc (`bounds`, keyed by the
    # doc's id): `doc.sents` makes every sentence Span again for each citation, and one string
    # a sentence is pickled once however many citations it holds.
    spans = bounds.get(id(sdoc))
    if spans is None:
        text = doc_text(sdoc)
        spans = bounds[id(sdoc)] = [
            (x.start_char, x.end_char, text[x.start_char : x.end_char]) for x in sdoc.sents
        ]
    for s, e, sentence in spans:
        if s <= start < e:
            return sentence
    return doc_text(sdoc)


def citations_to_records(annotated: AnnotatedDocument) -> list[dict[str, Any]]:
    """Gives one `citations` row per cited number, in text and in table reference cells."""
    doc = annotated.document
    rows = []
    bounds: dict[int, list[tuple[int, int, str]]] = {}
    for i, (block, sdoc) in enumerate(zip(doc.blocks, annotated.blocks, strict=True)):
        for cite in find_citations(block.text):
            prov = block.provenance.span(cite.start, cite.end, block.offsets, block.ends).to_json()
            sentence = _sentence_at(sdoc, cite.start, bounds)
            for n in cite.numbers:
                rows.append(
                    {
                        "doc_id": doc.doc_id,
                        "ref_number": n,
                        "block_index": i,
                        "table_id": None,
                        "sentence": sentence,
                        "provenance": prov,
                    }
                )
    for mark in doc.citation_marks:
        block = doc.blocks[mark.block_index]
        sentence = _sentence_at(annotated.blocks[mark.block_index], mark.start, bounds)
        prov = block.provenance.span(mark.start, mark.end, block.offsets, block.ends).to_json()
        for n in mark.ref_numbers:
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "ref_number": n,
                    "block_index": mark.block_index,
                    "table_id": None,
                    "sentence": sentence,
                    "provenance": prov,
                }
            )
    for table in doc.tables:
        ref_col = tables.header_to_roles(table.header_texts()).get("references")
        for row in table.rows:
            for c, cell in enumerate(row):
                cites = find_citations(cell.text)
                if not cites:
                    continue
                # A reference column cites for its row; any other cell cites for itself.
                context = " | ".join(x.text for x in row if x is not cell) if c == ref_col else cell.text
                for cite in cites:
                    prov = cell.provenance.span(cite.start, cite.end, cell.offsets, cell.ends).to_json()
                    for n in cite.numbers:
                        rows.append(
                            {
                                "doc_id": doc.doc_id,
                                "ref_number": n,
                                "block_index": None,
                                "table_id": table.table_id,
                                "sentence": context,
                                "provenance": prov,
                            }
                        )
    return rows


def tables_to_records(annotated: AnnotatedDocument) -> dict[str, list[dict[str, Any]]]:
    """Gives the studies, outcomes and potency rows of every table of the document."""
    out: dict[str, list[dict[str, Any]]] = {"studies": [], "outcomes": [], "potency": []}
    for table in annotated.document.tables:
        kind = classify_table(table)
        if kind == "study":
            s, o = study_table_to_records(annotated, table)
            out["studies"].extend(s)
            out["outcomes"].extend(o)
        elif kind == "potency":
            out["potency"].extend(potency_table_to_records(annotated, table))
    return out


def document_to_records(document: Document) -> dict[str, list[dict[str, Any]]]:
    """Gives the rows of every curated table (but `documents`) for one Document."""
    annotated = annotate(document)
    table_rows, cell_rows = [], []
    for t in document.tables:
        trow, crows = table_to_records(document, t)
        table_rows.append(trow)
        cell_rows.extend(crows)
    refs = references_to_records(document.references)
    for r in refs:
        r["doc_id"] = document.doc_id
    out: dict[str, list[dict[str, Any]]] = {
        "tables": table_rows,
        "cells": cell_rows,
        "references": refs,
        "citations": citations_to_records(annotated),
        "entities": entities_to_records(annotated),
    }
    out.update(tables_to_records(annotated))
    out.update(document_to_primary_records(annotated))  # cohorts, outcome_data, risk_of_bias
    release(annotated)
    return out
