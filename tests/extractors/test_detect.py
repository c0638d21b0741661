"""Media-type detection: data files are refused with a reason, text that merely starts with a
bracket is still text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.detect import PLAIN, sniff_media_type
from extractors.errors import UnsupportedMediaTypeError

PRIMARY = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "primary"


def test_json_sidecar_files_are_data_not_documents() -> None:
    gold = sorted(PRIMARY.glob("*.gold.json"))
    assert gold
    for path in gold:
        with pytest.raises(UnsupportedMediaTypeError, match="JSON data"):
            sniff_media_type(path.read_bytes(), path)


def test_a_reference_list_starting_with_a_bracket_is_text() -> None:
    assert sniff_media_type(b"[1] Smith J. A paper. J Pharm. 2010;3:1-9.\n[2] Doe A.\n", "refs.txt") == PLAIN


def test_deeply_nested_brackets_are_text_not_a_crash() -> None:
    # Found by Hypothesis: the JSON check recursed on `[` x 2000 (a RecursionError, not a ValueError).
    assert sniff_media_type(b"[" * 5000 + b"\n", "brackets.md") in (PLAIN, "text/markdown")
