"""PDF -> Document: text in reading order, headings, tables, references, page + box provenance.

Every page's text comes from pypdfium2 (milliseconds a page); only pages that look like they
hold tables go through pdfplumber (hundreds of milliseconds a page). Encrypted, truncated and
image-only PDFs that OCR cannot read fail with a DocumentError that says which.
"""

from __future__ import annotations

import functools
import io
import re
import statistics
from collections.abc import Collection
from typing import Any

import pypdfium2 as pdfium

from extractors.document import Block, BlockKind, Document, Provenance
from extractors.errors import EmptyDocumentError, EncryptedDocumentError, MalformedDocumentError
from extractors.readers.builder import DocumentBuilder
from extractors.readers.pdf_columns import lines_to_reading_order
from extractors.readers.pdf_hyphens import join_lines, lines_to_vocabulary
from extractors.readers.pdf_layout import Line, drop_running_heads, page_to_lines
from extractors.readers.pdf_ocr import ocr_unreadable_pages
from extractors.readers.pdf_refs import find_reference_lines, lines_to_references
from extractors.readers.pdf_tables import (
    join_continued,
    page_rules,
    page_table_to_table,
    page_to_tables,
    pages_worth_reading,
)
from extractors.readers.registry import Head, SourceMeta, Tier, register, sniffer

PDF = "application/pdf"

_SECTION_NUMBER = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.)\s+[A-Z]")


def open_pdf(data: bytes, path: str) -> Any:
    """Gives the pypdfium2 document of the bytes.

    Raises EncryptedDocumentError for a password-protected PDF, MalformedDocumentError for one
    PDFium cannot open (truncated, corrupt).
    """
    if b"%%EOF" not in data[-2048:] and b"startxref" not in data[-4096:]:
        # PDFium repairs some truncated files silently; a file cut before its trailer has lost
        # objects, so say so rather than read what is left as if it were the whole article.
        raise MalformedDocumentError(path, "the PDF is truncated: no end-of-file trailer (%%EOF)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedDocumentError(
                path, "the PDF is encrypted with a password; litcurate cannot read it"
            ) from exc
        raise MalformedDocumentError(path, f"PDFium cannot open the PDF: {message}") from exc


def _body_height(lines: list[Line]) -> float:
    heights = [round(ln.height, 1) for ln in lines if len(ln.text) > 30]
    return statistics.median(heights) if heights else 9.0


def _is_heading(line: Line, body: float) -> bool:
    text = line.text
    if len(text) > 120 or text.endswith((",", ";")) or not text[:1].isalnum():
        return False
    bigger = line.height > body * 1.18
    numbered = bool(_SECTION_NUMBER.match(text)) and len(text.split()) <= 10 and not text.endswith(".")
    return bigger or numbered


def lines_to_blocks(
    lines: list[Line], body: float, *, vocabulary: Collection[str] | None = None
) -> list[Block]:
    """Gives paragraphs and headings of lines in reading order, each with page and box.

    `vocabulary` (the document's words) decides which line-end hyphens are compounds.
    """
    blocks: list[Block] = []
    current: list[Line] = []
    section = ""
    prev_heading: Line | None = None

    def flush(kind: BlockKind = "paragraph") -> None:
        if current:
            first = current[0]
            same = [ln for ln in current if ln.page == first.page]
            bbox = (
                round(min(ln.x0 for ln in same), 2),
                round(min(ln.top for ln in same), 2),
                round(max(ln.x1 for ln in same), 2),
                round(max(ln.bottom for ln in same), 2),
            )
            text = join_lines([ln.text for ln in current], vocabulary=vocabulary)
            blocks.append(Block(kind, text, Provenance(page=first.page, bbox=bbox), 0, section))
            current.clear()

    for line in lines:
        if _is_heading(line, body):
            last = blocks[-1] if blocks and not current else None
            if (
                last is not None
                and last.kind == "heading"
                and last.provenance.page == line.page
                and prev_heading is not None
                and 0 <= line.top - prev_heading.bottom < body
                and abs(line.height - prev_heading.height) < 1
            ):
                last.text = join_lines(
                    [last.text, line.text], vocabulary=vocabulary
                )  # a heading on two lines
                section = last.section = last.text
                prev_heading = line
                continue
            flush()
            prev_heading = line
            section = line.text
            current.append(line)
            flush("heading")
            blocks[-1].level = 2
            blocks[-1].section = section
            continue
        prev_heading = None
        prev = current[-1] if current else None
        if prev is not None:
            gap = line.top - prev.bottom
            new_column = line.page != prev.page or line.top < prev.top - 2
            indented = line.x0 > prev.x0 + 4 and abs(line.x0 - prev.x0) < 40
            ended = prev.text.endswith((".", ":", "?")) and prev.x1 < line.x1 - 25
            if not new_column and (gap > body * 0.9 or indented or ended):
                flush()
        current.append(line)
    flush()
    return blocks


