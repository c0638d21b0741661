"""Gases, foods and model abbreviations need context; induced models tagged on real primary papers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.entities.pipeline import get_pipeline
from extractors.entities.vocab import entries_by_id
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def blocks_with(path: Path, pattern: str) -> list[str]:
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    return [b.text for b in doc.blocks if re.search(pattern, b.text)]


def ents_over(texts: list[str], pattern: str) -> list[tuple[str, str, str]]:
    """Gives the entities overlapping each match of the pattern in the texts."""
    nlp = get_pipeline()
    out = []
    for text in texts:
        doc = nlp(text)
        for m in re.finditer(pattern, text):
            out += [
                (e.text, e.label_, e.kb_id_)
                for e in doc.ents
                if e.start_char < m.end() and m.start() < e.end_char
            ]
    return out


def test_liquid_nitrogen_is_no_drug():
    texts = blocks_with(CORPUS / "jats" / "ehp-116-1694.nxml", r"liquid nitrogen")
    assert texts
    assert not [e for e in ents_over(texts, r"nitrogen") if e[1] == "DRUG"]


def test_oxygen_measured_or_reactive_is_no_drug():
    texts = blocks_with(CORPUS / "primary" / "pone.0082729_propofol-mcao.txt", r"oxygen")
    texts += blocks_with(
        CORPUS / "primary" / "PMC4707348_metformin-glibenclamide-repaglinide-alloxan.nxml", r"oxygen"
    )
    assert len(texts) >= 3
    assert not [e for e in ents_over(texts, r"\boxygen\b") if e[1] == "DRUG"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("Rats received 100% oxygen by inhalation for 2 h.", "Oxygen"),
        ("Samples were frozen in liquid nitrogen and stored at -80 °C.", None),
        ("Mice were fed a diet containing 10% shrimp for 4 weeks.", "Shrimp"),
        ("The shrimp were collected from the estuary.", None),
        ("Tofacitinib was given at 10 mg/kg.", "Tofacitinib"),
    ],
)
def test_foods_and_gases_are_drugs_only_as_treatments(text, drug):
    doc = get_pipeline()(text)
    found = [entries_by_id()[e.kb_id_].norm for e in doc.ents if e.label_ == "DRUG"]
    assert found == ([drug] if drug else [])


def test_model_abbreviation_needs_a_model_word():
    nlp = get_pipeline()
    test = [
        e.kb_id_ for e in nlp("Compound 12 was active in the MES test at 100 mg/kg.").ents if e.text == "MES"
    ]
    buffer = [e for e in nlp("Lysates were diluted in 50 mM MES, pH 6.0.").ents if e.text == "MES"]
    assert test == ["LITCURATE:MODEL:MES"] and buffer == []


def test_stroke_papers_name_their_model():
    for name, form in (
        ("pone.0082729_propofol-mcao.txt", "MCAO"),
        ("pone.0146783_rha-infestin4-tmcao.txt", "tMCAO"),
    ):
        texts = blocks_with(CORPUS / "primary" / name, rf"\b{form}\b")
        found = ents_over(texts, rf"\b{form}\b")
        assert len(found) >= 10
        assert {e[2] for e in found} == {"LITCURATE:MODEL:MCAO"}


def test_alloxan_diabetes_model_and_its_disease():
    texts = blocks_with(
        CORPUS / "primary" / "PMC4707348_metformin-glibenclamide-repaglinide-alloxan.nxml",
        r"(?i)alloxan-induced diabetic",
    )
    found = ents_over(texts, r"(?i)alloxan-induced diabetic")
    assert found and {e[2] for e in found} == {"LITCURATE:MODEL:ALLOXAN_DIABETES"}
    assert entries_by_id()["LITCURATE:MODEL:ALLOXAN_DIABETES"].extra["disease_id"].startswith("MESH:D")


def test_induced_phrase_is_a_model_only_when_it_names_a_disease():
    texts = blocks_with(CORPUS / "jats" / "ehp-116-1694.nxml", r"PBDE-induced")
    assert texts
    assert not [e for e in ents_over(texts, r"PBDE-induced") if e[1] == "ANIMAL_MODEL"]


@pytest.mark.parametrize(
    "key",
    [
        "CIA",
        "EAE",
        "DSS_COLITIS",
        "STZ_DIABETES",
        "ALLOXAN_DIABETES",
        "MCAO",
        "IR_INJURY",
        "LPS_SEPSIS",
        "BLEOMYCIN_FIBROSIS",
        "MPTP_PD",
        "OHDA_PD",
        "MES",
        "SCPTZ",
        "SIX_HZ",
        "XENOGRAFT",
        "CIPN",
    ],
)
def test_preclinical_fields_have_models_with_mesh_diseases(key):
    entry = entries_by_id()[f"LITCURATE:MODEL:{key}"]
    assert entry.label == "ANIMAL_MODEL" and entry.extra["disease_id"].startswith("MESH:D")
