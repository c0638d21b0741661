"""OCR of PDF pages with no usable text layer: scans of an invented article printed by headless
Chromium (each page rasterized and saved as an image-only PDF), a corpus PDF whose fonts carry
no text encoding, and what happens without Tesseract."""

from __future__ import annotations

import io
import os
import shutil
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors.document import make_doc_id
from extractors.errors import EmptyDocumentError
from extractors.readers import pdf_ocr, read_document
from extractors.readers.jats import jats_to_document
from extractors.readers.pdf_layout import page_to_lines
from extractors.readers.pdf_ocr import OcrUnavailableWarning, text_is_usable

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
TWIN = CORPUS / "pdf-gt" / "twin_f1000research-3-305.pdf"  # pages 1-2, 10-14: fonts with no ToUnicode

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (apt-get install tesseract-ocr)"
)

TITLE = "Intraperitoneal Minocycline Reduces Mechanical Allodynia after Sciatic Nerve Ligation in Mice"
AUTHORS = "Clara Whitfield, Tomas Okonkwo and Ingrid Vasquez"
PARAGRAPHS = [
    "Neuropathic pain after peripheral nerve injury is driven in part by activated microglia in "
    "the dorsal horn of the spinal cord. We asked whether daily minocycline, a tetracycline that "
    "restrains microglial activation, changes the course of mechanical allodynia in mice.",
    "Male mice received minocycline at thirty milligrams per kilogram or saline by intraperitoneal "
    "injection once a day for fourteen days, starting on the day of surgery. Paw withdrawal "
    "thresholds were measured with von Frey filaments by an observer blind to treatment.",
    "Minocycline raised withdrawal thresholds from the third day onwards, and the difference from "
    "saline persisted for a week after the last injection. Sham animals showed no change in "
    "threshold at any time point during the study.",
]

REFERENCES = [
    "Hartley JM, Soto L. Microglia and the maintenance of neuropathic pain. J Pain Res. 2011;4:101-112.",
    "Nakamura T, Brennan P, Osei K. Tetracyclines beyond infection: a review. Pharmacol Rev. 2014;66:33-58.",
    "Lindqvist A. Von Frey testing in mice: a practical guide. Lab Anim. 2009;43:212-219.",
]


def _read(data: bytes, name: str):
    return read_document(data, doc_id=make_doc_id(name), source_path=name)


def _scan(pdf: Path, dpi: int = 200) -> bytes:
    """Gives an image-only PDF of a PDF: each page rendered to a grey image, as a scanner would."""
    doc = pdfium.PdfDocument(str(pdf))
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


@pytest.fixture(scope="module")
def article_pdf(tmp_path_factory, print_pdf) -> Path:
    """An invented two-page article printed by Chromium: title, authors, paragraphs."""
    tmp = tmp_path_factory.mktemp("ocr")
    body = "".join(f"<p style='font-size:11pt'>{p}</p>" for p in PARAGRAPHS)
    html = tmp / "article.html"
    html.write_text(
        "<html><body style='font-family:serif;margin:2cm'>"
        f"<h1 style='font-size:20pt'>{TITLE}</h1><p style='font-size:11pt'>{AUTHORS}</p>{body}"
        f"<h2 style='page-break-before:always;font-size:14pt'>Discussion</h2>{body}</body></html>",
        encoding="utf-8",
    )
    return print_pdf(html, tmp / "article.pdf", header_footer=False)


@pytest.fixture(scope="module")
def stamped_scan(article_pdf, print_pdf) -> bytes:
    """The scanned article with a publisher's line of text over each page (`Downloaded from ...`),
    as archives serve old papers: a text layer, but one line of it."""
    html = article_pdf.parent / "stamp.html"
    html.write_text(
        "<html><body style='margin:1cm'><p style='font-size:7pt'>"
        "Downloaded from archive.example.org by guest on 1 March 2020</p></body></html>",
        encoding="utf-8",
    )
    stamp = pdfium.PdfDocument(str(print_pdf(html, article_pdf.parent / "stamp.pdf", header_footer=False)))
    scan = pdfium.PdfDocument(_scan(article_pdf))
    for i in range(len(scan)):
        page = scan[i]
        page.insert_obj(stamp.page_as_xobject(0, scan).as_pageobject())
        page.gen_content()
    out = io.BytesIO()
    scan.save(out)
    return out.getvalue()


