"""BioMed Central publisher XML (`article.dtd`, root `<art>`, not JATS) -> Document.

BMC's own markup: `<fm>` front matter, `<bdy>` sections titled by `<st>`, CALS tables
(`<tgroup>`, `<row>`, `<entry namest= nameend= morerows=>`), `<bm><refgrp><bibl>` references
and `<abbrgrp><abbr bid="B5">` citations.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.document import Block, BlockKind, Document, Provenance, Reference, Table
from extractors.errors import MalformedDocumentError
from extractors.readers.builder import DocumentBuilder
from extractors.readers.registry import Head, SourceMeta, Tier, register, sniffer
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_tables import SpanCell, parse_span, span_rows_to_grid
from extractors.readers.xml_text import (
    children_named,
    element_path,
    element_to_marked_text,
    element_to_text,
    first_named,
    local_name,
)

BMC_XML = "application/vnd.bmc.article+xml"


def _skip(el: Any) -> bool:
    return local_name(el) in ("table", "fig", "tfoot")


def _is_cite(el: Any) -> bool:
    return local_name(el) == "abbr" and bool(el.get("bid"))


def bibl_to_reference(bibl: Any, number: int) -> Reference:
    """Gives the Reference of one `<bibl>` of the reference group, with its structured fields."""

    def text(name: str) -> str:
        el = first_named(bibl, name)
        return element_to_text(el) if el is not None else ""

    authors = []
    for au in (a for a in bibl.iter() if local_name(a) in ("au", "cnm", "collab")):
        if local_name(au) == "au":
            snm = first_named(au, "snm")
            fnm = first_named(au, "fnm")
            authors.append(" ".join(element_to_text(x) for x in (snm, fnm) if x is not None))
        else:
            authors.append(element_to_text(au))
    ids = {
        (p.get("idtype") or "").lower(): element_to_text(p) for p in bibl.iter() if local_name(p) == "pubid"
    }
    m = re.search(r"(1[5-9]|20)\d{2}", text("pubdate"))
    fpage, lpage = text("fpage"), text("lpage")
    fields: dict[str, Any] = {
        "title": text("title").rstrip(".") or None,
        "authors": authors,
        "year": int(m.group(0)) if m else None,
        "venue": text("source") or None,
        "volume": text("volume") or None,
        "pages": f"{fpage}-{lpage}" if fpage and lpage else fpage or None,
        "doi": ids.get("doi") or None,
        "pmid": ids.get("pmpid") or ids.get("pmid") or None,
        # BMC writes bare numbers; the PMC id proper carries its prefix.
        "pmcid": ("PMC" + ids["pmcid"].removeprefix("PMC")) if ids.get("pmcid") else None,
        "url": text("url") or None,
    }
    if fields["title"] is None and (note := text("note")):
        fields["title"] = note
    from extractors.readers.jats_refs import fields_to_raw

    return Reference(number, fields_to_raw(fields), Provenance(path=element_path(bibl)), fields)


def cals_table_to_table(tbl: Any, table_id: str, section: str) -> Table:
    """Gives the Table of a BMC `<table>` (CALS model), `namest`/`morerows` spans resolved."""
    colnums: dict[str, int] = {}
    for i, spec in enumerate((s for s in tbl.iter() if local_name(s) == "colspec"), start=1):
        colnums[spec.get("colname") or f"c{i}"] = parse_span(spec.get("colnum") or str(i))
    rows: list[list[SpanCell]] = []
    n_head = 0
    for row in (r for r in tbl.iter() if local_name(r) == "row"):
        in_head = any(local_name(a) == "thead" for a in row.iterancestors())
        cells = []
        for entry in children_named(row, ["entry"]):
            start = colnums.get(entry.get("namest") or "", 0)
            end = colnums.get(entry.get("nameend") or "", 0)
            colspan = end - start + 1 if start and end >= start else 1
            rowspan = parse_span(entry.get("morerows") or "0") + 1 if entry.get("morerows") else 1
            prov = Provenance(path=element_path(entry))
            cells.append(SpanCell(element_to_text(entry), prov, rowspan, colspan, in_head))
        if in_head and len(rows) == n_head:
            n_head += 1
        rows.append(cells)
    grid = span_rows_to_grid(rows)
    label_el, cap_el = first_named(tbl, "title"), first_named(tbl, "caption")
    foot = [element_to_text(f) for f in tbl.iter() if local_name(f) == "tfoot"]
    return Table(
        table_id,
        element_to_text(cap_el) if cap_el is not None else "",
        grid[:n_head],
        grid[n_head:],
        Provenance(path=element_path(tbl)),
        section=section,
        label=element_to_text(label_el) if label_el is not None else "",
        footnotes=[f for f in foot if f],
    )


class _Walker:
    def __init__(self, builder: DocumentBuilder, numbers: dict[str, int]) -> None:
        self.builder, self.doc, self.numbers = builder, builder.doc, numbers

    def block(self, el: Any, kind: BlockKind, section: str, level: int = 0) -> None:
        marked = element_to_marked_text(el, skip=_skip, mark=_is_cite)
        if not marked.text:
            return
        index = self.builder.add_block(
            Block(kind, marked.text, Provenance(path=element_path(el)), level, section)
        )
        # The shared marks: ranges joined, links the text already cites as [n] left out.
        self.builder.add_marks(index, marked.text, marked.marks, self.link_numbers)

    def link_numbers(self, abbr: Any) -> list[int]:
        n = self.numbers.get(abbr.get("bid"))
        return [n] if n is not None else []

    def walk(self, el: Any, section: str, level: int) -> None:
        for child in el:
            name = local_name(child)
            if name == "sec":
                st = first_named(child, "st")
                title = element_to_text(st) if st is not None else ""
                if title:
                    self.doc.blocks.append(
                        Block("heading", title, Provenance(path=element_path(st)), level, title)
                    )
                self.walk(child, title or section, level + 1)
            elif name == "p":
                self.block(child, "paragraph", section)
                for tbl in (t for t in child.iter() if local_name(t) == "table"):
                    self.table(tbl, section)
                for fig in (f for f in child.iter() if local_name(f) == "fig"):
                    cap = first_named(fig, "caption")
                    if cap is not None:
                        self.block(cap, "caption", section)
            elif name == "table":
                self.table(child, section)
            elif name in ("list", "l"):
                for item in (i for i in child.iter() if local_name(i) in ("li", "lip")):
                    self.block(item, "list_item", section)

    def table(self, tbl: Any, section: str) -> None:
        table = cals_table_to_table(tbl, self.builder.next_table_id(), section)
        self.doc.tables.append(table)
        cap = first_named(tbl, "caption")
        if cap is not None:
            self.block(cap, "caption", section)


def bracket_citation_groups(root: Any) -> None:
    """Writes each `<abbrgrp>` as the `[1,2]` it is printed as (the XML has bare `1 2`).

    The citation extractor then reads them like any numbered citation, in a sentence that
    reads as the published one.
    """
    for group in (g for g in root.iter() if local_name(g) == "abbrgrp"):
        cites = children_named(group, ["abbr"])
        if not cites:
            continue
        group.text = "["
        for c in cites[:-1]:
            c.tail = ","
        cites[-1].tail = "]"


def bmc_to_document(data: bytes, *, doc_id: str, source_path: str, sha256: str, media_type: str) -> Document:
    """Gives the Document of a BMC `article.dtd` article.

    Raises MalformedDocumentError when the XML is broken, hostile or has no `<art>` root.
    """
    root = bytes_to_xml_root(data, source_path)
    if local_name(root) != "art":
        raise MalformedDocumentError(source_path, f"root element is <{local_name(root)}>, not BMC <art>")
    builder = DocumentBuilder(
        {"doc_id": doc_id, "source_path": source_path, "sha256": sha256, "media_type": media_type}
    )
    doc = builder.doc
    bracket_citation_groups(root)
    bibls = [
        b
        for b in root.iter()
        if local_name(b) == "bibl"
        and b.get("id")
        and any(local_name(a) == "refgrp" for a in b.iterancestors())
    ]
    numbers = {b.get("id"): i for i, b in enumerate(bibls, start=1)}
    w = _Walker(builder, numbers)
    fm = first_named(root, "fm")
    title_el = (
        first_named(first_named(fm, "bibl"), "title")
        if fm is not None and first_named(fm, "bibl") is not None
        else None
    )
    if title_el is not None:
        doc.title = element_to_text(title_el)
        w.block(title_el, "heading", doc.title, level=1)
    for part in ("abs", "bdy", "bm"):
        el = first_named(root, part)
        if el is not None:
            w.walk(el, "", 2)
            if part == "bm":
                ack = first_named(el, "ack")
                if ack is not None:
                    w.walk(ack, "Acknowledgements", 2)
    doc.references = [bibl_to_reference(b, n) for n, b in enumerate(bibls, start=1)]
    return builder.finish()


@register(BMC_XML)
def read_bmc(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of a BMC `article.dtd` article."""
    return bmc_to_document(data, **meta.ids())


_BMC_SIGN = re.compile(r"<!doctype\s+art\s|<art>\s*<ui>")


@sniffer(BMC_XML, Tier.XML_DIALECT)
def looks_like_bmc(head: Head) -> bool:
    """Gives whether markup is BioMed Central's own `article.dtd` (`<art>`): not JATS, but an
    article we read."""
    return head.text.startswith("<") and _BMC_SIGN.search(head.lower) is not None
