"""JATS figures: references and identifiers kept, tables and cells, citations resolved."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from accuracy_corpus import CORPUS, Score, norm_cell, read

from extractors.citations import find_citations
from extractors.document import Document
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import element_path, element_to_text, local_name
from extractors.references import reference_to_record


def xml_refs(root: Any) -> list[Any]:
    return [
        r
        for r in root.iter()
        if local_name(r) == "ref" and any(local_name(a) == "ref-list" for a in r.iterancestors())
    ]


def _pub_ids(ref: Any, kind: str) -> list[str]:
    return [
        norm_cell("".join(p.itertext()))
        for p in ref.iter()
        if local_name(p) == "pub-id" and p.get("pub-id-type") == kind
    ]


def _xml_table_cells(root: Any) -> Counter[str]:
    cells: Counter[str] = Counter()
    for wrap in (w for w in root.iter() if local_name(w) == "table-wrap"):
        for cell in (c for c in wrap.iter() if local_name(c) in ("td", "th")):
            cells[element_to_text(cell)] += 1
    return cells


def _doc_cells(doc: Document) -> Counter[str]:
    """Counts each written cell once (a spanned cell is copied into every slot it covers)."""
    cells: Counter[str] = Counter()
    for t in doc.tables:
        seen = set()
        for row in t.header + t.rows:
            for c in row:
                key = (c.provenance.path, c.text)
                if key not in seen:
                    seen.add(key)
                    cells[c.text] += 1
    return cells


def _cited_numbers(doc: Document) -> dict[int, set[int]]:
    cited: dict[int, set[int]] = {}
    for i, block in enumerate(doc.blocks):
        for cite in find_citations(block.text):
            cited.setdefault(i, set()).update(cite.numbers)
    for mark in doc.citation_marks:
        cited.setdefault(mark.block_index, set()).update(mark.ref_numbers)
    return cited


def _cell_citations(doc: Document) -> set[int]:
    """Gives the reference numbers table cells cite as text (`[46]` in a JATS `<td>`)."""
    return {
        n
        for t in doc.tables
        for row in t.header + t.rows
        for c in row
        for cite in find_citations(c.text)
        for n in cite.numbers
    }


def score_jats(rel: str) -> list[Score]:
    """Gives reference, identifier, table, cell and citation figures of one JATS article."""
    name = Path(rel).name
    doc = read(rel)
    root = bytes_to_xml_root((CORPUS / rel).read_bytes(), rel)
    refs = xml_refs(root)
    scores = [
        Score(
            name,
            "references kept",
            min(len(doc.references), len(refs)) / max(1, len(refs)),
            f"{len(doc.references)}/{len(refs)}",
        )
    ]
    for kind in ("doi", "pmid"):
        truth = [(i, v) for i, r in enumerate(refs) for v in _pub_ids(r, kind)[:1]]
        if truth:
            got = sum(
                1
                for i, v in truth
                if i < len(doc.references) and reference_to_record(doc.references[i])[kind] == v
            )
            scores.append(Score(name, f"{kind.upper()} exact", got / len(truth), f"{got}/{len(truth)}"))
    # A table-wrap may hold its table in parts (PLOS: several <table> in <alternatives>); each
    # part is a table of the Document.
    parts = [
        t for w in root.iter() if local_name(w) == "table-wrap" for t in w.iter() if local_name(t) == "table"
    ]
    if parts:
        scores.append(
            Score(
                name,
                "tables",
                min(len(doc.tables), len(parts)) / len(parts),
                f"{len(doc.tables)}/{len(parts)}",
            )
        )
        truth_cells, got_cells = _xml_table_cells(root), _doc_cells(doc)
        hit = sum(min(n, got_cells[k]) for k, n in truth_cells.items())
        scores.append(Score(name, "table cells", hit / max(1, sum(truth_cells.values()))))
    xrefs = [x for x in root.iter() if local_name(x) == "xref" and x.get("ref-type") == "bibr"]
    if xrefs:
        numbers = {r.get("id"): i for i, r in enumerate(refs, 1)}
        by_block = _cited_numbers(doc)
        block_of = {b.provenance.path: i for i, b in enumerate(doc.blocks)}
        cells = _cell_citations(doc)
        ok = 0
        for x in xrefs:
            n = numbers.get(((x.get("rid") or "").split() or [""])[0])
            where = next((block_of[p] for p in map(element_path, x.iterancestors()) if p in block_of), None)
            if n is not None and (n in by_block.get(where, set()) if where is not None else n in cells):
                ok += 1
        scores.append(Score(name, "citations resolved", ok / len(xrefs), f"{ok}/{len(xrefs)}"))
    return scores


JATS_FILES = sorted(
    p.relative_to(CORPUS).as_posix() for p in (CORPUS / "jats").glob("*") if not p.name.endswith(".bmc.xml")
)
