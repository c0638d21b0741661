"""`failures`: one row per thing that went wrong: an unreadable document or a rejected row."""

import pandera.pandas as pa
from pandera.typing import Series


class FailuresSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(nullable=True, description="Document concerned.")
    source_path: Series[str] = pa.Field(nullable=True, description="Path of the source file.")
    stage: Series[str] = pa.Field(
        isin=["read", "extract", "validate", "crosscheck", "warning", "write"],
        description="Pipeline stage that failed; `warning`: a broken link whose row was kept (a study citing a number the reference list lacks).",
    )
    table: Series[str] = pa.Field(nullable=True, description="Curated table of the rejected row.")
    column: Series[str] = pa.Field(nullable=True, description="Column that failed a check.")
    check: Series[str] = pa.Field(nullable=True, description="Check that failed.")
    failure_case: Series[str] = pa.Field(
        nullable=True, description="The failing value (as text) or the quarantined row (JSON)."
    )
    message: Series[str] = pa.Field(description="What went wrong, for a curator.")
    at: Series[str] = pa.Field(description="UTC time (ISO 8601).")

    class Config:
        coerce = True
        strict = False
