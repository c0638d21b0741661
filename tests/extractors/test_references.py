"""Reference strings: site decorations go to venue and domain, identifiers are found."""

from extractors.document import Provenance, Reference
from extractors.references import reference_to_record


def rec(raw: str) -> dict:
    return reference_to_record(Reference(1, raw, Provenance(line=1)))


def test_pmc_suffix_and_domain():
    r = rec("Baricitinib therapy response in rheumatoid arthritis patients - PMC [pmc.ncbi.nlm.nih.gov]")
    assert r["title"] == "Baricitinib therapy response in rheumatoid arthritis patients"
    assert (r["venue"], r["source_domain"]) == ("PMC", "pmc.ncbi.nlm.nih.gov")


def test_frontiers_prefix():
    r = rec("Frontiers | Baricitinib Attenuates Autoimmune Phenotype [frontiersin.org]")
    assert r["title"] == "Baricitinib Attenuates Autoimmune Phenotype"
    assert r["venue"] == "Frontiers"


def test_domain_only_and_redirect_pages_have_no_title():
    assert rec("researchgate.net [researchgate.net]")["title"] is None
    assert rec("Redirecting [linkinghub.elsevier.com]")["title"] is None
    assert rec("2024.sci-hub.st [2024.sci-hub.st]")["year"] is None


def test_vancouver_citation_fields():
    r = rec("Fridman JS, Scherle PA, Collins R. Selective inhibition of JAK1 and JAK2. "
            "J Immunol. 2010;184(9):5298-307. doi:10.4049/jimmunol.0902819. PMID: 20363976")  # fmt: skip
    assert r["authors"] == ["Fridman JS", "Scherle PA", "Collins R"]
    assert r["title"] == "Selective inhibition of JAK1 and JAK2"
    assert r["year"] == 2010
    assert r["doi"] == "10.4049/jimmunol.0902819"
    assert r["pmid"] == "20363976"
    assert r["venue"] == "J Immunol"
