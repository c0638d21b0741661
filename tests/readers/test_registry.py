"""The reader registry: a new format is one module (here, this test module) that registers a
reader and its sniffer; the built-in sniffers are asked in the documented tier order."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from extractors.detect import PLAIN, sniff_media_type
from extractors.document import Block, Document, Provenance
from extractors.readers import read_document, registry
from extractors.readers.builder import DocumentBuilder
from extractors.readers.registry import Head, SourceMeta, Tier
from litcurate.ingest import Source, extract_source

# RIS (Research Information Systems), the citation managers' export: `TY  - JOUR` opens a record.
RIS = "application/x-research-info-systems"
_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$", re.M)


def read_ris(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of one RIS record: its title (TI) and abstract (AB) as blocks."""
    builder = DocumentBuilder(meta.ids())
    for line, m in enumerate(_TAG.finditer(data.decode("utf-8")), start=1):
        tag, value = m.groups()
        if tag in ("TI", "AB") and value:
            kind = "heading" if tag == "TI" else "paragraph"
            builder.add_block(Block(kind, value, Provenance(line=line), int(tag == "TI"), ""))
    return builder.finish()


def looks_like_ris(head: Head) -> bool:
    """Gives whether text opens with a RIS record's type tag."""
    return re.match(r"TY  - [A-Z]+", head.text) is not None


@pytest.fixture
def ris_format() -> Iterator[None]:
    """The toy format registered as a reader module would register it, then unregistered."""
    registry.register(RIS)(read_ris)
    registry.sniffer(RIS, Tier.TEXT)(looks_like_ris)
    yield
    registry.unregister(RIS)


def _ris_of(article: Document) -> bytes:
    """Gives a RIS record of a corpus article's title and abstract."""
    abstract = next(
        b.text for b in article.blocks if b.kind == "paragraph" and b.section.lower().startswith("abstract")
    )
    return f"TY  - JOUR\nTI  - {article.title}\nAB  - {abstract}\nER  - \n".encode()


def test_a_new_format_is_one_module_that_registers_a_reader_and_a_sniffer(ris_format, panda_jats, tmp_path):
    data = _ris_of(panda_jats)
    assert sniff_media_type(data, "export.txt") == RIS
    doc = read_document(data, source_path="export.txt")
    assert doc.media_type == RIS
    assert doc.title.startswith(panda_jats.title[:40])
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph"]
    # The whole ingest path takes it with no other change: rows, entities and all.
    path = tmp_path / "export.ris"
    path.write_bytes(data)
    ex = extract_source(Source(path, path.name))
    assert ex.error is None
    assert ex.media_type == RIS
    assert ex.title == doc.title
    assert ex.rows["entities"]
    assert all(e["text"] in doc.blocks[e["block_index"]].text for e in ex.rows["entities"])


def test_an_unregistered_format_is_gone_again(panda_jats) -> None:
    data = _ris_of(panda_jats)
    registry.register(RIS)(read_ris)
    try:
        registry.sniffer(RIS, Tier.TEXT)(looks_like_ris)
        assert sniff_media_type(data, "export.txt") == RIS
    finally:
        registry.unregister(RIS)
    assert RIS not in registry.media_types()
    assert all(s.media_type != RIS for s in registry.sniffers())
    assert sniff_media_type(data, "export.txt") == PLAIN  # text nothing claims is plain text


def test_the_built_in_sniffers_are_asked_in_the_documented_order() -> None:
    order = [(s.tier, s.media_type) for s in registry.sniffers()]
    assert order == sorted(order)  # tier first, then media type: never import order
    assert order == [
        (Tier.MAGIC, "application/pdf"),
        (Tier.DECLARED, "text/html"),
        (Tier.XML_DIALECT, "application/jats+xml"),
        (Tier.XML_DIALECT, "application/vnd.bmc.article+xml"),
        (Tier.XML, "application/xml"),
        (Tier.MARKUP, "text/html"),
        (Tier.TEXT, "text/markdown"),
    ]
    # Every sniffed media type has a reader.
    assert {mt for _, mt in order} <= set(registry.media_types())


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        # A page that declares itself HTML stays HTML, though it holds an <article> and names NLM.
        (b"<!DOCTYPE html><html><article><a href='https://www.ncbi.nlm.nih.gov/'>", "text/html"),
        # XHTML declared as XML is still HTML: DECLARED comes before XML.
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body/>", "text/html"),
        (b"<?xml version='1.0'?><article dtd-version='1.2'><front/>", "application/jats+xml"),
        (b"<!DOCTYPE art SYSTEM 'article.dtd'><art><ui>1</ui>", "application/vnd.bmc.article+xml"),
        (b"<?xml version='1.0'?><rdf><p>not HTML</p></rdf>", "application/xml"),  # XML before MARKUP
        (b"<div><p>a saved fragment</p></div>", "text/html"),
        (b"<notes>\n# a heading in angle-bracketed text\n", "text/markdown"),
    ],
)
def test_precedence_between_tiers(head: bytes, media_type: str) -> None:
    assert sniff_media_type(head, "x") == media_type


def test_a_second_sniffer_for_the_same_type_and_tier_is_refused() -> None:
    with pytest.raises(ValueError, match="two TEXT sniffers for text/markdown"):
        registry.sniffer("text/markdown", Tier.TEXT)(looks_like_ris)
    assert [s.claims for s in registry.sniffers() if s.media_type == "text/markdown"] != [looks_like_ris]
