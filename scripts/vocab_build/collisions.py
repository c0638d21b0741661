"""The cross-vocabulary pass: a surface form claimed by a gene alias and by another vocabulary."""

from __future__ import annotations


def resolve(
    gene_rows: list[list[dict]], drug_rows: list[dict], other_rows: list[list[dict]]
) -> tuple[list[str], list[str]]:
    """Removes colliding forms in place; gives the gene-alias and the drug-term collisions removed.

    Gene alias symbols that equal a surface form of a non-gene vocabulary (disease, drug,
    species, cell type, assay, model, strain) are dropped from the gene files; approved
    symbols are kept. Drug rows contribute only their DrugBank name; conversely MeSH entry
    terms of drugs that equal a gene-vocabulary surface form (e.g. 'IL-10' for the biologic)
    are removed from drugs.tsv.
    """
    other = {r["norm"].lower() for r in drug_rows}
    for rows in other_rows:
        for r in rows:
            other.update(x.lower() for x in r["synonyms"])
    collisions = []
    for rows in gene_rows:
        for r in rows:
            keep = []
            for x in r["synonyms"]:
                if x in r.get("_aliases", ()) and x.lower() in other:
                    collisions.append(f"{r['norm']}:{x}")
                else:
                    keep.append(x)
            r["synonyms"] = keep
    gene_forms = {x.lower() for rows in gene_rows for r in rows for x in r["synonyms"]}
    drug_collisions = []
    for r in drug_rows:
        keep = [r["synonyms"][0]] if r["synonyms"] else []
        for x in r["synonyms"][1:]:
            (drug_collisions.append(f"{r['norm']}:{x}") if x.lower() in gene_forms else keep.append(x))
        r["synonyms"] = keep
    return collisions, drug_collisions
