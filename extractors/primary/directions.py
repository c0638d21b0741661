"""Which way is worse for an outcome: `greater_is_worse` from the curated vocabulary.

`extractors/vocab/outcome_directions.tsv` maps outcome-name patterns to true (a higher value is
more disease: infarct volume, oedema, deficit scores), false (a higher value is less disease:
withdrawal thresholds, latency to fall, survival) or none (the direction depends on the model).
Rows are tried in order and the first match answers. An outcome no row matches stays None:
the sign of an effect is never guessed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

VOCAB_FILE = "outcome_directions.tsv"


@cache
def directions() -> tuple[tuple[re.Pattern[str], bool | None, str], ...]:
    """Gives (pattern, greater_is_worse, source) of every row of the vocabulary, in order."""
    text = resources.files("extractors.vocab").joinpath(VOCAB_FILE).read_text(encoding="utf-8")
    rows = []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:  # the first line is the column header
        pattern, worse, source = line.split("\t")
        value = {"true": True, "false": False, "none": None}[worse.strip().lower()]
        rows.append((re.compile(pattern, re.I), value, source.strip()))
    return tuple(rows)


def greater_is_worse(outcome: str | None) -> bool | None:
    """Gives True / False when the outcome's name matches a vocabulary row that knows its
    direction, else None (unknown, or a row that says it depends)."""
    if not outcome or re.match(r"\s*(?:Ta)?(?:Table|Fig(?:ure)?\.?)\s", outcome):
        return None  # a caption names a whole table or figure, not one measure
    for rx, value, _ in directions():
        if rx.search(outcome):
            return value
    return None
