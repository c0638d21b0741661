"""Every fact the Foundation issue lists for the seed guide, read back from curated Parquet.

Each expected value was checked by reading ../shared/seed/baricitinib-preclinical-meta-analysis.md
(line numbers below are the guide's).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from schemas.catalog import SCHEMAS
from schemas.validate import validate_frames


@pytest.fixture(scope="module")
def tables(seed_curated):
    store, _ = seed_curated
    return {t: store.read(t) for t in SCHEMAS}


@pytest.fixture(scope="module")
def studies(tables):
    df = tables["studies"]
    return {m: row for m, row in zip(df["model"], df.to_dict("records"), strict=True)}


def test_ingest_reports_one_ok_document(tables):
    docs = tables["documents"]
    assert len(docs) == 1
    assert docs.iloc[0]["status"] == "ok", docs.iloc[0]["error"]
    assert docs.iloc[0]["media_type"] == "text/markdown"
    assert docs.iloc[0]["n_tables"] == 4 and docs.iloc[0]["n_references"] == 17
    assert tables["failures"].empty


def test_six_study_rows(studies):
    assert sorted(studies) == sorted(
        [
            "Collagen-Induced Arthritis (CIA) in mice",
            "Collagen Antibody-Induced Arthritis (CAIA) in mice",
            "MRL/lpr mice",
            "MRL/MpJ-Faslpr mice",
            "MC903-induced AD in mice",
            "NC/Nga mice",
        ]
    )
    for row in studies.values():
        assert row["compound"] == "Baricitinib"
        assert row["species"] == "Mus musculus" and row["species_id"] == "NCBITaxon:10090"


def test_cia_row(studies, seed_path):
    cia = studies["Collagen-Induced Arthritis (CIA) in mice"]  # line 37
    assert cia["disease"] == "Arthritis, Rheumatoid" and cia["disease_id"] == "MESH:D001172"
    assert (cia["dose_value"], cia["dose_unit"], cia["dose_mg_per_kg"]) == (3.0, "mg/kg", 3.0)
    assert cia["frequency"] == "once daily"
    assert cia["route"] == "oral"
    assert list(cia["ref_numbers"]) == [5]
    assert cia["outcome_direction"] == "improved"
    prov = json.loads(cia["provenance"])
    assert prov["line"] == 37
    row_text = seed_path.read_text(encoding="utf-8")[prov["start"] : prov["end"]]
    assert row_text.startswith("Collagen-Induced Arthritis (CIA) in mice\t") and row_text.endswith("[5]")


def test_caia_row(studies):
    caia = studies["Collagen Antibody-Induced Arthritis (CAIA) in mice"]  # line 38
    assert list(caia["ref_numbers"]) == [6]
    assert caia["dose_value"] is None or pd.isna(caia["dose_value"])
    # "when a TNF inhibitor was ineffective" is about the comparator, not baricitinib.
    assert caia["outcome_direction"] == "improved"


def test_mrl_lpr_row(studies):
    row = studies["MRL/lpr mice"]  # line 56
    assert row["disease"] == "Lupus Erythematosus, Systemic" and row["disease_id"] == "MESH:D008180"
    # MRL/lpr is the short name of MRL/MpJ-Fas<lpr>; both rows get the official one.
    assert row["strain"] == "MRL/MpJ-Fas<lpr>"
    assert row["route"] == "oral"
    assert (row["duration_value"], row["duration_unit"]) == (8.0, "week")
    assert list(row["ref_numbers"]) == [7, 8, 9]


def test_mrl_mpj_row_is_mixed(studies):
    row = studies["MRL/MpJ-Faslpr mice"]  # line 57
    assert row["strain"] == "MRL/MpJ-Fas<lpr>"
    assert row["disease_id"] == "MESH:D008180"
    assert row["route"] == "oral"
    assert (row["duration_value"], row["duration_unit"]) == (4.0, "week")
    assert list(row["ref_numbers"]) == [10]
    assert row["outcome_direction"] == "mixed"


def test_negative_finding_is_a_no_change_outcome(tables, studies):
    outcomes = tables["outcomes"]
    rid = studies["MRL/MpJ-Faslpr mice"]["record_id"]
    mine = outcomes[outcomes["study_record_id"] == rid]
    directions = dict(zip(mine["measure"], mine["direction"], strict=True))
    assert directions["proteinuria"] == "no_change"
    assert directions["histological markers of kidney injury"] == "no_change"
    assert directions["plasma autoantibody levels"] == "improved"
    assert directions["lymphadenopathy"] == "improved"


def test_mc903_row(studies):
    row = studies["MC903-induced AD in mice"]  # line 74
    assert row["disease"] == "Dermatitis, Atopic" and row["disease_id"] == "MESH:D003876"
    assert (row["dose_value"], row["dose_unit"]) == (1.0, "mg/kg")
    assert row["route"] == "oral"
    assert (row["duration_value"], row["duration_unit"]) == (14.0, "day")
    assert list(row["ref_numbers"]) == [11, 12]


def test_nc_nga_row(studies):
    row = studies["NC/Nga mice"]  # line 75
    assert row["strain"] == "NC/Nga"
    assert row["dose_text"] == "Not specified"
    assert row["dose_value"] is None or pd.isna(row["dose_value"])
    assert row["outcome_direction"] == "not_reported"
    assert list(row["ref_numbers"]) == [13]


def test_four_potency_rows(tables):
    pot = tables["potency"].set_index("target")
    assert sorted(pot.index) == ["JAK1", "JAK2", "JAK3", "TYK2"]  # lines 92-95
    assert set(pot["compound"]) == {"Baricitinib"}
    assert set(pot["measure"]) == {"IC50"}
    expected = {"JAK1": ("=", 5.9), "JAK2": ("=", 5.7), "JAK3": (">", 400.0), "TYK2": ("=", 53.0)}
    for target, (qual, value) in expected.items():
        assert pot.loc[target, "qualifier"] == qual
        assert pot.loc[target, "value"] == value
        assert pot.loc[target, "value_nM"] == value
        assert pot.loc[target, "unit"] == "nM"
        assert list(pot.loc[target, "ref_numbers"]) == []  # the reference column is empty
    assert pot.loc["JAK1", "target_id"] == "HGNC:6190"
    assert pot.loc["TYK2", "target_id"] == "HGNC:12440"


def test_seventeen_references(tables):
    refs = tables["references"].set_index("ref_number")
    assert list(refs.index) == list(range(1, 18))
    assert refs.loc[12, "title"].endswith("CD4+ cells")  # item broken by a blank line
    assert refs.loc[2, "venue"] == "PMC"
    assert refs.loc[2, "source_domain"] == "pmc.ncbi.nlm.nih.gov"
    assert refs.loc[6, "venue"] == "PubMed"
    assert refs.loc[9, "venue"] == "Frontiers"
    assert refs.loc[9, "title"].startswith("Baricitinib Attenuates")
    assert (
        refs.loc[5, "title"]
        == "Chronotherapy Using Baricitinib Attenuates Collagen-induced Arthritis in Mice"
    )
    assert pd.isna(refs.loc[4, "title"]) and refs.loc[4, "source_domain"] == "researchgate.net"
    for title in refs["title"].dropna():
        assert not title.endswith((" - PMC", " - PubMed", "]")) and not title.startswith("Frontiers |")


def test_every_citation_resolves(tables):
    cites = tables["citations"]
    assert set(cites["ref_number"]) == set(range(1, 18))
    # All three forms of the guide: [1], [\[7\]](#), <a href="#">[7]</a>, <sup>[2][3][4]</sup>.
    in_text = cites[cites["block_index"].notna()]
    assert {7, 8, 9, 11, 12, 2, 3, 4, 14, 15, 16, 17} <= set(in_text["ref_number"])
    sentence = in_text[in_text["ref_number"] == 14]["sentence"].iloc[0]
    assert "anti-IgM antibodies and IFN-α" in sentence


def _norms(entities: pd.DataFrame, label: str) -> dict[str, str]:
    sub = entities[entities["label"] == label]
    return dict(zip(sub["norm"], sub["norm_id"], strict=False))


def test_cytokines_with_hgnc_ids(tables):
    ents = tables["entities"]
    cyt = _norms(ents, "CYTOKINE")
    assert cyt["IL6"] == "HGNC:6018"
    assert cyt["IFNG"] == "HGNC:5438"
    assert cyt["TNF"] == "HGNC:11892"
    assert cyt["CSF2"] == "HGNC:2434"
    # IFN-α is a family (FamPlex IFNA, whose members are the IFNA genes), stated as such.
    ifna = ents[ents["text"] == "IFN-α"]
    assert len(ifna) == 1 and ifna.iloc[0]["norm_id"] == "FPLX:IFNA" and ifna.iloc[0]["label"] == "CYTOKINE"
    # IFN-γ written in LaTeX (`IFN- $\gamma$`) is found, with offsets into the original.
    ifng = ents[(ents["norm"] == "IFNG")]
    assert (ifng["text"] == "IFN-γ").all() and len(ifng) >= 2


def test_kinases_proteins_and_drugs(tables):
    ents = tables["entities"]
    kin = _norms(ents, "KINASE")
    assert {
        "JAK1": "HGNC:6190",
        "JAK2": "HGNC:6192",
        "JAK3": "HGNC:6193",
        "TYK2": "HGNC:12440",
    }.items() <= kin.items()
    prot = _norms(ents, "PROTEIN")
    assert prot["STAT1"] == "HGNC:11362" and prot["STAT3"] == "HGNC:11364"
    drugs = {n.lower() for n in ents[ents["label"] == "DRUG"]["norm"]}
    assert {"baricitinib", "tofacitinib", "methotrexate", "adalimumab", "etanercept"} <= drugs
    mtx = ents[(ents["label"] == "DRUG") & (ents["text"] == "MTX")]
    # `methotrexate (MTX)` and `Baricitinib 4 mg + MTX` (line 130).
    assert len(mtx) == 2 and set(mtx["norm"].str.lower()) == {"methotrexate"}


def test_required_labels_are_tagged(tables):
    labels = set(tables["entities"]["label"])
    required = {
        "DRUG",
        "DOSE",
        "ROUTE",
        "FREQUENCY",
        "DURATION",
        "CYTOKINE",
        "KINASE",
        "PROTEIN",
        "DISEASE",
        "ANIMAL_MODEL",
        "SPECIES",
        "STRAIN",
        "CELL_TYPE",
        "ASSAY",
    }
    assert required <= labels, required - labels


def test_entity_provenance_points_into_the_original(tables, seed_path):
    original = seed_path.read_text(encoding="utf-8")
    ents = tables["entities"]
    ifng = ents[(ents["norm"] == "IFNG") & ents["block_index"].notna()].iloc[0]
    prov = json.loads(ifng["provenance"])
    assert original[prov["start"] : prov["end"]] == "IFN- $\\gamma$"
    il6 = ents[ents["text"] == "IL-6"].iloc[0]
    prov = json.loads(il6["provenance"])
    assert original[prov["start"] : prov["end"]] == "IL-6"
    assert original.splitlines()[prov["line"] - 1].find("IL-6") != -1


def test_validate_passes_on_the_result(tables):
    assert validate_frames(tables).ok


def test_protocol_paragraph_fills_the_cia_duration(studies, seed_path):
    cia = studies["Collagen-Induced Arthritis (CIA) in mice"]
    assert (cia["duration_value"], cia["duration_unit"]) == (21.0, "day")  # line 42, ref 5
    assert cia["timing"] == "after onset"
    where = json.loads(cia["field_provenance"])
    assert where["duration"]["from"] == "text" and where["duration"]["line"] == 42
    original = seed_path.read_text(encoding="utf-8")
    assert original[where["duration"]["start"] : where["duration"]["end"]] == "21 days"
    # Dose, route and frequency are in the row itself, and the row wins.
    assert where["dose"]["from"] == where["route"]["from"] == where["frequency"]["from"] == "table"


def test_table_value_wins_over_protocol_text(studies):
    row = studies["MRL/lpr mice"]  # the protocol (line 62) also says eight weeks
    assert json.loads(row["field_provenance"])["duration"]["from"] == "table"
    # The MC903 induction sentence (topical, 14 days) describes the model, not the treatment.
    mc903 = studies["MC903-induced AD in mice"]
    assert mc903["route"] == "oral" and mc903["timing"] == "at induction"
