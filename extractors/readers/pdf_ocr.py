"""PDF pages with no usable text layer -> text lines, by OCR (Tesseract through pytesseract).

A scanned page is an image with no text (or only a publisher's `Downloaded from` stamp); a
page set in fonts without a text encoding (no ToUnicode map, no cmap) gives control codes and
accented symbols for its letters. Both read as nothing, so such a page is rendered with
pypdfium2 and read by Tesseract, and its words become the same `Line`s (boxes in PDF points,
top-down; a font size) the text layer gives, so titles, blocks and reference lists are found
downstream as on any page. Pages whose text layer reads
never pay for it: the test is a pass over text already extracted (the page's objects are
looked at only when that text is unusable or a few lines).

Tesseract is a Debian package (`tesseract-ocr`, with English data); without it a page that
needs OCR stays empty and the document's warnings say what is missing.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from extractors.readers.pdf_layout import Line

DPI = 300  # Tesseract's own advice: glyphs ~20-30 px high read best; 10 pt at 300 dpi is ~30 px
LANG = "eng"  # the one language the Debian package brings
TIMEOUT = 120  # seconds a page may take: a pathological page must not hold an ingest forever
# Words Tesseract is this unsure of (0-100) are noise read out of figures and rules.
_MIN_CONF = 30
# Words farther apart than this on one line (points) are two lines, as the text layer's
# segments are (see pdf_layout.page_to_lines): a table's cells, a header's two ends.
_SPLIT_GAP = 12.0
# Cap height (or ascender) over font size in common book and sans fonts (Times 0.66-0.68,
# Helvetica 0.72): the font size of a line is its letters' height above the baseline over this.
_CAP_HEIGHT = 0.7
# A page image covering this share of a page with no text is a scan (a logo is smaller).
_SCAN_AREA = 0.4
# A page with text this short (a stamp: `Downloaded from <url> by guest on <date>`, ~100
# characters; a page of text has thousands) over an image covering this share of it is a scan.
_STAMP_CHARS = 300
_WHOLE_PAGE = 0.8

_PAGEOBJ_TEXT, _PAGEOBJ_IMAGE = 1, 3  # FPDF_PAGEOBJ_* of PDFium's public header


class OcrUnavailableWarning(UserWarning):
    """A page needed OCR and Tesseract (or pytesseract) is not there to read it."""


@dataclass(slots=True)
class _Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str


def text_is_usable(text: str) -> bool:
    """Tells whether a page's extracted text reads as text: it has letters or digits, few control
    codes, private-use characters or U+FFFD, and its letters are not mostly accented Latin (what
    a font without a text encoding yields for plain letters).

    Greek, Cyrillic or CJK text is usable: only the shapes of failed decoding are not. Regular
    expressions, not a loop over characters: this runs on every page of every PDF.
    """
    if text.isascii() and text.isprintable():
        return _ALNUM.search(text) is not None  # the common case
    if len(_UNMAPPED.findall(text)) > 0.2 * (len(text) - text.count(" ")):
        return False
    accented = len(_ACCENTED.findall(text))
    if not accented:  # no letter to count (the costly part) where none is suspect
        return _LETTER.search(text) is not None
    return accented <= 0.5 * len(_LETTER.findall(text))


_ALNUM = re.compile(r"[A-Za-z0-9]")
_LETTER = re.compile(r"[^\W\d_]")
# Control codes, private use, surrogates, the replacement character: glyphs with no character.
_UNMAPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\ufffd\U000f0000-\U0010ffff]")
# Latin-1 Supplement to Spacing Modifier Letters: a few letters in French or Polish text,
# nearly every letter in text whose font maps codes to glyphs without saying which letters.
_ACCENTED = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff]")


def page_needs_ocr(page: Any, *, usable: bool) -> bool:
    """Tells whether a pypdfium2 page holds text that its text layer does not give. With no
    usable text (`usable` false), the page draws glyphs or an image over a large part of it;
    with a line or two (a publisher's stamp, `Downloaded from ... on ...`, over a scanned
    article), an image covers nearly all of it."""
    width, height = page.get_size()
    least = (_SCAN_AREA if not usable else _WHOLE_PAGE) * width * height
    for obj in page.get_objects(filter=[_PAGEOBJ_TEXT, _PAGEOBJ_IMAGE]):
        if obj.type == _PAGEOBJ_TEXT and not usable:
            return True
        if obj.type == _PAGEOBJ_IMAGE:
            bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 renamed it
            left, bottom, right, top = bounds()
            if (right - left) * (top - bottom) >= least:
                return True
    return False


def pages_needing_ocr(pdf: Any, pages: list[list[Line]]) -> list[int]:
    """Gives the indexes of the pages of a pypdfium2 document (their text-layer lines beside it)
    that need OCR (`page_needs_ocr`); a page with text enough is not looked into further."""
    wanted = []
    for i, lines in enumerate(pages):
        text = " ".join(ln.text for ln in lines)
        usable = text_is_usable(text)
        if (not usable or len(text) < _STAMP_CHARS) and page_needs_ocr(pdf[i], usable=usable):
            wanted.append(i)
    return wanted


@functools.cache
def tesseract_missing() -> str:
    """Gives what is missing for OCR ("" when pytesseract and Tesseract with English are there),
    said so that a curator knows what to install."""
    try:
        import pytesseract
    except ImportError:
        return "the Python package pytesseract is not installed (pip install pytesseract)"
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return "Tesseract is not installed (Debian: apt-get install tesseract-ocr)"
    if LANG not in languages:
        return f"Tesseract has no '{LANG}' language data (Debian: apt-get install tesseract-ocr-{LANG})"
    return ""


def page_to_ocr_lines(page: Any, page_number: int) -> list[Line]:
    """Gives the lines Tesseract reads on a pypdfium2 page, in PDF points (top-down), each with a
    font size estimated from its letters' height.

    Raises RuntimeError when PDFium cannot render the page or Tesseract fails or takes longer
    than `TIMEOUT` on it, OSError when Tesseract cannot be run.
    """
    with _one_thread_each():
        return _recognise(_render(page), page_number)


def _render(page: Any) -> Any:
    # PDFium is not thread-safe: pages are rendered in the reader's thread, one at a time.
    return page.render(scale=DPI / 72, grayscale=True).to_pil()


def _recognise(image: Any, page_number: int) -> list[Line]:
    import pytesseract

    data = pytesseract.image_to_data(image, lang=LANG, output_type=pytesseract.Output.DICT, timeout=TIMEOUT)
    lines = []
    for words in _tesseract_lines(data, DPI / 72):
        for run in _split_at_gaps(words):
            lines.append(_words_to_line(run, page_number))
    return lines


@contextmanager
def _one_thread_each() -> Iterator[None]:
    # One OpenMP thread per Tesseract: its threads cost several times the CPU for the same page
    # on a busy machine (1.6 s against 8.6 s a page measured on two cores); pages are read in
    # parallel by separate Tesseract processes instead. A limit the user set stands; ours is
    # lifted afterwards (pytesseract passes this process's environment to Tesseract).
    ours = "OMP_THREAD_LIMIT" not in os.environ
    if ours:
        os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if ours:
            os.environ.pop("OMP_THREAD_LIMIT", None)


def _tesseract_lines(data: dict[str, list[Any]], scale: float) -> Iterator[list[_Word]]:
    """Gives the words of each line Tesseract found, left to right, in points; words it is
    unsure of and marks that are no word (a rule read as `|`) left out."""
    by_line: dict[tuple[int, int, int], list[_Word]] = {}
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if data["level"][i] != 5 or not text or float(data["conf"][i]) < _MIN_CONF:
            continue
        left, top = data["left"][i] / scale, data["top"][i] / scale
        word = _Word(left, top, left + data["width"][i] / scale, top + data["height"][i] / scale, text)
        by_line.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(word)
    for words in by_line.values():
        if any(ch.isalnum() for w in words for ch in w.text):
            yield sorted(words, key=lambda w: w.left)


def _split_at_gaps(words: list[_Word]) -> Iterator[list[_Word]]:
    run = [words[0]]
    for word in words[1:]:
        if word.left - run[-1].right >= _SPLIT_GAP:
            yield run
            run = []
        run.append(word)
    yield run


def _words_to_line(words: list[_Word], page_number: int) -> Line:
    """Gives the Line of a run of words: their joint box, their text, and a font size."""
    return Line(
        page_number,
        round(min(w.left for w in words), 2),
        round(min(w.top for w in words), 2),
        round(max(w.right for w in words), 2),
        round(max(w.bottom for w in words), 2),
        " ".join(w.text for w in words),
        _font_size(words),
    )


def _font_size(words: list[_Word]) -> float:
    """Gives the font size of a line's words: the height of its tallest letters (capitals,
    ascenders) above its baseline over `_CAP_HEIGHT`; 0 when the line has no word to tell.

    The box height alone follows the letters (`an` is shorter than `Age`, `page` reaches lower):
    the baseline is the highest bottom of its words, as some word has no descender. Only words
    of letters count (a closing stop or comma allowed): a superscript mark (`Leal1,2`), an
    apostrophe or a bracket reaches above the capitals.
    """
    plain = [w for w in words if _PLAIN_WORD.fullmatch(w.text)]
    if not plain:
        return 0.0
    baseline = min(w.bottom for w in plain)
    top = min(w.top for w in plain)
    return round((baseline - top) / _CAP_HEIGHT, 1) if baseline > top else 0.0


_PLAIN_WORD = re.compile(r"[^\W\d_]{2,}(-[^\W\d_]+)*[.,;:]?")


def ocr_unreadable_pages(pdf: Any, pages: list[list[Line]]) -> list[str]:
    """Replaces, in place, the lines of every page of a pypdfium2 document that needs OCR
    (`pages_needing_ocr`) with the lines Tesseract reads there; gives the notes the document's
    warnings should carry: which pages were read by OCR, or why they could not be.

    Without Tesseract the pages keep their lines (none, or symbols) and a warning says so,
    also as an `OcrUnavailableWarning`.
    """
    wanted = pages_needing_ocr(pdf, pages)
    if not wanted:
        return []
    numbers = ", ".join(str(i + 1) for i in wanted)
    missing = tesseract_missing()
    if missing:
        note = f"page(s) {numbers} have no usable text layer and were not read: OCR needs Tesseract, but {missing}"
        warnings.warn(note, OcrUnavailableWarning, stacklevel=2)
        return [note]
    notes: list[str] = []
    read: list[str] = []
    # Pages are read by up to one Tesseract process per core at once (a scan of 20 pages is
    # minutes on one); rendered here one at a time, at most `n` images waiting or in reading.
    n = max(1, min(len(wanted), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))
    reading: dict[int, Future[list[Line]]] = {}
    with _one_thread_each(), ThreadPoolExecutor(n, thread_name_prefix="litcurate-ocr") as pool:
        for i in wanted:
            # Waits on the pages still in reading only: `wait` returns at once when any future
            # it is given is done, so waiting on all of them spun this thread once one page was.
            busy = [f for f in reading.values() if not f.done()]
            while len(busy) >= n:
                wait(busy, return_when=FIRST_COMPLETED)
                busy = [f for f in busy if not f.done()]
            try:
                reading[i] = pool.submit(_recognise, _render(pdf[i]), i + 1)
            except RuntimeError as exc:
                notes.append(f"page {i + 1} has no usable text layer and OCR failed: {exc}")
        for i, future in sorted(reading.items()):
            try:
                pages[i] = future.result()
                read.append(str(i + 1))
            except (RuntimeError, OSError) as exc:  # one page's failure leaves it empty, not the document
                notes.append(f"page {i + 1} has no usable text layer and OCR failed: {exc}")
    if read:
        notes.insert(0, f"page(s) {', '.join(read)} have no usable text layer: read by OCR (Tesseract)")
    return notes
