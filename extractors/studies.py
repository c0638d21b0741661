"""Study tables -> `studies` and `outcomes` rows; potency tables -> `potency` rows.

One study row per body row of a study table: the model and its species, strain and disease;
the compound with its dose, route, frequency and duration; the findings and the direction of
each outcome; the references the row cites. Each value comes from the entities the pipeline
found in that row's cells, so it carries the cell as provenance.
"""

from __future__ import annotations

import hashlib
from typing import Any

from spacy.tokens import Doc, Span

from extractors.annotate import Annotated
from extractors.citations import cell_ref_numbers
from extractors.document import Block, Table
from extractors.entities.vocab import entries_by_id, lookup
from extractors.outcomes import findings_to_outcomes, study_direction
from extractors.quantities import parse_qualified_value, to_nanomolar
from extractors.tables import classify_table, header_to_roles, potency_header_measure

EXTRACTOR_VERSION = "studies.v1"


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


def study_table_to_records(annotated: Annotated, table: Table) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gives the `studies` rows and their `outcomes` rows of one study table."""
    doc_id = annotated.document.doc_id
    roles = header_to_roles(table.header_texts())
    caption_doc = annotated.captions.get(table.table_id)
    studies, outcomes = [], []
    for r in range(len(table.header), len(table.header) + len(table.rows)):
        model_text, model_doc = _cell(annotated, table, r, roles.get("model") if roles.get("model") is not None else roles.get("species"))
        treat_col = roles.get("treatment") if roles.get("treatment") is not None else roles.get("dose")
        treat_text, treat_doc = _cell(annotated, table, r, treat_col)
        dose_text_cell, dose_doc = _cell(annotated, table, r, roles.get("dose") if roles.get("dose") != treat_col else None)
        findings, findings_doc = _cell(annotated, table, r, roles.get("findings"))
        refs_text, _ = _cell(annotated, table, r, roles.get("references"))
        if not any((model_text, treat_text, findings)):
            continue
        treatment_docs = [treat_doc, dose_doc]
        compound = _first(treatment_docs, "DRUG") or _first([caption_doc], "DRUG")
        dose = _first(treatment_docs, "DOSE")
        duration = _first(treatment_docs, "DURATION")
        species = _first([model_doc], "SPECIES")
        strain = _first([model_doc], "STRAIN")
        disease, disease_id = _disease(annotated, table, model_doc)
        species_norm, species_id = _norm(species)
        if species is None and strain is not None:
            entry = entries_by_id().get(strain.kb_id_ or strain.id_ or "")
            sid = entry.extra.get("species_id") if entry else None
            if sid and sid in entries_by_id():
                species_norm, species_id = entries_by_id()[sid].norm, sid
        dose_attrs = (dose._.attrs or {}) if dose is not None else {}
        dur_attrs = (duration._.attrs or {}) if duration is not None else {}
        rid = record_id(doc_id, "studies", table.table_id, r)
        found = findings_to_outcomes(findings)
        prov = table.rows[r - len(table.header)][0].provenance.to_json()
        studies.append({
            "record_id": rid, "doc_id": doc_id, "table_id": table.table_id, "row": r,
            "compound": _norm(compound)[0], "disease": disease, "disease_id": disease_id,
            "model": model_text or None, "species": species_norm, "species_id": species_id,
            "strain": _norm(strain)[0],
            "dose_value": dose_attrs.get("values", [None])[0],
            "dose_unit": dose_attrs.get("unit"),
            "dose_mg_per_kg": (dose_attrs.get("canonical_values") or [None])[0]
            if dose_attrs.get("canonical_unit") == "mg/kg" else None,
            "dose_text": dose.text if dose is not None else _dose_text(treat_text, compound),
            "frequency": _norm(_first(treatment_docs, "FREQUENCY"))[0],
            "route": _norm(_first(treatment_docs, "ROUTE"))[0],
            "duration_value": dur_attrs.get("value"),
            "duration_unit": dur_attrs.get("unit"),
            "findings": findings or None,
            "outcome_direction": study_direction(found),
            "ref_numbers": cell_ref_numbers(refs_text),
            "provenance": prov,
        })  # fmt: skip
        fprov = table.rows[r - len(table.header)][roles.get("findings") or 0]
        for i, o in enumerate(found):
            outcomes.append({
                "record_id": record_id(doc_id, "outcomes", rid, i, o.measure),
                "study_record_id": rid, "doc_id": doc_id, "measure": o.measure,
                "direction": o.direction, "text": o.text,
                "provenance": fprov.provenance.span(o.start, o.end, fprov.offsets, fprov.ends).to_json(),
            })  # fmt: skip
    return studies, outcomes


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
