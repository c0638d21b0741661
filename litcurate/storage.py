"""The curated dataset on disk: one Parquet file per document per table.

`curated/<table>/<doc_id>.parquet`, so one document can be re-extracted without touching the
rest, and `pandas.read_parquet("curated/<table>")` or DuckDB read a table whole. Every write
is atomic (temporary file, then rename), and every table has a fixed Arrow schema so files
written at different times always read back together.
"""

from __future__ import annotations

import os
import uuid
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from litcurate.core.errors import LitcurateError, UsageError
from schemas.catalog import spec


class StorageError(LitcurateError):
    """Reading or writing the curated dataset failed."""


class NotADatasetError(UsageError):
    """The folder given as the curated dataset holds none."""


def require_dataset(curated: str | Path) -> Path:
    """Gives the folder when it holds a curated dataset (a `documents` table); raises
    `NotADatasetError` naming it otherwise, so no reading command reports an empty dataset
    for a typo."""
    root = Path(curated)
    if not (root / "documents").is_dir():
        what = "does not exist" if not root.exists() else "holds no curated dataset"
        raise NotADatasetError(f"{root} {what} (give --curated the folder `litcurate ingest` wrote)")
    return root


def columns(table: str) -> list[str]:
    """Gives the columns of a curated table in schema order."""
    return spec(table).columns()


@cache
def _arrow_type(table: str, column: str) -> pa.DataType:
    element = spec(table).list_columns.get(column)
    if element is not None:
        return pa.list_(pa.type_for_alias(element))
    dtype = str(spec(table).model.to_schema().columns[column].dtype)
    if dtype in ("Int64", "int64"):
        return pa.int64()
    if dtype in ("float64", "Float64"):
        return pa.float64()
    if dtype in ("bool", "boolean"):
        return pa.bool_()
    return pa.string()


def arrow_schema(table: str, extra: list[str] | None = None) -> pa.Schema:
    """Gives the Arrow schema of a curated table (schema columns, then any extra as text)."""
    fields = [pa.field(c, _arrow_type(table, c)) for c in columns(table)]
    fields += [pa.field(c, pa.string()) for c in extra or [] if c not in columns(table)]
    return pa.schema(fields)


def _column_to_arrow(values: pd.Series, kind: pa.DataType) -> pa.Array:
    if pa.types.is_list(kind):
        return pa.array([[] if v is None or (isinstance(v, float) and pd.isna(v)) else list(v)
                         for v in values], type=kind)  # fmt: skip
    if pa.types.is_string(kind) and values.dtype == object:
        values = values.map(lambda v: v if v is None or isinstance(v, str) or pd.isna(v) else str(v))
    return pa.array(values, type=kind, from_pandas=True)


def _to_arrow(table: str, df: pd.DataFrame) -> pa.Table:
    extra = [c for c in df.columns if c not in columns(table)]
    schema = arrow_schema(table, extra)
    arrays = [
        _column_to_arrow(df[f.name], f.type) if f.name in df.columns else pa.nulls(len(df), f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


class CuratedStore:
    """Reads and writes the curated dataset under one root folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def table_dir(self, table: str) -> Path:
        """Gives the folder of a table."""
        return self.root / table

    def write(self, table: str, doc_id: str, df: pd.DataFrame) -> None:
        """Writes (or, when empty, removes) a document's rows of a table, atomically."""
        path = self.table_dir(table) / f"{doc_id}.parquet"
        try:
            if df.empty:
                path.unlink(missing_ok=True)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.parent / f".{doc_id}.{uuid.uuid4().hex}.tmp"
            pq.write_table(_to_arrow(table, df), tmp)
            os.replace(tmp, path)
        except (OSError, pa.ArrowException) as exc:
            raise StorageError(f"cannot write {path}: {exc}") from exc

    def read(self, table: str, doc_ids: list[str] | None = None) -> pd.DataFrame:
        """Gives a whole table (or the rows of some documents); empty with columns if none."""
        folder = self.table_dir(table)
        files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
        if doc_ids is not None:
            wanted = set(doc_ids)
            files = [f for f in files if f.stem in wanted]
        if not files:
            return arrow_schema(table).empty_table().to_pandas()
        try:
            # One scan over all files with the table's schema: ~8x faster than a read per
            # file at 500 documents, and a file written before a column existed reads as null.
            dataset = pads.dataset([str(f) for f in files], schema=arrow_schema(table), format="parquet")
            return dataset.to_table().to_pandas()
        except (OSError, pa.ArrowException) as exc:
            raise StorageError(f"cannot read {folder}: {exc}") from exc

    def doc_ids(self, table: str) -> list[str]:
        """Gives the documents that have rows in a table."""
        folder = self.table_dir(table)
        return sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []

    def delete(self, table: str, doc_id: str) -> None:
        """Removes a document's rows from a table."""
        (self.table_dir(table) / f"{doc_id}.parquet").unlink(missing_ok=True)
