"""Conventional cytokine spellings generated from HGNC symbols and names (IL-6, IFN-γ, GM-CSF)."""

from __future__ import annotations

import re

GREEK = {  # symbol letter -> (greek name, greek letter)
    "A": ("alpha", "α"),
    "B": ("beta", "β"),
    "G": ("gamma", "γ"),
    "D": ("delta", "δ"),
    "E": ("epsilon", "ε"),
    "K": ("kappa", "κ"),
    "L": ("lambda", "λ"),
    "W": ("omega", "ω"),
}
GREEK_WORDS = {name: letter for name, letter in GREEK.values()}
# Roots whose trailing letter conventionally denotes a Greek letter even when
# the HGNC approved name does not spell it out (TNFA -> TNF-α, MIP1A -> MIP-1α).
GREEK_ROOTS = ("IFN", "TNF", "TGF", "LT", "MIP", "GRO", "IL1", "IL36")
# X-CSF abbreviations (alias symbols GCSF, MCSF, GMCSF) -> long form
CSF_EXPANSION = {"G": "granulocyte", "M": "macrophage", "GM": "granulocyte-macrophage"}


def greek_forms(sym: str, name: str, approved_symbol: str, gene_syms: set, is_alias: bool):
    """Conventional cytokine spellings derived from a (alias) symbol."""
    out = []
    m = re.fullmatch(r"IL(\d+)([A-Z]?)", sym)
    if m:
        n, x = m.groups()
        out.append(f"IL-{n}{x}")
        if x in GREEK and (GREEK[x][0] in name or f"IL{n}" in GREEK_ROOTS):
            g, gl = GREEK[x]
            out += [f"IL-{n}{gl}", f"IL-{n}{g}", f"IL-{n} {g}", f"IL{n}{gl}"]
        return out
    m = re.fullmatch(r"(IFN|TNF|TGF|LT)([A-Z])(\d*)", sym) or re.fullmatch(r"(MIP|GRO)(\d?)([A-Z])", sym)
    if m:
        root = m.group(1)
        if root in ("MIP", "GRO"):
            num, x = m.group(2), m.group(3)
            pre, d = f"{root}-{num}" if num else f"{root}-", ""
        else:
            x, d = m.group(2), m.group(3)
            pre = f"{root}-"
        if x in GREEK:
            g, gl = GREEK[x]
            forms = [f"{pre}{gl}{d}", f"{pre}{g}{d}", f"{pre.rstrip('-')}{gl}{d}"]
            # IFNB1 -> also IFN-β when no IFNB2 gene exists
            if d == "1" and f"{root}{x}2" not in gene_syms:
                forms += [f"{pre}{gl}", f"{pre}{g}", f"{pre.rstrip('-')}{gl}"]
            out += forms
            if root == approved_symbol:  # TNF with alias TNFA -> "tumor necrosis factor alpha"
                out += [f"{name} {g}", f"{name}-{g}", f"{name}-{gl}"]
        return out
    m = re.fullmatch(r"(G|M|GM)CSF", sym)
    if m:
        out += [f"{m.group(1)}-CSF", f"{CSF_EXPANSION[m.group(1)]} colony-stimulating factor"]
        return out
    m = re.fullmatch(r"([A-Z]{3,4})(\d{1,2})([A-Z]?)", sym)
    if m and is_alias and not re.match(r"C{1,2}X?C?L|XCL|CX3CL|IL|SCY|MGC|FLJ|KIAA|TNFSF", sym):
        out.append(f"{m.group(1)}-{m.group(2)}{m.group(3)}")
    return out


def name_forms(name: str) -> list[str]:
    """Long-name conventions: hyphenated interleukin/interferon, British spelling."""
    out = []
    m = re.fullmatch(r"interleukin (\d+)(.*)", name)
    if m:
        out.append(f"interleukin-{m.group(1)}{m.group(2)}")
    for g, gl in GREEK_WORDS.items():
        if not re.search(rf"\b{g}\b", name):
            continue
        m = re.fullmatch(rf"interleukin (\d+) {g}", name)
        if m:  # interleukin 1 beta -> interleukin-1 beta, interleukin-1β
            out += [f"interleukin-{m.group(1)} {g}", f"interleukin-{m.group(1)}{gl}"]
        elif name.startswith(("interferon", "tumor", "transforming", "lymphotoxin")):
            out += [re.sub(rf" {g}\b", f"-{g}", name), re.sub(rf" {g}\b", f"-{gl}", name)]
    return out


def british(forms: list[str]) -> list[str]:
    """'tumor' -> 'tumour' for every form containing it."""
    return forms + [f.replace("tumor", "tumour") for f in forms if "tumor" in f]
