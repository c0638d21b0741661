"""PDF titles in common layouts, on invented pages printed by headless Chromium: a label set
above the title in small capitals, a title over two lines, the title in small capitals
(`font-variant: small-caps`), authors under it in a smaller size."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document

pytestmark = pytest.mark.slow  # prints PDFs with Chromium

TITLE = "Oral Dosing of a Kinase Inhibitor Reduces Paw Swelling in a Rat Model of Arthritis"
BODY = (
    "<p style='font-size:10pt'>Abstract. Kinase inhibitors are tested in many models of arthritis. "
    "Here we report the effects of oral dosing in rats over four weeks.</p>"
    "<p style='font-size:10pt'>Methods. Male rats received 3 mg/kg per day; swelling was scored blind.</p>"
)
LAYOUTS = {
    "label-above": (
        "<p style='font-size:8pt;font-variant:small-caps;letter-spacing:1px'>Original research article</p>"
        f"<h1 style='font-size:20pt'>{TITLE}</h1>"
    ),
    "small-caps": f"<h1 style='font-size:20pt;font-variant:small-caps;font-weight:normal'>{TITLE}</h1>",
    "label-then-small-caps": (
        "<p style='font-size:9pt;text-transform:uppercase'>Research paper</p>"
        f"<h1 style='font-size:18pt;font-variant:small-caps;font-weight:normal'>{TITLE}</h1>"
    ),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_title_read_whole(tmp_path: Path, print_pdf, layout: str) -> None:
    html = tmp_path / "page.html"
    html.write_text(
        f"<html><body style='font-family:serif;margin:2cm'>{LAYOUTS[layout]}"
        f"<p style='font-size:11pt'>Jane Doe<sup>1</sup>, John Roe<sup>2</sup></p>{BODY}</body></html>",
        encoding="utf-8",
    )
    pdf = print_pdf(html, tmp_path / "page.pdf", header_footer=False)
    doc = read_document(pdf.read_bytes(), doc_id=make_doc_id(pdf.name), source_path=str(pdf))
    assert doc.title is not None
    assert doc.title.casefold() == TITLE.casefold()
