"""`tables`: one row per table found in a document."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID


class TablesSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document the table is in.")
    table_id: Series[str] = pa.Field(
        description="Table id within the document (t1, t2... in reading order, or the source's label)."
    )
    caption: Series[str] = pa.Field(
        nullable=True, description="Caption or the heading/paragraph introducing the table."
    )
    kind: Series[str] = pa.Field(
        isin=["study", "potency", "other"],
        description="study (animal model + treatment/findings), potency (IC50/Ki/EC50/Kd columns) or other, from the header.",
    )
    n_rows: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Body rows (header rows not counted).")
    n_cols: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Columns after span resolution.")
    header: Series[object] = pa.Field(list_of={"kind": "str"}, description="One header string per column.")
    provenance: Series[str] = pa.Field(json_object=(), description="Where the table is in the source (JSON).")

    class Config:
        coerce = True
        strict = False
        unique = ["doc_id", "table_id"]  # noqa: RUF012 (pandera reads it)
