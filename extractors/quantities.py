"""Doses, concentrations, potencies, durations, routes and frequencies found in text.

Pure functions over strings. Units are parsed from the forms authors write (`mg/kg`,
`mg kg-1`, `mg·kg⁻¹`, `µg/kg`, `ug/kg`, `nmol/L`) and converted with pint to a canonical unit
(doses in mg/kg, concentrations and potencies in nM) where the dimension allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pint

EXTRACTOR_VERSION = "quantities.v1"

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "twenty-one": 21,
    "twenty-eight": 28, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip

_NUM = r"\d+(?:[.,]\d+)?"
_MICRO = r"(?:µ|μ|u|mc)"
# Written unit -> pint expression. Order matters: longer forms first.
_UNITS: list[tuple[str, str, str]] = [
    # (regex, pint expression, display form)
    (r"mg\s*/\s*kg\s*/\s*(?:day|d)\b|mg\s*/\s*kg\s*per\s*day|mg\s*kg-1\s*d(?:ay)?-1|mg·kg⁻¹·d(?:ay)?⁻¹", "mg/kg/day", "mg/kg/day"),
    (_MICRO + r"g\s*/\s*kg\s*/\s*(?:day|d)\b", "ug/kg/day", "µg/kg/day"),
    (r"mg\s*/\s*kg\b|mg\s*kg\s*-1|mg\s*kg⁻¹|mg·kg⁻¹|mg\s*·\s*kg-1|mpk\b", "mg/kg", "mg/kg"),
    (_MICRO + r"g\s*/\s*kg\b|" + _MICRO + r"g\s*kg\s*-1|" + _MICRO + r"g·kg⁻¹", "ug/kg", "µg/kg"),
    (r"ng\s*/\s*kg\b", "ng/kg", "ng/kg"),
    (r"g\s*/\s*kg\b", "g/kg", "g/kg"),
    (r"m[lL]\s*/\s*kg\b", "mL/kg", "mL/kg"),
    (r"mg\s*/\s*m[lL]\b", "mg/mL", "mg/mL"),
    (_MICRO + r"g\s*/\s*m[lL]\b", "ug/mL", "µg/mL"),
    (r"ng\s*/\s*m[lL]\b", "ng/mL", "ng/mL"),
    (r"pmol\s*/\s*[lL]\b|pM\b", "pmol/L", "pM"),
    (r"nmol\s*/\s*[lL]\b|nM\b", "nmol/L", "nM"),
    (_MICRO + r"mol\s*/\s*[lL]\b|" + _MICRO + r"M\b", "umol/L", "µM"),
    (r"mmol\s*/\s*[lL]\b|mM\b", "mmol/L", "mM"),
    (r"mg\b", "mg", "mg"),
    (_MICRO + r"g\b", "ug", "µg"),
    (r"ng\b", "ng", "ng"),
    (r"IU\s*/\s*kg\b", "", "IU/kg"),
    (r"%", "", "%"),
]  # fmt: skip
_UNIT_RE = "|".join(f"(?:{u[0]})" for u in _UNITS)
_UNIT_COMPILED = [(re.compile(u[0]), u[1], u[2]) for u in _UNITS]

_LIST = rf"{_NUM}(?:\s*,\s*{_NUM})*(?:,?\s*(?:and|or)\s*{_NUM})"
_RANGE = rf"{_NUM}\s*(?:[-–—]|to)\s*{_NUM}"
QUANTITY = re.compile(
    rf"(?P<qual>[<>≤≥~≈]=?\s*)?(?P<nums>{_LIST}|{_RANGE}|{_NUM})\s*(?P<unit>{_UNIT_RE})"
    r"(?![A-Za-z0-9])"
)

# pint expression -> canonical unit. Mass per body mass is dimensionless to pint, so the
# target is chosen per written unit, and pint does the arithmetic.
_CANONICAL = {
    "mg/kg/day": "mg/kg/day", "ug/kg/day": "mg/kg/day",
    "mg/kg": "mg/kg", "ug/kg": "mg/kg", "ng/kg": "mg/kg", "g/kg": "mg/kg",
    "mL/kg": "mL/kg",
    "mg": "mg", "ug": "mg", "ng": "mg",
    "pmol/L": "nmol/L", "nmol/L": "nmol/L", "umol/L": "nmol/L", "mmol/L": "nmol/L",
    "mg/mL": "mg/mL", "ug/mL": "mg/mL", "ng/mL": "mg/mL",
}  # fmt: skip


@lru_cache(maxsize=1)
def unit_registry() -> pint.UnitRegistry:
    """Gives the process-wide pint registry (building one costs ~0.5 s)."""
    return pint.UnitRegistry()


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number (or range or list of numbers) with a unit, found at start:end of a text."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    unit: str  # display form, e.g. "mg/kg"
    qualifier: str  # "=", ">", "<", "~", ">=", "<="
    is_range: bool
    canonical_unit: str | None
    canonical_values: tuple[float, ...] | None

    @property
    def value(self) -> float:
        """Gives the first value (the lower bound of a range)."""
        return self.values[0]

    @property
    def kind(self) -> str:
        """Gives DOSE, CONCENTRATION or OTHER from the unit's dimension."""
        if self.canonical_unit in ("mg/kg", "mg/kg/day", "mg", "mL/kg") or self.unit == "IU/kg":
            return "DOSE"
        if self.canonical_unit in ("nmol/L", "mg/mL"):
            return "CONCENTRATION"
        return "OTHER"


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


