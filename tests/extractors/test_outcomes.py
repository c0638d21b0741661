"""Findings: negation kept, comparators set apart, coordinated measures split."""

from extractors.outcomes import findings_to_outcomes, study_direction


def test_negative_and_positive_findings_in_one_sentence():
    text = (
        "Did not significantly affect proteinuria or histological markers of kidney injury "
        "but did improve plasma autoantibody levels and lymphadenopathy."
    )
    found = [(o.measure, o.direction) for o in findings_to_outcomes(text)]
    assert found == [
        ("proteinuria", "no_change"),
        ("histological markers of kidney injury", "no_change"),
        ("plasma autoantibody levels", "improved"),
        ("lymphadenopathy", "improved"),
    ]
    assert study_direction(findings_to_outcomes(text)) == "mixed"


def test_comparator_clause_is_not_an_outcome():
    text = (
        "Reduced joint inflammation and pain-like behavior, particularly in the late phase "
        "when a TNF inhibitor was ineffective."
    )
    outcomes = findings_to_outcomes(text)
    assert {o.direction for o in outcomes} == {"decreased"}
    assert study_direction(outcomes) == "improved"


def test_list_after_of_stays_one_measure():
    text = "suppressed STAT3 phosphorylation, and decreased the expression of IL-6, IFN-γ, TNF, and GM-CSF."
    found = [(o.measure, o.direction) for o in findings_to_outcomes(text)]
    assert found == [
        ("STAT3 phosphorylation", "decreased"),
        ("expression of IL-6, IFN-γ, TNF, and GM-CSF", "decreased"),
    ]


def test_no_finding_is_not_reported():
    text = "specific Baricitinib efficacy data was not found in the provided search results."
    assert study_direction(findings_to_outcomes(text)) == "not_reported"
