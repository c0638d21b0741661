"""JATS XML (PMC, eLife, PeerJ) -> Document.

Title, abstract and body sections in order; `<table-wrap>` as tables with label, caption,
header and body rows (spans resolved) and footnotes; `<ref-list>` as numbered references with
the structured fields of their `<element-citation>`/`<mixed-citation>`; `<xref ref-type="bibr">`
as citation marks. Reference numbers are positions in the reference list (1-based): JATS ids
(`B12`, `ref-12`, `bib12`, `pone.0000217-Fisher1`) are names, not numbers.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.document import Block, BlockKind, Document, Provenance
from extractors.errors import MalformedDocumentError
from extractors.readers.builder import DocumentBuilder
from extractors.readers.jats_refs import ref_to_reference
from extractors.readers.registry import Head, SourceMeta, Tier, register, sniffer
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_tables import nearest_table, table_element_to_table
from extractors.readers.xml_text import (
    children_named,
    element_path,
    element_to_marked_text,
    element_to_text,
    first_named,
    local_name,
)

JATS = "application/jats+xml"

# Floating and display content that is not part of the paragraph's sentence.
_OUT_OF_FLOW = frozenset(
    {
        "table-wrap",
        "fig",
        "disp-formula",
        "supplementary-material",
        "table-wrap-group",
        "fig-group",
        "graphic",
        "media",
        "alternatives",
        "ref-list",
        "tex-math",
        "boxed-text",
    }
)


def _skip_out_of_flow(el: Any) -> bool:
    return local_name(el) in _OUT_OF_FLOW


def _is_bibr(el: Any) -> bool:
    return local_name(el) == "xref" and el.get("ref-type") == "bibr"


class _Builder:
    """Collects blocks, tables and citation marks while walking the article in reading order."""

    def __init__(self, builder: DocumentBuilder, rid_numbers: dict[str, int]) -> None:
        self.builder, self.doc = builder, builder.doc
        self.rid_numbers = rid_numbers
        self.seen_tables: set[str] = set()  # element paths: lxml proxies' id() is not stable

    def add_block(self, el: Any, kind: BlockKind, section: str, level: int = 0) -> Block | None:
        marked = element_to_marked_text(el, skip=_skip_out_of_flow, mark=_is_bibr)
        if not marked.text:
            return None
        block = Block(kind, marked.text, Provenance(path=element_path(el)), level, section)
        self.doc.blocks.append(block)
        self.add_marks(len(self.doc.blocks) - 1, marked.text, marked.marks)
        return block

    def add_marks(self, block_index: int, text: str, marks: list[tuple[int, int, Any]]) -> None:
        """Adds a CitationMark per `<xref ref-type="bibr">` of the block."""

        def numbers(el: Any) -> list[int]:
            rids = (el.get("rid") or "").split()
            return [self.rid_numbers[r] for r in rids if r in self.rid_numbers]

        self.builder.add_marks(block_index, text, marks, numbers)

    def walk(self, el: Any, section: str, level: int) -> None:
        """Adds the blocks and tables of a section-like element, in document order."""
        for child in el:
            name = local_name(child)
            if name == "sec" or name == "app" or name == "ack" or name == "boxed-text":
                title_el = first_child(child, "title")
                title = element_to_text(title_el) if title_el is not None else ""
                if not title and name == "ack":
                    title = "Acknowledgements"
                if title:
                    head = Block(
                        "heading",
                        title,
                        Provenance(path=element_path(title_el if title_el is not None else child)),
                        level,
                        title,
                    )
                    self.doc.blocks.append(head)
                self.walk(child, title or section, level + 1)
            elif name == "p":
                self.add_block(child, "paragraph", section)
                self.floats_in(child, section)
            elif name == "list":
                for item in child.iter():
                    if local_name(item) == "list-item":
                        self.add_block(item, "list_item", section)
            elif name in ("table-wrap", "fig", "table-wrap-group", "fig-group"):
                self.floats_in(child, section, include_self=True)
            elif name in (
                "disp-quote",
                "statement",
                "def-list",
                "glossary",
                "notes",
                "fn-group",
                "app-group",
            ):
                self.walk(child, section, level)
            elif name == "def-item" or name == "fn":
                self.add_block(child, "paragraph", section)

    def floats_in(self, el: Any, section: str, include_self: bool = False) -> None:
        """Adds the tables and figure captions nested in an element (PMC puts them inside <p>)."""
        for d in el.iter():
            if d is el and not include_self:
                continue
            name = local_name(d)
            if name == "table-wrap":
                self.add_table(d, section)
            elif name in ("fig", "supplementary-material"):
                # A figure's source-data files (eLife) sit inside its caption, which reads
                # without them; their own captions are blocks of their own.
                cap = first_child(d, "caption")
                if cap is not None:
                    self.add_block(cap, "caption", section)

    def add_table(self, wrap: Any, section: str) -> None:
        path = element_path(wrap)
        if path in self.seen_tables:
            return
        self.seen_tables.add(path)
        label_el = first_child(wrap, "label")
        cap_el = first_child(wrap, "caption")
        label = element_to_text(label_el) if label_el is not None else ""
        caption = element_to_text(cap_el) if cap_el is not None else ""
        if cap_el is not None:
            self.add_block(cap_el, "caption", section)
        # PLOS sets a table in parts, several <table> in one wrap (inside <alternatives>, beside
        # the image of the whole); each part is a Table of its own with the wrap's label and
        # caption. A table given only as an image has no part: its caption is all there is.
        tables = [t for t in wrap.iter() if local_name(t) == "table" and nearest_table(t) is None]
        foot_els = [fn for fn in wrap.iter() if _is_footnote(fn)]
        foot = [element_to_text(fn) for fn in foot_els]
        for fn in foot_els:
            # A footnote can cite ("...defined according to WHO guidelines [23]"): as a block
            # of its own its citations are marked like any paragraph's.
            self.add_block(fn, "caption", section)
        for table_el in tables:
            self.doc.tables.append(
                table_element_to_table(
                    table_el,
                    table_id=self.builder.next_table_id(),
                    caption=caption,
                    label=label,
                    section=section,
                    footnotes=[f for f in foot if f],
                    provenance=Provenance(path=path if len(tables) == 1 else element_path(table_el)),
                )
            )


def _is_footnote(el: Any) -> bool:
    name = local_name(el)
    return name == "fn" or (name == "table-wrap-foot" and not children_named(el, ["fn"]))


def first_child(el: Any, name: str) -> Any | None:
    """Gives the first direct child with the local name, or None."""
    found = children_named(el, [name])
    return found[0] if found else None


def refs_to_numbers(root: Any) -> tuple[list[Any], dict[str, int]]:
    """Gives the `<ref>` elements of the reference lists, in order, and each id's 1-based number."""
    refs = [r for r in root.iter() if local_name(r) == "ref" and _in_ref_list(r)]
    numbers: dict[str, int] = {}
    for i, ref in enumerate(refs, start=1):
        if ref.get("id"):
            numbers[ref.get("id")] = i
        for d in ref.iter():  # citations can carry their own ids (<mixed-citation id="...">)
            if d is not ref and d.get("id"):
                numbers.setdefault(d.get("id"), i)
    return refs, numbers


