"""JATS `<ref>` -> Reference with the structured fields its citation element states.

`<mixed-citation>` keeps the punctuation of the printed reference, so its text is the raw
string; `<element-citation>` is bare fields, so the raw string is assembled from them in the
order a printed reference uses.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from extractors.document import Provenance, Reference
from extractors.readers.xml_text import clean_text, element_to_text, local_name

_CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/\S+?)(?=[.,;]?(?:\s|$))")


def _first(el: Any, *names: str) -> Any | None:
    for d in el.iter():
        if local_name(d) in names:
            return d
    return None


def _text(el: Any | None) -> str:
    return element_to_text(el) if el is not None else ""


def _name_to_author(name: Any) -> str:
    if local_name(name) in ("collab", "string-name") and _first(name, "surname") is None:
        return element_to_text(name)
    surname = _text(_first(name, "surname"))
    given = _text(_first(name, "given-names"))
    return f"{surname} {given}".strip()


def citation_to_authors(cit: Any) -> list[str]:
    """Gives the authors of a citation element ("Surname Given"), editors left out."""
    authors: list[str] = []
    for d in cit.iter():
        name = local_name(d)
        if name not in ("name", "collab", "string-name"):
            continue
        group = next((a for a in d.iterancestors() if local_name(a) == "person-group"), None)
        if group is not None and group.get("person-group-type", "author") != "author":
            continue
        if any(local_name(a) in ("name", "collab", "string-name") for a in d.iterancestors()):
            continue
        author = _name_to_author(d)
        if author:
            authors.append(author)
    return authors


def _pub_ids(cit: Any) -> dict[str, str]:
    ids: dict[str, str] = {}
    for d in cit.iter():
        if local_name(d) == "pub-id":
            kind = (d.get("pub-id-type") or "").lower()
            value = clean_text("".join(d.itertext()))
            if kind == "pmc":
                kind = "pmcid"
            if kind in ("doi", "pmid", "pmcid") and value and kind not in ids:
                ids[kind] = value
        elif local_name(d) in ("ext-link", "uri"):
            href = d.get(_XLINK_HREF) or clean_text("".join(d.itertext()))
            if href and "url" not in ids:
                ids["url"] = href
            if href and "doi.org/10." in href and "doi" not in ids:
                ids["doi"] = href.split("doi.org/", 1)[1]
    if "pmcid" in ids and not ids["pmcid"].upper().startswith("PMC"):
        ids["pmcid"] = "PMC" + ids["pmcid"]
    return ids


def citation_to_fields(cit: Any) -> dict[str, Any]:
    """Gives title, authors, year, venue, volume, pages and identifiers of a citation element."""
    kind = cit.get("publication-type") or cit.get("citation-type") or ""
    article_title = _text(_first(cit, "article-title"))
    chapter = _text(_first(cit, "chapter-title"))
    source = _text(_first(cit, "source"))
    title = article_title or chapter or (source if kind in ("book", "thesis", "report") else "")
    venue = source if source and source != title else None
    year_text = _text(_first(cit, "year"))
    m = re.search(r"(1[5-9]|20)\d{2}", year_text)
    fpage, lpage = _text(_first(cit, "fpage")), _text(_first(cit, "lpage"))
    pages = f"{fpage}-{lpage}" if fpage and lpage else fpage or _text(_first(cit, "elocation-id"))
    fields: dict[str, Any] = {
        "title": title.rstrip(".") or None,
        "authors": citation_to_authors(cit),
        "year": int(m.group(0)) if m else None,
        "venue": venue,
        "volume": _text(_first(cit, "volume")) or None,
        "pages": pages or None,
        "publication_type": kind or None,
    }
    fields.update(_pub_ids(cit))
    return fields


def fields_to_raw(fields: dict[str, Any]) -> str:
    """Gives a printed-style reference string assembled from structured fields."""
    parts = []
    if fields.get("authors"):
        parts.append(", ".join(fields["authors"]))
    if fields.get("title"):
        parts.append(fields["title"])
    venue = fields.get("venue") or ""
    where = venue
    if fields.get("year"):
        where = f"{where} {fields['year']}".strip()
    if fields.get("volume"):
        where += f";{fields['volume']}"
    if fields.get("pages"):
        where += f":{fields['pages']}"
    if where:
        parts.append(where)
    if fields.get("doi"):
        parts.append(f"doi:{fields['doi']}")
    return ". ".join(p.strip().rstrip(".") for p in parts if p) + ("." if parts else "")


# Parts a mixed citation may set side by side with no text between them: `<surname>Langer
# </surname><given-names>P</given-names>` prints as "Langer P", not "LangerP".
_SPACED = {"surname", "given-names", "prefix", "suffix", "pub-id", "etal"}


def _spaced(cit: Any) -> Any:
    """Gives a copy of a mixed citation with a space between adjacent name parts and ids."""
    out = copy.deepcopy(cit)
    for el in out.iter():
        nxt = el.getnext()
        if nxt is None or not isinstance(el.tag, str):
            continue
        tail = el.tail or ""
        if not tail and (local_name(el) in _SPACED or local_name(nxt) in _SPACED):
            el.tail = " "
        elif local_name(nxt) == "pub-id" and tail[-1] in ").,;":
            el.tail = tail + " "  # `(doi:...)18222662` -> `(doi:...) 18222662`
    return out


def ref_to_reference(ref: Any, number: int, path: str) -> Reference:
    """Gives the Reference of one `<ref>`: its number in the list, raw string and fields."""
    cit = _first(ref, *_CITATIONS)
    if cit is None:
        raw = element_to_text(ref)
        return Reference(number, raw, Provenance(path=path), {})
    fields = citation_to_fields(cit)
    if local_name(cit) == "element-citation":
        raw = fields_to_raw(fields)
    else:
        raw = element_to_text(_spaced(cit))
        if "doi" not in fields and (m := _DOI_IN_TEXT.search(raw)):
            fields["doi"] = m.group(1)
    label = _text(_first(ref, "label"))
    if label:
        fields["label"] = label
    return Reference(number, raw, Provenance(path=path), fields)
