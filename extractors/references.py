"""Reference strings -> structured reference records.

Two kinds of string reach here: real citations (`Smith J, Doe A. Title. J Immunol.
2010;185:1-9. doi:10.4049/...`) and web-page titles copied by a vendor guide (`Title - PMC
[pmc.ncbi.nlm.nih.gov]`). The site decorations of the second kind are venue and domain, never
part of the title.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.document import Reference

_DOMAIN = re.compile(r"\s*\[((?:[a-z0-9-]+\.)+[a-z]{2,})\]\s*$", re.I)
_URL = re.compile(r"https?://[^\s\]>)]+", re.I)
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+", re.I)
_PMID = re.compile(r"\bPMID:?\s*(\d{5,9})\b", re.I)
_PMCID = re.compile(r"\b(PMC\d{4,9})\b")
_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d{2})(?![\d/]|\.[a-z])")
# Sites whose name a browser puts after the page title: `Title - PubMed`, `Title | Wiley`.
# (?<!\s): a match starts where its spaces start; starting again at each space of a long run
# made the search quadratic.
_SUFFIX = re.compile(r"(?<!\s)\s+[-|–]\s+([^-|–]{2,60})$")
_PREFIX = re.compile(r"^([A-Z][\w&.]*(?: [A-Z][\w&.]*)?) \| ")
_PAGE_NOISE = {"redirecting", "just a moment...", "access denied", "page not found", "error"}
# IEEE style: `E. Braunwald, “Title,” Journal, vol. 337, ...`; the comma sits inside the quotes.
# Possessive, one reading only: the lazy authors and title, each followed by optional `,` and
# spaces, backtracked quadratically over a run of spaces. Trailing `,` and spaces are stripped
# from both where they are used.
_IEEE = re.compile(r"^(?P<authors>[^“”\"]*+)[“\"](?P<title>[^“”\"]{8,}+)[”\"]\s*,?\s*(?P<rest>.*)$")
# Vancouver and Royal Society author lists: `Surname AB, van Surname C-D, O’Name E et al.`
_UPPER = "A-ZÀ-ÖØ-Þ"
_PARTICLE = r"(?:(?:van|von|de|der|den|ten|ter|da|di|du|del|della|la|le|dos|das) )"
_NAME_WORD = rf"[{_UPPER}][\w'’`-]*"
# Three surname words at most (`De La Rosa A`): more is a name of something else with a word in
# capitals (`Agri-Food Toxigenic Fungi Culture Collection ITEM.`).
_AUTHOR = rf"{_PARTICLE}*{_NAME_WORD}(?: {_PARTICLE}*{_NAME_WORD}){{0,2}} [A-Z](?:-?[A-Z]){{0,3}}(?=[,.;:\s]|et al|$)"
# A name without initials (`McGuire JA, Mumpuni, Riyanto A`: Indonesian names are often one
# word) counts between a comma and an author with initials, never after the list's `. `, so a
# title's first word before a comma (`Smith J. Baricitinib, a JAK inhibitor`) stays the title's.
_MONONYM = rf", [{_UPPER}][a-zß-öø-ÿ'’`-]+(?=, {_AUTHOR})"
_VANCOUVER_AUTHORS = re.compile(
    rf"^({_AUTHOR}(?:(?:, |; |\. ){_AUTHOR}|{_MONONYM})*)(?:,? ?et al\.?)?(?: \(eds?\.?\))?(?:[.,;:]|(?= )|$)"
)
# ACS and MDPI author lists: `Langseth, W.; Del Coco, L.; Dehne, H.W.; et al.` (initials after
# a comma, authors between semicolons).
_ACS_AUTHOR = rf"{_PARTICLE}*{_NAME_WORD}(?: {_PARTICLE}*{_NAME_WORD})*, [A-Z]\.(?:-?[A-Z]\.)*"
_ACS_AUTHORS = re.compile(rf"^({_ACS_AUTHOR}(?:; {_ACS_AUTHOR})*)(?:;? et al\.)?(?: \(eds?\.?\))?(?= )")
# The year right after the authors (Royal Society, Harvard): `Langer P. 2008 The phases...`.
_LEADING_YEAR = re.compile(r"^\(?((?:19|20)\d{2})[a-z]?\)?[.,:]?\s+")


def _is_domain_only(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", text.strip(), re.I))


def _web_title(raw: str) -> dict[str, Any]:
    """Gives title, venue and domain of a `Title - Site [domain]` string."""
    out: dict[str, Any] = {}
    text = raw
    m = _DOMAIN.search(text)
    if m:
        out["source_domain"] = m.group(1).lower()
        text = text[: m.start()].strip()
    venue = None
    p = _PREFIX.match(text)
    if p:
        venue, text = p.group(1), text[p.end() :]
    s = _SUFFIX.search(text)
    # A suffix of a few capitalised words is the site's name; a longer one is the title's.
    if s and len(s.group(1).split()) <= 5 and len(text[: s.start()].split()) >= 3:
        venue, text = s.group(1).strip(), text[: s.start()].strip()
    out["venue"] = venue
    if _is_domain_only(text) or text.lower() in _PAGE_NOISE or not text:
        out["title"] = None
    else:
        out["title"] = text
    return out


def doi_in_text(text: str) -> str | None:
    """Gives the first DOI in a string, without trailing punctuation or an unbalanced bracket.

    DOIs may hold brackets (`10.1016/S0140-6736(08)61345-8`), so only a `)` or `]` that closes
    something opened before the DOI ends it: `(doi:10.1/x.7)18222662` gives `10.1/x.7`.
    """
    m = _DOI.search(text)
    if m is None:
        return None
    doi, depth = m.group(0), 0
    for i, ch in enumerate(doi):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                doi = doi[:i]
                break
            depth -= 1
    return doi.rstrip(".,;:") or None


def _ieee_fields(raw: str) -> dict[str, Any] | None:
    """Gives authors, title and venue of an IEEE-style string with a quoted title, else None."""
    m = _IEEE.match(raw)
    if m is None:
        return None
    authors_text = m.group("authors").rstrip()
    authors_text = authors_text[:-1] if authors_text.endswith(",") else authors_text
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", authors_text)
    authors = [re.sub(r"\s+et al\.?$", "", a).strip(" .") for a in names]
    venue = m.group("rest").split(",", 1)[0].strip(" .")
    return {
        "authors": [a for a in authors if a],
        "title": m.group("title").strip().rstrip(",.") or None,
        "venue": venue or None,
    }


def _citation_fields(raw: str) -> dict[str, Any]:
    """Gives authors, title, venue and year of an IEEE-, Vancouver- or APA-like citation string."""
    ieee = _ieee_fields(raw)
    if ieee is not None:
        return ieee
    out: dict[str, Any] = {}
    m = _ACS_AUTHORS.match(raw) or _VANCOUVER_AUTHORS.match(raw)
    rest = raw
    if m and m.re is _ACS_AUTHORS:
        out["authors"] = [a.strip() for a in m.group(1).split("; ")]
        rest = raw[m.end() :].lstrip(".: ")
        # A book's title ends at `;` before its editors or publisher (`Title; Elsevier: City`).
        rest = re.sub(r";\s", ". ", rest, count=1)
    elif m and m.group(1).strip():
        authors = [a.strip(" .") for a in re.split(r", |; |\. ", m.group(1)) if a.strip(" .")]
        out["authors"] = [a for a in authors if a.lower() not in ("et al", "et al.")]
        rest = raw[m.end() :].lstrip(".: ")  # `Carlson JK, Parsons GR: Age and growth ...`
        if y := _LEADING_YEAR.match(rest):
            out["year"] = int(y.group(1))
            rest = rest[y.end() :]
    # A title ends at `. ` or at its question mark (`... maturity? Mar Freshwater Res.`), also
    # after a closing quote (`... covered by a “Lid”. PLoS One`) or an acronym (`... ITEM.
    # Available online`), never after an initial (`E. coli`).
    parts = [
        p.strip()
        for p in re.split(
            r"(?:(?<=[a-z0-9)\]?”’\"'])|(?<=[A-Z]{2}))\.\s+(?=[A-Z0-9])|(?<=\?)\s+(?=[A-Z])", rest
        )
        if p.strip()
    ]
    if parts:
        out["title"] = parts[0].rstrip(".")
    if len(parts) > 1:
        out["venue"] = re.split(r"[.;,]?\s*(?:19|20)\d{2}", parts[1])[0].strip(" .") or None
    return out


def reference_to_record(ref: Reference) -> dict[str, Any]:
    """Gives the `references` row of one reference."""
    raw = ref.raw
    rec: dict[str, Any] = {
        "ref_number": ref.number,
        "raw": raw,
        "title": None,
        "authors": [],
        "year": None,
        "venue": None,
        "doi": None,
        "pmid": None,
        "pmcid": None,
        "url": None,
        "source_domain": None,
        "provenance": ref.provenance.to_json(),
    }
    looks_web = bool(_DOMAIN.search(raw)) and not re.search(r"\d{4};|\bdoi\b", raw, re.I)
    rec.update(_web_title(raw) if looks_web else _citation_fields(raw))
    # What the source states (JATS elements, a reader's DOI) beats what the string suggests,
    # field by field: a reader that knows only the DOI keeps the parsed title.
    rec.update({k: v for k, v in ref.fields.items() if k in rec and v not in (None, "", [])})
    if rec["doi"] is None:
        rec["doi"] = doi_in_text(raw)
    if rec["pmid"] is None and (m := _PMID.search(raw)):
        rec["pmid"] = m.group(1)
    if rec["pmcid"] is None and (m := _PMCID.search(raw)):
        rec["pmcid"] = m.group(1)
    if rec["url"] is None and (m := _URL.search(raw)):
        rec["url"] = m.group(0).rstrip(".,")
    if rec["year"] is None and (m := _YEAR.search(raw)):
        rec["year"] = int(m.group(1))
    if rec["source_domain"] is None and rec["url"]:
        rec["source_domain"] = re.sub(r"^https?://(www\.)?", "", rec["url"]).split("/")[0].lower()
    return rec


def references_to_records(refs: list[Reference]) -> list[dict[str, Any]]:
    """Gives one `references` row per reference, in list order."""
    return [reference_to_record(r) for r in refs]
