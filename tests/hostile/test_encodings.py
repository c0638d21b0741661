"""Catalogue, encodings: UTF-16 without a byte-order mark is read when mostly one script."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.detect import bomless_utf16
from extractors.readers import read_document
from litcurate.errors import UnsupportedMediaTypeError

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"

RUSSIAN = "# Исследование\n\nМышам вводили барицитиниб перорально один раз в день в течение восьми недель.\n"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_seed_as_bomless_utf16_reads_like_the_seed(enc: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = read_document(text.encode(enc), relative_path="s.md", source_path="s.md")
    ref = read_document(text.encode("utf-8"), relative_path="s.md", source_path="s.md")
    assert [b.text for b in doc.blocks] == [b.text for b in ref.blocks]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_cyrillic_bomless_utf16(enc: str) -> None:
    assert bomless_utf16(RUSSIAN.encode(enc)[:8192]) == enc
    doc = read_document(RUSSIAN.encode(enc), relative_path="r.md", source_path="r.md")
    assert doc.blocks[0].text == "Исследование"


def test_binary_is_still_refused() -> None:
    data = bytes(range(256)) * 64
    assert bomless_utf16(data) is None
    with pytest.raises(UnsupportedMediaTypeError):
        read_document(data, relative_path="b.bin", source_path="b.bin")
