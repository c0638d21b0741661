"""`entities`: one row per entity the spaCy pipeline tagged, with its normal form and id."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID

LABELS = [
    "DRUG",
    "DOSE",
    "CONCENTRATION",
    "ROUTE",
    "FREQUENCY",
    "DURATION",
    "CYTOKINE",
    "KINASE",
    "PROTEIN",
    "DISEASE",
    "ANIMAL_MODEL",
    "SPECIES",
    "STRAIN",
    "CELL_TYPE",
    "ASSAY",
    "POTENCY",
    "TIMING",
]


class EntitiesSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    entity_id: Series[str] = pa.Field(
        unique=True, description="Stable id: hash of the document, place and label."
    )
    label: Series[str] = pa.Field(isin=LABELS, description="Entity type.")
    text: Series[str] = pa.Field(description="The mention as written (normalised text).")
    norm: Series[str] = pa.Field(
        nullable=True, description="Normal form: HGNC symbol, MeSH label, `3 mg/kg`, `oral`..."
    )
    norm_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[A-Za-z]+:\S+",
        description="Public id (HGNC, MESH, NCBITaxon, DRUGBANK, CL...), empty for quantities.",
    )
    start: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Start offset in the block or cell text.")
    end: Series[pd.Int64Dtype] = pa.Field(ge=0, description="End offset in the block or cell text.")
    block_index: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Block the mention is in (empty in tables)."
    )
    table_id: Series[str] = pa.Field(nullable=True, description="Table the mention is in (empty in text).")
    row: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Table row.")
    col: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Table column.")
    sentence: Series[str] = pa.Field(nullable=True, description="Sentence containing the mention.")
    attributes: Series[str] = pa.Field(
        nullable=True,
        description="JSON of extra facts: values, units, qualifier, phosphorylation, long form.",
    )
    provenance: Series[str] = pa.Field(
        json_object=(), description="Where the mention is in the source (JSON, offsets into the original)."
    )

    @pa.dataframe_check(description="A mention ends after it starts.")
    def end_after_start(cls, df: pd.DataFrame) -> pd.Series:
        return df["end"] > df["start"]

    class Config:
        coerce = True
        strict = False
