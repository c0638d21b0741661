"""Study tables -> `studies` and `outcomes` rows.

One study row per body row of a study table: the model and its species, strain and disease;
the compound with its dose, route, frequency and duration; the findings and the direction of
each outcome; the references the row cites. Each value comes from the entities the pipeline
found in that row's cells, so it carries the cell as provenance.
"""

from __future__ import annotations

import json
import re
from typing import Any

from spacy.tokens import Doc, Span

from extractors.annotate import AnnotatedDocument
from extractors.citations import cell_ref_numbers
from extractors.document import Cell, Provenance, Table
from extractors.entities.components import span_text
from extractors.entities.vocab import entries_by_id
from extractors.outcomes import findings_to_outcomes, study_direction
from extractors.spans import cell_of, ents_in, first_ent, norm_of, record_id
from extractors.tables import header_to_roles


def _section_disease(annotated: AnnotatedDocument, table: Table) -> Span | None:
    """Gives the disease named by the heading of the table's section, if any."""
    for block, doc in zip(annotated.document.blocks, annotated.blocks, strict=True):
        if block.kind == "heading" and block.text == table.section:
            return first_ent([doc], "DISEASE")
    return None


def _disease(
    annotated: AnnotatedDocument, table: Table, model_doc: Doc | None
) -> tuple[str | None, str | None]:
    span = first_ent([model_doc], "DISEASE")
    if span is not None:
        return norm_of(span)
    model = first_ent([model_doc], "ANIMAL_MODEL")
    if model is not None:
        entry = entries_by_id().get(model.kb_id_ or model.id_ or "")
        disease_id = entry.extra.get("disease_id") if entry else None
        if disease_id and disease_id in entries_by_id():
            return entries_by_id()[disease_id].norm, disease_id
    return norm_of(_section_disease(annotated, table))


# A protocol sentence fills a study field the table row leaves empty when it cites only the
# row's references and speaks of the treatment; an induction sentence (`AD was induced by
# topical MC903 for 14 days`) describes the model, not the treatment, and is skipped.
_TREATMENT_WORDS = re.compile(r"\b(treat|administ|dos(?:e|ed|ing)|given|received|gavage|injected)", re.I)
_INDUCTION = re.compile(r"\binduc", re.I)
_FIELD_LABELS = {
    "dose": "DOSE",
    "frequency": "FREQUENCY",
    "route": "ROUTE",
    "duration": "DURATION",
    "timing": "TIMING",
}


def protocol_sentences(annotated: AnnotatedDocument, refs: list[int], compound: str | None) -> list[Span]:
    """Gives the text sentences that describe a study row's treatment, by shared citations."""
    if not refs:
        return []
    wanted = set(refs)
    found = []
    for sent, cited in annotated.cited_sentences():
        if not cited <= wanted:
            continue
        names_drug = compound is not None and any(
            e.label_ == "DRUG" and (norm_of(e)[0] or "").lower() == compound.lower() for e in ents_in(sent)
        )
        text = span_text(sent)
        if _INDUCTION.search(text) and not names_drug:
            continue
        if names_drug or _TREATMENT_WORDS.search(text):
            found.append(sent)
    return found


def _field_spans(
    annotated: AnnotatedDocument, row_docs: list[Doc | None], sentences: list[Span]
) -> dict[str, tuple[Span, str]]:
    """Gives, per study field, the entity that states it and where: the row wins over text."""
    out: dict[str, tuple[Span, str]] = {}
    for field, label in _FIELD_LABELS.items():
        span = first_ent(row_docs, label)
        if span is not None:
            out[field] = (span, "table")
            continue
        for sent in sentences:
            hits = [e for e in ents_in(sent) if e.label_ == label]
            if hits:
                out[field] = (hits[0], "text")
                break
    return out


def _provenance_json(annotated: AnnotatedDocument, span: Span, origin: str) -> dict[str, Any]:
    prov = annotated.provenance_of(span.doc, span.start_char, span.end_char)
    data = json.loads(prov.to_json()) if prov is not None else {}
    data["from"] = origin
    if origin == "text":
        data["sentence"] = span_text(span.sent)
    return data


