"""Catalogue, regexes: inputs that made a pattern backtrack super-linearly now read in linear time.

Each bound is ~20x the time the fixed code takes on this 2-core machine and far below what
the former patterns took (noted per test), so a slow machine passes and a regression fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from extractors.citations import find_citations
from extractors.document import make_doc_id
from extractors.quantities import find_durations, find_quantities, parse_qualified_value
from extractors.readers import read_document


def _timed(fn: Callable[[str], Any], text: str) -> tuple[Any, float]:
    fn("1 mg [1]")  # the first call loads pint's unit registry: not the pattern's time
    t0 = time.perf_counter()
    out = fn(text)
    return out, time.perf_counter() - t0


def test_heading_with_a_long_run_of_spaces_reads_fast() -> None:
    # Was cubic: 1,000 spaces 3.4 s, 4,000 spaces 145 s.
    data = ("# a" + " " * 5000 + "b\n\nSome text.\n").encode()
    t0 = time.perf_counter()
    doc = read_document(data, doc_id=make_doc_id("h.md"), source_path="h.md")
    assert time.perf_counter() - t0 < 2.0
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text.startswith("a")


def test_digit_run_is_linear() -> None:
    # Was quadratic: 8,000 digits 11.8 s.
    found, took = _timed(find_quantities, "1" * 8000 + " x")
    assert took < 1.0 and found == []
    found, took = _timed(find_quantities, "1" * 8000 + " mg")
    assert took < 1.0 and len(found) == 1 and found[0].unit == "mg"


def test_comma_separated_ones_are_not_exponential() -> None:
    # `1,1,...,1 x`: a comma is a decimal comma or a list comma; 18 pairs took 80 ms and each
    # further pair ~2.5x more (30 pairs: minutes).
    _, took = _timed(find_quantities, "1," * 30 + "1 x")
    assert took < 0.5
    _, took = _timed(find_durations, "1," * 30 + "1 x")
    assert took < 0.5


def test_long_lists_are_linear() -> None:
    # An unbounded list let a match start at each number and run to the end: 80,000
    # characters of `1, 1, ...` took 127 s.
    for text in ("1, " * 20000 + "1 x", "1," * 40000 + "1 x", "1 ,  " * 16000 + "1 x"):
        _, took = _timed(find_quantities, text)
        assert took < 3.0


def test_lists_still_parse() -> None:
    q = find_quantities("given 1, 2, 3, 4 and 5 mg/kg, then 1, 2-3 mg")
    assert [x.values for x in q] == [(1.0, 2.0, 3.0, 4.0, 5.0), (2.0, 3.0)]
    assert [x.values for x in find_quantities("1,5 mg and 1,000 mg")] == [(1.5,), (1000.0,)]


def test_table_cell_with_digits_and_words_is_linear() -> None:
    out, took = _timed(parse_qualified_value, "1" * 50000 + " a b")
    assert out is None and took < 1.0


def test_citation_brackets_are_linear() -> None:
    for text in ("[" * 50000, "[1," * 20000, "[1-" * 20000, "[" + "1, " * 20000 + "x"):
        _, took = _timed(find_citations, text)
        assert took < 2.0


def test_escaped_brackets_in_markdown_are_linear() -> None:
    # `\[` repeated: the link pattern's alternatives both took the backslash (2,000: 5 s).
    t0 = time.perf_counter()
    read_document(("x " + "\\[" * 5000 + "\n").encode(), doc_id=make_doc_id("b.md"), source_path="b.md")
    read_document(("x <a" + " " * 20000 + "\n").encode(), doc_id=make_doc_id("c.md"), source_path="c.md")
    read_document(("x " + "**a" * 5000 + "\n").encode(), doc_id=make_doc_id("d.md"), source_path="d.md")
    assert time.perf_counter() - t0 < 3.0


def test_space_runs_in_outcomes_references_and_units_are_linear() -> None:
    from extractors.outcomes import _measure
    from extractors.references import _citation_fields
    from extractors.units import parse_unit

    text = "a" + " " * 20000 + "x"
    for fn in (_measure, _citation_fields, parse_unit):
        _, took = _timed(fn, text)
        assert took < 1.0, fn
    _, took = _timed(_citation_fields, 'A, B "' + " " * 20000 + "x")
    assert took < 1.0
    assert _citation_fields('Smith J, Doe A, "A title of the paper," J. Biol. 2001.')["authors"] == [
        "Smith J",
        "Doe A",
    ]
