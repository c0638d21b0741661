"""`potency`: one row per potency value (IC50, Ki, EC50, Kd) of a compound on a target."""

import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID


class PotencySchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID,
        unique=True,
        description="Stable id: hash of doc, table, compound, target and measure.",
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    compound: Series[str] = pa.Field(nullable=True, description="Compound measured.")
    target: Series[str] = pa.Field(nullable=True, description="Target as written (JAK1...).")
    target_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^(HGNC|FPLX|UP|CHEBI|LITCURATE):",
        description="HGNC (or FamPlex) id of the target.",
    )
    measure: Series[str] = pa.Field(
        isin=["IC50", "Ki", "EC50", "Kd", "ED50", "IC90", "pIC50"], description="Kind of potency value."
    )
    qualifier: Series[str] = pa.Field(
        isin=["=", ">", "<", "~", ">=", "<="], description="Qualifier as written (`>400` -> `>`)."
    )
    value: Series[float] = pa.Field(ge=0, description="Value as written, in `unit`.")
    unit: Series[str] = pa.Field(nullable=True, description="Unit as written or stated by the column header.")
    value_nM: Series[float] = pa.Field(nullable=True, ge=0, description="Value in nM when the unit is molar.")
    ref_numbers: Series[object] = pa.Field(
        list_of={"kind": "int"}, description="Reference numbers cited for the value (may be empty)."
    )
    provenance: Series[str] = pa.Field(json_object=(), description="Where the value is in the source (JSON).")

    class Config:
        coerce = True
        strict = False
