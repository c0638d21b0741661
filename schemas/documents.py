"""`documents`: one row per source document ingested, whatever became of it."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.common import DOC_ID


class DocumentsSchema(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(
        str_matches=DOC_ID,
        unique=True,
        description="Stable id: 16 hex chars of SHA-256 of the path relative to the ingested folder.",
    )
    source_path: Series[str] = pa.Field(description="Path of the source file as given to ingest.")
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes: the document's version."
    )
    media_type: Series[str] = pa.Field(
        nullable=True, description="Media type detected from the content (text/markdown, application/pdf...)."
    )
    title: Series[str] = pa.Field(nullable=True, description="Title of the document, as the reader found it.")
    n_pages: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Pages (PDF only).")
    n_tables: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Tables found.")
    n_references: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Reference-list items found.")
    extractor_version: Series[str] = pa.Field(
        description="Version of the extractor that produced the rows; a change makes the document stale."
    )
    ingested_at: Series[str] = pa.Field(description="UTC time (ISO 8601) the rows were written.")
    status: Series[str] = pa.Field(
        isin=["ok", "partial", "failed", "removed", "duplicate"],
        description="ok: all rows valid; partial: some rows quarantined to failures or a broken link warned of there; failed: nothing extracted; removed: the source left raw/; duplicate: the same bytes as the document in duplicate_of, so nothing is extracted twice.",
    )
    error: Series[str] = pa.Field(nullable=True, description="Why the document failed or is partial.")
    duplicate_of: Series[str] = pa.Field(
        nullable=True,
        description="For a duplicate: the id of the document with the same bytes, which alone holds the rows.",
    )

    class Config:
        coerce = True
        strict = False
