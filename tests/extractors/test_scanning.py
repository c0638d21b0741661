"""`scan` finds what `finditer` finds; `any_case` names every character `re.IGNORECASE` folds."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.quantities import _QUANTITY_STARTS, QUANTITY
from extractors.scanning import any_case, scan

_PIECES = [" ", "1", "12", "0.5", ",", ", ", "-", "–", "±", "<", "≥ ", "~", "x", "×", "mg", "/kg", "µg", "nM"]
_PIECES += ["%", " per ", "kg", " mL", "-1", "day", "a", "IL", "\n", "(", ")", "and", " to "]


def test_any_case_holds_every_character_ignorecase_matches() -> None:
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for letter in string.ascii_lowercase:
        assert set(re.findall(letter, every, re.I)) == set(any_case(letter)), letter


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_scan_gives_the_quantities_finditer_gives(text: str) -> None:
    found = [(m.span(), m.groupdict()) for m in scan(QUANTITY, _QUANTITY_STARTS, text)]
    assert found == [(m.span(), m.groupdict()) for m in QUANTITY.finditer(text)]


def test_scan_with_a_lead_tries_the_start_of_the_text_and_after_each_separator() -> None:
    word = re.compile(r"(?<![\w])(?:one|two)\b", re.I)
    starts = re.compile(rf"[^\w]([{any_case('ot')}])")
    text = "One two, twofold; ONE-two none"
    assert [m.span() for m in scan(word, starts, text, lead=1)] == [m.span() for m in word.finditer(text)]
    assert [m.group(0) for m in scan(word, starts, text, lead=1)] == ["One", "two", "ONE", "two"]
