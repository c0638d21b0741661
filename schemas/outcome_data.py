"""`outcome_data`: one row per outcome value of one cohort, as a primary paper prints it.

A value is the group mean and its error exactly as printed (no unit conversion), from a table
cell, a results sentence, or, for an outcome shown only in a figure, a row with no value
(`source = figure`) so that the reviewer knows to digitise it.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID

ERROR_TYPES = ["SD", "SEM", "CI95", "IQR", "unknown"]
SOURCES = ["table", "text", "figure"]


class OutcomeDataSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID,
        unique=True,
        description="Stable id: hash of doc_id, cohort, place (table cell or block) and the printed numbers.",
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document the value is printed in.")
    cohort_record_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=RECORD_ID,
        description="record_id of the cohort (in `cohorts`) the value is of; null only for figure rows.",
    )
    outcome: Series[str] = pa.Field(
        nullable=True,
        description="What was measured: the table header or row label, the caption, or the words before the value.",
    )
    outcome_id: Series[str] = pa.Field(
        nullable=True, description="Vocabulary id of the outcome; null when no vocabulary has it."
    )
    unit: Series[str] = pa.Field(
        nullable=True, description="Unit as printed (header parentheses, caption, or after the value)."
    )
    timepoint: Series[str] = pa.Field(
        nullable=True, description="When the outcome was measured, when stated."
    )
    mean: Series[float] = pa.Field(nullable=True, description="Group mean as printed; null for figure rows.")
    error: Series[float] = pa.Field(
        nullable=True, ge=0, description="Error as printed (its kind in error_type); null for figure rows."
    )
    error_type: Series[str] = pa.Field(
        isin=ERROR_TYPES,
        description="What the error is, from the caption, footnotes, header or statistics paragraph; unknown when none says.",
    )
    n: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Animals behind the value, when the table, legend or sentence says."
    )
    greater_is_worse: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Whether a higher value is a worse outcome; null when not known."
    )
    source: Series[str] = pa.Field(isin=SOURCES, description="table, text or figure.")
    table_id: Series[str] = pa.Field(
        nullable=True, description="Table the value is in (tables the reader found)."
    )
    row: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Row of the cell in `cells` (header rows first)."
    )
    col: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Column of the cell.")
    provenance: Series[str] = pa.Field(
        json_object=(),
        description="Where the value is in the source, with the cell, line or sentence it was read from (`evidence`).",
    )

    @pa.dataframe_check(description="Table and text rows have a mean and a cohort; figure rows have no mean.")
    def values_unless_figure(cls, df: pd.DataFrame) -> pd.Series:
        fig = df["source"] == "figure"
        return (fig & df["mean"].isna()) | (~fig & df["mean"].notna() & df["cohort_record_id"].notna())

    class Config:
        coerce = True
        strict = False


def check_cohort_links(outcome_data: pd.DataFrame, cohorts: pd.DataFrame) -> pd.Series:
    """Gives, per outcome row, whether its cohort_record_id is null or names a row of `cohorts`."""
    known = set(cohorts["record_id"]) if len(cohorts) else set()
    return outcome_data["cohort_record_id"].map(lambda c: c is None or pd.isna(c) or c in known)
