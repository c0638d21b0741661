"""Groups, values and risk-of-bias findings -> rows of `cohorts`, `outcome_data`, `risk_of_bias`.

Record ids hash the document id and a natural key (the cohort's label; the value's cohort,
place and numbers; the item), never the run, so reviews survive re-extraction.
"""

from __future__ import annotations

import json
import re
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.animals import animals
from extractors.primary.bracket_values import bracket_results
from extractors.primary.directions import greater_is_worse
from extractors.primary.flattened_tables import flattened_to_values
from extractors.primary.groups import Group, text_to_groups
from extractors.primary.labels import match_label
from extractors.primary.outcome_tables import (
    OutcomeValue,
    figures_to_outcomes,
    stats_statement,
    table_to_values,
)
from extractors.primary.outcome_text import dose_text_values, text_to_values
from extractors.primary.risk_of_bias import risk_of_bias
from extractors.primary.text import Sentence, doubling_rate
from extractors.primary.values import error_type_of
from extractors.spans import record_id

COHORT_FIELDS = [
    "compound",
    "compound_id",
    "dose_value",
    "dose_unit",
    "dose_mg_per_kg",
    "route",
    "frequency",
    "timing",
    "duration_value",
    "duration_unit",
    "n",
    "n_min",
    "n_max",
]
ANIMAL_FIELDS = ["species", "species_id", "strain", "sex", "age_or_weight", "model", "model_id", "induction"]


def _prov(annotated: AnnotatedDocument, s: Sentence | None) -> str:
    if s is None:
        return "{}"
    p = annotated.provenance_of(s.span.doc, s.span.start_char, s.span.end_char)
    return p.to_json() if p else json.dumps({"block": s.block})


_HUSBANDRY = re.compile(
    r"\b(?:were|was)\s+(?:\w+\s+){0,2}(?:housed|anesthetized|anaesthetized|anesthetised|anaesthetised|"
    r"purchased|acclimati[sz]ed|obtained\s+from|euthanized|euthanised|sacrificed)\b",
    re.I,
)


def _animal_paper(annotated: AnnotatedDocument) -> bool:
    """Gives whether the paper reports its own animal work: a non-human species named in at
    least three sentences, and the husbandry only a primary paper describes (animals housed,
    anaesthetised, obtained from a supplier, acclimatised)."""
    from extractors.primary.text import sentences
    from extractors.spans import ents_of

    hits, dosed = 0, False
    for s in sentences(annotated):
        if any(
            e.kb_id_ not in ("", "NCBITaxon:9606") and s.span.start_char <= e.start_char < s.span.end_char
            for e in ents_of(s.span.doc, "SPECIES")
        ):
            hits += 1
            dosed = dosed or bool(_HUSBANDRY.search(s.text))
    return hits >= 3 and dosed


def _generic(label: str) -> bool:
    return bool(re.fullmatch(r"Group\s+\w{1,4}", label))


def _relabel(groups: list[Group], values: list[OutcomeValue]) -> None:
    """Gives a group named only `Group B` in the methods the label its tables print (`DGL`)."""
    for i, g in enumerate(groups):
        names = {v.group_label for v in values if v.group == i and v.group_label}
        if _generic(g.label) and len(names) == 1:
            g.sources["methods_label"] = g.label
            g.label = names.pop()  # type: ignore[assignment]


def _dedupe(values: list[OutcomeValue]) -> list[OutcomeValue]:
    """Gives the values without repeats: a sentence repeating a table's value, a table the
    reader found that is also in the text layer (same group, mean and error)."""
    in_tables: dict[tuple[Any, ...], str | None] = {}
    out = []
    for v in values:
        key = (v.group, v.mean, v.error)
        if key in in_tables and (v.source == "text" or in_tables[key] != v.table_id):
            continue
        if v.source == "table":
            in_tables.setdefault(key, v.table_id)
        out.append(v)
    return out


