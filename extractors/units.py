"""Units as authors write them -> one display form, a dimension, and a canonical unit via pint.

A unit is a base (`mg`, `µg`, `mL`, `nM`, `IU`, `%`), perhaps the substance dosed
(`µg PBDE-47/pair/day`), then denominators written with `/`, `per`, `·` or exponents
(`mg/kg`, `mg per kg body weight per day`, `mg kg-1 d-1`, `mg·kg⁻¹`, `µg ml−1`). The display
form joins base and denominators with `/` (`mg/kg/day`); pint converts to the canonical unit
of the dimension where there is one (doses in mg/kg or mg/kg/day, concentrations in nM or
mg/mL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pint

_MICRO = r"(?:µ|μ|u|mc)"
_BASE = (
    rf"mg|{_MICRO}g|ng|pg|kg|g(?![/·]?\s*(?:for\b|×))|m[lL]|{_MICRO}[lL]|IU|"
    rf"[mnp]mol|{_MICRO}mol|mol(?=\s*/)|[mnp]M|{_MICRO}M|%"
)
_DENOM = r"kg|g|m[lL]|[lL]|day|d|h|hr|pair|animal|mouse|rat|m2|m²|week|wk"
_EXP = r"\s*(?:-1|⁻¹|−1)"
_PER = (
    rf"(?:\s*/\s*|\s+per\s+|\s*·\s*|\s+(?=(?:{_DENOM}){_EXP}))"
    rf"(?:{_DENOM})(?:\s+body\s+weight)?(?:{_EXP})?(?![A-Za-z])"
)
# The substance between amount and denominator (`8.2 mg DEET per kg`) only when a
# denominator follows: `10 mg DEET` alone is a dose of DEET, and DEET is not part of the unit.
_SUBSTANCE = rf"\s+[A-Z][\w-]*(?=(?:{_PER}))"
UNIT = rf"(?:{_BASE})(?:{_SUBSTANCE})?(?:{_PER})*"

_PARSE_BASE = re.compile(rf"^({_BASE})")
_PARSE_DENOM = re.compile(
    rf"(?:/|\bper\b|·|(?<!\s)\s)\s*({_DENOM})(?:\s+body\s+weight)?(?:{_EXP})?(?![A-Za-z])"
)
_PARSE_SUBSTANCE = re.compile(rf"^\s+([A-Z][\w-]*)(?=(?:{_PER}))")
_DENOM_NAMES = {"d": "day", "hr": "h", "wk": "week", "l": "L", "ml": "mL", "m²": "m2"}
_CANONICAL = {
    "mg/kg": "mg/kg",
    "µg/kg": "mg/kg",
    "ng/kg": "mg/kg",
    "g/kg": "mg/kg",
    "mg/kg/day": "mg/kg/day",
    "µg/kg/day": "mg/kg/day",
    "g/kg/day": "mg/kg/day",
    "mL/kg": "mL/kg",
    "mg": "mg",
    "µg": "mg",
    "ng": "mg",
    "g": "mg",
    "pM": "nM",
    "nM": "nM",
    "µM": "nM",
    "mM": "nM",
    "pmol/L": "nM",
    "nmol/L": "nM",
    "µmol/L": "nM",
    "mmol/L": "nM",
    "mg/mL": "mg/mL",
    "µg/mL": "mg/mL",
    "ng/mL": "mg/mL",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A written unit, understood."""

    display: str  # `mg/kg/day`, `µg/pair/day`, `nM`
    substance: str | None  # `PBDE-47` in `µg PBDE-47/pair/day`
    kind: str  # DOSE (amount given), CONCENTRATION, or OTHER (%, unknown)
    canonical: str | None  # `mg/kg`, `nM`...; None when the dimension has none


def _normal_base(base: str) -> str:
    base = re.sub(rf"^{_MICRO}(?=[gLlM]|mol)", "µ", base)
    return {"ml": "mL", "µl": "µL"}.get(base, base)


def parse_unit(written: str) -> Unit:
    """Gives the display form, kind and canonical unit of a written unit."""
    m = _PARSE_BASE.match(written)
    base = _normal_base(m.group(1)) if m else written
    rest = written[m.end() :] if m else ""
    sub = _PARSE_SUBSTANCE.match(rest)
    substance = sub.group(1) if sub else None
    if sub:
        rest = rest[sub.end() :]
    denoms = [_DENOM_NAMES.get(d, d) for d in _PARSE_DENOM.findall(rest)]
    display = "/".join([base, *denoms])
    molar = re.fullmatch(r"([mµnp]?)mol/L", display)
    if molar:  # nmol/L is nM: one spelling per unit
        display = f"{molar.group(1)}M"
    volume_denominator = any(d in ("mL", "L") for d in denoms)
    if base.endswith("M") or "mol" in base or (volume_denominator and base.endswith("g")):
        kind = "CONCENTRATION"
    elif base.endswith("g") or base in ("IU", "mL", "µL"):
        kind = "DOSE"
    else:
        kind = "OTHER"
    return Unit(display, substance, kind, _CANONICAL.get(display))


@lru_cache(maxsize=1)
def unit_registry() -> pint.UnitRegistry:
    """Gives the process-wide pint registry (building one costs ~0.5 s)."""
    return pint.UnitRegistry()


def _pint_expression(display: str) -> str:
    molar = re.fullmatch(r"([mµnp]?)M", display)
    if molar:
        return f"{molar.group(1)}mol/L".replace("µ", "u")
    return display.replace("µ", "u")


@lru_cache(maxsize=256)
def _factor(display: str, canonical: str) -> float:
    ureg = unit_registry()
    return float(ureg.Quantity(1.0, _pint_expression(display)).to(_pint_expression(canonical)).magnitude)


def to_canonical(values: tuple[float, ...], unit: Unit) -> tuple[float, ...] | None:
    """Gives the values in the unit's canonical unit (pint does the arithmetic), or None."""
    if unit.canonical is None:
        return None
    factor = _factor(unit.display, unit.canonical)
    return tuple(round(v * factor, 10) for v in values)
