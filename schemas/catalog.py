"""The catalog: one `TableSpec` per curated table, the one description everything reads.

Storage (Arrow types of list columns), run diffs (keys, content), validation (schema and
cross-table links), review (key, summary, order), export and the report all take what they
need about a table from here, in the way kedro's DataCatalog is the one description of its
datasets. Adding a table is one schema module plus one spec below.

A record's *content* is every column but its identity, its place in the source and its
context (ids, offsets, block and table positions, the sentence around it, any `*provenance`
column): a record that only moved is unchanged, one whose fields differ is changed. The same
content hash flags a reviewed record for re-review and a run diff's "changed".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import pandera.pandas as pa

from litcurate.core.hashing import digest
from schemas.cells import CellsSchema
from schemas.citations import CitationsSchema
from schemas.cohorts import CohortsSchema
from schemas.documents import DocumentsSchema
from schemas.effect_sizes import EffectSizesSchema
from schemas.entities import EntitiesSchema
from schemas.failures import FailuresSchema
from schemas.outcome_data import OutcomeDataSchema
from schemas.outcomes import OutcomesSchema
from schemas.potency import PotencySchema
from schemas.references import ReferencesSchema
from schemas.risk_of_bias import RiskOfBiasSchema
from schemas.studies import StudiesSchema
from schemas.tables import TablesSchema

# Identity, place and context: never a record's content.
NOT_CONTENT = frozenset(
    {
        "record_id",
        "entity_id",
        "doc_id",
        "provenance",
        "start",
        "end",
        "block_index",
        "table_id",
        "row",
        "col",
        "study_record_id",
        "sentence",
        "ref_number",
        "ingested_at",
        "at",
    }
)

Summary = Callable[[Mapping[str, Any]], str]


@dataclass(frozen=True, slots=True)
class Link:
    """A cross-table rule: every value of `column` must exist in `target`.`target_column`.

    `quarantine` drops the row into `failures` (a citation whose point is the link);
    `warn` keeps the row, records a warning and marks the document partial (a study row
    citing a number the reference list lacks is still a study).
    """

    column: str
    target: str
    target_column: str
    check: str
    message: str
    on_break: Literal["quarantine", "warn"] = "quarantine"
    same_document: bool = True  # the target row must belong to the same document
    many: bool = False  # the column holds a list of values (ref_numbers)


@dataclass(frozen=True, slots=True)
class Review:
    """How a table's rows appear in the review queue."""

    summary: Summary
    label_column: str | None = None
    highlight: tuple[str, ...] = ()  # fields whose text is highlighted in the evidence
    key: Callable[[Mapping[str, Any]], str] | None = None  # the review id, if not the key column


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One curated table: its schema, identity, storage types, links and review."""

    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]  # columns that find a record again across runs
    per_document: bool = True  # written per extracted document (not documents, failures)
    list_columns: Mapping[str, str] = field(default_factory=dict)  # column -> element type
    links: tuple[Link, ...] = ()
    review: Review | None = None

    def columns(self) -> list[str]:
        """Gives the columns in schema order."""
        return list(_columns(self.model))

    def content_fields(self, row: Mapping[str, Any]) -> list[str]:
        """Gives the fields of a row that make its content (what a curator reviews and edits)."""
        return [c for c in row if c not in NOT_CONTENT and c not in self.key and not c.endswith("provenance")]

    def content_hash(self, row: Mapping[str, Any]) -> str:
        """Gives the digest of a row's content: ids, positions and context left out."""
        return digest({c: row[c] for c in self.content_fields(row)})

    def record_key(self, row: Mapping[str, Any]) -> str:
        """Gives the one-string key of a row (its review id): the id column, or the key joined."""
        if self.review is not None and self.review.key is not None:
            return self.review.key(row)
        if len(self.key) == 1:
            return str(row[self.key[0]])
        return digest({c: row[c] for c in self.key}, 20)


@cache
def _columns(model: type[pa.DataFrameModel]) -> tuple[str, ...]:
    # Building a pandera schema from its model is slow; the columns never change.
    return tuple(model.to_schema().columns)


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def _join(*parts: Any) -> str:
    return " · ".join(_s(p) for p in parts if p is not None and _s(p))


_CITES = "ref_numbers_in_references"


def reference_key(row: Mapping[str, Any]) -> str:
    """Gives the review id of a reference: its document and number (`<doc_id>-ref<n>`)."""
    return f"{row['doc_id']}-ref{int(row['ref_number'])}"


