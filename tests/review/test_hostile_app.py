"""Catalogue, review app: malformed parameters are 400, never 500; a huge page renders small."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/queue?page=99999999999999999999",
        "/queue?page=-5",
        "/queue?page=abc",
        "/queue?page=1e3",
        "/page/0123456789abcdef/1.png?bbox=a,b,c,d",
        "/page/0123456789abcdef/1.png?bbox=1,2,3",
        "/page/0123456789abcdef/1.png?bbox=nan,0,1,1",
        "/page/0123456789abcdef/99999999999999999999.png",
        "/page/0123456789abcdef/x.png",
    ],
)
def test_malformed_parameters_are_400(client: Any, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code, r.text[:200])
    assert "bad request" in r.text


def test_a_huge_page_renders_at_a_bounded_size(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from PIL import Image

    from litcurate.review.evidence import MAX_PIXELS, MAX_SIDE_PX, pdf_region_png

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(14400, 14400)  # 200 inches square: 6.7 GB and 21.8 s at the former 2x
    path = tmp_path / "huge.pdf"
    pdf.save(str(path))
    pdf.close()
    t0 = time.perf_counter()
    png = pdf_region_png(path, 1, None)
    took = time.perf_counter() - t0
    w, h = Image.open(io.BytesIO(png)).size
    assert max(w, h) <= MAX_SIDE_PX and w * h <= MAX_PIXELS
    assert took < 10
    boxed = Image.open(io.BytesIO(pdf_region_png(path, 1, (100.0, 100.0, 5000.0, 200.0)))).size
    assert boxed[0] <= MAX_SIDE_PX
