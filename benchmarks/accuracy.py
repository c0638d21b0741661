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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the accuracy_* modules beside this one

from accuracy_corpus import Score, format_scores
from accuracy_jats import JATS_FILES, score_jats
from accuracy_refs import PDF_GT_TWINS, PDF_TWINS, score_cermine_title, score_pdf_gt_titles, score_pdf_twin
from accuracy_tables import score_pdf_tables

__all__ = ["Score", "format_scores", "main", "run"]


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
