"""Doses, concentrations, potencies, durations, routes and frequencies found in text.

Pure functions over strings. Units are parsed from the forms authors write (`mg/kg`,
`mg kg-1`, `mg·kg⁻¹`, `µg/kg`, `ug/kg`, `nmol/L`) and converted with pint to a canonical unit
(doses in mg/kg, concentrations and potencies in nM) where the dimension allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractors.scanning import any_case, any_case_finditer, any_case_search, lowered, scan
from extractors.units import UNIT, parse_unit, to_canonical

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-one": 21,
    "twenty-eight": 28,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
}

# Possessive (`++`, `?+`) so that a long run of digits, or of `1,1,1,...` (a decimal comma or
# a list comma?), is read one way only: backtracking into them made `QUANTITY` quadratic on
# a digit run (8,000 digits took 11.8 s) and exponential on `1,1,1,...,1 x` (18 pairs 80 ms,
# 30 pairs minutes). Either way round, a number is followed by a unit or nothing matches.
# A list is at most 31 numbers: a match may start at each number of `1, 1, 1, ...`, and an
# unbounded list made that quadratic (80,000 characters: 127 s).
_NUM = r"\d++(?:[.,]\d++)?+"
_LIST = rf"{_NUM}(?:\s*,\s*{_NUM}){{1,30}}+(?:,?\s*(?:and|or)\s*{_NUM})?|{_NUM}\s*(?:and|or)\s*{_NUM}"
_RANGE = rf"{_NUM}\s*(?:[-–—]|to)\s*{_NUM}"
_MEAN_SD = rf"{_NUM}\s*±\s*{_NUM}"
QUANTITY = re.compile(
    # (?<!\d): a number starts where its digits start, never again at each digit inside them.
    rf"(?P<qual>[<>≤≥~≈]=?\s*)?(?<!\d)(?P<nums>{_MEAN_SD}|{_LIST}|{_RANGE}|{_NUM})\s*(?P<unit>{UNIT})"
    r"(?![A-Za-z0-9])"
)
# Where a quantity can start: a qualifier, or the first digit of a run (`(?<!\d)`), the run
# skipped whole (`scan` tries QUANTITY only there, not at every character).
_QUANTITY_STARTS = re.compile(r"([<>≤≥~≈\d](?:(?<=\d)\d+)?)")
# `× g` and `x g` are centrifugal force, not grams.
_NOT_GRAMS = re.compile(r"(?:×|\bx)\s*$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number (or range, list, mean ± SD) with a unit, found at start:end of a text."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    unit: str  # display form, e.g. "mg/kg"
    qualifier: str  # "=", ">", "<", "~", ">=", "<="
    is_range: bool
    canonical_unit: str | None
    canonical_values: tuple[float, ...] | None
    kind: str = "OTHER"  # DOSE, CONCENTRATION or OTHER, from the unit's dimension
    substance: str | None = None  # `PBDE-47` in `2.4 µg PBDE-47/pair/day`
    sd: float | None = None  # the ± part of `2.38 ± 0.63 µg`

    @property
    def value(self) -> float:
        """Gives the first value (the lower bound of a range, the mean of mean ± SD)."""
        return self.values[0]


def _to_float(s: str) -> float:
    # A comma between digits is a decimal comma only when it does not group thousands.
    if "," in s and not re.fullmatch(r"\d{1,3}(,\d{3})+", s):
        s = s.replace(",", ".")
    return float(s.replace(",", ""))


def parse_numbers(spec: str) -> tuple[tuple[float, ...], bool]:
    """Gives the numbers of `0.3–10`, `0.3, 1 and 3` or `5.9`, and whether it is a range."""
    if re.fullmatch(_RANGE, spec.strip()):
        lo, hi = re.split(r"\s*(?:[-–—]|to)\s*", spec.strip())
        return (_to_float(lo), _to_float(hi)), True
    nums = re.findall(_NUM, re.sub(r"(?<=\d),(?=\s)", ";", spec))
    return tuple(_to_float(n) for n in nums), False


def find_quantities(text: str) -> list[Quantity]:
    """Gives every number-with-unit in the text, parsed and converted."""
    out = []
    for m in scan(QUANTITY, _QUANTITY_STARTS, text):
        # `5-HT` or `IL-6 mg`: a number glued to letters before it is part of a name.
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] == "-"):
            continue
        if m.group("unit") == "g" and _NOT_GRAMS.search(text[: m.start()]):
            continue
        nums = m.group("nums")
        sd: float | None = None
        values: tuple[float, ...]
        if "±" in nums:
            mean, dev = (p.strip() for p in nums.split("±"))
            values, is_range, sd = (_to_float(mean),), False, _to_float(dev)
        else:
            values, is_range = parse_numbers(nums)
        unit = parse_unit(m.group("unit"))
        qual = (m.group("qual") or "=").strip().replace("≥", ">=").replace("≤", "<=")
        qual = {"≈": "~", "~": "~"}.get(qual, qual)
        out.append(
            Quantity(
                m.start(),
                m.end(),
                m.group(0),
                values,
                unit.display,
                qual,
                is_range,
                unit.canonical,
                to_canonical(values, unit),
                unit.kind,
                unit.substance,
                sd,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A route, frequency or duration mention with its normal form."""

    start: int
    end: int
    text: str
    norm: str
    value: float | None = None
    unit: str | None = None