@pytest.fixture
def no_tesseract(monkeypatch):
    """Tesseract's command pointed at nothing, as on a machine without the package."""
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    pdf_ocr.tesseract_missing.cache_clear()
    yield
    pdf_ocr.tesseract_missing.cache_clear()


def test_usable_text_in_any_script_and_symbols_of_unmapped_fonts():
    assert text_is_usable("Paw withdrawal thresholds (g) were 4.2 ± 0.3 in 12 mice")
    assert text_is_usable("Les souris traitées ont reçu une dose élevée à jeun")
    assert text_is_usable("Η θεραπεία μείωσε τον πόνο")
    assert not text_is_usable("")
    assert not text_is_usable("\ufffd\ufffd\ufffd \ufffd\ufffd")
    assert not text_is_usable("\ue001\ue002\ue003 \ue004")
    # What PDFium gives for page 1 of a PDF whose fonts have no text encoding.
    pdf = pdfium.PdfDocument(str(TWIN))
    garbled = " ".join(ln.text for ln in page_to_lines(pdf[0], 1))
    readable = " ".join(ln.text for ln in page_to_lines(pdf[2], 3))
    pdf.close()
    assert not text_is_usable(garbled)
    assert text_is_usable(readable)


def test_without_tesseract_the_pdf_still_reads_and_says_what_is_missing(no_tesseract):
    with pytest.warns(OcrUnavailableWarning, match="Tesseract is not installed"):
        doc = _read(TWIN.read_bytes(), TWIN.name)
    assert doc.warnings and "apt-get install tesseract-ocr" in doc.warnings[0]
    assert "page(s) 1, 2," in doc.warnings[0]
    text = " ".join(b.text for b in doc.blocks)
    assert "odorant-binding" in text  # the pages with a text layer are read as before


@pytest.mark.slow  # Chromium and Tesseract
@needs_tesseract
def test_scanned_article_reads_title_and_paragraphs(article_pdf, accuracy_refs):
    doc = _read(_scan(article_pdf), "scan.pdf")
    assert accuracy_refs.token_f1(doc.title, TITLE) >= 0.9, doc.title
    assert doc.n_pages == 2
    assert any("read by OCR" in w for w in doc.warnings)
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    for page in (1, 2):
        text = " ".join(b.text for b in paragraphs if b.provenance.page == page)
        assert accuracy_refs.token_f1(text, " ".join(PARAGRAPHS)) >= 0.9, text
    # Each paragraph of the article is a block of its own, in reading order.
    first_page = [b.text for b in paragraphs if b.provenance.page == 1]
    for truth in PARAGRAPHS:
        assert max(accuracy_refs.token_f1(b, truth) for b in first_page) >= 0.9
    # The title stands out by its size (estimated from the letters' height) as a heading.
    assert doc.blocks[0].kind == "heading" and accuracy_refs.token_f1(doc.blocks[0].text, TITLE) >= 0.9
    # Boxes are in PDF points, inside the page, as the text layer gives them.
    width, height = pdfium.PdfDocument(str(article_pdf))[0].get_size()
    for b in doc.blocks:
        x0, top, x1, bottom = b.provenance.bbox
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height


@pytest.mark.slow  # Chromium and Tesseract
@needs_tesseract
def test_scanned_two_column_page_reads_column_by_column_with_its_references(
    tmp_path, print_pdf, accuracy_refs
):
    body = "".join(f"<p style='font-size:10pt'>{p}</p>" for p in PARAGRAPHS)
    refs = "".join(f"<li>{r}</li>" for r in REFERENCES)
    html = tmp_path / "two-column.html"
    html.write_text(
        "<html><body style='font-family:serif;margin:2cm'>"
        f"<h1 style='font-size:20pt'>{TITLE}</h1><p style='font-size:11pt'>{AUTHORS}</p>"
        f"<div style='column-count:2;column-gap:1cm;text-align:justify'>{body}"
        f"<h2 style='font-size:12pt'>References</h2><ol style='font-size:9pt'>{refs}</ol></div></body></html>",
        encoding="utf-8",
    )
    printed = print_pdf(html, tmp_path / "two-column.pdf", header_footer=False)
    doc = _read(_scan(printed), "two-column.pdf")
    assert accuracy_refs.token_f1(doc.title, TITLE) >= 0.9, doc.title
    # The scan reads as the printed PDF's text layer does: the same blocks (each column's
    # paragraphs, in order), headings and references, their words nearly all the same.
    layer = _read(printed.read_bytes(), "printed.pdf")
    assert [b.kind for b in doc.blocks] == [b.kind for b in layer.blocks]
    for read, truth in zip(doc.blocks, layer.blocks, strict=True):
        assert accuracy_refs.token_f1(read.text, truth.text) >= 0.9, (read.text, truth.text)
    assert [r.number for r in doc.references] == [1, 2, 3]
    for ref, truth in zip(doc.references, REFERENCES, strict=True):
        assert accuracy_refs.token_f1(ref.raw, truth) >= 0.9, ref.raw


