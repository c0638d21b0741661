"""`cohorts`: one row per group of animals treated alike in a primary paper's experiment.

A cohort is what a CAMARADES / SyRF reviewer records: the animals (species, strain, sex, age
or weight), the disease model and how it was induced, the intervention (compound, dose, route,
schedule) or its control, and how many animals. Fields the methods leave out are null: they
are never guessed.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID
from schemas.studies import DOSE_UNIT, DURATION_UNITS

ROLES = ["sham", "model_control", "treatment", "positive_control", "drug_only", "naive", "other"]


class CohortsSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, unique=True, description="Stable id: hash of doc_id and the cohort's label."
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document the cohort is described in.")
    experiment: Series[str] = pa.Field(
        nullable=True,
        description="Experiment the cohort belongs to, when the paper names several; null for one.",
    )
    label: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The paper's own name for the group: its table label (`MCAO+PRO`, `DC`) when a table prints one, else the methods' (`Group 2`).",
    )
    role: Series[str] = pa.Field(
        isin=ROLES,
        description="sham (sham-operated or non-diseased control), model_control (disease + vehicle or no treatment), treatment (disease + test compound), positive_control (disease + reference drug), drug_only (test compound without the disease), naive, other.",
    )
    species: Series[str] = pa.Field(nullable=True, description="Species (NCBI Taxonomy name).")
    species_id: Series[str] = pa.Field(
        nullable=True, str_matches=r"^NCBITaxon:\d+$", description="NCBI Taxonomy id of the species."
    )
    strain: Series[str] = pa.Field(nullable=True, description="Strain (Sprague-Dawley, C57BL/6...).")
    sex: Series[str] = pa.Field(
        nullable=True, isin=["male", "female", "both"], description="Sex of the animals."
    )
    age_or_weight: Series[str] = pa.Field(
        nullable=True, description="Age or body weight as written (`250-300 g`, `8-week-old`)."
    )
    model: Series[str] = pa.Field(
        nullable=True, description="Disease model (the first induced model the paper names)."
    )
    model_id: Series[str] = pa.Field(
        nullable=True, description="Vocabulary id of the model, when it has one."
    )
    induction: Series[str] = pa.Field(
        nullable=True, description="The sentence saying how the model was induced."
    )
    compound: Series[str] = pa.Field(
        nullable=True, description="Compound the group received (null for sham, naive and untreated groups)."
    )
    compound_id: Series[str] = pa.Field(
        nullable=True, description="DrugBank / ChEBI id of the compound, when known."
    )
    dose_value: Series[float] = pa.Field(nullable=True, ge=0, description="Dose as printed.")
    dose_unit: Series[str] = pa.Field(
        nullable=True, str_matches=DOSE_UNIT, description="Unit of dose_value (`mg/kg`, `mg/kg/h`, `IU/kg`)."
    )
    dose_mg_per_kg: Series[float] = pa.Field(
        nullable=True, ge=0, description="Dose in mg/kg when the unit is mass per body mass."
    )
    route: Series[str] = pa.Field(
        nullable=True,
        description="Route of administration, normalised (oral, intraperitoneal, intravenous...).",
    )
    frequency: Series[str] = pa.Field(
        nullable=True, description="Dosing frequency, normalised (once daily, twice daily, single dose...)."
    )
    timing: Series[str] = pa.Field(
        nullable=True,
        description="When dosing started relative to the model, as written (`at the onset of reperfusion`).",
    )
    duration_value: Series[float] = pa.Field(nullable=True, gt=0, description="Treatment duration.")
    duration_unit: Series[str] = pa.Field(
        nullable=True, isin=DURATION_UNITS, description="Unit of duration_value."
    )
    n: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Animals in the group, when the paper gives one number."
    )
    n_min: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Smallest n when the paper gives a range (`n = 7-9`); equals n otherwise.",
    )
    n_max: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Largest n when the paper gives a range; equals n otherwise."
    )
    provenance: Series[str] = pa.Field(
        json_object=(), description="Where the group is described in the source (JSON)."
    )
    field_provenance: Series[str] = pa.Field(
        json_object=(),
        description="Per field, the sentence its value was read from (JSON object: field -> sentence).",
    )

    @pa.dataframe_check(description="n_min <= n_max, and n lies between them, when given.")
    def n_range_ordered(cls, df: pd.DataFrame) -> pd.Series:
        lo, hi, n = df["n_min"], df["n_max"], df["n"]
        ok = lo.isna() | hi.isna() | (lo <= hi)
        return ok & (n.isna() | lo.isna() | ((n >= lo) & (n <= hi)))

    class Config:
        coerce = True
        strict = False
