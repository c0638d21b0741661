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


def _word(x0: float, x1: float, bottom: float, text: str) -> dict:
    return {"x0": x0, "x1": x1, "top": bottom - 10, "bottom": bottom, "text": text}


def test_stream_table_columns_from_gaps_and_header_over_two_columns():
    from extractors.readers.pdf_stream import words_to_stream_table

    words = [_word(40, 80, 20, "State"), _word(160, 240, 20, "Revenue"), _word(300, 330, 20, "Total")]
    for i, name in enumerate(["Goa", "Delhi", "Assam", "Bihar"]):
        y = 40 + 15 * i
        words += [
            _word(40, 70, y, name),
            _word(160, 200, y, "1,000"),
            _word(215, 240, y, "20"),
            _word(300, 330, y, "1,020"),
        ]
    table = words_to_stream_table(words)
    assert table is not None  # the header row fills enough columns to count as body; the reader takes row 1
    assert table.rows[0] == ["State", "Revenue", "", "Total"]
    assert table.rows[1] == ["Goa", "1,000", "20", "1,020"]


def test_prose_in_two_columns_is_no_stream_table():
    from extractors.readers.pdf_stream import words_to_stream_table

    words = []
    for i in range(10):
        words += [
            _word(56, 80, 20 + 12 * i, "word"),
            _word(84, 290, 20 + 12 * i, "more words"),
            _word(305, 538, 20 + 12 * i, "right"),
        ]
    assert words_to_stream_table(words) is None
