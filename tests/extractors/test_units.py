"""Units as written -> one spelling, a kind and a canonical value (pint); parsers never crash."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.citations import find_citations
from extractors.quantities import find_durations, find_quantities
from extractors.readers.markdown import markdown_to_document
from extractors.units import parse_unit


@pytest.mark.parametrize(
    ("written", "display", "kind", "canonical"),
    [
        ("mg/kg", "mg/kg", "DOSE", "mg/kg"),
        ("mg per kg body weight per day", "mg/kg/day", "DOSE", "mg/kg/day"),
        ("mg kg-1 d-1", "mg/kg/day", "DOSE", "mg/kg/day"),
        ("μg PBDE-47/pair/day", "µg/pair/day", "DOSE", None),
        ("µg ml−1", "µg/mL", "CONCENTRATION", "mg/mL"),
        ("nmol/L", "nM", "CONCENTRATION", "nM"),
        ("uM", "µM", "CONCENTRATION", "nM"),
        ("IU/kg", "IU/kg", "DOSE", None),
        ("%", "%", "OTHER", None),
    ],
)
def test_parse_unit(written, display, kind, canonical):
    unit = parse_unit(written)
    assert (unit.display, unit.kind, unit.canonical) == (display, kind, canonical)


def test_substance_inside_the_unit_is_kept_apart():
    (q,) = find_quantities("a dose of 8.2 mg DEET per kg body weight per day [29]")
    assert q.text == "8.2 mg DEET per kg body weight per day"
    assert (q.value, q.unit, q.substance, q.canonical_values) == (8.2, "mg/kg/day", "DEET", (8.2,))


def test_mean_and_sd():
    (q,) = find_quantities("a low dose (2.38 ± 0.63 μg PBDE-47/pair/day)")
    assert (q.value, q.sd, q.unit) == (2.38, 0.63, "µg/pair/day")


def test_centrifugal_force_is_not_grams():
    assert find_quantities("spun at 10,000 × g for 10 min") == []
    assert [q.canonical_values for q in find_quantities("a single 3.7 g application")] == [(3700.0,)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("at 0.5 and 4 h after dosing", ("0.5 and 4 h", 0.5, "hour")),
        ("for 30 min.", ("30 min", 30.0, "minute")),
        ("from 60 to 120 s in", ("60 to 120 s", 60.0, "second")),
        ("Chronic (2 year) toxicity", ("2 year", 2.0, "year")),
        ("peaked at 3 hr after", ("3 hr", 3.0, "hour")),
    ],
)
def test_durations_in_any_unit(text, found):
    (d,) = find_durations(text)
    assert (d.text, d.value, d.unit) == found


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789.,-–± /mgkµunMLlhsdayper[]()IC50=<>xg\t\n#|*")), max_size=60
    )
)
def test_parsers_never_raise_and_stay_inside_the_text(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
    for d in find_durations(text):
        assert 0 <= d.start < d.end <= len(text)
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text) and c.numbers
    doc = markdown_to_document(
        text, doc_id="0" * 16, source_path="x", sha256="0" * 64, media_type="text/plain"
    )
    for block in doc.blocks:
        assert 0 <= block.provenance.start <= block.provenance.end <= len(text)
