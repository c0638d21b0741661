"""Pandera schemas: one DataFrameModel per curated table, plus cross-table checks.

The schemas are the documentation of the dataset: each module says what one row is and
every column has a description. `schemas.catalog` describes each table once for everything
else (keys, list columns, links, review).
"""

from schemas.catalog import CATALOG, RECORD_TABLES, SCHEMAS, TableSpec, spec

TABLES = RECORD_TABLES  # the tables a document's extraction produces

__all__ = ["CATALOG", "RECORD_TABLES", "SCHEMAS", "TABLES", "TableSpec", "spec"]
