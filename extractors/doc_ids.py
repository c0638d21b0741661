"""A paper's own identifiers (DOI, PMID, PMCID) as its source states them.

JATS/NLM XML: the `article-id` elements of `article-meta` (never those of the reference list).
HTML: the Highwire `citation_doi` / `citation_pmid` meta tags and `dc.identifier`. PDF and
plain text: a DOI or PMID written with its label (`doi:`, `https://doi.org/`, `PMID:`) near the
start (the first page of a PDF, the first characters of a text), where a paper prints its own;
an unlabelled DOI or PMC number is more likely a cited work's, so it is not taken.
"""

from __future__ import annotations

import re
from typing import Any

HEAD_CHARS = 4000  # how far into a text or a PDF's first page the paper's own ids are looked for
_DOI = re.compile(r"(?:\bdoi\s*:?\s*|doi\.org/)(10\.\d{4,9}/[^\s\"<>,;]+)", re.IGNORECASE)
_PMID = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b")
_PMCID = re.compile(r"\bPMCID\s*:?\s*(PMC\d{4,10})\b")
_BROKEN = re.compile(r"([./-])\r?\n(?=\d)")  # a DOI a PDF broke after `.`/`-` before its digits


def _clean_doi(doi: str) -> str:
    return doi.strip().rstrip(".)]")


def _from_xml(data: bytes) -> dict[str, str]:
    from extractors.readers.safe_xml import bytes_to_xml_root
    from extractors.readers.xml_text import local_name

    root = bytes_to_xml_root(data, "source")
    out: dict[str, str] = {}
    for meta in (el for el in root.iter() if isinstance(el.tag, str) and local_name(el) == "article-meta"):
        for el in meta:
            if not isinstance(el.tag, str) or local_name(el) != "article-id":
                continue
            kind, value = (el.get("pub-id-type") or "").lower(), "".join(el.itertext()).strip()
            key = {"doi": "doi", "pmid": "pmid", "pmc": "pmcid", "pmcid": "pmcid"}.get(kind)
            if key and value and key not in out:
                out[key] = _clean_doi(value) if key == "doi" else value
        break  # the article's own metadata; sub-articles and references come later
    if "pmcid" in out and not out["pmcid"].upper().startswith("PMC"):
        out["pmcid"] = "PMC" + out["pmcid"]
    return out


def _from_html(data: bytes) -> dict[str, str]:
    from lxml import html

    root = html.fromstring(data)
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        name, content = (meta.get("name") or "").lower(), (meta.get("content") or "").strip()
        if not content:
            continue
        if name in ("citation_doi", "dc.identifier", "prism.doi") and (
            m := re.search(r"10\.\d{4,9}/\S+", content)
        ):
            out.setdefault("doi", _clean_doi(m.group(0)))
        elif name == "citation_pmid" and content.isdigit():
            out.setdefault("pmid", content)
        elif name == "dc.identifier" and (m := re.fullmatch(r"info:pmid/(\d+)", content)):
            out.setdefault("pmid", m.group(1))
    return out


def ids_in_text(text: str, head_chars: int | None = HEAD_CHARS) -> dict[str, str]:
    """Gives the labelled DOI, PMID and PMCID found in the head of a text (keys left out when absent)."""
    head = _BROKEN.sub(r"\1", text[:head_chars])
    out: dict[str, str] = {}
    if m := _DOI.search(head):
        out["doi"] = _clean_doi(m.group(1))
    if m := _PMID.search(head):
        out["pmid"] = m.group(1)
    if m := _PMCID.search(head):
        out["pmcid"] = m.group(1)
    return out


def _pdf_first_page(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) == 0:
            return ""
        page = pdf[0]
        try:
            textpage = page.get_textpage()
            return str(textpage.get_text_range())
        finally:
            page.close()
    finally:
        pdf.close()


def document_ids(data: bytes, media_type: str) -> dict[str, str]:
    """Gives the paper's own `doi`, `pmid` and `pmcid` found in its source bytes (only those stated);
    an unreadable source gives an empty dict, never an error."""
    try:
        if "pdf" in media_type:
            return ids_in_text(
                _pdf_first_page(data), None
            )  # the whole first page: ids often sit in its footer
        if "html" in media_type:
            return _from_html(data) or ids_in_text(_html_text(data))
        if "xml" in media_type:
            return _from_xml(data)
        return ids_in_text(data.decode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001 - a source we cannot read simply states no ids
        return {}


def _html_text(data: bytes) -> str:
    from lxml import html

    root: Any = html.fromstring(data)
    return str(root.text_content())
