"""`outcomes`: one row per effect a study row's findings state, negative findings included."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID


class OutcomesSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID,
        unique=True,
        description="Stable id: hash of the study record, position and measure.",
    )
    study_record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, description="The `studies` row this outcome belongs to."
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    measure: Series[str] = pa.Field(description="What was measured (proteinuria, STAT3 phosphorylation...).")
    direction: Series[str] = pa.Field(
        isin=["decreased", "increased", "no_change", "improved", "worsened"],
        description="Which way the measure went under treatment.",
    )
    hedged: Series[bool] = pa.Field(description="Stated with hedging (may, suggest, tended to...).")
    text: Series[str] = pa.Field(description="The words stating the outcome.")
    provenance: Series[str] = pa.Field(
        json_object=(), description="Where the words are in the source (JSON)."
    )

    class Config:
        coerce = True
        strict = False
