"""Reference lists in publisher HTML -> numbered References with the fields the markup states.

Publishers mark reference lists in many ways: `<ol id="references"><li id="B1">` (BioMed
Central), `<ul class="ref-list"><li class="ref"><div id="ref-1">` with schema.org microdata
(PeerJ), `<li id="CR12">` (Springer), `<li id="bib12">`. The list is found by those marks or
by the heading above it; items are numbered by position, and every id inside an item maps to
its number so in-text links resolve.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from extractors.document import Provenance, Reference
from extractors.readers.xml_text import clean_text, element_path, element_to_text, local_name

_REF_ID = re.compile(r"^(?:B|R|CR|ref-?|bib-?|bibr|cit|c|r|reference-?)\d+$", re.I)
_REF_HEADING = re.compile(r"^\s*(references?|bibliography|literature cited|works cited)\b", re.I)
# Links a publisher adds to each reference that are not part of the citation.
_TOOL_LINK = re.compile(
    r"^\s*(pubmed( abstract| central| full text)?|publisher full text|full text|crossref|"
    r"google scholar|openurl|view article|article|ads|cas|pmc free article|web of science|"
    r"isi|medline|scopus|find it|search google scholar|download citation)\s*$",
    re.I,
)
_PMID_HREF = re.compile(r"(?:/pubmed/|[?&](?:list_uids|id)=)(\d{5,9})\b")
_DOI_HREF = re.compile(r"doi\.org/(10\.\d{4,9}/\S+)$", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")


def _is_tool_link(el: Any) -> bool:
    if local_name(el) in ("script", "style", "img", "button", "noscript"):
        return True
    if local_name(el) == "p" and "totext" in (el.get("class") or ""):
        return True
    return local_name(el) == "a" and bool(_TOOL_LINK.match(clean_text("".join(el.itertext()))))


def _class(el: Any) -> str:
    return f" {el.get('class') or ''} {el.get('itemprop') or ''} "


def _first_with(item: Any, *classes: str) -> Any | None:
    for d in item.iter():
        if isinstance(d.tag, str) and any(f" {c} " in _class(d) for c in classes):
            return d
    return None


def item_to_fields(item: Any, raw: str) -> dict[str, Any]:
    """Gives title, authors, year, venue and identifiers of one reference item."""
    fields: dict[str, Any] = {}
    for a in item.iter("a"):
        href = unquote(a.get("href") or "")
        if (m := _DOI_HREF.search(href)) and "doi" not in fields:
            fields["doi"] = m.group(1)
        elif (m := _PMID_HREF.search(href)) and "pmid" not in fields:
            fields["pmid"] = m.group(1)
    names = [d for d in item.iter() if isinstance(d.tag, str) and " author " in _class(d)]
    if names:
        fields["authors"] = [
            clean_text(
                f"{element_to_text(s)} {element_to_text(g)}"
                if (s := _first_with(n, "surname")) is not None
                and (g := _first_with(n, "given-names")) is not None
                else element_to_text(n)
            )
            for n in names
        ]
    title_el = _first_with(item, "article-title")
    if title_el is None:
        title_el = next((b for b in item.iter("strong", "b", "cite") if len(element_to_text(b)) > 15), None)
    if title_el is not None:
        fields["title"] = element_to_text(title_el).rstrip(". ")
        if not names:
            head = raw.split(fields["title"][:20], 1)[0]
            fields["authors"] = [
                a.strip(" .:") for a in re.split(r",\s+", head.strip(" :")) if a.strip(" .:")
            ]
    source = _first_with(item, "source")
    if source is not None:
        fields["venue"] = element_to_text(source)
    elif (em := next(iter(item.iter("em", "i")), None)) is not None:
        fields["venue"] = element_to_text(em)
    year = _first_with(item, "year")
    m = _YEAR.search(element_to_text(year) if year is not None else raw)
    if m:
        fields["year"] = int(m.group(1))
    return fields


def _items_of(lst: Any) -> list[Any]:
    return [li for li in lst if local_name(li) == "li"]


def _score_list(lst: Any) -> int:
    items = _items_of(lst)
    if len(items) < 2:
        return 0
    marked = sum(
        1
        for li in items
        if _REF_ID.match(li.get("id") or "")
        or " ref " in _class(li)
        or any(_REF_ID.match(d.get("id") or d.get("name") or "") for d in li.iter() if isinstance(d.tag, str))
    )
    score = marked * 2
    heading = lst.getprevious()
    while heading is not None and local_name(heading) not in ("h1", "h2", "h3", "h4", "h5", "h6"):
        heading = heading.getprevious()
    parent = lst.getparent()
    for anc in (lst, parent, parent.getparent() if parent is not None else None):
        if anc is not None and re.search(r"ref|bib", f"{anc.get('id') or ''} {anc.get('class') or ''}", re.I):
            score += len(items)
            break
    if heading is not None and _REF_HEADING.match(element_to_text(heading)):
        score += len(items)
    return score if marked or score > len(items) else 0


def numbers_marked(lst: Any) -> bool:
    """Tells whether a list's items carry publisher reference marks (ids, `ref` classes)."""
    return any(
        _REF_ID.match(li.get("id") or "")
        or " ref " in _class(li)
        or any(_REF_ID.match(d.get("id") or d.get("name") or "") for d in li.iter() if isinstance(d.tag, str))
        for li in _items_of(lst)
    )


