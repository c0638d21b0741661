"""`cells`: one row per table cell, header cells included, spans resolved."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID


class CellsSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document the cell is in.")
    table_id: Series[str] = pa.Field(description="Table the cell is in.")
    row: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Row index, header rows first (0-based).")
    col: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Column index (0-based).")
    text: Series[str] = pa.Field(nullable=True, description="Normalised cell text.")
    is_header: Series[bool] = pa.Field(description="Whether the cell is in a header row.")
    provenance: Series[str] = pa.Field(json_object=(), description="Where the cell is in the source (JSON).")

    class Config:
        coerce = True
        strict = False
        unique = ["doc_id", "table_id", "row", "col"]  # noqa: RUF012 (pandera reads it)
