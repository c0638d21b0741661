"""Potency tables -> `potency` rows: one per target row and measure column.

`IC50 (nM)` columns give the measure and unit; a cell such as `>400` gives the qualifier and
value; the target's HGNC id comes from the entities the pipeline found in the target cell.
"""

from __future__ import annotations

from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.citations import cell_ref_numbers
from extractors.document import Table
from extractors.entities.vocab import lookup
from extractors.quantities import parse_qualified_value, to_nanomolar
from extractors.spans import cell_of, ents_of, first_ent, norm_of, record_id
from extractors.tables import header_to_roles, potency_header_measure


def potency_table_to_records(annotated: AnnotatedDocument, table: Table) -> list[dict[str, Any]]:
    """Gives the `potency` rows of one potency table: one per target row and measure column."""
    doc_id = annotated.document.doc_id
    headers = table.header_texts()
    roles = header_to_roles(headers)
    caption_doc = annotated.captions.get(table.table_id)
    compound = norm_of(first_ent([caption_doc], "DRUG"))[0] or _document_compound(annotated)
    target_col = roles.get("target") if roles.get("target") is not None else 0
    value_cols = [
        i
        for i, h in enumerate(headers)
        if i != target_col and potency_header_measure(h)[0] and _is_potency_header(h)
    ]
    out = []
    for r in range(len(table.header), len(table.header) + len(table.rows)):
        target_text, target_doc = cell_of(annotated, table, r, target_col)
        refs_text, _ = cell_of(annotated, table, r, roles.get("references"))
        target_span = first_ent([target_doc], "KINASE") or first_ent([target_doc], "PROTEIN")
        entry = lookup(target_text)
        target_id = (
            (target_span.kb_id_ or target_span.id_)
            if target_span is not None
            else (entry.id if entry else None)
        )
        for c in value_cols:
            text, _ = cell_of(annotated, table, r, c)
            parsed = parse_qualified_value(text)
            if parsed is None:
                continue
            measure, header_unit = potency_header_measure(headers[c])
            unit = parsed["unit"] or header_unit
            cell = (table.header + table.rows)[r][c]
            out.append(
                {
                    "record_id": record_id(doc_id, "potency", table.table_id, compound, target_text, measure),
                    "doc_id": doc_id,
                    "compound": compound,
                    "target": target_text or None,
                    "target_id": target_id or None,
                    "measure": measure,
                    "qualifier": parsed["qualifier"],
                    "value": parsed["value"],
                    "unit": unit,
                    "value_nM": to_nanomolar(parsed["value"], unit),
                    "ref_numbers": cell_ref_numbers(refs_text),
                    "provenance": cell.provenance.to_json(),
                }
            )
    return out


def _is_potency_header(header: str) -> bool:
    return header_to_roles([header]).get("potency") == 0


def _document_compound(annotated: AnnotatedDocument) -> str | None:
    """Gives the drug the document is about: the one it names most often."""
    counts: dict[str, int] = {}
    for d in annotated.blocks:
        for e in ents_of(d, "DRUG"):
            norm = norm_of(e)[0] or e.text
            counts[norm] = counts.get(norm, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
