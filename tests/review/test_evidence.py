"""Evidence: the source context a record's provenance points at, for each kind of provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litcurate.review import SourceAccessError
from litcurate.review.evidence import (
    element_evidence,
    pdf_region_png,
    record_evidence,
    safe_source_path,
    text_evidence,
)

JATS = b"""<?xml version="1.0"?>
<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>
<body><sec><p>First.</p></sec><sec><title>Results</title><p>Intro.</p>
<p>Baricitinib inhibited <italic>JAK1</italic> with an IC50 of 5.9 nM.</p></sec></body></article>"""


def test_text_evidence_marks_the_span_within_its_lines() -> None:
    text = "line one\nthe dose was 3 mg/kg daily\nline three\n"
    start = text.index("3 mg/kg")
    ev = text_evidence(text, {"line": 2, "start": start, "end": start + 7})
    assert (ev.span, ev.after) == ("3 mg/kg", " daily")
    assert ev.before == "line one\nthe dose was "


def test_element_evidence_follows_the_path_and_marks_the_words() -> None:
    ev = element_evidence(JATS, "application/jats+xml", {"path": "/article/body/sec[2]/p[2]"}, ["JAK1"])
    assert ev.kind == "element" and ev.span == "JAK1"
    assert ev.before == "Baricitinib inhibited " and ev.after.startswith(" with an IC50")
    missing = element_evidence(JATS, "application/jats+xml", {"path": "/article/body/sec[9]"}, [])
    assert missing.kind == "none" and "not found" in missing.message


def test_pdf_evidence_is_a_page_picture(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(300, 400)
    path = tmp_path / "one.pdf"
    pdf.save(str(path))
    pdf.close()
    png = pdf_region_png(path, 1, (10.0, 20.0, 100.0, 40.0))
    assert png.startswith(b"\x89PNG")
    with pytest.raises(SourceAccessError, match="no page 2"):
        pdf_region_png(path, 2, None)
    ev = record_evidence(
        {"source_path": str(path)}, json.dumps({"page": 1, "bbox": [1, 2, 3, 4]}), [], [tmp_path]
    )
    assert (ev.kind, ev.page, ev.bbox) == ("pdf", 1, (1, 2, 3, 4))


def test_sources_outside_the_roots_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    root.mkdir()
    (root / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "secret.md").write_text("s", encoding="utf-8")
    assert safe_source_path(str(root / "a.md"), [root]) == (root / "a.md").resolve()
    assert safe_source_path("raw/a.md", [root], base=tmp_path) == (root / "a.md").resolve()
    for bad in (
        str(tmp_path / "secret.md"),
        str(root / ".." / "secret.md"),
        "/etc/passwd",
        "raw/../secret.md",
    ):
        with pytest.raises(SourceAccessError):
            safe_source_path(bad, [root], base=tmp_path)
    (root / "link.md").symlink_to(tmp_path / "secret.md")
    with pytest.raises(SourceAccessError):
        safe_source_path(str(root / "link.md"), [root])
