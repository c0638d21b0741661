"""Two-column tables from a page's words (pdf_pairs): label | value rows are a table; two
columns of prose, list markers hung left of their items, colon labels, ragged rows and rows a
paragraph apart are not. Words are laid out here, no PDF needed."""

from __future__ import annotations

from extractors.readers.pdf_pairs import words_to_pair_table

CHARACTERISTICS = [
    ("Number of animals", "48"),
    ("Body weight (g)", "251 ± 12"),
    ("Age (weeks)", "8"),
    ("Food intake (g/day)", "22.4"),
    ("Water intake (ml/day)", "31.0"),
    ("Heart rate (bpm)", "342"),
]


def _words(rows: list[list[tuple[float, str]]], *, size: float = 10.0, pitch: float = 13.0) -> list[dict]:
    # Words at (x, text) per row, one character 0.5 em wide, rows `pitch` points apart.
    out = []
    for i, row in enumerate(rows):
        for x, text in row:
            for word in text.split():
                out.append(
                    {
                        "x0": x,
                        "x1": x + 0.5 * size * len(word),
                        "top": 100 + i * pitch,
                        "bottom": 100 + i * pitch + size,
                        "text": word,
                    }
                )
                x += 0.5 * size * (len(word) + 1)
    return out


def test_label_value_rows_are_a_table():
    rows = [[(72, label), (260, value)] for label, value in [("Item", "Value"), *CHARACTERISTICS]]
    found = words_to_pair_table(_words(rows))
    assert found is not None
    assert found.rows == [["Item", "Value"], *[list(r) for r in CHARACTERISTICS]]


def test_two_columns_of_prose_are_not_a_table():
    left = "the animals were weighed every morning before the"
    right = "dose was given by a person who did not know the"
    assert words_to_pair_table(_words([[(72, left), (340, right)]] * 8)) is None


def test_hung_list_markers_and_colon_labels_are_not_tables():
    markers = [[(72, f"{i}."), (100, step)] for i, step in enumerate(["Weigh", "Dose", "Score", "Bleed"], 1)]
    assert words_to_pair_table(_words(markers)) is None
    bullets = [[(72, "•"), (100, step)] for step in ["Vehicle", "Low dose", "High dose", "Control"]]
    assert words_to_pair_table(_words(bullets)) is None
    labels = [[(72, f"{a}:"), (220, b)] for a, b in [("Received", "3 May"), ("Revised", "2 June")] * 3]
    assert words_to_pair_table(_words(labels)) is None


def test_rows_that_are_not_aligned_or_parted_by_a_paragraph_are_not_a_table():
    ragged = [[(72 + 9 * i, f"word{i}"), (200 + 17 * i, f"{i}.5")] for i in range(6)]
    assert words_to_pair_table(_words(ragged)) is None
    spaced = [[(72, "Body weight"), (260, "251")]] * 6
    assert words_to_pair_table(_words(spaced, pitch=30.0)) is None
