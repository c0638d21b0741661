"""Which PDF pages pdfplumber is asked for tables (`pages_worth_reading`): the cheap triage on
pypdfium2's lines and rules, before the costly parse. A page that only mentions a table in its
prose is not read; no page with a table is missed, on every corpus PDF with a text layer."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from extractors.readers.pdf import open_pdf, page_rules
from extractors.readers.pdf_layout import Line, drop_running_heads, page_to_lines
from extractors.readers.pdf_tables import page_to_tables, pages_worth_reading

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
PROSE = "Doses were chosen from the pilot study and are listed with the outcomes in"


def _page(n: int, *texts: str) -> list[Line]:
    return [Line(n, 72, 100 + 14 * i, 520, 110 + 14 * i, t, 10) for i, t in enumerate(texts)]


def test_a_caption_line_is_read_a_mention_in_prose_is_not() -> None:
    pages = [
        _page(1, "Introduction", PROSE, "the animals, as Table 1 lists them."),
        _page(2, "Table 2. Doses and outcomes", "Group n Dose"),
        _page(3, "TABLE 3 Cytokines in serum", "IL-6 TNF"),
        _page(4, PROSE, "the animals (see Table 3)."),
    ]
    texts = [" ".join(ln.text for ln in p) for p in pages]
    assert pages_worth_reading(texts, [[] for _ in pages], pages) == [1, 2]
    # Without the lines (their layout unknown), any mention still has the page read.
    assert pages_worth_reading(texts) == [0, 1, 2, 3]


def _text_layer_pdfs() -> list[Path]:
    pdfs = sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "pdf-gt").glob("*.pdf"))
    return [p for p in pdfs if "f1000research-3-305" not in p.name]  # fonts without text: read by OCR


@pytest.mark.slow
def test_no_page_with_a_table_is_left_out_on_the_corpus() -> None:
    """Every page of every corpus PDF is parsed by pdfplumber for tables; each page on which one
    is found must be among those the triage picks, and the triage must leave some pages out."""
    picked = total = 0
    missed = []
    for path in _text_layer_pdfs():
        data = path.read_bytes()
        pdf = open_pdf(data, path.name)
        try:
            n, height = len(pdf), pdf[0].get_size()[1]
            seen: set[tuple[float, float]] = set()
            lines = [page_to_lines(pdf[i], i + 1, sizes=i == 0, gutters_seen=seen) for i in range(n)]
            rules = [page_rules(pdf[i]) for i in range(n)]
        finally:
            pdf.close()
        texts = [" ".join(ln.text for ln in p) for p in lines]
        wanted = pages_worth_reading(texts, rules, drop_running_heads(lines, height), height)
        picked, total = picked + len(wanted), total + n
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            missed += [
                f"{path.name} p{i + 1}"
                for i in range(n)
                if i not in wanted and page_to_tables(plumber.pages[i], i + 1)
            ]
    assert missed == []
    assert picked < 0.65 * total  # 79 of 137 pages when written
