"""Reference lists of small PDFs made here, one mechanism each: labels a tab stop left of their
items, a label the page's foot margin reaches into, a label missing from the text layer."""

from __future__ import annotations

from extractors.document import make_doc_id
from extractors.readers import read_document
from extractors.references import reference_to_record
from tests.readers.conftest import pdf_bytes

PAGE_W, PAGE_H = 612, 792
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def text_pdf(pages: list[list[tuple[float, float, float, str]]]) -> bytes:
    """Gives a PDF of Letter pages of Helvetica text, each piece (x, top, size, text) placed
    with its box's top `top` points below the page's top."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        _FONT,
    ]
    for i, pieces in enumerate(pages):
        ops = []
        for x, top, size, text in pieces:
            escaped = text.replace("\\", r"\\").replace("(", r"\(").replace(")", r"\)")
            baseline = PAGE_H - top - 0.75 * size
            ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {baseline:.2f} Tm ({escaped}) Tj ET")
        content = "\n".join(ops).encode("cp1252")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_W, PAGE_H, 5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return pdf_bytes(objects)


def _read(data: bytes, name: str):
    return read_document(data, doc_id=make_doc_id(name), source_path=name)


_BODY = [
    "Results of the study are described in the sections below and in the tables that follow.",
    "Each measurement was repeated three times and averaged before any comparison was made.",
]


def _item(n: int, authors: str, title: str) -> list[str]:
    """Gives the three lines of a reference: authors and title, venue, a link label."""
    return [f"{authors}: {title}.", f"J Invented Res. 20{n:02d}; {n}(2): 1{n}-2{n}.", "Publisher Full Text"]


_ITEMS = [
    ("Adams PJ, Berg CG", "A family of divergent receptors in flies"),
    ("Chess Q, Dale A", "Candidate receptors from genomic sequence"),
    ("Evans LB, Frost H", "A spatial map of receptor expression"),
    ("Gale WS", "Odorant reception in insects and its enzymes"),
    ("Hunt R, Irwin S", "Atypical membrane topology of receptors"),
    ("World Health Organization", "Guidelines for the control of vectors"),
    ("Jones Y, Kent AJ", "Cloning of an antenna-specific protein"),
    ("Lane J, Moss RJ", "Molecular characterization of a gene family"),
    ("Nash AF, Owen G", "Odorant reception in the malaria mosquito"),
    ("Price WS, Quinn YM", "Differential expression of olfactory genes"),
]


def _hanging_list(labels: dict[int, bool], *, first_top: float, per_page: int) -> bytes:
    """Gives a two-page PDF: a paragraph, `References`, the items with labels hanging a tab
    stop left of them (item n's label drawn when labels.get(n, True)), page numbers at the foot."""
    pages: list[list[tuple[float, float, float, str]]] = [[], []]
    top = first_top - 60
    for text in _BODY:
        pages[0].append((57, top, 9, text))
        top += 12
    pages[0].append((57, first_top - 20, 11, "References"))
    page, top = 0, first_top
    for n, (authors, title) in enumerate(_ITEMS, start=1):
        if n == per_page + 1:
            page, top = 1, 72
        if labels.get(n, True):
            pages[page].append((57, top + 0.3, 7, f"{n}."))
        for text in _item(n, authors, title):
            pages[page].append((76, top, 8, text))
            top += 9.5
        top += 3
    for i, pieces in enumerate(pages):
        pieces.append((PAGE_W / 2, PAGE_H - 40, 8, str(i + 1)))
    return text_pdf(pages)


def _titles(doc) -> list[str]:
    # Item 6's author is an organisation, which the parser does not tell from a title: its raw
    # string is checked instead.
    return [reference_to_record(r)["title"] for r in doc.references if not r.raw.startswith("World")]


_TITLES = [title for authors, title in _ITEMS if not authors.startswith("World")]


def test_label_in_the_foot_margin_is_no_page_number():
    # Item 6's first line (and its `6.`) sits in the band where page numbers are; a number with
    # its item's text beside it on its baseline is a label. `World Health Organization` starts
    # no author-year item, so without its label the item would run into item 5.
    first_top = PAGE_H - 68 - 5 * (3 * 9.5 + 3)
    doc = _read(_hanging_list({}, first_top=first_top, per_page=6), "foot-label.pdf")
    assert [r.number for r in doc.references] == list(range(1, 11))
    assert _titles(doc) == _TITLES
    assert doc.references[5].raw.startswith("World Health Organization: Guidelines")
    assert doc.references[5].provenance.page == 1
    # The page numbers are still left out of the items they sit under.
    assert doc.references[5].raw.endswith("Publisher Full Text")
    assert doc.references[9].raw.endswith("Publisher Full Text")


def test_label_missing_from_the_text_layer():
    # Item 4's number is not in the text layer (a font without a text encoding draws it as
    # nothing a reader can get): items 3 and 5 are two apart, and item 4 starts at its author
    # after the line that ended item 3.
    doc = _read(_hanging_list({4: False}, first_top=140, per_page=10), "missing-label.pdf")
    assert [r.number for r in doc.references] == list(range(1, 11))
    assert _titles(doc) == _TITLES


def test_first_label_missing_from_the_text_layer():
    doc = _read(_hanging_list({1: False}, first_top=140, per_page=10), "missing-first.pdf")
    assert [r.number for r in doc.references] == list(range(1, 11))
    assert _titles(doc)[:2] == [_ITEMS[0][1], _ITEMS[1][1]]


def test_a_number_inside_an_item_starts_no_item():
    # A wrapped volume `11 (2): ...` at a line start where item 10 is next: only a run of
    # labels that goes on after a gap counts as one, so item 10 keeps the line.
    pages: list[list[tuple[float, float, float, str]]] = [[(57, 100, 11, "References")]]
    top = 120.0
    for n, (authors, title) in enumerate(_ITEMS[:9], start=1):
        pages[0].append((57, top, 8, f"{n}."))
        pages[0].append((74, top, 8, f"{authors}: {title}. J Invented Res. 2001;"))
        pages[0].append((74, top + 9.5, 8, f"{n + 2} (2): 1-9."))
        top += 22
    doc = _read(text_pdf(pages), "volume-at-line-start.pdf")
    assert [r.number for r in doc.references] == list(range(1, 10))
    assert doc.references[7].raw.endswith("2001; 10 (2): 1-9.")


def test_last_item_ends_where_lines_stop_being_set_like_an_item():
    # `Cite this article as` follows the last item a line's height below, set at the body's
    # margin: no item's continuation lines start there. An item a paragraph breaks (the next
    # item tells where it ends) keeps its lines.
    pages: list[list[tuple[float, float, float, str]]] = [[(57, 100, 11, "References")]]
    top = 120.0
    for n, (authors, title) in enumerate(_ITEMS, start=1):
        pages[0].append((57, top, 8, f"{n}."))
        for text in _item(n, authors, title):
            pages[0].append((76, top, 8, text))
            top += 9.5
        if n == 3:  # item 3 broken by a paragraph set at the body's margin
            pages[0].append((57, top + 6, 8, "Erratum in: J Invented Res. 2004."))
            top += 15.5
        top += 3
    pages[0].append((57, top, 8, "Cite this article as: Invented et al.: A study of lists. J Lists 2015."))
    pages[0].append((57, top + 9.5, 8, "Submit your next manuscript to Invented Central."))
    doc = _read(text_pdf(pages), "list-then-paragraph.pdf")
    assert [r.number for r in doc.references] == list(range(1, 11))
    assert doc.references[-1].raw.endswith("Publisher Full Text")
    assert doc.references[2].raw.endswith("Publisher Full Text Erratum in: J Invented Res. 2004.")
    # The lines after the list are the document's text again.
    assert any(b.text.startswith("Cite this article as") for b in doc.blocks)


def test_hanging_indents_start_items_whatever_their_first_words():
    # An author-year list set with hanging indents: an organisation and a `van der` author
    # start no author pattern, and the line before each ends without a full stop; standing out
    # left of the line before is what starts them. A heading after the list ends it.
    entries = [
        "Adams, P. J., & Berg, C. G. (2001). A family of divergent receptors in flies and the way they are",
        "    expressed in the antenna of adults. Journal of Invented Research, 12(2), 11-21",
        "World Health Organization. (2012). Guidelines for the control of vectors. Geneva: WHO.",
        "Chess, Q. (1999). Candidate receptors from genomic sequence in the fly and in the mosquito,",
        "    with notes on their evolution. Genomics, 60, 31-39",
        "van der Berg, A. (2003). Receptors of the moth antenna and their ligands in the field and in",
        "    the laboratory. Journal of Chemical Ecology, 28, 867-871.",
        "Evans, L. B., & Frost, H. (2010). A spatial map of receptor expression in the mosquito brain,",
        "    with notes on its development. Cell, 96, 725-736.",
    ]
    pages: list[list[tuple[float, float, float, str]]] = [[(57, 100, 11, "References")]]
    top = 120.0
    for text in entries:
        x = 79 if text.startswith(" ") else 57
        pages[0].append((x, top, 8, text.strip()))
        top += 10
    pages[0].append((57, top + 14, 11, "Acknowledgements"))
    pages[0].append((57, top + 32, 8, "We thank the keepers of the fly stocks."))
    doc = _read(text_pdf(pages), "hanging-indents.pdf")
    assert [r.raw.split(" (")[0] for r in doc.references] == [
        "Adams, P. J., & Berg, C. G.",
        "World Health Organization.",
        "Chess, Q.",
        "van der Berg, A.",
        "Evans, L. B., & Frost, H.",
    ]
    assert doc.references[-1].raw.endswith("Cell, 96, 725-736.")


def test_space_between_items_starts_them():
    # Items set flush left as paragraphs with space between them: the space starts the items
    # that no author pattern starts (an organisation, `de Souza`).
    entries = [
        [
            "Irwin S. Antenna signals and pheromone neurons in the moth and in the fly, with notes",
            "on odorant receptors. J Invented Res. 1990;1:1-7.",
        ],
        [
            "World Health Organization. Guidelines for the control of vectors of disease in towns",
            "and in the country. Geneva: WHO; 2012.",
        ],
        [
            "de Souza M, Hunt R. Signal transduction in the moth antenna and the fly antenna and",
            "their neurons. J Invented Res. 1992;2:6-13.",
        ],
        ["Chess Q. Candidate receptors from genomic sequence. Genomics. 1999;60:31-9."],
        [
            "van der Berg A. Receptors of the moth antenna and their ligands in the field and in",
            "the laboratory. J Chem Ecol. 2003;28:867-71.",
        ],
    ]
    pages: list[list[tuple[float, float, float, str]]] = [[(57, 100, 11, "References")]]
    top = 120.0
    for lines in entries:
        for text in lines:
            pages[0].append((57, top, 8, text))
            top += 10
        top += 6
    doc = _read(text_pdf(pages), "spaced-items.pdf")
    assert [r.raw.split(" ")[0] for r in doc.references] == ["Irwin", "World", "de", "Chess", "van"]
    assert doc.references[1].raw.endswith("Geneva: WHO; 2012.")


def test_labels_read_as_symbols_are_left_out():
    # Every label is in a font without a text encoding (it reads as `ßð`, `Þø`, ...): the list
    # is read as one without numbers, and no label lands inside the title it hangs beside.
    symbols = ["ßð", "Þø", "ðþ", "øß", "Ðþ"]
    pages: list[list[tuple[float, float, float, str]]] = [[(57, 100, 11, "References")]]
    top = 120.0
    for label, (authors, title) in zip(symbols, _ITEMS[:5], strict=True):
        words = f"{authors}. {title} and in the field over three seasons".split()
        pages[0].append((57, top + 0.3, 7, label))
        pages[0].append((79, top, 8, " ".join(words[: len(words) // 2])))
        pages[0].append(
            (79, top + 9.5, 8, " ".join(words[len(words) // 2 :]) + ". J Invented Res. 2001;1:1-9.")
        )
        top += 22
    doc = _read(text_pdf(pages), "symbol-labels.pdf")
    assert [reference_to_record(r)["title"] for r in doc.references] == [
        f"{title} and in the field over three seasons" for _, title in _ITEMS[:5]
    ]
