"""The litcurate spaCy pipeline: blank English, sentences, quantities, vocabularies.

Built once per process (`get_pipeline`): the vocabularies become phrase patterns, matched
by exact case for symbols (`TNF`, `JAK1`) and case-insensitively for names (`baricitinib`).
Token patterns are kept for structure only (quantities live in regexes of their own), since
an EntityRuler with many token patterns is ~20x slower than phrase patterns.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import extractors.entities.components  # noqa: F401  (registers the components)
from extractors.entities.vocab import load_vocabularies, vocab_phrases

PIPELINE_VERSION = "entities.v1"


def build_pipeline() -> Language:
    """Gives a new pipeline with every component and vocabulary loaded."""
    nlp = spacy.blank("en")
    nlp.max_length = 5_000_000
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("litcurate_citation_boundaries_v1")
    nlp.add_pipe("litcurate_quantities_v1")
    phrases = vocab_phrases(load_vocabularies())
    for name, attr, case_sensitive in (("vocab_exact", "ORTH", True), ("vocab_lower", "LOWER", False)):
        ruler = nlp.add_pipe(
            "entity_ruler", name=name,
            config={"phrase_matcher_attr": attr, "overwrite_ents": False, "validate": False},
        )  # fmt: skip
        patterns = [
            {"label": p.entry.label, "pattern": p.form, "id": p.entry.id}
            for p in phrases
            if p.case_sensitive == case_sensitive
        ]
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("litcurate_induced_models_v1")
    nlp.add_pipe("litcurate_abbreviations_v1")
    nlp.add_pipe("litcurate_phospho_v1")
    return nlp


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """Gives the process-wide pipeline, built on first use."""
    return build_pipeline()
