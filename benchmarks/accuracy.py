"""Scores the readers against every ground truth in ../shared/corpus and prints one table.

    python benchmarks/accuracy.py            # full run
    python benchmarks/accuracy.py --fast     # the subset the test suite runs
    python benchmarks/accuracy.py --pdf-gt   # also ../shared/corpus/pdf-gt: tables beside
                                             # pdfplumber and camelot (benchmarks/pdf_gt.py),
                                             # reference counts and titles of its twins

Figures:
- table cells: cell-by-cell accuracy (whitespace normalised) of PDF tables against the camelot
  CSV and the ICDAR 2013 structure XML, and of JATS tables against the XML's own cells;
- JATS references: every `<ref>` kept, every DOI and PMID kept exactly; citation resolution:
  share of `<xref ref-type="bibr">` whose reference number the Document cites in the block
  made of the xref's paragraph (or, for an xref in a table cell, as `[n]` in some cell);
- PDF twins (same article as JATS/BMC XML/CERMINE XML): reference count and title token F1.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.citations import find_citations
from extractors.document import Document, Table, make_doc_id
from extractors.readers import read_document
from extractors.readers.jats_refs import ref_to_reference
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import element_path, element_to_text, local_name
from extractors.references import reference_to_record

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

_DOCS: dict[str, Document] = {}


@dataclass(slots=True)
class Score:
    """One line of the figures table."""

    document: str
    measure: str
    value: float
    detail: str = ""


def read(rel: str) -> Document:
    """Gives the Document of a corpus file, read once per process."""
    if rel not in _DOCS:
        path = CORPUS / rel
        _DOCS[rel] = read_document(path.read_bytes(), doc_id=make_doc_id(rel), source_path=str(path))
    return _DOCS[rel]


def norm_cell(text: str) -> str:
    """Gives cell text compared whitespace-insensitively: runs of space to one, ends trimmed."""
    return re.sub(r"\s+", " ", text or "").strip()


def _trim(grid: list[list[str]]) -> list[list[str]]:
    rows = [r for r in grid if any(norm_cell(c) for c in r)]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [c for c in range(width) if any(norm_cell(r[c]) for r in rows)]
    return [[norm_cell(r[c]) for c in keep] for r in rows]


def cell_accuracy(predicted: list[list[str]], truth: list[list[str]]) -> float:
    """Gives the share of ground-truth cells found with the same text at the same row and column.

    Empty rows and columns are dropped from both grids first (a spacer column is layout).
    """
    p, t = _trim(predicted), _trim(truth)
    total = sum(len(r) for r in t)
    if not total:
        return 1.0
    hits = sum(
        1
        for r, row in enumerate(t)
        for c, cell in enumerate(row)
        if r < len(p) and c < len(p[r]) and p[r][c] == cell
    )
    return hits / total


def table_grid(table: Table) -> list[list[str]]:
    """Gives a Table's header and body rows as strings."""
    return [[c.text for c in row] for row in table.header + table.rows]


def best_table_accuracy(doc: Document, truth: list[list[str]], page: int | None = None) -> float:
    """Gives the best cell accuracy of any table of the Document (on the page) against a grid."""
    tables = [t for t in doc.tables if page is None or t.provenance.page == page]
    return max((cell_accuracy(table_grid(t), truth) for t in tables), default=0.0)


def icdar_tables(path: Path) -> list[tuple[int, list[list[str]]]]:
    """Gives (page, grid) of every table of an ICDAR 2013 structure ground truth file."""
    root = bytes_to_xml_root(path.read_bytes(), str(path))
    out = []
    for table in root.iter("table"):
        for region in table.iter("region"):
            cells = {}
            for cell in region.iter("cell"):
                r, c = int(cell.get("start-row")), int(cell.get("start-col"))
                cells[(r, c)] = element_to_text(cell.find("content"))
            if cells:
                n_r = max(r for r, _ in cells) + 1
                n_c = max(c for _, c in cells) + 1
                grid = [[cells.get((r, c), "") for c in range(n_c)] for r in range(n_r)]
                out.append((int(region.get("page")), grid))
    return out


