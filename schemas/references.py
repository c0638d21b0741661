"""`references`: one row per item of a document's reference list."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID


class ReferencesSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    ref_number: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Number of the item in the list.")
    raw: Series[str] = pa.Field(description="The item as written (normalised text).")
    title: Series[str] = pa.Field(nullable=True, description="Title, without site decorations.")
    authors: Series[object] = pa.Field(list_of={"kind": "str"}, description="Authors as written.")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1500, le=2100, description="Publication year.")
    venue: Series[str] = pa.Field(
        nullable=True, description="Journal, or the site the title was copied from (PMC, PubMed...)."
    )
    doi: Series[str] = pa.Field(nullable=True, str_matches=r"^10\.\d{4,9}/\S+$", description="DOI.")
    pmid: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{1,9}$", description="PubMed id.")
    pmcid: Series[str] = pa.Field(nullable=True, str_matches=r"^PMC\d+$", description="PubMed Central id.")
    url: Series[str] = pa.Field(nullable=True, description="URL given in the item.")
    source_domain: Series[str] = pa.Field(nullable=True, description="Web domain the item was copied from.")
    provenance: Series[str] = pa.Field(json_object=(), description="Where the item is in the source (JSON).")

    class Config:
        coerce = True
        strict = False
        unique = ["doc_id", "ref_number"]  # noqa: RUF012 (pandera reads it)
