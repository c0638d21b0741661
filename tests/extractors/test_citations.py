"""Citation markers in every form the guide and articles use."""

import pytest

from extractors.citations import cell_ref_numbers, expand_numbers, find_citations


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("immunity.[1] By", [(1,)]),
        ("weeks.[\\[7\\]](#)[\\[8\\]](#)[\\[9\\]](#)", [(7,), (8,), (9,)]),
        ('<a href="#">[7]</a> <a href="#">[8]</a>', [(7,), (8,)]),
        ("Baricitinib.<sup>[2][3][4]</sup>", [(2,), (3,), (4,)]),
        ("as shown [1-3] and [1, 4]", [(1, 2, 3), (1, 4)]),
        ("ranges [2–5, 9]", [(2, 3, 4, 5, 9)]),
        ("[Get Quote](#) and [synapse.patsnap.com]", []),
        ("a link [1](https://example.org)", []),
    ],
)
def test_find_citations(text, numbers):
    assert [c.numbers for c in find_citations(text)] == numbers


def test_full_span_of_markdown_link_form():
    text = "x[\\[7\\]](#)y"
    (c,) = find_citations(text)
    assert text[c.start : c.end] == "[\\[7\\]](#)"


def test_implausible_range_is_not_expanded():
    assert expand_numbers("3-200") == [3, 200]


def test_table_reference_cells():
    assert cell_ref_numbers("[7] [8] [9]") == [7, 8, 9]
    assert cell_ref_numbers("5, 6") == [5, 6]
    assert cell_ref_numbers("") == []
