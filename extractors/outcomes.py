"""Findings text -> outcome statements with a direction, negation and comparators kept apart.

`Did not significantly affect proteinuria ... but did improve plasma autoantibody levels`
gives a `no_change` outcome for proteinuria and an `improved` one for autoantibody levels:
a negative finding is a finding, never dropped and never turned positive. A clause about a
comparator (`when a TNF inhibitor was ineffective`) is not an outcome of the treatment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.scanning import any_case_finditer, lowered

_ADV = r"(?:(?:significantly|markedly|substantially|strongly|dose-dependently|further|also|partially|effectively|potently|consistently|greatly|dramatically|notably)\s+)*"
_VERBS: list[tuple[str, str]] = [
    (
        r"did\s+not\s+"
        + _ADV
        + r"(?:affect|alter|change|reduce|improve|decrease|increase|modify|influence|prevent|suppress|inhibit|ameliorate)|had\s+no\s+(?:significant\s+)?effect\s+on|no\s+(?:significant\s+)?(?:effect|change|difference)\s+(?:on|in)|failed\s+to\s+(?:affect|reduce|improve|prevent|alter|suppress)|was\s+ineffective\s+(?:on|against|in)|were\s+unchanged|was\s+unchanged|not\s+significantly\s+(?:affected|altered|changed|different)",
        "no_change",
    ),
    (
        r"(?:did\s+)?improved?|ameliorated?|alleviated?|rescued?|restored?|normali[sz]ed?|protected\s+against",
        "improved",
    ),
    (
        r"attenuated?|suppressed?|reduced?|decreased?|lowered?|inhibited?|diminished?|dampened?|mitigated?|blocked?|prevented?|abrogated?|abolished?|downregulated?|down-regulated?|limited|lessened|delayed",
        "decreased",
    ),
    (
        r"increased?|elevated?|enhanced?|upregulated?|up-regulated?|augmented?|raised|promoted?|induced",
        "increased",
    ),
    (r"worsened?|exacerbated?|aggravated?", "worsened"),
]
_TRIGGER = re.compile(
    "|".join(f"(?P<d{i}>(?<![\\w-]){_ADV}(?:{p}))(?![\\w-])" for i, (p, _) in enumerate(_VERBS)),
    re.I,
)
_TRIGGER_LOWER = lowered(_TRIGGER)  # the same matches over lower-cased text, found many times faster
_HEDGE = re.compile(
    r"\b(may|might|could|possibly|potentially|likely|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|"
    r"suggest(?:s|ed|ing)?|tend(?:s|ed)?\s+to|trend(?:ed)?\s+(?:toward|to)|not\s+(?:statistically\s+)?significant)\b",
    re.I,
)
_COMPARATOR = re.compile(r"\b(when|whereas|while|unlike|compared\s+(?:with|to)|than)\b", re.I)
_CLAUSE_END = re.compile(
    # (?<!\s): spaces are matched from where they start, not again from each space of a run.
    r"\.\s|\.$|;|(?<!\s)\s+but\b|,?(?<!\s)\s+particularly\b|,?(?<!\s)\s+when\b|,?(?<!\s)\s+whereas\b"
    r"|,\s+(?=it\b|they\b)|\.?(?<!\s)\s+(?:it|they)\s+also\b|(?<!\s)\s+in\s+(?:vitro|vivo)\b",
    re.I,
)
# From the start of the trailing run only, read one way: `(?:,|\s)+...\s*$` was cubic on spaces.
_TRAILING = re.compile(r"(?<![,\s])[,\s]++(?:(?:and|or|also|it|but)\s*+)?$", re.I)
_COORDINATION = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One effect stated by a finding: what was measured, which way it went, where it is."""

    measure: str
    direction: str  # decreased / increased / no_change / improved / worsened
    start: int
    end: int
    text: str
    hedged: bool = False  # stated with may/might/suggest/tended to...


def _direction(match: re.Match[str]) -> str:
    for i, (_, direction) in enumerate(_VERBS):
        if match.group(f"d{i}"):
            return direction
    raise AssertionError("a trigger matched without a group")


def _measure(text: str) -> str:
    m = _CLAUSE_END.search(text)
    measure = text[: m.start()] if m else text
    measure = _TRAILING.sub("", measure.strip())
    return re.sub(r"^(?:the|its|their|a|an)\s+", "", measure, flags=re.I).strip(" ,.;")


def split_measures(measure: str) -> list[str]:
    """Gives the coordinated measures of a phrase: `proteinuria or markers of injury` -> two.

    Conjunctions after `of` or `including` list parts of one measure (`expression of IL-6,
    TNF and GM-CSF`), so only those before it split.
    """
    head_end = len(measure)
    for marker in (" of ", " including ", " such as "):
        i = measure.find(marker)
        if i != -1:
            head_end = min(head_end, i)
    cuts = [m for m in _COORDINATION.finditer(measure) if m.end() <= head_end]
    if not cuts:
        return [measure]
    parts, pos = [], 0
    for c in cuts:
        parts.append(measure[pos : c.start()])
        pos = c.end()
    parts.append(measure[pos:])
    return [p.strip() for p in parts if p.strip()]


def findings_to_outcomes(text: str) -> list[Outcome]:
    """Gives every outcome statement of a findings text, in order."""
    outcomes: list[Outcome] = []
    triggers = any_case_finditer(_TRIGGER, _TRIGGER_LOWER, text)
    for i, m in enumerate(triggers):
        # The clause a comparator opens (`when a TNF inhibitor was ineffective`) is about
        # another treatment: skip triggers inside it.
        prefix = text[: m.start()]
        last_boundary = max(prefix.rfind(","), prefix.rfind("."), prefix.rfind(";"))
        if _COMPARATOR.search(prefix[last_boundary + 1 :]):
            continue
        stop = triggers[i + 1].start() if i + 1 < len(triggers) else len(text)
        measure = _measure(text[m.end() : stop])
        if not measure or len(measure) > 160:
            continue
        direction = _direction(m)
        if re.match(r"(?:of|in|by|to)\b", measure):
            continue  # a participle used as an adjective (`induced in`), not a finding
        base = m.end() + text[m.end() : stop].find(measure)
        sentence_start = max(text.rfind(". ", 0, m.start()) + 1, 0)
        hedged = bool(_HEDGE.search(text[sentence_start : m.start()] + " " + text[m.start() : stop]))
        for part in split_measures(measure):
            end = base + measure.find(part) + len(part)
            outcomes.append(Outcome(part, direction, m.start(), end, text[m.start() : end], hedged))
    return outcomes


def study_direction(outcomes: list[Outcome]) -> str:
    """Gives a study's overall outcome: improved, no_effect, mixed or not_reported."""
    directions = {o.direction for o in outcomes}
    if not directions:
        return "not_reported"
    positive = directions & {"improved", "decreased", "increased"}
    negative = directions & {"no_change", "worsened"}
    if positive and negative:
        return "mixed"
    if positive:
        return "improved"
    return "no_effect" if directions == {"no_change"} else "mixed"
