"""Catalogue, truncation: HTML text over libxml2's 10,000,000-byte node limit is read whole."""

from __future__ import annotations

from extractors.readers.html import bytes_to_html_root


def test_html_text_over_ten_million_bytes_is_kept() -> None:
    data = ("<html><body><p>" + "word " * 2_200_000 + "</p><p>AFTER THE BIG ONE</p></body></html>").encode()
    root = bytes_to_html_root(data, "big.html")
    text = root.text_content()
    assert len(text) > 11_000_000  # was 0: the node and everything after it dropped
    assert "AFTER THE BIG ONE" in text
