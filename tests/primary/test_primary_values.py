"""The value parser on cells and sentences as papers print them, and its invariants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.primary.values import error_type_of, find_values, n_of, parse_value


def test_cells_with_and_without_marks() -> None:
    for cell, mean, error in [
        ("12.3 ± 1.1a", 12.3, 1.1),
        ("12.3±1.1*", 12.3, 1.1),
        ("12.3 (1.1)", 12.3, 1.1),
        ("115± 12", 115, 12),
        ("7.36 ± 0.04", 7.36, 0.04),
        ("259.50 ± 7.21*", 259.5, 7.21),
        ("0.45 ± 0.03 †", 0.45, 0.03),
        ("12.3 ± 1.1*,a,b", 12.3, 1.1),
    ]:
        v = parse_value(cell)
        assert v is not None and (v.mean, v.error) == (mean, error), cell


def test_not_a_value() -> None:
    for cell in ["12.3", "n = 8", "Sham", "12.3 ± 1.1 and 4.5 ± 0.2", "p < 0.05", "10 mg/kg"]:
        assert parse_value(cell) is None, cell


def test_values_in_running_text() -> None:
    found = find_values("infarct volume fell from 45.2 ± 3.1 to 28.7 ± 2.5 mm³ (p < 0.05)")
    assert [(v.mean, v.error) for v in found] == [(45.2, 3.1), (28.7, 2.5)]
    # A sum in prose is not a mean and its error.
    assert find_values("5 + 3 rats died") == []


def test_flattened_pdf_cells() -> None:
    # A text layer that splits a cell over lines and puts the row label inside it.
    assert [(v.mean, v.error) for v in find_values("6.50± DC c 0.01*")] == [(6.5, 0.01)]
    assert [(v.mean, v.error) for v in find_values("16.52\na ±0.01")] == [(16.52, 0.01)]
    assert [(v.mean, v.error) for v in find_values("467.17 ± 1.62* 6.1 1 ± 0.02 * D")] == [
        (467.17, 1.62),
        (6.11, 0.02),
    ]


def test_error_type_and_n_from_statements() -> None:
    assert error_type_of("Data are mean ± SEM of 6–10 animals") == "SEM"
    assert n_of("Data are mean ± SEM of 6–10 animals") == (None, 6, 10)
    assert error_type_of("Values are expressed as mean + SEM, n = 6.") == "SEM"
    assert n_of("Values are expressed as mean + SEM, n = 6.") == (6, 6, 6)
    assert error_type_of("Results were expressed as mean ± SD (n = 6).") == "SD"
    assert error_type_of("Data are presented as means with 95% confidence intervals") == "CI95"
    # `SD` naming a rat strain is no error type.
    assert error_type_of("Male SD rats weighing 250 g were used.") is None


_num = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
_marks = st.sampled_from(["", "*", "a", "*,a", " †", "b,c", "**"])


@given(_num, _num, _marks, st.sampled_from(["±", " ± ", "± ", " ±"]))
def test_parse_round_trip(mean, error, marks, sign) -> None:  # type: ignore[no-untyped-def]
    cell = f"{mean}{sign}{error}{marks}"
    v = parse_value(cell)
    assert v is not None
    assert v.mean == float(mean) and v.error == float(error)


@given(st.text(max_size=80))
def test_find_values_never_fails_and_spans_are_in_the_text(text: str) -> None:
    for v in find_values(text):
        assert 0 <= v.start < v.end <= len(text)
        assert v.error >= 0


@given(_num, _num)
def test_paren_form_round_trip(mean, error) -> None:  # type: ignore[no-untyped-def]
    v = parse_value(f"{mean} ({error})")
    assert v is not None and (v.mean, v.error) == (float(mean), float(error))
