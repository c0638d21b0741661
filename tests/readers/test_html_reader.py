"""HTML reader on real publisher pages and on hostile markup."""

from __future__ import annotations

from extractors.document import make_doc_id
from extractors.readers import read_document


def test_peerj_references_and_author_year_links(peerj_html):
    assert len(peerj_html.references) == 24
    first = peerj_html.references[0]
    assert first.fields["doi"] == "10.1016/S1535-6108(02)00052-1"
    assert first.fields["title"] == "Zebrafish as a cancer model system"
    mark = peerj_html.citation_marks[0]
    block = peerj_html.blocks[mark.block_index]
    assert block.text[mark.start : mark.end] == "Lewandowska et al., 2009"
    assert mark.ref_numbers == [11]
    assert block.section == "Introduction"


def test_peerj_body_without_scripts_or_navigation(peerj_html):
    texts = " ".join(b.text for b in peerj_html.blocks)
    assert "function(" not in texts and "analytics" not in texts.lower()
    assert peerj_html.blocks[0].text.startswith("Loss of wwox expression in zebrafish embryos")
    assert peerj_html.blocks[0].provenance.path.endswith("/article/header/h1")


def test_bmc_page_references_and_bracketed_citations(trials_html):
    refs = trials_html.references
    assert len(refs) == 21
    assert refs[0].fields["pmid"] == "23396853"
    assert "PubMed Abstract" not in refs[0].raw
    assert refs[0].raw.startswith("Auger C, Forster AJ, Oake N, Tamblyn R:")
    sentence = next(
        b.text for b in trials_html.blocks if "Physicians and pharmacists also supported" in b.text
    )
    assert "supported the system [1,2]." in sentence
    assert not any(b.text.startswith(("Top", "Email updates")) for b in trials_html.blocks)


HOSTILE = b"""<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
<script>var secret = "SCRIPT_TEXT";</script></head><body><nav><a href="/">Home</a></nav>
<article><h1>Dose study</h1><p>Mice got 3 mg/kg <a href="#R2">[2]</a>.<script>alert("SCRIPT_TEXT")</script></p>
<table><caption>Table 1. Doses</caption><thead><tr><th rowspan="2">Group</th><th colspan="2">Dose</th></tr>
<tr><th>mg/kg</th><th>route</th></tr></thead><tbody><tr><td>A</td><td>3</td><td>p.o.</td></tr>
<tr><td>B</td><td colspan="2">vehicle</td></tr></tbody></table>
<h2>References</h2><ol><li id="R1">First ref.</li><li id="R2">Second ref. doi:10.1000/xyz</li></ol></article>
<footer>Copyright</footer></body></html>"""


def test_script_text_never_reaches_blocks_and_spans_resolve():
    doc = read_document(HOSTILE, doc_id=make_doc_id("h.html"), source_path="h.html")
    assert all("SCRIPT_TEXT" not in b.text and "color:red" not in b.text for b in doc.blocks)
    assert not any(b.text == "Home" or "Copyright" in b.text for b in doc.blocks)
    (table,) = doc.tables
    assert table.caption == "Table 1. Doses" and table.label == "Table 1"
    assert table.header_texts() == ["Group", "Dose mg/kg", "Dose route"]
    assert [c.text for c in table.rows[1]] == ["B", "vehicle", "vehicle"]
    assert [r.number for r in doc.references] == [1, 2]
    assert "[2]" in doc.blocks[1].text  # the text citation extractor reads it; no second mark
    assert doc.citation_marks == []


NUMBERED_PARAGRAPHS = b"""<html><body><h1>Study</h1><p>As shown before [2], and [3].</p>
<h2>References</h2>
<p>1. Smith J, Doe A. Tofacitinib in mice. J Immunol. 2010;185:1-9.</p>
<p>2. Roe B. Baricitinib and JAK1. Nature. 2012;1:2-3.</p>
<ol start="3"><li>Poe C. A third paper. Cell. 2014;5:6-7.</li></ol>
<h2>Notes</h2><p>4. Not a reference: the section has ended.</p></body></html>"""


def test_references_as_numbered_paragraphs_and_a_list_that_starts_later():
    doc = read_document(NUMBERED_PARAGRAPHS, doc_id=make_doc_id("n.html"), source_path="n.html")
    assert [r.number for r in doc.references] == [1, 2, 3]
    assert doc.references[1].raw.startswith("Roe B. Baricitinib")
    assert not any(b.text.startswith("2. Roe") for b in doc.blocks)  # read once, as a reference
