"""JATS reader on real articles: facts checked by reading the XML."""

from __future__ import annotations

import time

import pytest

from extractors.document import make_doc_id
from extractors.errors import MalformedDocumentError
from extractors.readers import read_document


def test_panda_references_numbered_in_list_order_with_ids(panda_jats):
    refs = panda_jats.references
    assert len(refs) == 76
    assert refs[0].number == 1
    assert refs[0].fields["doi"] == "10.1644/08-mamm-a-071.1"
    assert refs[0].fields["title"].startswith("Differences in the composition of colostrum and milk")
    assert refs[1].fields["pmid"] == "18222662"
    assert refs[2].fields["authors"] == ["Skibiel AL", "Downing LM", "Orr TJ", "Hood WR"]


def test_panda_table_caption_header_and_cell(panda_jats):
    (table,) = panda_jats.tables
    assert table.label == "Table 1."
    assert table.caption.startswith("Proteins in giant panda milk.")
    assert table.header_texts()[1] == "found in gel bandb"
    assert [c.text for c in table.rows[0]][:2] == ["immunoglobulin μ heavy chain", "A"]
    assert len(table.rows) == 16
    assert table.footnotes[0] == "aGel bands as indicated in figure 3."


def test_panda_sections_in_order_with_element_paths(panda_jats):
    blocks = panda_jats.blocks
    assert blocks[0].kind == "heading" and blocks[0].text.startswith("Prolonged transition time")
    intro = next(b for b in blocks if b.text == "Introduction")
    assert intro.provenance.path == "/article/body/sec[1]/title"
    first_para = blocks[blocks.index(intro) + 1]
    assert first_para.provenance.path == "/article/body/sec[1]/p[1]"
    assert first_para.section == "Introduction"


def test_bracketed_xrefs_are_left_to_the_text_citation_extractor(panda_jats):
    # `[<xref>40</xref>–<xref>43</xref>]` reads as "[27,40–43]" and is cited once, by the text.
    block = next(b for b in panda_jats.blocks if "probiotic activities" in b.text)
    assert "[27,40–43]" in block.text
    assert panda_jats.citation_marks == []


def test_author_year_xrefs_become_marks_in_their_sentence(elife_jats):
    marks = [
        m
        for m in elife_jats.citation_marks
        if elife_jats.blocks[m.block_index].text[m.start : m.end] == "De Wit, 1960"
    ]
    assert marks
    ref = elife_jats.references[marks[0].ref_numbers[0] - 1]
    assert ref.fields["authors"][0].startswith("De Wit")
    assert ref.fields["year"] == 1960


def test_elife_spanning_header_copied_into_each_column(elife_jats):
    table = elife_jats.tables[0]
    assert len(table.header) == 2
    headers = table.header_texts()
    assert headers[3] == "GLVs (percent IS plant-1) (Z)-Hexen-3-ol"
    assert headers[11] == "TPS10 products (percent IS plant-1) TAB"


def _jats(body: str) -> bytes:
    return (
        '<?xml version="1.0"?><article dtd-version="1.1"><front><article-meta><title-group>'
        "<article-title>T</article-title></title-group></article-meta></front><body><sec><title>S</title>"
        f"<p>{body}</p></sec></body><back><ref-list>"
        + "".join(f'<ref id="r{i}"><mixed-citation>Ref {i}.</mixed-citation></ref>' for i in range(1, 6))
        + "</ref-list></back></article>"
    ).encode()


def test_unbracketed_xref_range_is_expanded():
    data = _jats(
        'Shown before <xref ref-type="bibr" rid="r2">2</xref>–<xref ref-type="bibr" rid="r4">4</xref>.'
    )
    doc = read_document(data, doc_id=make_doc_id("x.xml"), source_path="x.xml")
    (mark,) = doc.citation_marks
    assert mark.ref_numbers == [2, 3, 4]
    assert doc.blocks[mark.block_index].text[mark.start : mark.end] == "2–4"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<article dtd-version="1.1"><front/><body><p>&h;</p></body></article>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<article dtd-version="1.1"><front/><body><p>&x;</p></body></article>"""


@pytest.mark.parametrize("data", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_fails_fast_with_a_clear_reason(data):
    start = time.perf_counter()
    with pytest.raises(MalformedDocumentError, match="entit"):
        read_document(data, doc_id=make_doc_id("evil.xml"), source_path="evil.xml")
    assert time.perf_counter() - start < 1.0


def test_undeclared_entity_in_body_never_reads_local_files():
    # No DOCTYPE declaration to refuse: the parser itself must not expand or fetch anything.
    data = (
        b'<?xml version="1.0"?><article dtd-version="1"><front/><body><p>root:x:0:0 &x;</p></body></article>'
    )
    with pytest.raises(MalformedDocumentError):
        read_document(data, doc_id=make_doc_id("e.xml"), source_path="e.xml")


def test_table_wrap_in_parts_gives_a_table_per_part(helminth_jats, elife_jats):
    # PMC4046940 Table 2 is two <table> in <alternatives>: infection intensities (10 columns)
    # for helminths, then 13 columns starting with P. falciparum.
    parts = [t for t in helminth_jats.tables if t.label == "Table 2"]
    assert [t.n_cols for t in parts] == [10, 13]
    assert parts[0].rows[0][0].text == "Hookworm"
    assert parts[1].rows[0][0].text == "P. falciparum"
    assert parts[0].caption == parts[1].caption
    # elife04490: a model summary and its "Correlation of fixed effects" share one wrap.
    assert any(t.header and t.header[0][0].text == "Correlation of fixed effects" for t in elife_jats.tables)


def test_appendix_sub_articles_and_table_footnotes_are_read(elife_jats, helminth_jats):
    # elife04490 cites van Dam et al., 2001 (ref 83) in appendix 2 (<app-group>), and its
    # decision letter and author response are <sub-article>s citing the same list.
    appendix = [
        i for i, b in enumerate(elife_jats.blocks) if "/app-group/app[2]/" in (b.provenance.path or "")
    ]
    assert any(83 in m.ref_numbers for m in elife_jats.citation_marks if m.block_index in appendix)
    headings = [b.text for b in elife_jats.blocks if b.kind == "heading"]
    assert "Decision letter" in headings and "Author response" in headings
    # PMC4046940 Table 2's footnote cites WHO guidelines [23]: a caption block of its own.
    (foot,) = [
        b for b in helminth_jats.blocks if "according to World Health Organization guidelines [23]" in b.text
    ]
    assert foot.kind == "caption"


def test_a_blank_article_title_gives_no_title_block_and_no_crash():
    # Found by the Hypothesis reader test: a blank <article-title> adds no heading, and the
    # level fix-up after it indexed an empty block list.
    data = (
        b'<?xml version="1.0"?><article><front><article-meta><title-group><article-title> </article-title>'
        b"</title-group></article-meta></front><body><p>Mice were dosed.</p></body></article>"
    )
    doc = read_document(data, doc_id=make_doc_id("t.xml"), source_path="t.xml")
    assert doc.media_type == "application/jats+xml"
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", "Mice were dosed.")]
