"""Study tables from a real article: rows typeset over several lines are one study."""

from __future__ import annotations

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document
from extractors.records import document_to_records


@pytest.fixture(scope="module")
def deet_studies(seed_path):
    path = seed_path.parents[1] / "corpus" / "jats" / "PMC4041896_topical-insect-repellent-safety.nxml"
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    return document_to_records(doc)["studies"]


def test_continuation_rows_join_the_study_above(deet_studies):
    # Table 1 (Results of toxicity testing of DEET...): `Acute oral toxicity | Rat | Oral LD50 =
    # 2170–3664 mg/kg`, then a row holding only `Toxicity category III: ...` for the same test.
    first = deet_studies[0]
    assert first["model"] == "Rat" and first["species_id"] == "NCBITaxon:10116"
    assert first["findings"].startswith("Oral LD50 = 2170–3664 mg/kg Toxicity category III")
    assert all(s["model"] for s in deet_studies)  # no study without its animal
    assert len(deet_studies) == 12
    species = {s["model"]: s["species_id"] for s in deet_studies}
    assert species["Rabbit"] == "NCBITaxon:9986" and species["Hamster"] == "NCBITaxon:10036"