def find_reference_list(root: Any) -> Any | None:
    """Gives the `<ol>`/`<ul>` that is the reference list, or None when there is none."""
    scored = [(s, lst) for lst in root.iter("ol", "ul") if (s := _score_list(lst)) > 0]
    return max(scored, key=lambda p: p[0])[1] if scored else None


def _ids_to_number(el: Any, n: int, numbers: dict[str, int]) -> None:
    for d in el.iter():
        if isinstance(d.tag, str):
            for key in (d.get("id"), d.get("name")):
                if key:
                    numbers.setdefault(key, n)


def _ol_start(lst: Any) -> int:
    try:
        return int(lst.get("start") or 1)
    except ValueError:
        return 1


def _is_wrapper(li: Any) -> bool:
    """Tells whether a list item only wraps a nested list (`<li><ol start="5"><li>...`)."""
    kids = [c for c in li if isinstance(c.tag, str)]
    return len(kids) == 1 and local_name(kids[0]) in ("ol", "ul") and not _own_text(li)


def _own_text(el: Any) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _list_items(lst: Any) -> list[tuple[int | None, list[Any]]]:
    """Gives (stated number or None, [element]) of every item of a list, nested lists flattened:
    an `<ol>` numbers its items from its `start`; a `<ul>` item is numbered only by a leading
    `12.` or `[12]` in its text."""
    out: list[tuple[int | None, list[Any]]] = []
    start = _ol_start(lst) if local_name(lst) == "ol" else None
    for i, li in enumerate(_items_of(lst)):
        if _is_wrapper(li):
            out.extend(_list_items(next(c for c in li if isinstance(c.tag, str))))
            continue
        number = start + i if start is not None else None
        if number is None and (m := _NUMBERED.match(element_to_text(li))):
            number = int(m.group(1))
        out.append((number, [li]))
    return out


_NUMBERED = re.compile(r"^\s*\[?(\d{1,4})[.)\]]\s+\S")


def _heading_level(el: Any) -> int:
    name = local_name(el)
    return int(name[1]) if name in ("h1", "h2", "h3", "h4", "h5", "h6") else 0


def reference_section_items(root: Any) -> tuple[list[tuple[int | None, list[Any]]], list[Any]]:
    """Gives the items of the section under a `References` heading, whatever list markup holds
    them, and the elements they were read from.

    Lists flat or nested (`<ul><li><ol start="5"><li>`, what converters make of numbered items
    that are not contiguous) and numbered paragraphs are items; a paragraph without a number
    between numbered items is the previous item's continuation (an item broken by a blank
    line); items without a number among numbered ones are not references (`To cite this...`).
    """
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        if not _REF_HEADING.match(element_to_text(heading)):
            continue
        level = _heading_level(heading)
        items: list[tuple[int | None, list[Any]]] = []
        used: list[Any] = []
        pending: list[Any] = []
        sib = heading.getnext()
        while sib is not None and not (0 < _heading_level(sib) <= level):
            if not isinstance(sib.tag, str):
                sib = sib.getnext()
                continue
            name = local_name(sib)
            found: list[tuple[int | None, list[Any]]] = []
            if name in ("ol", "ul"):
                found = _list_items(sib)
            elif name == "p" and (m := _NUMBERED.match(element_to_text(sib))):
                found = [(int(m.group(1)), [sib])]
            elif name in ("p", "div") and items and element_to_text(sib):
                pending.append(sib)
            if found:
                used.append(sib)
                if (
                    pending
                    and found[0][0] is not None
                    and items[-1][0] is not None
                    and found[0][0] == items[-1][0] + 1
                ):
                    items[-1][1].extend(pending)  # the stray paragraph continues the item before
                    used.extend(pending)
                pending = []
                items.extend(found)
            sib = sib.getnext()
        if len(items) >= 2:
            if any(n is not None for n, _ in items):
                items = [(n, els) for n, els in items if n is not None]
            return items, used
    return [], []


def section_items_to_references(
    items: list[tuple[int | None, list[Any]]],
) -> tuple[list[Reference], dict[str, int]]:
    """Gives the References of heading-section items (numbered as stated, else by position)."""
    refs: list[Reference] = []
    numbers: dict[str, int] = {}
    for pos, (stated, els) in enumerate(items, start=1):
        n = stated if stated is not None else pos
        for el in els:
            _ids_to_number(el, n, numbers)
        raw = clean_text(" ".join(element_to_text(el, skip=_is_tool_link) for el in els))
        raw = re.sub(r"^\[?\d{1,4}[.)\]]\s+", "", raw).strip(" |")
        refs.append(Reference(n, raw, Provenance(path=element_path(els[0])), item_to_fields(els[0], raw)))
    return refs, numbers


def reference_list_to_references(lst: Any) -> tuple[list[Reference], dict[str, int]]:
    """Gives the numbered References of the list and the number of every id inside each item."""
    refs: list[Reference] = []
    numbers: dict[str, int] = {}
    for n, li in enumerate(_items_of(lst), start=1):
        for d in li.iter():
            if isinstance(d.tag, str):
                for key in (d.get("id"), d.get("name")):
                    if key:
                        numbers.setdefault(key, n)
        raw = element_to_text(li, skip=_is_tool_link)
        raw = re.sub(r"^\[?\d{1,4}[.)\]]\s+", "", raw).strip(" |")
        refs.append(Reference(n, raw, Provenance(path=element_path(li)), item_to_fields(li, raw)))
    return refs, numbers