def _in_ref_list(ref: Any) -> bool:
    return any(local_name(a) == "ref-list" for a in ref.iterancestors())


def jats_to_document(data: bytes, *, doc_id: str, source_path: str, sha256: str, media_type: str) -> Document:
    """Gives the Document of a JATS article.

    Raises MalformedDocumentError when the XML is broken, hostile or not a JATS article.
    """
    root = bytes_to_xml_root(data, source_path)
    if local_name(root) != "article":
        raise MalformedDocumentError(
            source_path, f"root element is <{local_name(root)}>, not a JATS <article>"
        )
    builder = DocumentBuilder(
        {"doc_id": doc_id, "source_path": source_path, "sha256": sha256, "media_type": media_type}
    )
    doc = builder.doc
    refs, rid_numbers = refs_to_numbers(root)
    b = _Builder(builder, rid_numbers)
    meta = first_named(root, "article-meta")
    title_el = first_named(meta, "article-title") if meta is not None else None
    if title_el is not None:
        doc.title = element_to_text(title_el)
        # A blank title adds no block (the Hypothesis reader test found `doc.blocks[-1]` failing).
        b.add_block(title_el, "heading", doc.title, level=1)
    for abstract in (a for a in (meta.iter() if meta is not None else []) if local_name(a) == "abstract"):
        if abstract.get("abstract-type") in ("toc", "teaser"):
            continue
        head = first_child(abstract, "title")
        name = element_to_text(head) if head is not None else "Abstract"
        doc.blocks.append(Block("heading", name, Provenance(path=element_path(abstract)), 2, name))
        b.walk(abstract, name, 3)
    body = first_child(root, "body")
    if body is not None:
        b.walk(body, "", 2)
    back = first_child(root, "back")
    if back is not None:
        b.walk(back, "", 2)
    for sub in children_named(root, ["sub-article", "response"]):
        # eLife's decision letter and author response cite the article's own reference list.
        title_el = first_named(sub, "article-title")
        title = element_to_text(title_el) if title_el is not None else "Sub-article"
        doc.blocks.append(
            Block(
                "heading",
                title,
                Provenance(path=element_path(title_el if title_el is not None else sub)),
                2,
                title,
            )
        )
        for sub_body in children_named(sub, ["body"]):
            b.walk(sub_body, title, 3)
    for wrap in (w for w in root.iter() if local_name(w) == "table-wrap"):
        b.add_table(wrap, "")  # floats-group and other places the walk does not reach
    doc.references = [ref_to_reference(r, n, element_path(r)) for n, r in enumerate(refs, start=1)]
    return builder.finish()


@register(JATS)
def read_jats(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of a JATS article."""
    return jats_to_document(data, **meta.ids())


_ARTICLE = re.compile(r"<article[\s>]")
_JATS_SIGN = re.compile(r"jats|nlm|dtd-version|<front>")


@sniffer(JATS, Tier.XML_DIALECT)
def looks_like_jats(head: Head) -> bool:
    """Gives whether markup is a JATS (or older NLM) `<article>`: the element and a sign of the
    vocabulary (its DTD's name, `dtd-version`, a `<front>`)."""
    lower = head.lower
    return head.text.startswith("<") and bool(_ARTICLE.search(lower) and _JATS_SIGN.search(lower))
