"""BioMed Central article.dtd XML: the ground truth twin of the trials PDF and HTML."""

from __future__ import annotations


def test_bmc_references_with_ids(trials_bmc):
    refs = trials_bmc.references
    assert len(refs) == 21
    assert refs[0].fields["doi"] == "10.1136/bmjqs-2012-001492"
    assert refs[0].fields["pmid"] == "23396853"
    assert all(r.fields.get("pmcid") is None or r.fields["pmcid"].startswith("PMC") for r in refs)


def test_bmc_table_and_citation_groups(trials_bmc):
    (table,) = trials_bmc.tables
    assert table.label == "Table 1"
    assert table.caption == "Included diseases and drug classes for the ISTOP-ADE study"
    assert table.header_texts() == ["Disease entity", "Drug classes included"]
    assert table.rows[0][0].text == "Congestive heart failure"
    sentence = next(
        b.text for b in trials_bmc.blocks if "Physicians and pharmacists also supported" in b.text
    )
    assert "supported the system [1,2]." in sentence
