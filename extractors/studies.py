"""Study tables -> `studies` and `outcomes` rows; potency tables -> `potency` rows.

One study row per body row of a study table: the model and its species, strain and disease;
the compound with its dose, route, frequency and duration; the findings and the direction of
each outcome; the references the row cites. Each value comes from the entities the pipeline
found in that row's cells, so it carries the cell as provenance.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from spacy.tokens import Doc, Span

from extractors.annotate import Annotated
from extractors.citations import cell_ref_numbers, find_citations
from extractors.document import Block, Cell, Provenance, Table
from extractors.entities.vocab import entries_by_id, lookup
from extractors.outcomes import findings_to_outcomes, study_direction
from extractors.quantities import parse_qualified_value, to_nanomolar
from extractors.tables import classify_table, header_to_roles, potency_header_measure

EXTRACTOR_VERSION = "studies.v2"


def record_id(doc_id: str, table: str, *key: object) -> str:
    """Gives a stable record id: a hash of the document, the table and the natural key."""
    raw = "\x1f".join([doc_id, table, *(str(k) for k in key)])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def _ents(doc: Doc | None, label: str) -> list[Span]:
    return [e for e in doc.ents if e.label_ == label] if doc is not None else []


def _first(docs: list[Doc | None], label: str) -> Span | None:
    for d in docs:
        found = _ents(d, label)
        if found:
            return found[0]
    return None


def _norm(span: Span | None) -> tuple[str | None, str | None]:
    """Gives the normal form and id of an entity span."""
    if span is None:
        return None, None
    norm_id = span.kb_id_ or span.id_ or None
    norm = span._.norm
    if norm is None and norm_id and norm_id in entries_by_id():
        norm = entries_by_id()[norm_id].norm
    return norm or span.text, norm_id


def _section_disease(annotated: Annotated, table: Table) -> Span | None:
    """Gives the disease named by the heading of the table's section, if any."""
    for block, doc in zip(annotated.document.blocks, annotated.blocks, strict=True):
        if block.kind == "heading" and block.text == table.section:
            return _first([doc], "DISEASE")
    return None


def _cell(annotated: Annotated, table: Table, row: int, col: int | None) -> tuple[str, Doc | None]:
    if col is None:
        return "", None
    cells = (table.header + table.rows)[row]
    if col >= len(cells):
        return "", None
    return cells[col].text, annotated.cells.get((table.table_id, row, col))


def _disease(annotated: Annotated, table: Table, model_doc: Doc | None) -> tuple[str | None, str | None]:
    span = _first([model_doc], "DISEASE")
    if span is not None:
        return _norm(span)
    model = _first([model_doc], "ANIMAL_MODEL")
    if model is not None:
        entry = entries_by_id().get(model.kb_id_ or model.id_ or "")
        disease_id = entry.extra.get("disease_id") if entry else None
        if disease_id and disease_id in entries_by_id():
            return entries_by_id()[disease_id].norm, disease_id
    return _norm(_section_disease(annotated, table))


# A protocol sentence fills a study field the table row leaves empty when it cites only the
# row's references and speaks of the treatment; an induction sentence (`AD was induced by
# topical MC903 for 14 days`) describes the model, not the treatment, and is skipped.
_TREATMENT_WORDS = re.compile(r"\b(treat|administ|dos(?:e|ed|ing)|given|received|gavage|injected)", re.I)
_INDUCTION = re.compile(r"\binduc", re.I)
_FIELD_LABELS = {"dose": "DOSE", "frequency": "FREQUENCY", "route": "ROUTE",
                 "duration": "DURATION", "timing": "TIMING"}  # fmt: skip


def protocol_sentences(annotated: Annotated, refs: list[int], compound: str | None) -> list[Span]:
    """Gives the text sentences that describe a study row's treatment, by shared citations."""
    if not refs:
        return []
    wanted = set(refs)
    found = []
    for block, doc in zip(annotated.document.blocks, annotated.blocks, strict=True):
        if block.kind not in ("paragraph", "list_item"):
            continue
        for sent in doc.sents:
            cited = {n for c in find_citations(sent.text) for n in c.numbers}
            if not cited or not cited <= wanted:
                continue
            names_drug = compound is not None and any(
                e.label_ == "DRUG" and (_norm(e)[0] or "").lower() == compound.lower() for e in sent.ents
            )
            if _INDUCTION.search(sent.text) and not names_drug:
                continue
            if names_drug or _TREATMENT_WORDS.search(sent.text):
                found.append(sent)
    return found


