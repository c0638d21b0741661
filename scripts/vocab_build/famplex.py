"""FamPlex protein families and complexes, with their HGNC members."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from .common import dedupe
from .sources import Wheel
from .stoplists import is_common


def load_famplex(fp: Wheel, genes):
    base = "famplex/resources/"
    ent_m = fp.find(base + "entities.csv")
    rel_m = fp.find(base + "relations.csv")
    gm_m = fp.find(base + "grounding_map.csv")
    entities = sorted(x.strip() for x in fp.text(ent_m).splitlines() if x.strip())
    children = defaultdict(set)
    for r in csv.reader(io.StringIO(fp.text(rel_m))):
        if len(r) >= 5 and r[3] == "FPLX":
            children[r[4]].add((r[0], r[1]))
    texts = defaultdict(list)
    for r in csv.reader(io.StringIO(fp.text(gm_m))):
        if len(r) >= 3 and r[1] == "FPLX":
            texts[r[2]].append(r[0])
    sym2id = {g["symbol"]: hid for hid, g in genes.items()}

    def leaves(e, seen=()):
        out = set()
        for ns, x in children.get(e, ()):
            if ns == "HGNC" and x in sym2id:
                out.add(sym2id[x])
            elif ns == "FPLX" and x not in seen:
                out |= leaves(x, (*seen, e))
            elif ns not in ("HGNC", "FPLX"):
                out.add(f"{ns}:{x}")  # non-HGNC member (e.g. UniProt): blocks selection
        return out

    fam = {e: {"leaves": leaves(e), "texts": texts.get(e, [])} for e in entities}
    return fam, [ent_m, rel_m, gm_m]


def famplex_row(e, info, label, genes):
    members = sorted(info["leaves"], key=lambda h: int(h.split(":")[1]))
    syms = [genes[h]["symbol"] for h in members]
    syns = [
        s
        for s in dedupe([e, e.replace("_", " "), *sorted(info["texts"])])
        if len(s) >= 2 and not is_common(s)
    ]
    return {
        "id": f"FPLX:{e}",
        "norm": e,
        "label": label,
        "synonyms": syns,
        "source": "famplex:entities.csv+relations.csv+grounding_map.csv",
        "members": "|".join(f"{h} {s}" for h, s in zip(members, syms, strict=True)),
    }


def family_rows(fam: dict, genes: dict, kin_ids: set, cyt_ids: set, prot_ids: set) -> dict[str, list]:
    """Gives FamPlex rows by label: a family joins a gene vocabulary when all its members do."""
    fam_rows = {"KINASE": [], "CYTOKINE": [], "PROTEIN": []}
    for e in sorted(fam):
        lv = fam[e]["leaves"]
        if not lv or any(not x.startswith("HGNC:") for x in lv) or any(x not in genes for x in lv):
            continue
        if lv <= kin_ids:
            lab = "KINASE"
        elif lv <= cyt_ids:
            lab = "CYTOKINE"
        elif lv <= (kin_ids | cyt_ids | prot_ids) and not lv <= (kin_ids | cyt_ids):
            lab = "PROTEIN"
        else:
            continue
        fam_rows[lab].append(famplex_row(e, fam[e], lab, genes))
    return fam_rows
