"""The spaCy pipeline on the spellings curators meet: ids across forms, phospho, families, timing."""

from __future__ import annotations

import pytest

from extractors.entities.abbreviations import find_abbreviations
from extractors.entities.pipeline import get_pipeline


def ents(text: str, abbreviations: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    nlp = get_pipeline()
    doc = nlp.make_doc(text)
    doc._.abbreviations = abbreviations
    doc = nlp(doc)
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


@pytest.mark.parametrize(
    ("form", "hgnc"),
    [
        ("IL-6", "HGNC:6018"),
        ("IL6", "HGNC:6018"),
        ("IL 6", "HGNC:6018"),
        ("interleukin-6", "HGNC:6018"),
        ("IFN-γ", "HGNC:5438"),
        ("IFN-gamma", "HGNC:5438"),
        ("IFNγ", "HGNC:5438"),
        ("interferon gamma", "HGNC:5438"),
        ("tumour necrosis factor alpha", "HGNC:11892"),
        ("TNF-α", "HGNC:11892"),
        ("GM-CSF", "HGNC:2434"),
        ("JAK1", "HGNC:6190"),
        ("TYK2", "HGNC:12440"),
    ],
)
def test_spellings_share_one_id(form, hgnc):
    assert ents(f"We measured {form} in serum.")[0][2] == hgnc


def test_latex_greek_after_normalisation():
    from extractors.normalise import normalise_text

    assert ents(normalise_text("stimulated with IFN- $\\gamma$ ."))[0] == ("IFN-γ", "CYTOKINE", "HGNC:5438")


def test_family_is_stated_as_such():
    nlp = get_pipeline()
    (ent,) = [e for e in nlp("B cells were stimulated with IFN-α.").ents if e.label_ == "CYTOKINE"]
    assert ent.kb_id_ == "FPLX:IFNA"
    assert ent._.attrs["family"] == "IFNA" and "HGNC:5417" in ent._.attrs["members"]


@pytest.mark.parametrize(
    "text",
    [
        "phospho-STAT3 levels",
        "pSTAT3 levels",
        "p-STAT3 levels",
        "phosphorylated STAT3 levels",
        "STAT3 phosphorylation",
    ],
)
def test_phospho_forms_keep_the_protein_id(text):
    nlp = get_pipeline()
    (ent,) = [e for e in nlp(text).ents if e.label_ == "PROTEIN"]
    assert ent.kb_id_ == "HGNC:11364" and ent._.attrs["phosphorylated"] is True


def test_plain_protein_is_not_phosphorylated():
    nlp = get_pipeline()
    (ent,) = nlp("STAT3 expression rose").ents
    assert not (ent._.attrs or {}).get("phosphorylated")


@pytest.mark.parametrize(
    ("strain", "sid"),
    [
        ("MRL/lpr", "LITCURATE:STRAIN:MRL_LPR"),
        ("MRL/MpJ-Faslpr", "LITCURATE:STRAIN:MRL_LPR"),
        ("NC/Nga", "LITCURATE:STRAIN:NC_NGA"),
        ("C57BL/6", "LITCURATE:STRAIN:C57BL_6"),
        ("BALB/c", "LITCURATE:STRAIN:BALB_C"),
        ("DBA/1", "LITCURATE:STRAIN:DBA_1"),
        ("Sprague-Dawley", "LITCURATE:STRAIN:SPRAGUE_DAWLEY"),
        ("Wistar", "LITCURATE:STRAIN:WISTAR"),
    ],
)
def test_strains_and_their_species(strain, sid):
    found = ents(f"Male {strain} mice were used.")
    assert (strain, "STRAIN", sid) in found
    assert ("mice", "SPECIES", "NCBITaxon:10090") in found


def test_abbreviation_defined_earlier_resolves_later():
    text = "Systemic lupus erythematosus (SLE) is chronic. SLE mice were treated."
    abbrevs = find_abbreviations(text)
    assert abbrevs["SLE"] == "Systemic lupus erythematosus"
    found = [e for e in ents(text, abbrevs) if e[0] == "SLE"]
    assert found and all(e[1:] == ("DISEASE", "MESH:D008180") for e in found)


def test_structure_labels_in_one_protocol_sentence():
    text = (
        "Mice received 0.3, 1 and 3 mg/kg orally twice daily for 21 days, starting after "
        "the onset of arthritis; IC50 = 5.9 nM."
    )
    labels = {(t, lab) for t, lab, _ in ents(text)}
    assert {
        ("0.3, 1 and 3 mg/kg", "DOSE"),
        ("orally", "ROUTE"),
        ("twice daily", "FREQUENCY"),
        ("21 days", "DURATION"),
        ("after the onset of arthritis", "TIMING"),
        ("IC50 = 5.9 nM", "POTENCY"),
    } <= labels


def test_models_cells_assays():
    found = ents("CIA mice; MC903-induced AD; CD4+ T cells and B cells by ELISA and flow cytometry.")
    assert ("MC903-induced AD", "ANIMAL_MODEL", "LITCURATE:MODEL:MC903_AD") in found
    assert ("CD4+ T cells", "CELL_TYPE", "CL:0000624") in found
    assert ("ELISA", "ASSAY", "MESH:D004797") in found
    assert ("flow cytometry", "ASSAY", "MESH:D005434") in found


def test_warm_up_builds_once_for_every_caller(monkeypatch):
    """A warm-up thread and a task asking for the pipeline meanwhile share one build."""
    import threading
    import time

    from extractors.entities import pipeline

    builds: list[float] = []
    started = threading.Event()

    def slow_build():
        started.set()
        time.sleep(0.3)
        builds.append(time.perf_counter())
        return object()

    monkeypatch.setattr(pipeline, "_PIPELINE", None)
    monkeypatch.setattr(pipeline, "build_pipeline", slow_build)
    thread = pipeline.warm_up()
    started.wait(5)
    nlp = pipeline.get_pipeline()  # arrives mid-build: waits for it rather than building again
    thread.join(5)
    assert len(builds) == 1 and pipeline.get_pipeline() is nlp