def _cohort_rows(
    annotated: AnnotatedDocument, groups: list[Group], info: dict[str, Any]
) -> list[dict[str, Any]]:
    doc_id = annotated.document.doc_id
    sources = info.get("_sources", {})
    rows = []
    seen: dict[str, int] = {}
    for g in groups:
        # Two groups the paper names alike (`Group 1` of two experiments) keep apart by order.
        seen[g.label] = seen.get(g.label, 0) + 1
        key = g.label if seen[g.label] == 1 else f"{g.label}#{seen[g.label]}"
        row: dict[str, Any] = {
            "record_id": record_id(doc_id, "cohorts", key),
            "doc_id": doc_id,
            "experiment": None,
            "label": g.label,
            "role": g.role,
        }
        for f in ANIMAL_FIELDS:
            row[f] = info.get(f)
        for f in COHORT_FIELDS:
            row[f] = g.fields.get(f)
        fp = {f: sources[f] for f in ANIMAL_FIELDS if f in sources and info.get(f) is not None}
        fp.update({f: g.sources[f] for f in g.sources})
        row["provenance"] = _prov(annotated, g.sentence)
        row["field_provenance"] = json.dumps(fp, ensure_ascii=False, sort_keys=True)
        rows.append(row)
    return rows


def _value_rows(
    annotated: AnnotatedDocument, values: list[OutcomeValue], cohort_ids: list[str]
) -> list[dict[str, Any]]:
    doc = annotated.document
    rows = []
    seen: dict[tuple[Any, ...], int] = {}
    for v in values:
        cid = cohort_ids[v.group] if v.group is not None else None
        where = v.table_id or (f"block{v.block}" if v.block is not None else "")
        key = (cid or "", v.source, where, v.row, v.col, v.outcome, v.mean, v.error)
        # The same value printed twice in one line for one group stays two rows, in order.
        seen[key] = seen.get(key, 0) + 1
        rid = record_id(doc.doc_id, "outcome_data", *key, *([seen[key]] if seen[key] > 1 else []))
        prov: dict[str, Any] = {"evidence": v.evidence[:500]}
        if v.table_id is not None and v.row is not None and v.col is not None:
            table = next(t for t in doc.tables if t.table_id == v.table_id)
            cell = (table.header + table.rows)[v.row][v.col]
            prov.update(json.loads(cell.provenance.to_json()))
        elif v.block is not None:
            block = doc.blocks[v.block]
            p = (
                block.provenance
                if v.start is None
                else block.provenance.span(v.start, v.end or v.start, block.offsets, block.ends)
            )
            prov.update(json.loads(p.to_json()))
        rows.append(
            {
                "record_id": rid,
                "doc_id": doc.doc_id,
                "cohort_record_id": cid,
                "outcome": v.outcome or None,
                "outcome_id": None,
                "unit": v.unit,
                "timepoint": v.timepoint,
                "mean": v.mean,
                "error": v.error,
                "error_type": v.error_type,
                "n": v.n,
                "greater_is_worse": greater_is_worse(v.outcome),
                "source": v.source,
                "table_id": v.table_id,
                "row": v.row,
                "col": v.col,
                "provenance": json.dumps(prov, ensure_ascii=False, sort_keys=True),
            }
        )
    return rows


