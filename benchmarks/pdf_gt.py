"""Scores PDF table finding on ../shared/corpus/pdf-gt, litcurate beside its peers.

    python benchmarks/pdf_gt.py              # litcurate, pdfplumber, camelot lattice + stream
    python benchmarks/pdf_gt.py --no-camelot # without camelot (not installed, or for speed)

Every ground-truth table (ICDAR 2013 structure XML, camelot benchmark CSV, the `<table-wrap>`s
of a PDF's JATS twin) is scored against the best-matching table each tool extracts from the
same page (any page for a twin) by ICDAR 2013's measure: the F1 of adjacency relations, each
non-empty cell paired with its nearest non-empty neighbour to the right and below, cell texts
compared without whitespace, case, dot leaders or markup. The split of the files into a TUNED
part (looked at while writing the readers) and a HELD-OUT part (scored, never looked into) is
fixed below: alternate files within each group, in name order, except the files in `OPENED`:
held-out files that were later looked into, which count as tuned from then on.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.document import make_doc_id
from extractors.readers import read_document
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import element_to_text, local_name

GT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "pdf-gt"

Grid = list[list[str]]


def group_of(name: str) -> str:
    """Gives a pdf-gt file's group: icdar-eu, icdar-us, camelot, twin, cermine."""
    if name.startswith("icdar2013_"):
        return "icdar-" + name.split("_")[1][:2]
    return name.split("_")[0]


# Held-out files whose tables were looked into (rows compared with their ground truth while
# fixing the readers): they count as tuned, so the held-out figure stays one of unseen files.
OPENED = {
    # 2026-11-30, issue #11: the last held-out file below 0.95 (0.71, 0.99, 0.80, 0.76), opened
    # by the lead's decision to find its failure modes (section heads, wrapped rows, spanners).
    "icdar2013_us-019.pdf",
    # 2026-11-29, issue #11: their reference lists were debugged (305 read 9 of 43 references,
    # PLOS's titles); their tables were not looked at, but the files were.
    "twin_f1000research-3-305.pdf",
    "twin_pone-0115884.pdf",
    # 2026-11-29: a corpus-wide regression diff printed some of its rows (not debugged).
    "icdar2013_us-002.pdf",
}


def split() -> dict[str, str]:
    """Gives each PDF's part, TUNED or HELD-OUT: alternate files within each group, the files
    of `OPENED` tuned."""
    parts: dict[str, str] = {}
    by_group: dict[str, list[str]] = {}
    for pdf in sorted(GT.glob("*.pdf")):
        by_group.setdefault(group_of(pdf.name), []).append(pdf.name)
    for names in by_group.values():
        for i, name in enumerate(names):
            parts[name] = "tuned" if i % 2 == 0 or name in OPENED else "held-out"
    return parts


def norm(text: str | None) -> str:
    """Gives cell text as compared: no markup, dot leaders, whitespace or case."""
    text = re.sub(r"</?\w+>", "", text or "")
    text = re.sub(r"(?:\.\s?){3,}", "", text)
    return re.sub(r"\s+", "", text).lower()


def relations(grid: Grid) -> Counter[tuple[str, str, str]]:
    """Gives the adjacency relations of a grid: (cell, right or below neighbour, direction)."""
    cells = [[norm(c) for c in row] for row in grid]
    out: Counter[tuple[str, str, str]] = Counter()
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            if not text:
                continue
            right = next((t for t in row[c + 1 :] if t), None)
            if right is not None:
                out[(text, right, "h")] += 1
            below = next(
                (cells[k][c] for k in range(r + 1, len(cells)) if c < len(cells[k]) and cells[k][c]), None
            )
            if below is not None:
                out[(text, below, "v")] += 1
    return out


