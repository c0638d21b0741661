"""Primary in-vivo papers -> `cohorts`, `outcome_data` and `risk_of_bias` rows.

`document_to_primary_records(annotated)` is the one entry point: pure, no IO. A paper without
a group-allocation sentence for animals has no experiment here: no cohorts and no outcome
values (risk-of-bias rows still come when the paper is about animals, so a reviewer sees what
it fails to report).
"""

from extractors.primary.records import document_to_primary_records

__all__ = ["document_to_primary_records"]