def _bracket_records(
    annotated: AnnotatedDocument, out: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Gives the cohorts and values of a paper whose methods list no groups but whose results
    name each value's group in brackets (`22.3±2.3% [control] vs 17.0±2.1% [100 mg/kg X]`)."""
    cohorts, values = bracket_results(annotated)
    if not cohorts:
        return out
    doc_id = annotated.document.doc_id
    info = animals(annotated, None)
    sources = info.get("_sources", {})
    stats = stats_statement(annotated)
    ids = []
    for c in cohorts:
        key = f"{c.experiment}: {c.label}" if c.experiment else c.label
        row: dict[str, Any] = {
            "record_id": record_id(doc_id, "cohorts", key),
            "doc_id": doc_id,
            "experiment": c.experiment,
            "label": c.label,
            "role": c.role,
        }
        row.update({f: info.get(f) for f in ANIMAL_FIELDS})
        row.update(dict.fromkeys(COHORT_FIELDS))
        row.update(
            compound=c.compound,
            dose_value=c.dose_value,
            dose_unit=c.dose_unit,
            n=c.n,
            n_min=c.n_min,
            n_max=c.n_max,
        )
        if c.dose_unit and re.fullmatch(r"mg\s*/\s*kg", c.dose_unit):
            row["dose_mg_per_kg"] = c.dose_value
        fp = {f: sources[f] for f in ANIMAL_FIELDS if f in sources and info.get(f) is not None}
        fp.update({"label": c.sentence.text, "role": c.sentence.text})
        row["provenance"] = _prov(annotated, c.sentence)
        row["field_provenance"] = json.dumps(fp, ensure_ascii=False, sort_keys=True)
        out["cohorts"].append(row)
        ids.append(row["record_id"])
    # A value printed without an error (`mortality: 52% [control]`) has no error type.
    ov = [
        OutcomeValue(
            v.cohort,
            v.outcome,
            v.unit,
            v.mean,
            v.error,
            (error_type_of(v.sentence.text) or stats[0] or "unknown") if v.error is not None else "unknown",
            None,
            "text",
            None,
            None,
            None,
            v.sentence.text,
            v.sentence.block,
            v.sentence.span.start_char + v.start,
            v.sentence.span.start_char + v.end,
        )
        for v in values
    ]
    out["outcome_data"] = _value_rows(annotated, ov, ids)
    return out


def document_to_primary_records(annotated: AnnotatedDocument) -> dict[str, list[dict[str, Any]]]:
    """Gives the `cohorts`, `outcome_data` and `risk_of_bias` rows of one annotated Document."""
    doc = annotated.document
    out: dict[str, list[dict[str, Any]]] = {"cohorts": [], "outcome_data": [], "risk_of_bias": []}
    groups, alloc = text_to_groups(annotated)
    rob = risk_of_bias(annotated)
    about_animals = (
        bool(groups)
        or any(
            f.reported
            and f.item == "welfare_compliance"
            and f.sentence is not None
            and re.search(r"animal|experiments|procedures", f.sentence.text, re.I)
            for f in rob
        )
        or _animal_paper(annotated)
    )
    if about_animals:
        out["risk_of_bias"] = [
            {
                "record_id": record_id(doc.doc_id, "risk_of_bias", f.item),
                "doc_id": doc.doc_id,
                "item": f.item,
                "reported": f.reported,
                "negated": f.negated,
                "sentence": f.sentence.text if f.sentence else None,
                "provenance": _prov(annotated, f.sentence),
            }
            for f in rob
        ]
    if not groups:
        return _bracket_records(annotated, out) if about_animals else out
    if all(g.from_legends for g in groups) and about_animals:
        # Results that name each value's group in brackets say more (experiments, values)
        # than legends and a dosing sentence.
        _bracket_records(annotated, out)
        if out["cohorts"]:
            return out
    info = animals(annotated, alloc)
    pairs = [(g.label, g.description) for g in groups]

    def match(label: str) -> int | None:
        return match_label(label, pairs)

    stats = stats_statement(annotated)
    values: list[OutcomeValue] = []
    for table in doc.tables:
        values.extend(table_to_values(table, match, stats))
    fix = doubling_rate(" ".join(b.text for b in doc.blocks)) > 0.01
    values.extend(flattened_to_values(annotated, match, stats, fix))
    values.extend(text_to_values(annotated, match, stats))
    values.extend(dose_text_values(annotated, groups, stats))
    values = _dedupe(values)
    _relabel(groups, values)
    out["cohorts"] = _cohort_rows(annotated, groups, info)
    ids = [r["record_id"] for r in out["cohorts"]]
    out["outcome_data"] = _value_rows(annotated, values + figures_to_outcomes(annotated), ids)
    return out
