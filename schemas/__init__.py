"""Pandera schemas: one DataFrameModel per curated table, plus cross-table checks.

The schemas are the documentation of the dataset: each module says what one row is and
every column has a description.
"""

from schemas.registry import SCHEMAS, TABLES

__all__ = ["SCHEMAS", "TABLES"]