def _field_spans(annotated: Annotated, row_docs: list[Doc | None], sentences: list[Span]) -> dict[str, tuple[Span, str]]:
    """Gives, per study field, the entity that states it and where: the row wins over text."""
    out: dict[str, tuple[Span, str]] = {}
    for field, label in _FIELD_LABELS.items():
        span = _first(row_docs, label)
        if span is not None:
            out[field] = (span, "table")
            continue
        for sent in sentences:
            hits = [e for e in sent.ents if e.label_ == label]
            if hits:
                out[field] = (hits[0], "text")
                break
    return out


def _provenance_json(annotated: Annotated, span: Span, origin: str) -> dict[str, Any]:
    prov = annotated.provenance_of(span.doc, span.start_char, span.end_char)
    data = json.loads(prov.to_json()) if prov is not None else {}
    data["from"] = origin
    if origin == "text":
        data["sentence"] = span.sent.text
    return data


def study_table_to_records(annotated: Annotated, table: Table) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gives the `studies` rows and their `outcomes` rows of one study table."""
    doc_id = annotated.document.doc_id
    roles = header_to_roles(table.header_texts())
    caption_doc = annotated.captions.get(table.table_id)
    model_col = roles.get("model") if roles.get("model") is not None else roles.get("species")
    treat_col = roles.get("treatment") if roles.get("treatment") is not None else roles.get("dose")
    dose_col = roles.get("dose") if roles.get("dose") != treat_col else None
    studies, outcomes = [], []
    for r in range(len(table.header), len(table.header) + len(table.rows)):
        model_text, model_doc = _cell(annotated, table, r, model_col)
        treat_text, treat_doc = _cell(annotated, table, r, treat_col)
        _, dose_doc = _cell(annotated, table, r, dose_col)
        findings, _ = _cell(annotated, table, r, roles.get("findings"))
        refs_text, _ = _cell(annotated, table, r, roles.get("references"))
        if not any((model_text, treat_text, findings)):
            continue
        row_docs = [treat_doc, dose_doc]
        compound = _first(row_docs, "DRUG") or _first([caption_doc], "DRUG")
        compound_norm = _norm(compound)[0]
        ref_numbers = cell_ref_numbers(refs_text)
        fields = _field_spans(annotated, row_docs, protocol_sentences(annotated, ref_numbers, compound_norm))
        strain = _first([model_doc], "STRAIN")
        species_norm, species_id = _species(_first([model_doc], "SPECIES"), strain)
        disease, disease_id = _disease(annotated, table, model_doc)
        dose = fields.get("dose", (None, ""))[0]
        duration = fields.get("duration", (None, ""))[0]
        dose_attrs = (dose._.attrs or {}) if dose is not None else {}
        dur_attrs = (duration._.attrs or {}) if duration is not None else {}
        rid = record_id(doc_id, "studies", table.table_id, r)
        found = findings_to_outcomes(findings)
        row_cells = table.rows[r - len(table.header)]
        studies.append({
            "record_id": rid, "doc_id": doc_id, "table_id": table.table_id, "row": r,
            "compound": compound_norm, "disease": disease, "disease_id": disease_id,
            "model": model_text or None, "species": species_norm, "species_id": species_id,
            "strain": _norm(strain)[0],
            "dose_value": dose_attrs.get("values", [None])[0],
            "dose_unit": dose_attrs.get("unit"),
            "dose_mg_per_kg": (dose_attrs.get("canonical_values") or [None])[0]
            if dose_attrs.get("canonical_unit") == "mg/kg" else None,
            "dose_text": dose.text if dose is not None else _dose_text(treat_text, compound),
            "frequency": _norm(fields.get("frequency", (None, ""))[0])[0],
            "route": _norm(fields.get("route", (None, ""))[0])[0],
            "duration_value": dur_attrs.get("value"),
            "duration_unit": dur_attrs.get("unit"),
            "timing": _norm(fields.get("timing", (None, ""))[0])[0],
            "findings": findings or None,
            "outcome_direction": study_direction(found),
            "ref_numbers": ref_numbers,
            "field_provenance": json.dumps(
                {f: _provenance_json(annotated, span, origin) for f, (span, origin) in fields.items()},
                ensure_ascii=False, sort_keys=True),
            "provenance": _row_provenance(row_cells).to_json(),
        })  # fmt: skip
        fcell = row_cells[roles.get("findings") or 0]
        for i, o in enumerate(found):
            outcomes.append({
                "record_id": record_id(doc_id, "outcomes", rid, i, o.measure),
                "study_record_id": rid, "doc_id": doc_id, "measure": o.measure,
                "direction": o.direction, "hedged": o.hedged, "text": o.text,
                "provenance": fcell.provenance.span(o.start, o.end, fcell.offsets, fcell.ends).to_json(),
            })  # fmt: skip
    return studies, outcomes


def _row_provenance(cells: list[Cell]) -> Provenance:
    """Gives the provenance of a whole table row: from its first cell to its last."""
    first, last = cells[0].provenance, cells[-1].provenance
    if first.start is not None and last.end is not None:
        return Provenance(line=first.line, start=first.start, end=max(last.end, first.end or 0))
    return first


def _species(species: Span | None, strain: Span | None) -> tuple[str | None, str | None]:
    """Gives the species of a model: named in the cell, else implied by the strain."""
    if species is not None or strain is None:
        return _norm(species)
    entry = entries_by_id().get(strain.kb_id_ or strain.id_ or "")
    sid = entry.extra.get("species_id") if entry else None
    if sid and sid in entries_by_id():
        return entries_by_id()[sid].norm, sid
    return None, None


def _dose_text(treatment: str, compound: Span | None) -> str | None:
    """Gives what a treatment cell says about the dose when it states none (`Not specified`)."""
    text = treatment
    if compound is not None:
        text = text.replace(compound.text, "")
    text = text.strip(" ()")
    if not text or any(w in text.lower() for w in ("administration", "for ", "oral", "daily")):
        return None
    return text


def potency_table_to_records(annotated: Annotated, table: Table) -> list[dict[str, Any]]:
    """Gives the `potency` rows of one potency table: one per target row and measure column."""
    doc_id = annotated.document.doc_id
    headers = table.header_texts()
    roles = header_to_roles(headers)
    caption_doc = annotated.captions.get(table.table_id)
    compound = _norm(_first([caption_doc], "DRUG"))[0] or _document_compound(annotated)
    target_col = roles.get("target") if roles.get("target") is not None else 0
    value_cols = [i for i, h in enumerate(headers) if i != target_col and potency_header_measure(h)[0] and _is_potency_header(h)]
    out = []
    for r in range(len(table.header), len(table.header) + len(table.rows)):
        target_text, target_doc = _cell(annotated, table, r, target_col)
        refs_text, _ = _cell(annotated, table, r, roles.get("references"))
        target_span = _first([target_doc], "KINASE") or _first([target_doc], "PROTEIN")
        entry = lookup(target_text)
        target_id = (target_span.kb_id_ or target_span.id_) if target_span is not None else (entry.id if entry else None)
        for c in value_cols:
            text, _ = _cell(annotated, table, r, c)
            parsed = parse_qualified_value(text)
            if parsed is None:
                continue
            measure, header_unit = potency_header_measure(headers[c])
            unit = parsed["unit"] or header_unit
            cell = (table.header + table.rows)[r][c]
            out.append({
                "record_id": record_id(doc_id, "potency", table.table_id, compound, target_text, measure),
                "doc_id": doc_id, "compound": compound, "target": target_text or None,
                "target_id": target_id or None, "measure": measure,
                "qualifier": parsed["qualifier"], "value": parsed["value"], "unit": unit,
                "value_nM": to_nanomolar(parsed["value"], unit),
                "ref_numbers": cell_ref_numbers(refs_text),
                "provenance": cell.provenance.to_json(),
            })  # fmt: skip
    return out


def _is_potency_header(header: str) -> bool:
    return header_to_roles([header]).get("potency") == 0


def _document_compound(annotated: Annotated) -> str | None:
    """Gives the drug the document is about: the one it names most often."""
    counts: dict[str, int] = {}
    for d in annotated.blocks:
        for e in _ents(d, "DRUG"):
            norm = _norm(e)[0] or e.text
            counts[norm] = counts.get(norm, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def tables_to_records(annotated: Annotated) -> dict[str, list[dict[str, Any]]]:
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


__all__ = ["Block", "record_id", "tables_to_records"]
