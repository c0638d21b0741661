"""Risk-of-bias items found with their sentence, negation-aware (negspacy's NegEx)."""

from __future__ import annotations

from extractors.annotate import annotate
from extractors.document import make_doc_id
from extractors.primary.risk_of_bias import ITEMS, risk_of_bias
from extractors.readers import read_document

TEXT = b"""# Methods

Male Wistar rats (200-250 g) were randomly assigned to three groups (n = 8 per group).
All procedures were approved by the Institutional Animal Care and Use Committee.
The investigator who scored the neurological deficits was not blinded to the treatment groups.
Two rats died during surgery and were excluded from the analysis.

# Competing interests

The authors declare that they have no competing interests.
"""


def _findings(text: bytes) -> dict[str, object]:
    doc = read_document(text, doc_id=make_doc_id("rob.md"), source_path="rob.md")
    return {f.item: f for f in risk_of_bias(annotate(doc))}


def test_every_item_once_with_its_sentence() -> None:
    found = _findings(TEXT)
    assert list(found) == ITEMS
    assert found["random_allocation"].reported and not found["random_allocation"].negated  # type: ignore[attr-defined]
    assert "randomly assigned" in found["random_allocation"].sentence.text  # type: ignore[attr-defined]
    assert found["welfare_compliance"].reported  # type: ignore[attr-defined]
    assert found["conflict_of_interest"].reported and not found["conflict_of_interest"].negated  # type: ignore[attr-defined]
    assert found["animal_exclusions"].reported  # type: ignore[attr-defined]
    for item in ("allocation_concealment", "sample_size_calculation"):
        assert not found[item].reported and found[item].sentence is None  # type: ignore[attr-defined]


def test_not_blinded_is_reported_and_negated() -> None:
    f = _findings(TEXT)["blinded_assessment"]
    assert f.reported and f.negated  # type: ignore[attr-defined]
    assert "not blinded" in f.sentence.text  # type: ignore[attr-defined]


def test_blinded_is_a_yes() -> None:
    text = TEXT.replace(b"was not blinded", b"was blinded")
    f = _findings(text)["blinded_assessment"]
    assert f.reported and not f.negated  # type: ignore[attr-defined]


def test_random_words_that_are_not_allocation() -> None:
    text = b"# Methods\n\nFive fields per section were randomly selected for counting cells.\n"
    assert not _findings(text)["random_allocation"].reported  # type: ignore[attr-defined]


def test_the_number_excluded_wins_over_the_criteria() -> None:
    text = TEXT.replace(
        b"Two rats died during surgery and were excluded from the analysis.",
        b"Animals with haemorrhage were excluded from the analysis. "
        b"Of the 40 rats operated, 3 rats met these criteria and were withdrawn from the study.",
    )
    f = _findings(text)["animal_exclusions"]
    assert f.reported and "3 rats met" in f.sentence.text  # type: ignore[attr-defined]
    # Criteria alone are still the report.
    only = TEXT.replace(
        b"Two rats died during surgery and were excluded from the analysis.",
        b"Animals with haemorrhage were excluded from the analysis.",
    )
    assert "haemorrhage" in _findings(only)["animal_exclusions"].sentence.text  # type: ignore[attr-defined]
