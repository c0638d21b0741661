"""Catalogue, encodings: UTF-16 without a byte-order mark is read when mostly one script."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.detect import bomless_utf16
from extractors.document import make_doc_id
from extractors.errors import UnsupportedMediaTypeError
from extractors.readers import read_document

SHARED = Path(os.environ.get("LITCURATE_SHARED", Path(__file__).resolve().parents[3] / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"

RUSSIAN = "# Исследование\n\nМышам вводили барицитиниб перорально один раз в день в течение восьми недель.\n"


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_seed_as_bomless_utf16_reads_like_the_seed(enc: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = read_document(text.encode(enc), doc_id=make_doc_id("s.md"), source_path="s.md")
    ref = read_document(text.encode("utf-8"), doc_id=make_doc_id("s.md"), source_path="s.md")
    assert [b.text for b in doc.blocks] == [b.text for b in ref.blocks]


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_cyrillic_bomless_utf16(enc: str) -> None:
    assert bomless_utf16(RUSSIAN.encode(enc)[:8192]) == enc
    doc = read_document(RUSSIAN.encode(enc), doc_id=make_doc_id("r.md"), source_path="r.md")
    assert doc.blocks[0].text == "Исследование"


def test_binary_is_still_refused() -> None:
    data = bytes(range(256)) * 64
    assert bomless_utf16(data) is None
    with pytest.raises(UnsupportedMediaTypeError):
        read_document(data, doc_id=make_doc_id("b.bin"), source_path="b.bin")