def pdf_to_document(data: bytes, *, doc_id: str, source_path: str, sha256: str, media_type: str) -> Document:
    """Gives the Document of a PDF.

    Pages with no usable text layer (scans, fonts without a text encoding) are read by OCR
    (pdf_ocr). Raises EncryptedDocumentError, MalformedDocumentError, or EmptyDocumentError
    for a PDF where neither gives any text.
    """
    pdf = open_pdf(data, source_path)
    try:
        n_pages = len(pdf)
        info_title = _info_title(pdf)
        width, height = pdf[0].get_size() if n_pages else (612.0, 792.0)
        seen: set[tuple[float, float]] = set()  # column gutters, page by page
        pages = [page_to_lines(pdf[i], i + 1, sizes=i == 0, gutters_seen=seen) for i in range(n_pages)]
        ocr_notes = ocr_unreadable_pages(pdf, pages)  # scanned pages, fonts without a text encoding
        rules = [page_rules(pdf[i]) for i in range(n_pages)]
        page_texts = [" ".join(ln.text for ln in p) for p in pages]
    finally:
        pdf.close()
    if not any(t.strip() for t in page_texts):
        raise EmptyDocumentError(
            source_path,
            f"the PDF's {n_pages} page(s) give no text: "
            + ("; ".join(ocr_notes) or "no text layer, and no glyphs or page image for OCR to read"),
        )
    pages = drop_running_heads(pages, height)
    tables = _read_tables(data, source_path, pages_worth_reading(page_texts, rules, pages, height))
    lines = [ln for p in pages for ln in _outside(lines_to_reading_order(p, width), tables)]
    builder = DocumentBuilder(
        {"doc_id": doc_id, "source_path": source_path, "sha256": sha256, "media_type": media_type},
        n_pages=n_pages,
    )
    doc = builder.doc
    doc.warnings.extend(ocr_notes)
    span = find_reference_lines(lines)
    body_lines = lines[: span[0] - 1] if span else lines
    if span:
        body_lines += lines[span[1] :]
    body = _body_height(body_lines)
    vocabulary = lines_to_vocabulary(ln.text for ln in lines)
    doc.blocks = lines_to_blocks(body_lines, body, vocabulary=vocabulary)
    if span:
        head = lines[span[0] - 1]
        doc.blocks.append(
            Block(
                "heading",
                head.text,
                Provenance(page=head.page, bbox=(head.x0, head.top, head.x1, head.bottom)),
                2,
                head.text,
            )
        )
    doc.references = lines_to_references(lines, vocabulary=vocabulary)
    for t in tables:
        table = builder.add_table(functools.partial(page_table_to_table, t))
        if table is not None:
            table.footnotes = _notes_below(t, doc.blocks, body)
    first_page = [b for b in doc.blocks if b.provenance.page == 1 and len(b.text) > 15]
    doc.title = _title(first_page, pages[0] if pages else [], body)
    if not _readable(doc.title):
        # A first page set in fonts without a text encoding reads as symbols: the title the
        # PDF's document information states is the one left, if any (symbols are no title).
        doc.title = info_title
    return builder.finish(title_from_first_block=False)


