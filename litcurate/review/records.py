"""Which curated tables hold reviewable records, how each record is keyed, hashed and shown.

A record's key is its stable id (`record_id`, `entity_id`, or doc id plus reference number),
so a decision made before a re-extraction finds the same record after it. The content hash
covers the fields a curator reviews (not ids or positions), so a record whose content the
extractor changed is flagged for re-review, while one that merely moved is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from litcurate.values import plain

# Identity, place and context: these do not make a record's content (nor does any column
# ending in `provenance`, such as the studies' per-field `field_provenance`).
NOT_CONTENT = {"record_id", "entity_id", "doc_id", "provenance", "start", "end", "block_index",
               "table_id", "row", "col", "study_record_id", "sentence", "ref_number"}  # fmt: skip


def _s(v: Any) -> str:
    return "" if v is None else str(v)


@dataclass(frozen=True, slots=True)
class RecordTable:
    """How one curated table's rows are reviewed."""

    name: str
    key: Callable[[Mapping[str, Any]], str]
    label_column: str | None
    summary: Callable[[Mapping[str, Any]], str]
    highlight: tuple[str, ...] = ()  # fields whose text is highlighted in the evidence


def reference_key(row: Mapping[str, Any]) -> str:
    """Gives the review key of a reference: its document and number (`<doc_id>-ref<n>`)."""
    return f"{row['doc_id']}-ref{int(row['ref_number'])}"


RECORD_TABLES: dict[str, RecordTable] = {
    "studies": RecordTable(
        "studies", lambda r: str(r["record_id"]), "outcome_direction",
        lambda r: " · ".join(x for x in (_s(r.get("compound")), _s(r.get("model")), _s(r.get("species")),
                                         _s(r.get("dose_text")), _s(r.get("route")), _s(r.get("frequency"))) if x),
        ("model", "dose_text", "findings"),
    ),
    "outcomes": RecordTable(
        "outcomes", lambda r: str(r["record_id"]), "direction",
        lambda r: f"{_s(r.get('measure'))}: {_s(r.get('direction'))} — {_s(r.get('text'))}", ("text", "measure"),
    ),
    "potency": RecordTable(
        "potency", lambda r: str(r["record_id"]), "measure",
        lambda r: f"{_s(r.get('compound'))} {_s(r.get('measure'))} on {_s(r.get('target'))}: "
                  f"{_s(r.get('qualifier'))}{_s(r.get('value'))} {_s(r.get('unit'))}", ("target",),
    ),
    "entities": RecordTable(
        "entities", lambda r: str(r["entity_id"]), "label",
        lambda r: f"{_s(r.get('label'))}: {_s(r.get('text'))} → {_s(r.get('norm'))} {_s(r.get('norm_id'))}".strip(),
        ("text",),
    ),
    "references": RecordTable(
        "references", reference_key, None,
        lambda r: f"[{_s(r.get('ref_number'))}] {_s(r.get('raw'))[:160]}", ("title",),
    ),
}  # fmt: skip
TABLE_RANK = {name: i for i, name in enumerate(RECORD_TABLES)}


def content_fields(table: str, row: Mapping[str, Any]) -> list[str]:
    """Gives the fields of a record a curator reviews (and may edit), in column order."""
    return [c for c in row if c not in NOT_CONTENT and not c.endswith("provenance")]


def content_hash(table: str, row: Mapping[str, Any]) -> str:
    """Gives a digest of the reviewed fields of a record (ids and positions left out)."""
    content = {c: plain(row[c]) for c in content_fields(table, row)}
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def to_json(row: Mapping[str, Any]) -> str:
    """Gives a record as a JSON object of plain values."""
    return json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False, default=str)
