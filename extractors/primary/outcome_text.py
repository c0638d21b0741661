"""Outcome values printed in results sentences that name their group (`an infarct volume of
23 ± 2% in vehicle-treated rats`): the value's outcome is the noun before it, its unit the word
after it, its group the words after it that a methods group's label matches.
"""

from __future__ import annotations

import re

from extractors.annotate import AnnotatedDocument
from extractors.primary.outcome_tables import CAPTION, FIGURE, Matcher, OutcomeValue
from extractors.primary.text import sentences
from extractors.primary.values import error_type_of, find_values

_GROUP_WORDS = re.compile(
    r"\b(?:in|of|for)\s+(?:the\s+)?([\w+/-]+(?:[-\s](?:treated|operated))?)\s+(?:rats|mice|animals|group)",
    re.I,
)


def text_to_values(
    annotated: AnnotatedDocument, match: Matcher, stats: tuple[str | None, int | None, str | None]
) -> list[OutcomeValue]:
    """Gives values printed in results sentences that name their group (`23 ± 2% in vehicle-treated rats`)."""
    out = []
    for s in sentences(annotated):
        if CAPTION.search(s.text[:30]) or FIGURE.match(s.text):
            continue
        values = find_values(s.text)
        if not values or re.search(r"\b(?:weigh|temperature|aged|anesthe|anaesthe)", s.text, re.I):
            continue
        for v in values:
            tail = s.text[v.end : v.end + 80]
            m = _GROUP_WORDS.search(tail)
            if not m:
                continue
            word = m.group(1)
            g = match(re.sub(r"[-\s](?:treated|operated)$", "", word))
            if g is None:
                continue
            unit_m = re.match(r"\s*([%‰]|[a-zA-Zµμ°][\w/³²µμ·^-]*)", s.text[v.end :])
            unit = (
                unit_m.group(1)
                if unit_m and unit_m.group(1).lower() not in ("in", "and", "vs", "for", "of", "at")
                else None
            )
            outcome = outcome_before(s.text[: v.start])
            et = error_type_of(s.text) or stats[0] or "unknown"
            out.append(
                OutcomeValue(
                    g,
                    outcome,
                    unit,
                    v.mean,
                    v.error,
                    et,
                    None,
                    "text",
                    None,
                    None,
                    None,
                    s.text,
                    s.block,
                    s.span.start_char + v.start,
                    s.span.start_char + v.end,
                )
            )
    return out


_NAMED_BEFORE = re.compile(
    r"\b(?:an?|the|mean|average|in|of)\s+(?P<name>(?:[\w()%/-]+\s+){0,4}?[\w()%/-]+)\s+(?:of|was|were|is|are|reached|to|at)\s*$",
    re.I,
)


def outcome_before(head: str) -> str:
    """Gives the outcome a sentence names before its value (`... induced an infarct volume of`
    -> `infarct volume`); else the clause before the value, at most 80 characters."""
    clause = re.split(r"[,;:]", head)[-1].strip()
    m = _NAMED_BEFORE.search(clause)
    if m and not re.search(r"\d", m.group("name")):
        return m.group("name")
    return clause[-80:]
