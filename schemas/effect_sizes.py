"""`effect_sizes`: one comparison of a treatment cohort with its control on one outcome.

Derived on every run from a document's `cohorts` and `outcome_data` (litcurate.meta.effects):
a treatment (or positive-control) cohort is paired with the one model-control cohort of the
same experiment, outcome and timepoint. SMD is Hedges' g, positive when the treatment does
better (the sign follows `greater_is_worse`); NMD is the percentage of the model's deficit the
treatment recovers, relative to a sham cohort (Vesterinen et al. 2014). `litcurate meta`
recomputes them from the reviewed view before pooling.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID


class EffectSizesSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID,
        unique=True,
        description="Stable id: hash of the comparison (document, measure, treatment and control outcome values).",
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document both cohorts are described in.")
    outcome: Series[str] = pa.Field(
        nullable=True, description="The outcome compared (as `outcome_data.outcome`)."
    )
    compound: Series[str] = pa.Field(nullable=True, description="Compound of the treatment cohort.")
    treatment_cohort_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, description="record_id of the treatment cohort in `cohorts`."
    )
    control_cohort_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, description="record_id of the model-control cohort in `cohorts`."
    )
    sham_cohort_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=RECORD_ID,
        description="record_id of the sham cohort NMD is relative to; null without one.",
    )
    measure: Series[str] = pa.Field(
        isin=["SMD", "NMD", "logOR"],
        description="SMD: Hedges' g; NMD: normalised mean difference (%); logOR: log odds ratio.",
    )
    value: Series[float] = pa.Field(description="The effect size; positive means the treatment did better.")
    se: Series[float] = pa.Field(ge=0, description="Its standard error.")
    n_treatment: Series[float] = pa.Field(gt=0, description="Animals of the treatment cohort as used.")
    n_control: Series[float] = pa.Field(
        gt=0, description="Animals of the control as used: n/k when k treatment cohorts share it."
    )
    greater_is_worse: Series[pd.BooleanDtype] = pa.Field(
        nullable=True,
        description="Whether a higher value of the outcome is worse (the sign of SMD follows it).",
    )
    timepoint: Series[str] = pa.Field(
        nullable=True, description="When the outcome was measured, when stated."
    )
    warning: Series[str] = pa.Field(
        nullable=True, description="Why the comparison needs a look (an SD under 1 % of the mean...)."
    )

    class Config:
        coerce = True
        strict = False
