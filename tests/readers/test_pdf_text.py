"""Pure PDF text helpers: column gutters, line-break hyphens, spaces between segments."""

from __future__ import annotations

from extractors.readers.pdf_columns import lines_to_reading_order, region_to_gutters
from extractors.readers.pdf_hyphens import join_lines, keeps_hyphen, lines_to_vocabulary
from extractors.readers.pdf_layout import Line, needs_space


def _line(x0: float, top: float, x1: float, text: str) -> Line:
    return Line(1, x0, top, x1, top + 8, text)


def test_three_columns_below_a_full_width_paragraph():
    body = [_line(56, 10 + 12 * i, 467, f"body {i}") for i in range(3)]
    cols = [_line(x, 60 + 10 * i, x + 120, f"c{x}-{i}") for x in (56, 197, 338) for i in range(4)]
    order = [ln.text for ln in lines_to_reading_order(body + cols, 522)]
    assert order[:3] == ["body 0", "body 1", "body 2"]
    assert order[3:7] == [f"c56-{i}" for i in range(4)]
    assert order[-4:] == [f"c338-{i}" for i in range(4)]


def test_a_ragged_line_is_not_a_column():
    lines = [_line(56, 10 * i, 467, "x" * 80) for i in range(8)] + [_line(300, 90, 330, "short")]
    assert region_to_gutters(lines) == []


def test_hyphen_kept_for_compounds_and_dropped_inside_words():
    vocab = lines_to_vocabulary(["the computer algorithm", "a permanent filter", "self-care at home"])
    assert "nent" not in lines_to_vocabulary(["a perma-", "nent filter"])
    assert join_lines(["perma\x02", "nent filter"], vocabulary=vocab) == "permanent filter"
    assert join_lines(["computer\x02", "triggered support"], vocabulary=vocab) == "computer-triggered support"
    assert join_lines(["self\x02", "care"], vocabulary=vocab) == "self-care"
    assert join_lines(["inter-", "and intraspecific"], vocabulary=vocab) == "inter-and intraspecific"
    assert not keeps_hyphen("medica", "tion", vocab)


def test_space_only_for_a_word_sized_gap():
    assert needs_space("mammals.", "Zoology ", 1.27, 5.22)
    assert not needs_space("medical sta", "ff ", 0.34, 7.0)
    assert not needs_space("patient", "’", 0.4, 2.5)
    assert not needs_space("1", "Clinical", 1.2, 4.0)
