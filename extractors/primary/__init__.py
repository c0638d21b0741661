"""Primary in-vivo papers -> `cohorts`, `outcome_data` and `risk_of_bias` rows.

`document_to_primary_records(annotated)` is the one entry point: pure, no IO. A paper without
a group-allocation sentence for animals has no experiment here: no cohorts and no outcome
values (risk-of-bias rows still come when the paper is about animals, so a reviewer sees what
it fails to report). A paper whose methods list no groups but whose results name each value's
group in brackets (`22.3±2.3% [control] vs 17.0±2.1% [100 mg/kg X]`) gets its cohorts, and its
experiments, from those results (`bracket_values.py`). `greater_is_worse` comes from the curated
vocabulary `extractors/vocab/outcome_directions.tsv` (`directions.py`), else stays None.
"""

from extractors.primary.records import document_to_primary_records

__all__ = ["document_to_primary_records"]
