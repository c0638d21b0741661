"""Pure extraction: bytes in, Document and records out. No Prefect, no writes, no network."""
