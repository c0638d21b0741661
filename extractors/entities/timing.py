"""The timing tagger: when treatment started relative to disease onset (`after the onset of arthritis`).

Registered as `litcurate_timing_v1`; a module of its own beside `components` (which holds the
other taggers and the helpers it uses).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from extractors.entities.components import _span, doc_text
from extractors.scanning import may_hold

_TIMING: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\b(?:after|following|from|upon|at)\s+(?:the\s+)?(?:onset|appearance|establishment|development)\s+of\s+(?:clinical\s+)?(?:signs\s+of\s+)?[\w-]+(?:\s+[\w-]+)?",
            re.I,
        ),
        "after onset",
    ),
    (
        re.compile(
            r"\b(?:after|following)\s+(?:disease|arthritis|symptom|clinical)\s+onset\b|\btherapeutic(?:ally)?\b(?=\s+(?:regimen|treatment|setting|protocol|dosing|administration))",
            re.I,
        ),
        "after onset",
    ),
    (
        re.compile(
            r"\b(?:before|prior\s+to)\s+(?:the\s+)?(?:onset|induction|immuni[sz]ation|challenge)\b(?:\s+of\s+[\w-]+)?|\bprophylactic(?:ally)?\b|\bpreventive(?:ly)?\b",
            re.I,
        ),
        "before onset",
    ),
    (
        re.compile(
            r"\b(?:at|on)\s+the\s+(?:day|time)\s+of\s+(?:the\s+)?(?:induction|immuni[sz]ation|challenge|first\s+immuni[sz]ation)\b|\bsimultaneously\b",
            re.I,
        ),
        "at induction",
    ),
]


# A word every match of a _TIMING pattern holds (in any case): most texts hold none of them.
_TIMING_WORDS = (
    "onset",
    "appearance",
    "establishment",
    "development",
    "therapeutic",
    "induction",
    "immuni",
    "challenge",
    "prophylactic",
    "preventive",
    "simultaneously",
)


@Language.component("litcurate_timing_v1")
def timing_component(doc: Doc) -> Doc:
    """Tags when treatment started relative to disease onset (`after the onset of arthritis`)."""
    spans = []
    text = doc_text(doc)
    if not may_hold(text, _TIMING_WORDS):
        return doc
    for rx, norm in _TIMING:
        for m in rx.finditer(text):
            span = _span(doc, m.start(), m.end(), "TIMING")
            if span is not None:
                span._.norm = norm
                spans.append(span)
    if not spans:
        return doc
    # Timing phrases hold disease words (`onset of arthritis`): they win over those.
    keep = [e for e in doc.ents if not any(s.start <= e.start and e.end <= s.end for s in spans)]
    doc.ents = filter_spans(keep + spans)
    return doc
