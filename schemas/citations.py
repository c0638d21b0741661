"""`citations`: one row per reference number cited in the text or a table's reference cell."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID


class CitationsSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    ref_number: Series[pd.Int64Dtype] = pa.Field(
        ge=1, description="Number cited; must exist in `references`."
    )
    block_index: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Block the citation is in (empty for a table cell)."
    )
    table_id: Series[str] = pa.Field(
        nullable=True, description="Table whose reference cell cites it (empty in text)."
    )
    sentence: Series[str] = pa.Field(description="The citing sentence (for a table, the row's other cells).")
    provenance: Series[str] = pa.Field(
        json_object=(), description="Where the marker is in the source (JSON)."
    )

    class Config:
        coerce = True
        strict = False
