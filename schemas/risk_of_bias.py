"""`risk_of_bias`: one row per paper and risk-of-bias item: whether the paper reports it, and where.

The eight CAMARADES / SyRF reporting items. `reported` means the paper states the item for its
animal experiments; `negated` that it states it was not done (`the investigator was not
blinded`): reported and negated is a no, not a yes. Statements whose point is the statement
(ethics approval, conflict-of-interest declaration, account of exclusions) are never negated.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID

ITEMS = [
    "random_allocation",
    "blinded_assessment",
    "blinded_induction",
    "allocation_concealment",
    "sample_size_calculation",
    "welfare_compliance",
    "conflict_of_interest",
    "animal_exclusions",
]


class RiskOfBiasSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, unique=True, description="Stable id: hash of doc_id and the item."
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document assessed.")
    item: Series[str] = pa.Field(isin=ITEMS, description="Risk-of-bias item.")
    reported: Series[bool] = pa.Field(
        description="Whether the paper states the item for its animal experiments."
    )
    negated: Series[bool] = pa.Field(
        description="Whether the statement says it was not done (`not blinded`)."
    )
    sentence: Series[str] = pa.Field(
        nullable=True, description="The sentence that states the item; null when not reported."
    )
    provenance: Series[str] = pa.Field(
        json_object=(), description="Where the sentence is in the source (JSON; `{}` when not reported)."
    )

    @pa.dataframe_check(description="A reported item has its sentence; a negated item is reported.")
    def sentence_when_reported(cls, df: pd.DataFrame) -> pd.Series:
        return (df["reported"] == df["sentence"].notna()) & (~df["negated"] | df["reported"])

    @pa.dataframe_check(description="Each document has each item once.")
    def one_row_per_item(cls, df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(["doc_id", "item"], keep=False)

    class Config:
        coerce = True
        strict = False