def within_grid(grid: list[list[str]]) -> list[list[str]]:
    """Gives the rows from the first to the last that hold two or more cells.

    Camelot's stream output, our ground truth, keeps the title line above the table and the
    page footer below it as rows of one cell; the Document keeps the title as the caption and
    the footer as page text, so the grid proper is compared.
    """
    multi = [i for i, row in enumerate(grid) if sum(1 for c in row if norm_cell(c)) >= 2]
    return grid[multi[0] : multi[-1] + 1] if multi else grid


def score_pdf_tables() -> list[Score]:
    """Gives the cell accuracy of PDF tables that have ground truth grids."""
    with open(CORPUS / "pdf/camelot_health-outlay.table1-gt.csv", newline="", encoding="utf-8") as fh:
        truth = list(csv.reader(fh))
    health = read("pdf/camelot_health-outlay.pdf")
    scores = [
        Score("camelot_health-outlay.pdf", "table cells", best_table_accuracy(health, within_grid(truth))),
        Score(
            "camelot_health-outlay.pdf", "cells, title+footer rows too", best_table_accuracy(health, truth)
        ),
    ]
    doc = read("pdf/icdar2013_us-004_bank-performance.pdf")
    for i, (page, grid) in enumerate(
        icdar_tables(CORPUS / "pdf/icdar2013_us-004_bank-performance.str-gt.xml"), 1
    ):
        scores.append(Score("icdar2013_us-004.pdf", f"table {i} cells", best_table_accuracy(doc, grid, page)))
    return scores


def _xml_refs(root: Any) -> list[Any]:
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
    refs = _xml_refs(root)
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


