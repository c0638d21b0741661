"""The catalog: one spec per table, read by storage, run diffs, validation and review."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from litcurate.storage import arrow_schema
from schemas.catalog import CATALOG, RECORD_TABLES, REVIEWED, spec
from schemas.validate import rows_to_frame, validate_frames


@pytest.fixture()
def seed_frames(seed_records: dict[str, list[dict[str, Any]]]) -> dict[str, pd.DataFrame]:
    return {t: rows_to_frame(t, seed_records.get(t, [])) for t in RECORD_TABLES}


def test_every_table_has_one_spec_and_its_schema_columns() -> None:
    assert set(CATALOG) >= {"documents", "failures", *RECORD_TABLES}
    for s in CATALOG.values():
        assert set(s.key) <= set(s.columns()), s.name
        assert set(s.list_columns) <= set(s.columns()), s.name
        schema = arrow_schema(s.name)
        for column in s.list_columns:
            assert str(schema.field(column).type).startswith("list"), (s.name, column)


def test_one_content_hash_ignores_place_and_context_but_not_fields() -> None:
    studies = spec("studies")
    row = {
        "record_id": "a",
        "doc_id": "d",
        "row": 3,
        "dose_value": 3.0,
        "provenance": '{"line": 3}',
        "field_provenance": "{}",
    }
    moved = {**row, "row": 4, "provenance": '{"line": 4}', "field_provenance": '{"dose": 1}'}
    assert studies.content_hash(row) == studies.content_hash(moved)
    assert studies.content_hash(row) != studies.content_hash({**row, "dose_value": 10.0})
    assert studies.content_fields(row) == ["dose_value"]


def test_reviewed_tables_put_studies_first_and_entities_last() -> None:
    names = [s.name for s in REVIEWED]
    assert names[0] == "studies" and names[-1] == "entities"
    assert names.index("references") < names.index("entities")


def test_study_citing_a_missing_reference_is_kept_with_a_warning_citation_is_quarantined(
    seed_frames: dict[str, pd.DataFrame],
) -> None:
    frames = seed_frames
    refs = frames["references"]
    assert len(refs) == 17 and len(frames["studies"]) == 6
    # The reference list lost: every link from the seed's tables and text breaks.
    frames["references"] = refs.iloc[0:0]
    result = validate_frames(frames)
    assert len(result.valid["studies"]) == 6  # the rows stay
    assert len(result.valid["potency"]) == len(frames["potency"])
    assert result.valid["citations"].empty  # a citation's point is its link
    assert not [f for f in result.failures if f["table"] in ("studies", "potency")]
    warned = [f for f in result.warnings if f["table"] == "studies"]
    assert len(warned) == 6 and all("(row kept)" in f["message"] for f in warned)
    assert all(f["check"] == "ref_numbers_in_references" and f["stage"] == "warning" for f in warned)
    quarantined = [f for f in result.failures if f["table"] == "citations"]
    assert len(quarantined) == len(frames["citations"])


def test_outcome_of_a_missing_study_is_quarantined(seed_frames: dict[str, pd.DataFrame]) -> None:
    frames = seed_frames
    dropped = frames["studies"]["record_id"].iloc[0]
    frames["studies"] = frames["studies"].iloc[1:]
    result = validate_frames(frames)
    orphans = (frames["outcomes"]["study_record_id"] == dropped).sum()
    assert orphans > 0
    assert len(result.valid["outcomes"]) == len(frames["outcomes"]) - orphans
    assert sum(f["check"] == "study_record_id_in_studies" for f in result.failures) == orphans
