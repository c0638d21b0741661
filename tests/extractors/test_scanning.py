"""`scan` finds what `finditer` finds; `any_case` names every character `re.IGNORECASE` folds."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.citations import _CITATION, _CITATION_STARTS
from extractors.outcomes import _TRIGGER
from extractors.primary.risk_of_bias import _ANY_CUE
from extractors.quantities import _ANY_ROUTE, _DURATION, _DURATION_STARTS, _QUANTITY_STARTS, QUANTITY
from extractors.scanning import any_case, any_case_finditer, any_case_search, lowered, may_match, scan

_PIECES = [" ", "1", "12", "0.5", ",", ", ", "-", "–", "±", "<", "≥ ", "~", "x", "×", "mg", "/kg", "µg", "nM"]
_PIECES += ["%", " per ", "kg", " mL", "-1", "day", "a", "IL", "\n", "(", ")", "and", " to ", "[", "]", "\\"]
_PIECES += [
    "<sup>",
    "</sup>",
    "<a href='#'>",
    "</a>",
    "(#",
    "One",
    "tWo",
    "ſix",
    "eight",
    " h",
    " days",
    "-old",
    ".",
]


_EVERY = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
_UNFOLDED = "\u0130\u0131\u017f"


def test_any_case_holds_every_character_ignorecase_matches() -> None:
    for letter in string.ascii_lowercase:
        assert set(re.findall(letter, _EVERY, re.I)) == set(any_case(letter)), letter


def test_lower_keeps_what_lowered_patterns_rely_on() -> None:
    # One character for one, in the same classes; to an ASCII character only from the
    # characters `re.IGNORECASE` matches to it (but İ, ı and ſ, left to the full pattern).
    lowered_from: dict[str, set[str]] = {}
    for c in _EVERY:
        if c in _UNFOLDED:
            continue
        low = c.lower()
        assert len(low) == 1, hex(ord(c))
        for cls in (r"\w", r"\s", r"\d", "."):
            assert bool(re.match(cls, c)) == bool(re.match(cls, low)), (hex(ord(c)), cls)
        if low.isascii():
            lowered_from.setdefault(low, set()).add(c)
    for x in map(chr, range(128)):
        if not x.isupper():
            assert lowered_from[x] == set(re.findall(re.escape(x), _EVERY, re.I)) - set(_UNFOLDED), x


_SCANS = [(QUANTITY, _QUANTITY_STARTS, 0), (_DURATION, _DURATION_STARTS, 1), (_CITATION, _CITATION_STARTS, 0)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_scan_gives_the_matches_finditer_gives(text: str) -> None:
    for pattern, starts, lead in _SCANS:
        found = [(m.span(), m.groupdict()) for m in scan(pattern, starts, text, lead)]
        assert found == [(m.span(), m.groupdict()) for m in pattern.finditer(text)], pattern.pattern[:40]


def test_scan_with_a_lead_tries_the_start_of_the_text_and_after_each_separator() -> None:
    word = re.compile(r"(?<![\w])(?:one|two)\b", re.I)
    starts = re.compile(rf"[^\w]([{any_case('ot')}])")
    text = "One two, twofold; ONE-two none"
    assert [m.span() for m in scan(word, starts, text, lead=1)] == [m.span() for m in word.finditer(text)]
    assert [m.group(0) for m in scan(word, starts, text, lead=1)] == ["One", "two", "ONE", "two"]


_CUE_PIECES = [
    "random",
    "RANDOMI",
    "ſ",
    "z",
    "ed",
    "ly",
    " ",
    "Blind",
    "ı",
    "İ",
    "\u212a",
    "arrive",
    "ARRİVE",
    "x",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=12).map("".join))
def test_may_match_is_true_wherever_the_any_case_pattern_matches(text: str) -> None:
    if _ANY_CUE.search(text):
        assert may_match(lowered(_ANY_CUE), text)


def test_may_match_says_false_for_text_without_a_cue_and_lowered_refuses_escapes() -> None:
    low = lowered(_ANY_CUE)
    assert not may_match(low, "Mice received 3 mg/kg daily.")
    assert may_match(low, "Animals were RANDOMISED.") and may_match(low, "randomiſed")
    assert lowered(re.compile(r"(?<![\w.])(?P<Route>Oral(?:ly)?|p\.\s?o\.)", re.I)).pattern == (
        r"(?<![\w.])(?P<Route>oral(?:ly)?|p\.\s?o\.)"
    )
    for refused in (
        re.compile(r"\Sblind", re.I),
        re.compile("(?i)x"),
        re.compile("µg", re.I),
        re.compile("x"),
    ):
        try:
            lowered(refused)
        except ValueError:
            continue
        raise AssertionError(refused)


_FINDING_PIECES = [
    "Significantly ",
    "REDUCED",
    "did not ",
    "alter",
    "improvED",
    " ",
    "-",
    "x",
    "ſ",
    "İ",
    "ı",
    "\u212a",
]
_FINDING_PIECES += [
    "up-regulated",
    "No effect on ",
    "further ",
    "induced",
    ",",
    "Ameliorated",
    "protected against",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FINDING_PIECES), max_size=14).map("".join))
def test_any_case_finditer_gives_the_spans_and_groups_finditer_gives(text: str) -> None:
    def spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, tuple[int, int]]]]:
        return [(m.span(), {g: m.span(g) for g in m.groupdict()}) for m in matches]

    found = any_case_finditer(_TRIGGER, lowered(_TRIGGER), text)
    assert spans(found) == spans(list(_TRIGGER.finditer(text)))


_ROUTE_PIECES = [
    "Orally",
    "I.P.",
    "i. v.",
    "per os",
    "PER\tOS",
    "s.c",
    ".",
    " ",
    "x",
    "ſ",
    "İ",
    "ı",
    "\u212a",
    "Sub",
]
_ROUTE_PIECES += [
    "cutaneous",
    "in the DIET",
    "intra-articular",
    "inhalation",
    "ſubcutaneouſ",
    "İNTRAVENOUS",
    "-",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ROUTE_PIECES), max_size=10).map("".join))
def test_any_case_search_says_what_search_says(text: str) -> None:
    assert any_case_search(_ANY_ROUTE, lowered(_ANY_ROUTE), text) == bool(_ANY_ROUTE.search(text))