def tokens(text: str | None) -> list[str]:
    """Gives the lower-case word tokens of a string."""
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def token_f1(predicted: str | None, truth: str | None) -> float:
    """Gives the token F1 of a predicted string against the true one."""
    p, t = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((p & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def _twin_titles(rel: str) -> list[str]:
    path = CORPUS / rel
    if rel.endswith((".nxml", ".xml")) and "cermine" not in rel:
        return [r.fields.get("title") or r.raw for r in read(rel).references]
    root = bytes_to_xml_root(path.read_bytes(), rel)
    return [
        _cermine_title(r) or ref_to_reference(r, i, "").fields.get("title") or ""
        for i, r in enumerate(_xml_refs(root), 1)
    ]


def _cermine_title(ref: Any) -> str:
    """Gives the longest `<article-title>` of a CERMINE ground-truth reference.

    CERMINE's expected output tags an author fragment as a second title in two references
    (`<article-title>Filippatos et al</article-title>` before the quoted title); the quoted
    title is the longer one.
    """
    titles = [element_to_text(t) for t in ref.iter() if local_name(t) == "article-title"]
    return max(titles, key=len, default="")


def score_pdf_twin(pdf_rel: str, twin_rel: str) -> list[Score]:
    """Gives reference count and mean title token F1 of a PDF against its XML twin."""
    name = Path(pdf_rel).name
    doc = read(pdf_rel)
    truth = _twin_titles(twin_rel)
    scores = [
        Score(
            name,
            "PDF ref count exact",
            float(len(doc.references) == len(truth)),
            f"{len(doc.references)}/{len(truth)}",
        )
    ]
    f1s = []
    for i, title in enumerate(truth):
        if i < len(doc.references):
            rec = reference_to_record(doc.references[i])
            f1s.append(token_f1(rec["title"], title))
        else:
            f1s.append(0.0)
    if f1s:
        scores.append(Score(name, "PDF ref title F1", sum(f1s) / len(f1s)))
        # The reader's own share: the true title's words found in the reference's raw string.
        within = [
            sum((Counter(tokens(t)) & Counter(tokens(doc.references[i].raw))).values())
            / max(1, len(tokens(t)))
            for i, t in enumerate(truth)
            if i < len(doc.references)
        ]
        scores.append(Score(name, "PDF ref title recall in raw", sum(within) / max(1, len(truth))))
    return scores


def score_cermine_title() -> list[Score]:
    """Gives the title token F1 of the CERMINE test-1 PDF against its metadata ground truth."""
    root = bytes_to_xml_root(
        (CORPUS / "pdf/cermine-test1_bmc-dvt-prophylaxis-trauma.metadata-gt.xml").read_bytes(), "gt"
    )
    title = next(element_to_text(t) for t in root.iter() if local_name(t) == "article-title")
    doc = read("pdf/cermine-test1_bmc-dvt-prophylaxis-trauma.pdf")
    return [Score("cermine-test1.pdf", "document title F1", token_f1(doc.title, title))]


JATS_FILES = sorted(
    p.relative_to(CORPUS).as_posix() for p in (CORPUS / "jats").glob("*") if not p.name.endswith(".bmc.xml")
)
PDF_TWINS = [
    ("pdf/PMC4632522_giant-panda-milk.pdf", "jats/PMC4632522_giant-panda-milk.nxml"),
    (
        "pdf/trials-16-2_drug-monitoring-adverse-events.pdf",
        "jats/trials-16-2_drug-monitoring-adverse-events.bmc.xml",
    ),
    (
        "pdf/cermine-test2_hindawi-heart-failure-programmes.pdf",
        "pdf/cermine-test2_hindawi-heart-failure-programmes.content-gt.xml",
    ),
]


PDF_GT_TWINS = [
    ("pdf-gt/twin_f1000research-3-190.pdf", "pdf-gt/twin_f1000research-3-190.xml"),
    ("pdf-gt/twin_f1000research-3-305.pdf", "pdf-gt/twin_f1000research-3-305.xml"),
    ("pdf-gt/twin_mdpi-metabolites-04-00932.pdf", "pdf-gt/twin_mdpi-metabolites-04-00932.xml"),
    ("pdf-gt/twin_pone-0115884.pdf", "pdf-gt/twin_pone-0115884.xml"),
    ("pdf-gt/cermine_test2.pdf", "pdf-gt/cermine_test2.content-gt.xml"),
]


def score_pdf_gt_titles() -> list[Score]:
    """Gives the document title token F1 of the pdf-gt PDFs whose truth states a title."""
    out = []
    for pdf, truth in [(p, t) for p, t in PDF_GT_TWINS if "cermine" not in p] + [
        ("pdf-gt/cermine_test1.pdf", "pdf-gt/cermine_test1.metadata-gt.xml"),
        ("pdf-gt/cermine_test2.pdf", "pdf-gt/cermine_test2.content-gt.xml"),
    ]:
        root = bytes_to_xml_root((CORPUS / truth).read_bytes(), truth)
        title = next(
            (
                element_to_text(t)
                for t in root.iter()
                if local_name(t) == "article-title"
                and not any(local_name(a) in ("ref", "ref-list") for a in t.iterancestors())
            ),
            "",
        )
        out.append(Score(Path(pdf).name, "document title F1", token_f1(read(pdf).title, title)))
    return out


def run(*, fast: bool = False) -> list[Score]:
    """Gives every score; `fast` keeps to a small subset (two JATS files, the cheap PDFs)."""
    scores: list[Score] = []
    jats = ["jats/PMC4632522_giant-panda-milk.nxml", "jats/elife04490.xml"] if fast else JATS_FILES
    for rel in jats:
        scores.extend(score_jats(rel))
    scores.extend(score_pdf_tables())
    twins = PDF_TWINS[2:] if fast else PDF_TWINS
    for pdf_rel, twin in twins:
        scores.extend(score_pdf_twin(pdf_rel, twin))
    if not fast:
        scores.extend(score_cermine_title())
    return scores


def format_scores(scores: Iterable[Score]) -> str:
    """Gives the scores as one aligned text table."""
    rows = [("document", "measure", "value", "detail")] + [
        (s.document, s.measure, f"{s.value:.3f}", s.detail) for s in scores
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def main(argv: list[str] | None = None) -> int:
    """Prints the figures table; exit 0."""
    args = sys.argv[1:] if argv is None else argv
    scores = run(fast="--fast" in args)
    if "--pdf-gt" in args:
        for pdf_rel, twin in PDF_GT_TWINS:
            scores.extend(score_pdf_twin(pdf_rel, twin))
        scores.extend(score_pdf_gt_titles())
    print(format_scores(scores))
    if "--pdf-gt" in args:
        from pdf_gt import main as pdf_gt_main  # benchmarks/ is on the path when run as a script

        pdf_gt_main(["--no-camelot"] if "--no-camelot" in args else [])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
