"""Reference lists of invented HTML pages printed to PDF by headless Chromium: items started by
hanging indents, by the space between them, or by list numbers, and a list followed by text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document

pytestmark = pytest.mark.slow  # prints PDFs with Chromium

_ITEMS = [
    (
        "Adams PJ, Berg CG.",
        "A family of divergent receptors in flies and the way they are expressed in adults.",
    ),
    ("World Health Organization.", "Guidelines for the control of vectors in towns and in the country."),
    ("de Souza M, Hunt R.", "Signal transduction in the moth antenna and the fly antenna and their neurons."),
    ("Chess Q.", "Candidate receptors from genomic sequence."),
    (
        "van der Berg A.",
        "Receptors of the moth antenna and their ligands in the field and in the laboratory.",
    ),
    ("Evans LB, Frost H, Gale WS.", "A spatial map of receptor expression in the mosquito brain."),
]
_STYLE = "body{font-family:serif;font-size:13px;margin:2cm} h2{font-size:18px}"


def _page(references: str) -> str:
    return (
        f"<html><head><style>{_STYLE}</style></head><body><h1>Effects of a drug in rats</h1>"
        "<p>The receptors were studied in flies and mosquitoes [1-6].</p>"
        f"<h2>References</h2>{references}"
        "<h2>Acknowledgements</h2><p>We thank the keepers of the fly stocks.</p></body></html>"
    )


def _venue(i: int) -> str:
    return f"J Invented Res. {2001 + i};{i + 1}:{10 * i + 1}-{10 * i + 9}."


PAGES = {
    # Hanging indents; an item's last line without a full stop before the next item.
    "hanging": "".join(
        f"<p style='margin:0;padding-left:2em;text-indent:-2em'>{a} {t} {_venue(i).rstrip('.')}</p>"
        for i, (a, t) in enumerate(_ITEMS)
    ),
    # Flush left, space between the items.
    "spaced": "".join(
        f"<p style='margin:0 0 9px 0'>{a} {t} {_venue(i)}</p>" for i, (a, t) in enumerate(_ITEMS)
    ),
    # Numbered by the browser (the numbers are list markers), a paragraph after the list: only
    # the numbers tell it is no item (after an author-year list it would read as one).
    "numbered": "<ol>"
    + "".join(f"<li>{a} {t} {_venue(i)}</li>" for i, (a, t) in enumerate(_ITEMS))
    + "</ol><p>Cite this article as: Invented et al. Effects of a drug in rats. J Lists. 2015.</p>",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, print_pdf) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("reference-lists")
    out = {}
    for name, references in PAGES.items():
        html = tmp / f"{name}.html"
        html.write_text(_page(references), encoding="utf-8")
        out[name] = print_pdf(html, tmp / f"{name}.pdf")
    return out


@pytest.mark.parametrize("name", list(PAGES))
def test_every_item_read_whole_and_the_list_ends_with_it(printed, name):
    path = printed[name]
    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    assert [r.number for r in doc.references] == list(range(1, len(_ITEMS) + 1))
    assert [r.raw.split(". ")[0] + "." for r in doc.references] == [a for a, _ in _ITEMS]
    last = doc.references[-1].raw
    assert last.rstrip(".").endswith(_venue(len(_ITEMS) - 1).rstrip(".")), last