def canonicalise(values: tuple[float, ...], unit_expr: str) -> tuple[str | None, tuple[float, ...] | None]:
    """Gives the values in the canonical unit of their dimension, via pint."""
    if not unit_expr:
        return None, None
    target = _CANONICAL.get(unit_expr)
    if target is None:
        return None, None
    factor = unit_registry().Quantity(1.0, unit_expr).to(target).magnitude
    return target, tuple(round(v * factor, 10) for v in values)


def _unit_of(written: str) -> tuple[str, str]:
    for rx, expr, display in _UNIT_COMPILED:
        if rx.fullmatch(written.strip()):
            return expr, display
    return "", written


def find_quantities(text: str) -> list[Quantity]:
    """Gives every number-with-unit in the text, parsed and converted."""
    out = []
    for m in QUANTITY.finditer(text):
        # `5-HT` or `IL-6 mg`: a number glued to letters before it is part of a name.
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] == "-"):
            continue
        values, is_range = parse_numbers(m.group("nums"))
        expr, display = _unit_of(m.group("unit"))
        canon_unit, canon_values = canonicalise(values, expr)
        qual = (m.group("qual") or "=").strip().replace("≥", ">=").replace("≤", "<=")
        qual = {"≈": "~", "~": "~"}.get(qual, qual)
        out.append(
            Quantity(m.start(), m.end(), m.group(0), values, display, qual, is_range,
                     canon_unit, canon_values)
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
    (r"oral(?:ly)?(?:\s+gavage)?|per\s+os|p\.\s?o\.|by\s+(?:oral\s+)?gavage|intragastric(?:ally)?|in\s+(?:the\s+)?(?:diet|chow|drinking\s+water)", "oral"),
    (r"intraperitoneal(?:ly)?|i\.\s?p\.", "intraperitoneal"),
    (r"subcutaneous(?:ly)?|s\.\s?c\.", "subcutaneous"),
    (r"intravenous(?:ly)?|i\.\s?v\.", "intravenous"),
    (r"intramuscular(?:ly)?|i\.\s?m\.", "intramuscular"),
    (r"topical(?:ly)?|epicutaneous(?:ly)?", "topical"),
    (r"intranasal(?:ly)?|i\.\s?n\.", "intranasal"),
    (r"intra-?articular(?:ly)?|i\.\s?a\.", "intra-articular"),
    (r"inhal(?:ed|ation)", "inhalation"),
]  # fmt: skip
_ROUTE_RES = [(re.compile(rf"(?<![\w.])(?:{p})(?![\w])", re.I), n) for p, n in _ROUTES]

