"""`studies`: one row per body row of a study table: one model treated one way."""

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID, RECORD_ID

# A dose unit is one amount, then any number of `/`-joined denominators (`mg/kg/day`).
DOSE_AMOUNTS = [
    "mg",
    "µg",
    "ng",
    "pg",
    "g",
    "kg",
    "IU",
    "mL",
    "µL",
    *(p + "M" for p in ("", "m", "µ", "n", "p")),
    *(p + "mol" for p in ("", "m", "µ", "n", "p")),
    "%",
]
DOSE_DENOMINATORS = ["kg", "g", "mL", "L", "day", "h", "pair", "animal", "mouse", "rat", "m2", "week"]
DOSE_UNIT = (
    f"^(?:{'|'.join(re.escape(a) for a in DOSE_AMOUNTS)})"
    f"(?:/(?:{'|'.join(re.escape(d) for d in DOSE_DENOMINATORS)}))*$"
)
DOSE_UNIT_WORDS = (
    f"an amount ({', '.join(DOSE_AMOUNTS)}) then any `/`-joined denominators "
    f"({', '.join(DOSE_DENOMINATORS)}), e.g. `mg/kg/day`, `µg/pair/day`"
)
DURATION_UNITS = ["millisecond", "second", "minute", "hour", "day", "week", "month", "year"]


class StudiesSchema(pa.DataFrameModel):
    record_id: Series[str] = pa.Field(
        str_matches=RECORD_ID, unique=True, description="Stable id: hash of doc_id, table id and row."
    )
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document the study row is in.")
    table_id: Series[str] = pa.Field(description="Study table the row is in.")
    row: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Row index in `cells` (header row is 0).")
    compound: Series[str] = pa.Field(
        nullable=True, description="Drug tested (from the treatment cell, else the table caption)."
    )
    disease: Series[str] = pa.Field(nullable=True, description="Disease modelled (MeSH label).")
    disease_id: Series[str] = pa.Field(
        nullable=True, str_matches=r"^MESH:", description="MeSH id of the disease."
    )
    model: Series[str] = pa.Field(nullable=True, description="Animal model as written.")
    species: Series[str] = pa.Field(nullable=True, description="Species (NCBI Taxonomy name).")
    species_id: Series[str] = pa.Field(
        nullable=True, str_matches=r"^NCBITaxon:\d+$", description="NCBI Taxonomy id."
    )
    strain: Series[str] = pa.Field(nullable=True, description="Strain (MRL/lpr, NC/Nga, C57BL/6...).")
    dose_value: Series[float] = pa.Field(
        nullable=True, ge=0, description="Dose (first value of a range or list)."
    )
    dose_unit: Series[str] = pa.Field(
        nullable=True,
        str_matches=DOSE_UNIT,
        description=f"Unit of dose_value as written, spelled one way: {DOSE_UNIT_WORDS}.",
    )
    dose_mg_per_kg: Series[float] = pa.Field(
        nullable=True, ge=0, description="Dose in mg/kg when the unit is mass per body mass."
    )
    dose_text: Series[str] = pa.Field(
        nullable=True, description="The dose as written, or what the source says instead (`Not specified`)."
    )
    frequency: Series[str] = pa.Field(
        nullable=True, description="Dosing frequency, normalised (once daily, twice daily...)."
    )
    route: Series[str] = pa.Field(
        nullable=True, description="Route of administration, normalised (oral, intraperitoneal...)."
    )
    duration_value: Series[float] = pa.Field(nullable=True, gt=0, description="Treatment duration.")
    duration_unit: Series[str] = pa.Field(
        nullable=True, isin=DURATION_UNITS, description="Unit of duration_value."
    )
    timing: Series[str] = pa.Field(
        nullable=True,
        isin=["after onset", "before onset", "at induction"],
        description="When treatment started relative to disease onset, when stated.",
    )
    findings: Series[str] = pa.Field(nullable=True, description="Key findings as written.")
    outcome_direction: Series[str] = pa.Field(
        isin=["improved", "no_effect", "mixed", "not_reported"],
        description="Overall direction of the row's outcomes; mixed when some measures did not change.",
    )
    ref_numbers: Series[object] = pa.Field(
        list_of={"kind": "int"}, description="Reference numbers the row cites."
    )
    field_provenance: Series[str] = pa.Field(
        json_object=(),
        description="Per field (dose, route, frequency, duration, timing), where its value was read: `from` table (the row) or text (a protocol sentence citing the row's references; the row wins), with the source span.",
    )
    provenance: Series[str] = pa.Field(json_object=(), description="Where the row is in the source (JSON).")

    class Config:
        coerce = True
        strict = False