SPECS: tuple[TableSpec, ...] = (
    TableSpec("documents", DocumentsSchema, ("doc_id",), per_document=False),
    TableSpec("tables", TablesSchema, ("doc_id", "table_id"), list_columns={"header": "string"}),
    TableSpec("cells", CellsSchema, ("doc_id", "table_id", "row", "col")),
    TableSpec(
        "studies",
        StudiesSchema,
        ("record_id",),
        list_columns={"ref_numbers": "int64"},
        links=(
            Link(
                "ref_numbers",
                "references",
                "ref_number",
                _CITES,
                "studies row cites {missing}, not in the reference list",
                "warn",
                many=True,
            ),
        ),
        review=Review(
            lambda r: _join(
                r.get("compound"),
                r.get("model"),
                r.get("species"),
                r.get("dose_text"),
                r.get("route"),
                r.get("frequency"),
            ),
            "outcome_direction",
            ("model", "dose_text", "findings"),
        ),
    ),
    TableSpec(
        "outcomes",
        OutcomesSchema,
        ("record_id",),
        links=(
            Link(
                "study_record_id",
                "studies",
                "record_id",
                "study_record_id_in_studies",
                "outcome of a study row that is not in studies",
            ),
        ),
        review=Review(
            lambda r: f"{_s(r.get('measure'))}: {_s(r.get('direction'))} — {_s(r.get('text'))}",
            "direction",
            ("text", "measure"),
        ),
    ),
    TableSpec(
        "potency",
        PotencySchema,
        ("record_id",),
        list_columns={"ref_numbers": "int64"},
        links=(
            Link(
                "ref_numbers",
                "references",
                "ref_number",
                _CITES,
                "potency row cites {missing}, not in the reference list",
                "warn",
                many=True,
            ),
        ),
        review=Review(
            lambda r: (
                f"{_s(r.get('compound'))} {_s(r.get('measure'))} on {_s(r.get('target'))}: "
                f"{_s(r.get('qualifier'))}{_s(r.get('value'))} {_s(r.get('unit'))}"
            ),
            "measure",
            ("target",),
        ),
    ),
    TableSpec(
        "cohorts",
        CohortsSchema,
        ("record_id",),
        review=Review(
            lambda r: _join(
                r.get("label"),
                r.get("role"),
                r.get("species"),
                r.get("model"),
                r.get("compound"),
                _join(r.get("dose_value"), r.get("dose_unit")).replace(" · ", " "),
                r.get("route"),
                f"n={_s(r.get('n'))}" if r.get("n") is not None else None,
            ),
            "role",
            ("label", "compound"),
        ),
    ),
    TableSpec(
        "outcome_data",
        OutcomeDataSchema,
        ("record_id",),
        links=(
            Link(
                "cohort_record_id",
                "cohorts",
                "record_id",
                "cohort_record_id_in_cohorts",
                "outcome value of a cohort that is not in cohorts",
            ),
        ),
        review=Review(
            lambda r: (
                f"{_s(r.get('outcome'))}: {_s(r.get('mean'))} ± {_s(r.get('error'))} "
                f"{_s(r.get('error_type'))} {_s(r.get('unit'))} ({_s(r.get('source'))})"
            ),
            "source",
            ("outcome",),
        ),
    ),
    TableSpec(
        "risk_of_bias",
        RiskOfBiasSchema,
        ("record_id",),
        review=Review(
            lambda r: (
                f"{_s(r.get('item'))}: "
                + (
                    "not reported"
                    if not r.get("reported")
                    else "reported, negated"
                    if r.get("negated")
                    else "reported"
                )
                + (f" — {_s(r.get('sentence'))[:160]}" if r.get("sentence") else "")
            ),
            "item",
            ("sentence",),
        ),
    ),
    # Derived from cohorts and outcome_data on every run: not reviewed itself (`litcurate meta`
    # recomputes it from the reviewed rows).
    TableSpec(
        "effect_sizes",
        EffectSizesSchema,
        ("record_id",),
        links=(
            Link(
                "treatment_cohort_id",
                "cohorts",
                "record_id",
                "treatment_cohort_in_cohorts",
                "effect size of a treatment cohort that is not in cohorts",
            ),
            Link(
                "control_cohort_id",
                "cohorts",
                "record_id",
                "control_cohort_in_cohorts",
                "effect size of a control cohort that is not in cohorts",
            ),
        ),
    ),
    TableSpec(
        "references",
        ReferencesSchema,
        ("doc_id", "ref_number"),
        list_columns={"authors": "string"},
        review=Review(
            lambda r: f"[{_s(r.get('ref_number'))}] {_s(r.get('raw'))[:160]}",
            None,
            ("title",),
            key=reference_key,
        ),
    ),
    # A citation has no natural key: it is its number in its sentence (repeats numbered).
    TableSpec(
        "citations",
        CitationsSchema,
        ("doc_id", "ref_number", "sentence"),
        links=(
            Link(
                "ref_number",
                "references",
                "ref_number",
                "ref_number_in_references",
                "citation [{missing}] has no entry in the reference list",
            ),
        ),
    ),
    TableSpec(
        "entities",
        EntitiesSchema,
        ("entity_id",),
        review=Review(
            lambda r: (
                f"{_s(r.get('label'))}: {_s(r.get('text'))} → "
                f"{_s(r.get('norm'))} {_s(r.get('norm_id'))}".strip()
            ),
            "label",
            ("text",),
        ),
    ),
    TableSpec("failures", FailuresSchema, (), per_document=False),
)

CATALOG: dict[str, TableSpec] = {s.name: s for s in SPECS}
# Record tables: the ones a document's extraction produces (documents and failures are the run's).
RECORD_TABLES: list[str] = [s.name for s in SPECS if s.per_document]
SCHEMAS: dict[str, type[pa.DataFrameModel]] = {s.name: s.model for s in SPECS}
# Reviewable tables, in the order the review queue shows them.
REVIEW_ORDER = (
    "studies",
    "cohorts",
    "outcome_data",
    "outcomes",
    "potency",
    "risk_of_bias",
    "references",
    "entities",
)
REVIEWED: list[TableSpec] = [CATALOG[n] for n in REVIEW_ORDER if CATALOG[n].review is not None]
REVIEW_RANK: dict[str, int] = {s.name: i for i, s in enumerate(REVIEWED)}


def spec(table: str) -> TableSpec:
    """Gives the spec of a curated table; a KeyError names the known tables."""
    try:
        return CATALOG[table]
    except KeyError:
        raise KeyError(f"no curated table {table!r}: one of {', '.join(CATALOG)}") from None
