"""Group sentences in the forms methods write them, and table labels matched to groups."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from extractors.primary.group_forms import expand_doses, listed_groups
from extractors.primary.groups import ALLOCATION, per_group_n, role_of
from extractors.primary.labels import match_label


@dataclass
class _Sent:
    text: str
    block: int = 0


@pytest.mark.parametrize(
    ("sentence", "n"),
    [
        ("The animals were randomly assigned to 3 groups (n=20 for each group) as follows:", (20, 20, 20)),
        ("Rats were divided into five groups (n = 8 per group).", (8, 8, 8)),
        ("Forty rats were randomly divided into four groups of eight.", (8, 8, 8)),
        ("The animals were divided into four (4) groups (n = 6).", (6, 6, 6)),
        ("Mice were randomly allocated to three groups (n = 7-9 per group).", (None, 7, 9)),
        ("Thirty rats were randomised into 5 groups of 6 rats each.", (6, 6, 6)),
    ],
)
def test_allocation_and_n(sentence: str, n: tuple[int | None, int | None, int | None]) -> None:
    assert ALLOCATION.search(sentence)
    assert per_group_n(sentence) == n


def test_no_allocation_without_groups() -> None:
    for sentence in [
        "Sections were randomly selected for counting.",
        "Cells were divided into aliquots.",
        "Patients were randomised to placebo.",
    ]:
        assert not ALLOCATION.search(sentence) or "group" not in sentence


def test_a_listed_allocation_gives_one_group_per_item() -> None:
    s = _Sent(
        "Rats were randomly divided into four groups: sham, vehicle, rutin (50 mg/kg) and quercetin (50 mg/kg)."
    )
    items = listed_groups(s, 4)  # type: ignore[arg-type]
    assert [label for label, _, _ in items] == ["sham", "vehicle", "rutin", "quercetin"]
    # The count the sentence gives must agree.
    assert listed_groups(s, 3) == []  # type: ignore[arg-type]


def test_one_group_per_listed_dose() -> None:
    s = _Sent("x")
    items = expand_doses([("rutin", "rutin (25, 50 or 100 mg/kg, p.o.)", s)])  # type: ignore[list-item]
    assert [label for label, _, _ in items] == ["rutin 25", "rutin 50", "rutin 100"]
    assert "50 mg/kg" in items[1][1]


def test_roles_from_the_groups_own_words() -> None:
    assert role_of("sham-operated group (SHAM)", has_compound=False) == "sham"
    assert role_of("MCAO group treated with vehicle (saline)", has_compound=False) == "model_control"
    assert role_of("MCAO group treated with propofol (50 mg/kg/h)", has_compound=True) == "treatment"
    assert role_of("received the reference drug (positive control)", has_compound=True) == "positive_control"


def test_table_labels_match_by_abbreviation_and_token_overlap() -> None:
    groups = [
        ("Group 1", "MCAO rats treated with vehicle (saline)"),
        ("Group 2", "MCAO rats treated with propofol"),
        ("Group 3", "sham-operated rats"),
    ]
    assert match_label("MCAO+PRO", groups) == 1
    assert match_label("MCAO + VEH", groups) == 0
    assert match_label("Sham", groups) == 2
    # A column header that is not a group matches none.
    assert match_label("Reperfusion 35 min", groups) is None
    assert match_label("MCAO", groups) is None  # ambiguous: two groups have it


def test_initials_of_the_groups_words() -> None:
    groups = [
        ("Group A", "diabetic rats given distilled water as diabetic controls"),
        ("Group B", "normal controls"),
        ("Group C", "diabetic rats given insulin (5 IU/kg)"),
    ]
    assert match_label("DC", groups) == 0
    assert match_label("NC", groups) == 1
    assert match_label("DI", groups) == 2
