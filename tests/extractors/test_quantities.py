"""Doses, concentrations and potencies with units converted by pint; routes, frequencies, durations."""

import pytest

from extractors.quantities import (
    find_durations,
    find_frequencies,
    find_quantities,
    find_routes,
    parse_qualified_value,
    to_nanomolar,
)


@pytest.mark.parametrize(
    ("text", "values", "unit", "canonical"),
    [
        ("3 mg/kg, once daily, oral", (3.0,), "mg/kg", (3.0,)),
        ("1 mg/kg/day p.o.", (1.0,), "mg/kg/day", (1.0,)),
        ("0.3–10 mg/kg", (0.3, 10.0), "mg/kg", (0.3, 10.0)),
        ("0.3, 1 and 3 mg/kg", (0.3, 1.0, 3.0), "mg/kg", (0.3, 1.0, 3.0)),
        ("10 µg/kg", (10.0,), "µg/kg", (0.01,)),
        ("10 ug/kg", (10.0,), "µg/kg", (0.01,)),
        ("2 mg kg-1", (2.0,), "mg/kg", (2.0,)),
        ("2 mg·kg⁻¹", (2.0,), "mg/kg", (2.0,)),
        ("Baricitinib 4 mg + MTX", (4.0,), "mg", (4.0,)),
        ("1 µM", (1.0,), "µM", (1000.0,)),
        ("IC50 of 53 nmol/L", (53.0,), "nM", (53.0,)),
    ],
)
def test_quantities(text, values, unit, canonical):
    (q,) = find_quantities(text)
    assert q.values == values and q.unit == unit and q.canonical_values == canonical


def test_qualifier_and_potency_cells():
    (q,) = find_quantities(">400 nM")
    assert q.qualifier == ">" and q.value == 400
    assert parse_qualified_value(">400") == {"qualifier": ">", "value": 400.0, "unit": None}
    assert to_nanomolar(5.9, "nM") == 5.9 and to_nanomolar(2, "mg") is None


def test_numbers_inside_names_are_not_doses():
    assert find_quantities("IL-6 mg") == []


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("oral administration", "oral"),
        ("given p.o.", "oral"),
        ("by gavage", "oral"),
        ("i.p. injection", "intraperitoneal"),
        ("s.c.", "subcutaneous"),
        ("i.v.", "intravenous"),
        ("topical application", "topical"),
    ],
)
def test_routes(text, norm):
    assert [r.norm for r in find_routes(text)] == [norm]


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("once daily", "once daily"),
        ("once a day", "once daily"),
        ("q.d.", "once daily"),
        ("QD", "once daily"),
        ("b.i.d.", "twice daily"),
        ("twice daily", "twice daily"),
    ],
)
def test_frequencies(text, norm):
    assert [f.norm for f in find_frequencies(text)] == [norm]


def test_durations_but_not_ages():
    found = find_durations(
        "eight-week-old MRL/lpr mice were treated for eight weeks, then 21 days, a 14-day course"
    )
    assert [(d.value, d.unit) for d in found] == [(8.0, "week"), (21.0, "day"), (14.0, "day")]