_ROUTES: list[tuple[str, str]] = [
    (
        r"oral(?:ly)?(?:\s+gavage)?|per\s+os|p\.\s?o\.|by\s+(?:oral\s+)?gavage|intragastric(?:ally)?|in\s+(?:the\s+)?(?:diet|chow|drinking\s+water)",
        "oral",
    ),
    (r"intraperitoneal(?:ly)?|i\.\s?p\.", "intraperitoneal"),
    (r"subcutaneous(?:ly)?|s\.\s?c\.", "subcutaneous"),
    (r"intravenous(?:ly)?|i\.\s?v\.", "intravenous"),
    (r"intramuscular(?:ly)?|i\.\s?m\.", "intramuscular"),
    (
        r"topical(?:ly)?|epicutaneous(?:ly)?|dermal(?:ly)?|percutaneous(?:ly)?|cutaneous(?:ly)?|on\s+the\s+skin",
        "topical",
    ),
    (r"intradermal(?:ly)?|i\.\s?d\.", "intradermal"),
    (r"in\s+ovo", "in ovo"),
    (r"intranasal(?:ly)?|i\.\s?n\.", "intranasal"),
    (r"intra-?articular(?:ly)?|i\.\s?a\.", "intra-articular"),
    (r"inhal(?:ed|ation)", "inhalation"),
]
_ROUTE_RES = [(re.compile(rf"(?<![\w.])(?:{p})(?![\w])", re.I), n) for p, n in _ROUTES]
_ROUTE_RES_LOWER = [(rx, lowered(rx), n) for rx, n in _ROUTE_RES]
# Any route: most texts name none, and one scan says so where the eleven above took eleven.
_ANY_ROUTE = re.compile(rf"(?<![\w.])(?:{'|'.join(p for p, _ in _ROUTES)})(?![\w])", re.I)
_ANY_ROUTE_LOWER = lowered(_ANY_ROUTE)  # the same, over lower-cased text: 2-3x faster

_FREQUENCIES: list[tuple[str, str]] = [
    (
        r"once\s+(?:a\s+)?dai?ly|once\s+(?:a|per)\s+day|q\.\s?d\.|QD|qd|every\s+day|daily|per\s+day|/day",
        "once daily",
    ),
    (r"twice\s+(?:a\s+)?daily|twice\s+(?:a|per)\s+day|b\.\s?i\.\s?d\.|BID|bid", "twice daily"),
    (
        r"three\s+times\s+(?:a\s+)?daily|three\s+times\s+(?:a|per)\s+day|t\.\s?i\.\s?d\.|TID|tid",
        "three times daily",
    ),
    (r"every\s+other\s+day|on\s+alternate\s+days|q\.\s?o\.\s?d\.|QOD", "every other day"),
    (r"once\s+(?:a\s+)?weekly|once\s+(?:a|per)\s+week|weekly", "once weekly"),
    (r"twice\s+(?:a\s+)?weekly|twice\s+(?:a|per)\s+week", "twice weekly"),
    (r"three\s+times\s+(?:a|per)\s+week", "three times weekly"),
    (r"single\s+dose|a\s+single\s+(?:oral\s+|i\.p\.\s+)?(?:dose|injection|administration)", "single dose"),
]
_FREQ_RES = [(re.compile(rf"(?<![\w])(?:{p})(?![\w])"), n) for p, n in _FREQUENCIES]
_ANY_FREQUENCY = re.compile(rf"(?<![\w])(?:{'|'.join(p for p, _ in _FREQUENCIES)})(?![\w])")