_FREQUENCIES: list[tuple[str, str]] = [
    (r"once\s+(?:a\s+)?dai?ly|once\s+(?:a|per)\s+day|q\.\s?d\.|QD|qd|every\s+day|daily|per\s+day|/day", "once daily"),
    (r"twice\s+(?:a\s+)?daily|twice\s+(?:a|per)\s+day|b\.\s?i\.\s?d\.|BID|bid", "twice daily"),
    (r"three\s+times\s+(?:a\s+)?daily|three\s+times\s+(?:a|per)\s+day|t\.\s?i\.\s?d\.|TID|tid", "three times daily"),
    (r"every\s+other\s+day|on\s+alternate\s+days|q\.\s?o\.\s?d\.|QOD", "every other day"),
    (r"once\s+(?:a\s+)?weekly|once\s+(?:a|per)\s+week|weekly", "once weekly"),
    (r"twice\s+(?:a\s+)?weekly|twice\s+(?:a|per)\s+week", "twice weekly"),
    (r"three\s+times\s+(?:a|per)\s+week", "three times weekly"),
    (r"single\s+dose|a\s+single\s+(?:oral\s+|i\.p\.\s+)?(?:dose|injection|administration)", "single dose"),
]  # fmt: skip
_FREQ_RES = [(re.compile(rf"(?<![\w])(?:{p})(?![\w])"), n) for p, n in _FREQUENCIES]

_DUR_NUM = r"\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\w-])(?P<num>{_DUR_NUM})(?:\s+|-)(?P<unit>days?|weeks?|months?|hours?|h|wk|wks|d)\b"
    r"(?!\s*-?\s*old)(?!-old)",
    re.I,
)


def find_routes(text: str) -> list[Mention]:
    """Gives every route of administration mentioned, normalised (`p.o.` -> oral)."""
    out: list[Mention] = []
    for rx, norm in _ROUTE_RES:
        out.extend(Mention(m.start(), m.end(), m.group(0), norm) for m in rx.finditer(text))
    return sorted(out, key=lambda m: m.start)


def find_frequencies(text: str) -> list[Mention]:
    """Gives every dosing frequency mentioned, normalised (`q.d.` -> once daily)."""
    found = [(m, norm) for rx, norm in _FREQ_RES for m in rx.finditer(text)]
    # The longest match wins: `twice daily` is not `daily`.
    found.sort(key=lambda f: f[0].start() - f[0].end())
    out: list[Mention] = []
    for m, norm in found:
        if any(o.start < m.end() and m.start() < o.end for o in out):
            continue
        out.append(Mention(m.start(), m.end(), m.group(0), norm))
    return sorted(out, key=lambda m: m.start)


def _unit_name(u: str) -> str:
    u = u.lower()
    return {"d": "day", "h": "hour", "wk": "week", "wks": "week"}.get(u, u.rstrip("s"))


def find_durations(text: str) -> list[Mention]:
    """Gives every duration (`for 8 weeks`, `eight weeks`, `14-day`), not ages (`8-week-old`)."""
    out = []
    for m in _DURATION.finditer(text):
        num = m.group("num").lower()
        value = float(NUMBER_WORDS[num]) if num in NUMBER_WORDS else float(num)
        unit = _unit_name(m.group("unit"))
        out.append(Mention(m.start(), m.end(), m.group(0), f"{value:g} {unit}", value, unit))
    return out


_QUALIFIED = re.compile(r"^\s*(?P<qual>[<>≤≥~≈]=?)?\s*(?P<num>" + _NUM + r")\s*(?P<unit>\S+)?\s*$")


def parse_qualified_value(text: str) -> dict[str, Any] | None:
    """Gives qualifier, value and unit of a table cell such as `>400`, `5.9` or `53 nM`."""
    m = _QUALIFIED.match(text.replace("\u2009", " "))
    if not m:
        return None
    qual = (m.group("qual") or "=").replace("≥", ">=").replace("≤", "<=").replace("≈", "~")
    unit = m.group("unit")
    if unit:
        expr, display = _unit_of(unit)
        unit = display if expr or display else unit
    return {"qualifier": qual, "value": _to_float(m.group("num")), "unit": unit}


def to_nanomolar(value: float, unit: str | None) -> float | None:
    """Gives a molar concentration in nM, or None when the unit is not molar."""
    if not unit:
        return None
    expr, _ = _unit_of(unit)
    canon, vals = canonicalise((value,), expr)
    return vals[0] if canon == "nmol/L" and vals else None