@pytest.mark.slow  # Chromium and Tesseract
@needs_tesseract
def test_scan_under_a_stamp_is_read_by_ocr(stamped_scan, accuracy_refs):
    doc = _read(stamped_scan, "stamped.pdf")
    assert accuracy_refs.token_f1(doc.title, TITLE) >= 0.9, doc.title
    text = " ".join(b.text for b in doc.blocks if b.provenance.page == 1)
    assert accuracy_refs.token_f1(text, f"{TITLE} {AUTHORS} {' '.join(PARAGRAPHS)}") >= 0.9, text


@pytest.mark.slow  # Chromium
def test_scan_without_tesseract_fails_with_what_to_install(article_pdf, no_tesseract):
    with pytest.warns(OcrUnavailableWarning), pytest.raises(EmptyDocumentError, match="tesseract-ocr"):
        _read(_scan(article_pdf), "scan.pdf")


@pytest.mark.slow  # seven pages of OCR
@needs_tesseract
def test_pages_in_fonts_without_text_encoding_read_by_ocr(accuracy_refs):
    doc = _read(TWIN.read_bytes(), TWIN.name)
    twin = TWIN.with_suffix(".xml")
    truth = jats_to_document(twin.read_bytes(), doc_id="t", source_path=str(twin), sha256="", media_type="")
    assert accuracy_refs.token_f1(doc.title, truth.title) >= 0.95, doc.title
    abstract = next(b.text for b in truth.blocks if b.text.startswith("Odorant-binding proteins"))
    read = " ".join(b.text for b in doc.blocks if b.provenance.page == 1)
    assert sum(
        (Counter(accuracy_refs.tokens(read)) & Counter(accuracy_refs.tokens(abstract))).values()
    ) >= 0.9 * len(accuracy_refs.tokens(abstract))


def test_reader_thread_sleeps_while_tesseract_reads(monkeypatch):
    """While every Tesseract slot is busy the reader's thread waits for one to finish: it does
    not spin. It once waited on all the pages' futures, done ones included, and so returned at
    once, a quarter million times for the seven pages of one corpus PDF: seconds of CPU taken
    from the Tesseract processes it was waiting for."""
    import threading
    import time

    monkeypatch.setattr(pdf_ocr, "pages_needing_ocr", lambda pdf, pages: list(range(len(pages))))
    monkeypatch.setattr(pdf_ocr, "tesseract_missing", lambda: "")
    monkeypatch.setattr(pdf_ocr, "_render", lambda page: page)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)

    def recognise(image, page_number):
        time.sleep(0.02 * (1 + page_number % 3))  # pages take unequal times, as real ones do
        return [f"line of page {page_number}"]

    calls = []
    real_wait = pdf_ocr.wait

    def counted_wait(*args, **kwargs):
        calls.append(threading.current_thread().name)
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(pdf_ocr, "_recognise", recognise)
    monkeypatch.setattr(pdf_ocr, "wait", counted_wait)
    pages: list = [[] for _ in range(12)]
    notes = pdf_ocr.ocr_unreadable_pages(list(range(12)), pages)
    assert pages == [[f"line of page {i + 1}"] for i in range(12)]
    assert notes == [
        "page(s) 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 have no usable text layer: read by OCR (Tesseract)"
    ]
    assert 1 <= len(calls) <= 12  # at most one wait per page submitted