_DUR_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DUR_UNIT = (
    r"days?|weeks?|months?|years?|hours?|minutes?|seconds?|milliseconds?|"
    r"hrs?|h|mins?|secs?|s|ms|wks?|yrs?|d"
)
_DURATION = re.compile(
    rf"(?<![\w.,])(?P<num>{_LIST}|{_RANGE}|{_NUM}|{_DUR_WORD})(?:\s+|-)(?P<unit>{_DUR_UNIT})\b"
    r"(?!\s*-?\s*old)(?!-old)(?!\s*[-/]\s*\d)",
    re.I,
)
# Where a duration can start, after a character that is no word character, `.` or `,`: a digit,
# or the first two letters of a number word in any case (`scan` tries _DURATION only there).
_DURATION_STARTS = re.compile(
    r"[^\w.,](\d|" + "|".join(sorted({f"[{any_case(w[0])}][{any_case(w[1])}]" for w in NUMBER_WORDS})) + ")"
)
_UNIT_NAMES = {
    "d": "day",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "s": "second",
    "sec": "second",
    "secs": "second",
    "ms": "millisecond",
    "wk": "week",
    "wks": "week",
    "yr": "year",
    "yrs": "year",
}


def _unit_name(u: str) -> str:
    u = u.lower()
    return _UNIT_NAMES.get(u, u.rstrip("s") if len(u) > 3 else u)


def find_durations(text: str) -> list[Mention]:
    """Gives every duration (`for 8 weeks`, `eight weeks`, `14-day`, `0.5 and 4 h`), not ages."""
    out = []
    for m in scan(_DURATION, _DURATION_STARTS, text, lead=1):
        num, unit = m.group("num").lower(), m.group("unit")
        # `5 s` needs digits; `d` and `s` after a word number are too often something else.
        if num in NUMBER_WORDS and len(unit) < 3:
            continue
        # After a hyphen only when the hyphen is a dash after a word (`intervals-0.5 h`),
        # not part of a name (`IL-6 h`, `CD-1 d`).
        if m.start() > 0 and text[m.start() - 1] == "-" and not re.search(r"[a-z]{3}-$", text[: m.start()]):
            continue
        values = (float(NUMBER_WORDS[num]),) if num in NUMBER_WORDS else parse_numbers(num)[0]
        name = _unit_name(unit)
        out.append(Mention(m.start(), m.end(), m.group(0), f"{values[0]:g} {name}", values[0], name))
    return out


def find_routes(text: str) -> list[Mention]:
    """Gives every route of administration mentioned, normalised (`p.o.` -> oral)."""
    out: list[Mention] = []
    if not any_case_search(_ANY_ROUTE, _ANY_ROUTE_LOWER, text):
        return out
    # Each route's pattern over the lower-cased text (`any_case_finditer`: the same spans), the
    # words sliced from the text itself.
    for rx, low, norm in _ROUTE_RES_LOWER:
        for m in any_case_finditer(rx, low, text):
            out.append(Mention(m.start(), m.end(), text[m.start() : m.end()], norm))
    return sorted(out, key=lambda m: m.start)


def find_frequencies(text: str) -> list[Mention]:
    """Gives every dosing frequency mentioned, normalised (`q.d.` -> once daily)."""
    if _ANY_FREQUENCY.search(text) is None:
        return []
    found = [(m, norm) for rx, norm in _FREQ_RES for m in rx.finditer(text)]
    # The longest match wins: `twice daily` is not `daily`.
    found.sort(key=lambda f: f[0].start() - f[0].end())
    out: list[Mention] = []
    for m, norm in found:
        if any(o.start < m.end() and m.start() < o.end for o in out):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), norm))
    return sorted(out, key=lambda m: m.start)


_QUALIFIED = re.compile(r"^\s*+(?P<qual>[<>≤≥~≈]=?)?\s*+(?P<num>" + _NUM + r")\s*+(?P<unit>\S++)?\s*$")


def parse_qualified_value(text: str) -> dict[str, Any] | None:
    """Gives qualifier, value and unit of a table cell such as `>400`, `5.9` or `53 nM`."""
    m = _QUALIFIED.match(text.replace("\u2009", " "))
    if not m:
        return None
    qual = (m.group("qual") or "=").replace("≥", ">=").replace("≤", "<=").replace("≈", "~")
    unit = m.group("unit")
    if unit:
        unit = parse_unit(unit).display
    return {"qualifier": qual, "value": _to_float(m.group("num")), "unit": unit}


def to_nanomolar(value: float, unit: str | None) -> float | None:
    """Gives a molar concentration in nM, or None when the unit is not molar."""
    if not unit:
        return None
    parsed = parse_unit(unit)
    vals = to_canonical((value,), parsed)
    return vals[0] if parsed.canonical == "nM" and vals else None