def relation_f1(predicted: Grid, truth: Grid) -> float:
    """Gives the F1 of the predicted grid's adjacency relations against the true grid's."""
    p, t = relations(predicted), relations(truth)
    hit = sum((p & t).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(p.values()), hit / sum(t.values())
    return 2 * precision * recall / (precision + recall)


@dataclass(slots=True)
class Truth:
    """One ground-truth table: its file, page (None: any page) and grid."""

    pdf: str
    page: int | None
    grid: Grid


def icdar_truth(path: Path, pdf: str) -> list[Truth]:
    """Gives the tables of an ICDAR 2013 structure file, indices made relative (some files
    count from 1, some regions carry increments), `col-end` read as `end-col`."""
    root = bytes_to_xml_root(path.read_bytes(), str(path))
    out = []
    for region in root.iter("region"):
        cells = []
        for cell in region.iter("cell"):
            cells.append(
                (
                    int(cell.get("start-row")),
                    int(cell.get("start-col")),
                    element_to_text(cell.find("content")),
                )
            )
        if not cells:
            continue
        r0, c0 = min(r for r, _, _ in cells), min(c for _, c, _ in cells)
        n_r = max(r for r, _, _ in cells) - r0 + 1
        n_c = max(c for _, c, _ in cells) - c0 + 1
        grid = [[""] * n_c for _ in range(n_r)]
        for r, c, text in cells:
            grid[r - r0][c - c0] = text
        out.append(Truth(pdf, int(region.get("page")), grid))
    return out


def csv_truth(path: Path, pdf: str) -> Truth:
    """Gives the table of a camelot benchmark CSV (`...p<P>-t<T>-gt.csv`)."""
    page = int(re.search(r"\.p(\d+)-t\d+-gt\.csv$", path.name).group(1))  # type: ignore[union-attr]
    with open(path, newline="", encoding="utf-8") as fh:
        return Truth(pdf, page, list(csv.reader(fh)))


def twin_truth(path: Path, pdf: str) -> list[Truth]:
    """Gives the `<table>`s of a JATS twin as grids: a spanning cell's text in its top-left
    slot, the other slots it covers empty (as in the camelot and ICDAR truths)."""
    root = bytes_to_xml_root(path.read_bytes(), str(path))
    out = []
    for table in (t for t in root.iter() if local_name(t) == "table"):
        taken: dict[tuple[int, int], str] = {}
        for r, tr in enumerate(tr for tr in table.iter() if local_name(tr) == "tr"):
            c = 0
            for cell in (x for x in tr if local_name(x) in ("td", "th")):
                while (r, c) in taken:
                    c += 1
                rs, cs = int(cell.get("rowspan") or 1), int(cell.get("colspan") or 1)
                for dr in range(rs):
                    for dc in range(cs):
                        taken[(r + dr, c + dc)] = element_to_text(cell) if dr == dc == 0 else ""
                c += cs
        if taken:
            n_r, n_c = max(r for r, _ in taken) + 1, max(c for _, c in taken) + 1
            out.append(Truth(pdf, None, [[taken.get((r, c), "") for c in range(n_c)] for r in range(n_r)]))
    return out


def all_truth() -> list[Truth]:
    """Gives every ground-truth table of pdf-gt."""
    out: list[Truth] = []
    for pdf in sorted(GT.glob("*.pdf")):
        stem = pdf.stem
        if (GT / f"{stem}.str-gt.xml").exists():
            out.extend(icdar_truth(GT / f"{stem}.str-gt.xml", pdf.name))
        for gt in sorted(GT.glob(f"{stem}.p*-gt.csv")):
            out.append(csv_truth(gt, pdf.name))
        if pdf.name.startswith("twin_"):
            out.extend(twin_truth(GT / f"{stem}.xml", pdf.name))
    return out


def litcurate_tables(pdf: Path) -> list[tuple[int, Grid]]:
    """Gives (page, grid) of the tables litcurate's reader finds."""
    doc = read_document(pdf.read_bytes(), doc_id=make_doc_id(pdf.name), source_path=str(pdf))
    return [
        (t.provenance.page or 0, [[c.text for c in row] for row in t.header + t.rows]) for t in doc.tables
    ]


def pdfplumber_tables(pdf: Path, pages: set[int]) -> list[tuple[int, Grid]]:
    """Gives (page, grid) of pdfplumber's own `extract_tables` on the pages."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        for p in sorted(pages):
            for t in doc.pages[p - 1].extract_tables():
                out.append((p, [[c or "" for c in row] for row in t]))
    return out


def camelot_tables(flavor: str) -> Callable[[Path, set[int]], list[tuple[int, Grid]]]:
    """Gives a finder running camelot's `flavor` (lattice or stream) on the pages."""

    def find(pdf: Path, pages: set[int]) -> list[tuple[int, Grid]]:
        import camelot

        out = []
        for p in sorted(pages):
            try:
                found = camelot.read_pdf(str(pdf), pages=str(p), flavor=flavor)
            except Exception:  # camelot gives up on some pages (no lines, image-only): no table
                continue
            out.extend((p, t.df.astype(str).values.tolist()) for t in found)
        return out

    return find


def score_tool(
    find: Callable[[Path, set[int]], list[tuple[int, Grid]]] | None, truths: list[Truth]
) -> dict[str, list[float]]:
    """Gives each PDF's list of per-table F1 (best-matching table on the same page)."""
    by_pdf: dict[str, list[Truth]] = {}
    for t in truths:
        by_pdf.setdefault(t.pdf, []).append(t)
    out: dict[str, list[float]] = {}
    for name, ts in by_pdf.items():
        pdf = GT / name
        pages = {t.page for t in ts if t.page is not None}
        if any(t.page is None for t in ts):
            import pypdfium2 as pdfium

            pages |= set(range(1, len(pdfium.PdfDocument(str(pdf))) + 1))
        found = litcurate_tables(pdf) if find is None else find(pdf, pages)
        out[name] = [
            max((relation_f1(g, t.grid) for p, g in found if t.page is None or p == t.page), default=0.0)
            for t in ts
        ]
    return out


def run(*, camelot: bool = True) -> list[tuple[str, str, str, float, int]]:
    """Gives (tool, group, part, mean F1, n tables) for every tool, group and part."""
    truths = all_truth()
    parts = split()
    tools: dict[str, Any] = {"litcurate": None, "pdfplumber": pdfplumber_tables}
    if camelot:
        tools["camelot lattice"] = camelot_tables("lattice")
        tools["camelot stream"] = camelot_tables("stream")
    rows = []
    for tool, find in tools.items():
        per_pdf = score_tool(find, truths)
        groups: dict[tuple[str, str], list[float]] = {}
        for name, f1s in per_pdf.items():
            for key in (
                (group_of(name), parts[name]),
                (group_of(name), "all"),
                ("all", parts[name]),
                ("all", "all"),
            ):
                groups.setdefault(key, []).extend(f1s)
        for (group, part), f1s in sorted(groups.items()):
            rows.append((tool, group, part, sum(f1s) / len(f1s), len(f1s)))
    return rows


def per_document(tool_find: Any = None) -> dict[str, list[float]]:
    """Gives litcurate's (or a peer's) per-table F1 by PDF, for reading where the misses are."""
    return score_tool(tool_find, all_truth())


def main(argv: list[str] | None = None) -> int:
    """Prints one line per group and part, a column per tool; exit 0."""
    args = sys.argv[1:] if argv is None else argv
    rows = run(camelot="--no-camelot" not in args)
    tools = list(dict.fromkeys(r[0] for r in rows))
    table: dict[tuple[str, str], dict[str, tuple[float, int]]] = {}
    for tool, group, part, f1, n in rows:
        table.setdefault((group, part), {})[tool] = (f1, n)
    print("| cell F1 (ICDAR adjacency) | part | n | " + " | ".join(tools) + " |")
    print("|---|---|---|" + "---|" * len(tools))
    for (group, part), by_tool in sorted(table.items()):
        n = next(iter(by_tool.values()))[1]
        print(
            f"| {group} | {part} | {n} | "
            + " | ".join(f"{by_tool[t][0]:.2f}" if t in by_tool else "-" for t in tools)
            + " |"
        )
    if "--detail" in args:
        for name, f1s in per_document().items():
            print(name, [round(f, 2) for f in f1s])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