def study_table_to_records(
    annotated: AnnotatedDocument, table: Table
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gives the `studies` rows and their `outcomes` rows of one study table."""
    doc_id = annotated.document.doc_id
    roles = header_to_roles(table.header_texts())
    caption_doc = annotated.captions.get(table.table_id)
    model_col = roles.get("model") if roles.get("model") is not None else roles.get("species")
    treat_col = roles.get("treatment") if roles.get("treatment") is not None else roles.get("dose")
    dose_col = roles.get("dose") if roles.get("dose") != treat_col else None
    findings_col = roles.get("findings")
    studies, outcomes = [], []
    for group in _row_groups(annotated, table, model_col, treat_col):
        r = group[0]
        model_text, model_doc = cell_of(annotated, table, r, model_col)
        treat_text, treat_doc = cell_of(annotated, table, r, treat_col)
        _, dose_doc = cell_of(annotated, table, r, dose_col)
        parts = [cell_of(annotated, table, g, findings_col)[0] for g in group]
        findings = " ".join(p for p in parts if p)
        ref_numbers = list(
            dict.fromkeys(
                n
                for g in group
                for n in cell_ref_numbers(cell_of(annotated, table, g, roles.get("references"))[0])
            )
        )
        row_docs = [treat_doc, dose_doc]
        compound = first_ent(row_docs, "DRUG") or first_ent([caption_doc], "DRUG")
        compound_norm = norm_of(compound)[0]
        fields = _field_spans(annotated, row_docs, protocol_sentences(annotated, ref_numbers, compound_norm))
        strain = first_ent([model_doc], "STRAIN")
        species_norm, species_id = _species(first_ent([model_doc], "SPECIES"), strain)
        disease, disease_id = _disease(annotated, table, model_doc)
        dose = fields.get("dose", (None, ""))[0]
        duration = fields.get("duration", (None, ""))[0]
        dose_attrs = (dose._.attrs or {}) if dose is not None else {}
        dur_attrs = (duration._.attrs or {}) if duration is not None else {}
        rid = record_id(doc_id, "studies", table.table_id, r)
        # Outcomes are read per row, so each keeps the provenance of its own cell.
        per_row = [(g, findings_to_outcomes(part)) for g, part in zip(group, parts, strict=True)]
        found = [o for _, row_outcomes in per_row for o in row_outcomes]
        row_cells = table.rows[r - len(table.header)]
        studies.append(
            {
                "record_id": rid,
                "doc_id": doc_id,
                "table_id": table.table_id,
                "row": r,
                "compound": compound_norm,
                "disease": disease,
                "disease_id": disease_id,
                "model": model_text or None,
                "species": species_norm,
                "species_id": species_id,
                "strain": norm_of(strain)[0],
                "dose_value": dose_attrs.get("values", [None])[0],
                "dose_unit": dose_attrs.get("unit"),
                "dose_mg_per_kg": (dose_attrs.get("canonical_values") or [None])[0]
                if dose_attrs.get("canonical_unit") == "mg/kg"
                else None,
                "dose_text": dose.text if dose is not None else _dose_text(treat_text, compound),
                "frequency": norm_of(fields.get("frequency", (None, ""))[0])[0],
                "route": norm_of(fields.get("route", (None, ""))[0])[0],
                "duration_value": dur_attrs.get("value"),
                "duration_unit": dur_attrs.get("unit"),
                "timing": norm_of(fields.get("timing", (None, ""))[0])[0],
                "findings": findings or None,
                "outcome_direction": study_direction(found),
                "ref_numbers": ref_numbers,
                "field_provenance": json.dumps(
                    {f: _provenance_json(annotated, span, origin) for f, (span, origin) in fields.items()},
                    ensure_ascii=False,
                    sort_keys=True,
                ),
                "provenance": _row_provenance(
                    row_cells + table.rows[group[-1] - len(table.header)]
                ).to_json(),
            }
        )
        i = 0
        for g, row_outcomes in per_row:
            fcell = table.rows[g - len(table.header)][findings_col or 0]
            for o in row_outcomes:
                outcomes.append(
                    {
                        "record_id": record_id(doc_id, "outcomes", rid, i, o.measure),
                        "study_record_id": rid,
                        "doc_id": doc_id,
                        "measure": o.measure,
                        "direction": o.direction,
                        "hedged": o.hedged,
                        "text": o.text,
                        "provenance": fcell.provenance.span(
                            o.start, o.end, fcell.offsets, fcell.ends
                        ).to_json(),
                    }
                )
                i += 1
    return studies, outcomes


def _row_groups(
    annotated: AnnotatedDocument, table: Table, model_col: int | None, treat_col: int | None
) -> list[list[int]]:
    """Gives the body rows grouped into studies: a row with no model and no treatment carries
    on the study above it (a second line of findings), as tables typeset over several rows do.
    """
    groups: list[list[int]] = []
    for r in range(len(table.header), len(table.header) + len(table.rows)):
        texts = [c.text for c in table.rows[r - len(table.header)]]
        if not any(texts):
            continue
        model_text = cell_of(annotated, table, r, model_col)[0]
        treat_text = cell_of(annotated, table, r, treat_col)[0]
        if groups and not model_text and not treat_text:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def _row_provenance(cells: list[Cell]) -> Provenance:
    """Gives the provenance of a whole table row: from its first cell to its last."""
    first, last = cells[0].provenance, cells[-1].provenance
    if first.start is not None and last.end is not None:
        return Provenance(line=first.line, start=first.start, end=max(last.end, first.end or 0))
    return first


def _species(species: Span | None, strain: Span | None) -> tuple[str | None, str | None]:
    """Gives the species of a model: named in the cell, else implied by the strain."""
    if species is not None or strain is None:
        return norm_of(species)
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
