"""Context checks for vocabulary matches that name something else as often as the concept.

Two kinds, both marked in the vocabulary files by the build (not decided here):

- substances that are DRUG only when the paper gives them as a treatment (`context` column
  of drugs.tsv = `treatment`: gases, elements, solvents, foods, allergen extracts). Oxygen in
  `hyperbaric oxygen therapy` is a treatment; in `frozen in liquid nitrogen` or `blood urea
  nitrogen` it is not.
- short capital abbreviations of animal models (`cue_forms` column of animal_models.tsv:
  `MES`, `SHR`) that are models only near a model word; `MES buffer` is a buffer.

A cue counts within a few tokens of the mention, inside its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extractors.entities.vocab import VocabEntry

WINDOW = 8  # tokens either side of the mention
_TREATMENT_CUE = re.compile(
    r"\b(?:administ\w*|dos(?:e|es|ed|ing)|(?:pre)?treat(?:ed|ment|ing)?|given|receiv\w*|inhal\w*|infus\w*"
    r"|inject\w*|supplement\w*|fed|feeding|gavage\w*|ventilat\w*|therap\w*|challeng\w*|hyperbaric"
    r"|breath\w*|diet(?:ary)?|mg/kg|g/kg)\b",
    re.I,
)
# Not CONCENTRATION: `93 mg/dL blood urea nitrogen` is a lab value, not a dose.
_DOSING_LABELS = {"DOSE", "ROUTE", "FREQUENCY"}
_MODEL_CUE = re.compile(
    r"\b(?:models?|tests?|screens?|screening|seizures?|convuls\w*|anticonvuls\w*|electroshock|epilep\w*|induc\w*"
    r"|mice|mouse|rats?|rodents?|animals?|lesion\w*|ligat\w*|occlu\w*|injur\w*|isch\w*|reperfus\w*|arthritis"
    r"|coliti\w*|stroke|diabet\w*|seps\w*|septic|fibros\w*|tumou?rs?|xenograft\w*|hypertens\w*|protect\w*"
    r"|neuropath\w*|pain|stress|depress\w*|dos(?:e|es|ed|ing)|ED50|ED 50)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ContextRules:
    """Which entries need a cue: ids needing a treatment cue; per id, the forms needing a model cue."""

    treatment_ids: frozenset[str]
    cue_forms: dict[str, frozenset[str]]

    @classmethod
    def from_entries(cls, entries: tuple[VocabEntry, ...]) -> ContextRules:
        """Gives the rules the vocabulary files state (`context`, `cue_forms` columns)."""
        treatment = frozenset(e.id for e in entries if e.extra.get("context") == "treatment")
        cues = {
            e.id: frozenset(f for f in e.extra.get("cue_forms", "").split("|") if f)
            for e in entries
            if e.extra.get("cue_forms")
        }
        return cls(treatment, cues)

    def keeps(self, span: Span) -> bool:
        """Tells whether a vocabulary match stands: it needs no cue, or its cue is near."""
        entry_id = span.kb_id_
        if entry_id in self.treatment_ids:
            return _near(span, _TREATMENT_CUE, _DOSING_LABELS)
        forms = self.cue_forms.get(entry_id)
        if forms and span.text in forms:
            return _near(span, _MODEL_CUE, set())
        return True


def _near(span: Span, cue: re.Pattern[str], labels: set[str]) -> bool:
    doc = span.doc
    sent = span.sent
    start, end = max(sent.start, span.start - WINDOW), min(sent.end, span.end + WINDOW)
    before, after = doc[start : span.start].text, doc[span.end : end].text
    if cue.search(before) or cue.search(after):
        return True
    return any(e.label_ in labels and e.start < end and e.end > start for e in doc.ents)
