"""Catalogue, markup: script and style content never becomes text (README: dropped whole)."""

from __future__ import annotations

import pytest

from extractors.document import make_doc_id
from extractors.readers import read_document

PAGE = {
    "p.html": b"<html><head><title>T</title><script>var SECRET1=1;</script><style>.SECRET2{}</style></head>"
    b"<body><h1>Mice</h1><p>Mice got 3 mg/kg.</p><script>SECRET3()</script></body></html>",
    "p.md": b"# Mice\n\nMice got 3 mg/kg. <script>SECRET4()</script> <style>.SECRET5{}</style>\n",
}


@pytest.mark.parametrize("name", sorted(PAGE))
def test_script_content_is_dropped_not_failed(name: str) -> None:
    doc = read_document(PAGE[name], doc_id=make_doc_id(name), source_path=name)
    text = " ".join(b.text for b in doc.blocks) + (doc.title or "")
    assert "Mice got 3 mg/kg." in text
    assert "SECRET" not in text