def _title(blocks: list[Block], first_page: list[Line], body: float) -> str:
    """Gives the title: the tallest line of the first page (with the segments beside it) and
    the lines that continue it above and below; empty when no line stands out from the body
    text (a report page, a form): a sentence picked at random would be a wrong title."""
    candidates = [ln for ln in first_page if len(ln.text) > 15]
    if not candidates:
        return blocks[0].text[:300] if blocks else ""
    anchor = max(candidates, key=lambda ln: ln.height)
    h = anchor.height
    if h < body * 1.12:
        return ""
    row = sorted(
        (ln for ln in first_page if abs(ln.top - anchor.top) < 0.25 * h and ln.height >= 0.9 * h),
        key=lambda ln: ln.x0,
    )  # a title line set in two runs of text
    x0, x1 = min(ln.x0 for ln in row), max(ln.x1 for ln in row)
    width, centre = x1 - x0, (x0 + x1) / 2

    sized = anchor.size > 0

    def same_font(ln: Line) -> bool:
        # Font sizes, where the text layer gives them, say what box heights only suggest:
        # an italic title line with no descenders is the title's size, an author line
        # under it (superscript marks make its box as tall) is not.
        return abs(ln.size - anchor.size) <= 0.05 * anchor.size if sized else ln.height >= 0.7 * h

    def continues(ln: Line, *, last: bool) -> bool:
        # A box's height follows the glyphs in the line, not only the font size: a title line
        # with no capitals or descenders is ~20 % shorter than its neighbours (`events and
        # medication non-adherence in`, 17.3 pt among 22.5 pt lines), hence 0.7. It shares the
        # title's left edge or centre, and only the last line may be short (`literature`):
        # a short line above is a label (`Research Article`), not the title.
        aligned = abs(ln.x0 - x0) < 0.05 * width or abs((ln.x0 + ln.x1) / 2 - centre) < 0.05 * width
        wide = ln.x1 - ln.x0 >= 0.5 * width
        return same_font(ln) and len(ln.text) > 3 and aligned and (wide or last)

    # Lines beside the title's column (a sidebar, a logo's caption) neither join nor end it.
    others = sorted(
        (ln for ln in first_page if ln not in row and ln.x0 < x1 and ln.x1 > x0), key=lambda ln: ln.top
    )
    above = [ln for ln in others if ln.top < anchor.top][::-1]
    below = [ln for ln in others if ln.top > anchor.top]
    before: list[Line] = []
    edge = anchor.top
    pitch = 2.0 * anchor.size if sized else 1.6 * h  # the most a title's lines are apart
    for ln in above:
        if edge - ln.top > pitch or not continues(ln, last=False):
            break
        before.insert(0, ln)
        edge = ln.top
    after: list[Line] = []
    edge = anchor.top
    for ln in below:
        if ln.top - edge > pitch or not continues(ln, last=True):
            break
        after.append(ln)
        edge = ln.top
        if ln.x1 - ln.x0 < 0.5 * width:  # a short line ends the title
            break
    title = join_lines([ln.text for ln in (*before, *row, *after)])
    # A bracketed note closing the title is the publisher's (`[v2; ref status: indexed]`).
    return re.sub(r"\s*\[[^\[\]]*\]$", "", title)[:300]


def _readable(text: str) -> bool:
    """Tells whether a string reads as words: printable, its letters mostly a-z (a font without
    a text encoding gives control codes and accented symbols)."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii())
    return bool(letters) and all(ch.isprintable() for ch in text) and latin >= 0.5 * len(letters)


def _info_title(pdf: Any) -> str:
    """Gives the document information's Title when it reads as a title (three words or more,
    not a file name), else ""."""
    try:
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
    except pdfium.PdfiumError:
        return ""
    if (
        len(title.split()) < 3
        or re.search(r"\.(docx?|pdf|tex|indd|qxd)\b", title, re.I)
        or not _readable(title)
    ):
        return ""
    return title[:300]


def _notes_below(table: Any, blocks: list[Block], body: float) -> list[str]:
    """Gives the paragraph set right under a table, within its width (`Values are mean ± SEM`,
    `a p<0.05 vs control`): the table's notes. It stays a paragraph of the text as well."""
    x0, _, x1, bottom = table.bbox
    for b in blocks:
        if b.kind != "paragraph" or b.provenance.page != table.page or b.provenance.bbox is None:
            continue
        bx0, btop, bx1, _ = b.provenance.bbox
        if 0 <= btop - bottom <= 2.5 * body and bx0 >= x0 - 5 and bx1 <= x1 + 5:
            return [b.text]
    return []


def _read_tables(data: bytes, path: str, wanted: list[int]) -> list[Any]:
    if not wanted:
        return []
    import pdfplumber  # imported here: only documents with tables pay for it

    found = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for i in wanted:
                found.extend(page_to_tables(plumber.pages[i], i + 1))
    except Exception as exc:  # pdfminer raises many types on damaged content streams
        raise MalformedDocumentError(path, f"pdfplumber could not read the tables: {exc}") from exc
    return join_continued(found)


def _outside(lines: list[Line], tables: list[Any]) -> list[Line]:
    """Gives the lines that are not inside a table (their text is in the table's cells)."""
    out = []
    for ln in lines:
        inside = any(
            t.page == ln.page
            and t.bbox[0] - 2 <= ln.x0
            and ln.x1 <= t.bbox[2] + 2
            and t.bbox[1] - 2 <= ln.top
            and ln.bottom <= t.bbox[3] + 2
            for t in tables
        )
        if not inside:
            out.append(ln)
    return out


@register(PDF)
def read_pdf(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of a PDF."""
    return pdf_to_document(data, **meta.ids())


@sniffer(PDF, Tier.MAGIC)
def looks_like_pdf(head: Head) -> bool:
    """Gives whether the bytes open with the PDF header (`%PDF-`; whitespace before it is tolerated)."""
    return head.data.lstrip().startswith(b"%PDF-")
