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
    r = rec(
        "Fridman JS, Scherle PA, Collins R. Selective inhibition of JAK1 and JAK2. "
        "J Immunol. 2010;184(9):5298-307. doi:10.4049/jimmunol.0902819. PMID: 20363976"
    )
    assert r["authors"] == ["Fridman JS", "Scherle PA", "Collins R"]
    assert r["title"] == "Selective inhibition of JAK1 and JAK2"
    assert r["year"] == 2010
    assert r["doi"] == "10.4049/jimmunol.0902819"
    assert r["pmid"] == "20363976"
    assert r["venue"] == "J Immunol"


def test_ieee_quoted_title_venue_and_authors():
    # cermine-test2 (Hindawi) reference 2, as the PDF reader gives it.
    r = rec(
        "R. L. Campbell, R. Banner, J. Konick-McMahan, and M. D. Naylor, “Discharge planning and "
        "home follow-up of the elderly patient with heart failure,” The Nursing Clinics of North "
        "America, vol. 33, no. 3, pp. 497–513, 1998."
    )
    assert r["title"] == "Discharge planning and home follow-up of the elderly patient with heart failure"
    assert r["venue"] == "The Nursing Clinics of North America"
    assert r["authors"] == ["R. L. Campbell", "R. Banner", "J. Konick-McMahan", "M. D. Naylor"]
    assert r["year"] == 1998


def test_ieee_question_mark_title_and_et_al():
    r = rec(
        "L. S. Evangelista, M. A. Hamilton et al., “Is exercise adherence associated with clinical "
        "outcomes?” Physician and Sportsmedicine, vol. 38, no. 1, pp. 28–36, 2010."
    )
    assert r["title"] == "Is exercise adherence associated with clinical outcomes?"
    assert r["venue"] == "Physician and Sportsmedicine"
    assert r["authors"] == ["L. S. Evangelista", "M. A. Hamilton"]


def test_structured_doi_keeps_the_parsed_title():
    ref = Reference(
        1,
        "Fridman JS, Scherle PA. Selective inhibition of JAK1 and JAK2. J Immunol. 2010;184:5298-307.",
        Provenance(line=1),
        fields={"doi": "10.4049/jimmunol.0902819", "title": None},
    )
    r = reference_to_record(ref)
    assert r["doi"] == "10.4049/jimmunol.0902819"
    assert r["title"] == "Selective inhibition of JAK1 and JAK2"
    assert r["authors"] == ["Fridman JS", "Scherle PA"]


def test_structured_fields_override_the_parse():
    ref = Reference(
        1,
        "Smith J. A wrongly split. Title. Nature. 2001;1:2.",
        Provenance(line=1),
        fields={"title": "A wrongly split. Title"},
    )
    assert reference_to_record(ref)["title"] == "A wrongly split. Title"


def test_doi_stops_at_an_unbalanced_bracket():
    # The text of reference 2 of jats/PMC4632522_giant-panda-milk.nxml: the PMID element
    # follows the closing bracket with no space.
    r = rec(
        "LangerP 2008 The phases of maternal investment in eutherian mammals. Zoology 111, 148–162. "
        "(doi:10.1016/j.zool.2007.06.007)18222662"
    )
    assert r["doi"] == "10.1016/j.zool.2007.06.007"
    assert rec("See [doi:10.1000/xyz123].")["doi"] == "10.1000/xyz123"


def test_doi_keeps_its_own_brackets():
    r = rec("Lancet. 2008;372:1. doi:10.1016/S0140-6736(08)61345-8.")
    assert r["doi"] == "10.1016/S0140-6736(08)61345-8"


def test_one_word_author_names_in_a_vancouver_list():
    # Invented PLOS-style citations: a one-word name (common in Indonesia) among authors with
    # initials, then `(year) Title.`
    r = rec("Tan JA, Budiman, Sari A, et al. (2012) Frogs of a small island: a survey. J Herp 3: 1–9.")
    assert r["authors"] == ["Tan JA", "Budiman", "Sari A"]
    assert (r["year"], r["title"]) == (2012, "Frogs of a small island: a survey")
    # A title's first word before a comma, after the authors' `. `, is no author.
    r = rec("Lee J. Baricitinib, Tofacitinib and others: a review. Drugs. 2019;79:1-9.")
    assert r["authors"] == ["Lee J"]
    assert r["title"] == "Baricitinib, Tofacitinib and others: a review"


def test_title_ends_after_a_closing_quote():
    r = rec("Lim NR, Ko R: A pocket covered by a pH-sensitive “Lid”. PLoS One. 2009; 4(11): e8006.")
    assert r["title"] == "A pocket covered by a pH-sensitive “Lid”"
    assert r["venue"] == "PLoS One"


def test_a_name_of_many_words_is_no_author_and_an_acronym_ends_a_title():
    r = rec(
        "Fungi Culture Collection of the Institute ITEM. Available online: http://example.org/ (accessed 2014)."
    )
    assert r["authors"] == []
    assert r["title"] == "Fungi Culture Collection of the Institute ITEM"
    r = rec("Dalen L, Hofreiter M. Faunal histories from ancient DNA. Trends Ecol Evol 2011, 26:405–413.")
    assert r["title"] == "Faunal histories from ancient DNA"
    # An initial is no acronym: `E. coli` stays in the title.
    r = rec("Smith J. Growth of E. coli in milk. J Dairy Sci. 2001;84:1-9.")
    assert r["title"] == "Growth of E. coli in milk"
