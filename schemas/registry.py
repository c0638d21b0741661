"""Every curated table by name, with its schema."""

from __future__ import annotations

from functools import cache

import pandera.pandas as pa

from schemas.cells import CellsSchema
from schemas.citations import CitationsSchema
from schemas.documents import DocumentsSchema
from schemas.entities import EntitiesSchema
from schemas.failures import FailuresSchema
from schemas.outcomes import OutcomesSchema
from schemas.potency import PotencySchema
from schemas.references import ReferencesSchema
from schemas.studies import StudiesSchema
from schemas.tables import TablesSchema

SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsSchema,
    "tables": TablesSchema,
    "cells": CellsSchema,
    "studies": StudiesSchema,
    "outcomes": OutcomesSchema,
    "potency": PotencySchema,
    "references": ReferencesSchema,
    "citations": CitationsSchema,
    "entities": EntitiesSchema,
    "failures": FailuresSchema,
}
# Record tables: the ones a document's extraction produces (documents and failures are the run's).
TABLES = [t for t in SCHEMAS if t not in ("documents", "failures")]


def columns(table: str) -> list[str]:
    """Gives the columns of a table in schema order."""
    return list(_columns(table))


@cache
def _columns(table: str) -> tuple[str, ...]:
    # Building a pandera schema from its model is slow; the columns never change.
    return tuple(SCHEMAS[table].to_schema().columns)
