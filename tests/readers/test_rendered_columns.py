"""Two-column articles of invented HTML printed to PDF by headless Chromium (CSS columns): a
numbered or author-year reference list that runs from column 2 of one page on to column 1 of
the next, a heading set under (or between) blocks of columns, and columns with a gutter
narrower than a line height. Font sizes, gutters and list styles vary so that no one rendering
is what the reader is tuned to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.document import Document, make_doc_id
from extractors.readers import read_document
from extractors.references import reference_to_record

pytestmark = pytest.mark.slow  # prints PDFs with Chromium

_WORKS = [
    ("Adams PJ, Berg CG.", "Oral kinase inhibitors in models of joint inflammation"),
    ("Chen L, Diaz M.", "Paw swelling as a measure of arthritis in rats"),
    ("Evans R.", "Dose and response in preclinical pharmacology"),
    ("Fisher K, Gomez T, Hall S.", "Blind scoring of inflammation by two observers"),
    ("Ito Y.", "A rat model of collagen arthritis and its uses"),
    ("Jones A, King B.", "Body weight as a sign of toxicity in long studies"),
    ("Lee C.", "Vehicle controls in oral dosing studies"),
    ("Moore D, Nash E.", "Kinase signalling in the synovium of rats"),
    ("Owen F.", "Four week studies of small molecules in rodents"),
    ("Park G, Quinn H.", "Measuring the joints of small animals with calipers"),
    ("Reed I.", "Statistics for dose groups in animal studies"),
    ("Stone J, Turner K.", "Inflammation and its markers in the blood of rats"),
]
_ANIMALS = ["rats", "mice", "rabbits", "guinea pigs", "hamsters", "ferrets", "gerbils", "voles"]
_MEASURES = ["paw volume", "body weight", "food intake", "grip strength", "joint score", "gait"]


def _sentences(k: int, n: int) -> str:
    """Gives n sentences of body text, different for every k (so each paragraph can be found)."""
    out = []
    for i in range(n):
        animal = _ANIMALS[(k + i) % len(_ANIMALS)]
        measure = _MEASURES[(k * 3 + i) % len(_MEASURES)]
        out.append(
            f"In study {k} part {i + 1} the {animal} were dosed with {3 * k + i} mg per kg and "
            f"their {measure} was recorded every morning by an observer blind to the groups."
        )
    return " ".join(out)


def _venue(i: int) -> str:
    return f"J Invented Pharmacol. {2001 + i};{i + 3}:{11 * i + 1}-{11 * i + 9}."


def _reference_list(style: str) -> str:
    if style == "ol":  # numbered by the browser: the numbers are list markers
        return "<ol>" + "".join(f"<li>{a} {t}. {_venue(i)}</li>" for i, (a, t) in enumerate(_WORKS)) + "</ol>"
    label = {"bracket": "[{n}] ", "dot": "{n}. ", "author-year": ""}[style]
    year = style == "author-year"
    return "".join(
        f"<p class=ref>{label.format(n=i + 1)}{a}{f' ({2001 + i}).' if year else ''} {t}. {_venue(i)}</p>"
        for i, (a, t) in enumerate(_WORKS)
    )


def _page(font: str, gutter: str, columns_body: str, after: str = "") -> str:
    return (
        "<html><head><style>"
        f"body{{font-family:serif;font-size:{font};margin:0}} @page{{size:A4;margin:2cm}}"
        f".cols{{column-count:2;column-gap:{gutter};text-align:justify}}"
        "h1{font-size:20pt} h2{font-size:1.3em}"
        ".ref{margin:0 0 .3em 0;padding-left:1.5em;text-indent:-1.5em}"
        "</style></head><body><h1>Oral dosing of a kinase inhibitor in rats with arthritis</h1>"
        f"<div class=cols>{columns_body}</div>{after}</body></html>"
    )


def _read(path: Path) -> Document:
    return read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))


def _print(tmp_path: Path, print_pdf, html: str) -> Path:
    source = tmp_path / "page.html"
    source.write_text(html, encoding="utf-8")
    return print_pdf(source, tmp_path / "page.pdf", header_footer=False)


# font size, column gap, list style, body paragraphs before the list (enough that the list
# starts low in column 2 of page 1 and runs on to column 1 of page 2), what follows the columns
NOTE = "<h2>Supplementary note</h2><p>The dosing solutions were made fresh every week.</p>"
LISTS = {
    "9pt-gap-1.5em-bracket": ("9pt", "1.5em", "bracket", 11, ""),
    "10pt-gap-1em-dot": ("10pt", "normal", "dot", 9, ""),
    "11pt-gap-8pt-dot": ("11pt", "8pt", "dot", 7, ""),
    "12pt-gap-8pt-bracket": ("12pt", "8pt", "bracket", 6, ""),
    "12pt-gap-1em-browser-numbers": ("12pt", "normal", "ol", 6, ""),
    "10pt-gap-2em-author-year": ("10pt", "2em", "author-year", 9, ""),
    "11pt-gap-1em-author-year-then-a-note": ("11pt", "normal", "author-year", 7, NOTE),
}


@pytest.mark.parametrize("name", list(LISTS))
def test_reference_list_across_a_page_break_read_whole(tmp_path: Path, print_pdf, name: str) -> None:
    font, gutter, style, paragraphs, after = LISTS[name]
    body = "<h2>Introduction</h2>" + "".join(f"<p>{_sentences(k, 4)}</p>" for k in range(paragraphs))
    pdf = _print(
        tmp_path, print_pdf, _page(font, gutter, body + "<h2>References</h2>" + _reference_list(style), after)
    )
    doc = _read(pdf)
    refs = doc.references
    where = [(r.provenance.page, (r.provenance.bbox or (0.0,))[0] > 250) for r in refs]
    # The page is the layout meant: the list starts in column 2 of page 1 and runs on to
    # column 1 of page 2.
    assert where and where[0] == (1, True) and (2, False) in where, where
    assert [r.number for r in refs] == list(range(1, len(_WORKS) + 1))
    assert [reference_to_record(r)["title"] for r in refs] == [t for _, t in _WORKS]
    assert [r.raw[: len(a)] for r, (a, _) in zip(refs, _WORKS, strict=True)] == [a for a, _ in _WORKS]
    # Each item ends with its venue, page range whole (`111-119`, not `111- 119`), and the
    # heading and note after the list are no part of the last item.
    assert [r.raw[-len(_venue(i)) :] for i, r in enumerate(refs)] == [_venue(i) for i in range(len(refs))]


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# font size, column gap: Chromium's default gap (1em) is narrower than a 12 pt word join
GUTTERS = {"10pt-gap-1em": ("10pt", "normal"), "12pt-gap-8pt": ("12pt", "8pt"), "9pt-gap-6pt": ("9pt", "6pt")}


@pytest.mark.parametrize("name", list(GUTTERS))
def test_narrow_gutter_keeps_the_columns_apart(tmp_path: Path, print_pdf, name: str) -> None:
    font, gutter = GUTTERS[name]
    paragraphs = [_sentences(k, 3) for k in range(8)]
    pdf = _print(tmp_path, print_pdf, _page(font, gutter, "".join(f"<p>{p}</p>" for p in paragraphs)))
    doc = _read(pdf)
    text = _words(" ".join(b.text for b in doc.blocks))
    # Every paragraph reads whole, in order: a line joined across the gutter would put the
    # other column's words inside it.
    positions = [text.find(p) for p in paragraphs]
    assert -1 not in positions, [p[:60] for p, at in zip(paragraphs, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


# font size, column gap, whether another block of columns follows the heading
HEADINGS = {
    "under-10pt-gap-1em": ("10pt", "normal", False),
    "under-12pt-gap-2em": ("12pt", "2em", False),
    "between-11pt-gap-1.5em": ("11pt", "1.5em", True),
}


@pytest.mark.parametrize("name", list(HEADINGS))
def test_heading_under_columns_read_after_the_last_column(tmp_path: Path, print_pdf, name: str) -> None:
    font, gutter, between = HEADINGS[name]
    paragraphs = [_sentences(k, 3) for k in range(4)]
    note = "The dosing solutions were made fresh every week and kept cold until they were used."
    after = "<h2>Supplementary note</h2>"
    if between:
        more = [_sentences(k, 3) for k in range(10, 13)]
        after += "<div class=cols>" + "".join(f"<p>{p}</p>" for p in more) + "</div>"
    else:
        more = []
        after += f"<p>{note}</p>"
    pdf = _print(tmp_path, print_pdf, _page(font, gutter, "".join(f"<p>{p}</p>" for p in paragraphs), after))
    doc = _read(pdf)
    order = [_words(b.text) for b in doc.blocks]
    text = _words(" ".join(order))
    heading = next(i for i, b in enumerate(doc.blocks) if b.text == "Supplementary note")
    assert doc.blocks[heading].kind == "heading"
    before = _words(" ".join(order[:heading]))
    after_text = _words(" ".join(order[heading + 1 :]))
    # Both columns of the block above come before the heading, what follows it after.
    assert all(p in before for p in paragraphs), [p[:40] for p in paragraphs if p not in before]
    assert all(p in after_text for p in more) and (between or note in after_text)
    assert [text.find(p) for p in paragraphs + more] == sorted(text.find(p) for p in paragraphs + more)
