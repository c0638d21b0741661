"""The litcurate spaCy pipeline: blank English, sentences, quantities, vocabularies.

Built once per process (`get_pipeline`): the vocabularies become phrase patterns of a
PhraseMatcher, matched by exact case for symbols (`TNF`, `JAK1`) and case-insensitively for
names (`baricitinib`). An EntityRuler would do the same matching, but it runs every earlier
component over each of ~70k patterns while loading them (30 s here); the vocabulary tagger
builds the pattern Docs directly. Structure (doses, ranges) lives in regexes of its own.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_suffix_regex

import extractors.entities.components  # noqa: F401  (registers the components)
from extractors.versions import VERSIONS

PIPELINE_VERSION = VERSIONS["entities"]


_UNIT_LETTERS = {"h.", "s.", "d.", "g.", "m.", "l."}


def _tune_tokenizer(nlp: Language) -> None:
    """Splits citation brackets and a period after a Greek letter off the word.

    English rules leave `IFN-α.[14]` as `IFN - α.[14 ]`: the period after a Greek letter is
    not a suffix to them, and `[` inside a token is no infix, so `IFN-α` would not match;
    likewise `5.9 nM.` keeps `nM.` together.
    """
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    infixes = [*(nlp.Defaults.infixes or ()), r"[\[\]]", r"(?<=[α-ωΑ-Ω])\.(?=\S)", r"(?<=[^\s\d])\.(?=\[)"]
    # A sentence ending on a unit (`5.9 nM.`) keeps the period on the unit otherwise.
    units = [r"(?<=[pnµμum]M)\.", r"(?<=mol/[lL])\.", r"(?<=/kg)\.", r"(?<=/m[lL])\.", r"(?<=/day)\."]
    # `TNF- alpha` (a space after the hyphen, as GENIA-tokenised abstracts write it) must
    # tokenise like `TNF-alpha`: the hyphen ending a word is a token of its own.
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[α-ωΑ-Ω])\.", *units, r"(?<=[A-Za-z0-9])-"]
    # Lower-case letter abbreviations (`h.`, `s.`, `d.`) are units ending a sentence far more
    # often than abbreviations in this literature: `4 h.` is `4 h` and a period.
    tokenizer.rules = {k: v for k, v in (tokenizer.rules or {}).items() if k not in _UNIT_LETTERS}
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def build_pipeline() -> Language:
    """Gives a new pipeline with every component and vocabulary loaded."""
    nlp = spacy.blank("en")
    nlp.max_length = 5_000_000
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("litcurate_citation_boundaries_v1")
    nlp.add_pipe("litcurate_quantities_v1")
    nlp.add_pipe("litcurate_vocabulary_v1", name="vocab_exact", config={"case_sensitive": True})
    nlp.add_pipe("litcurate_vocabulary_v1", name="vocab_lower", config={"case_sensitive": False})
    nlp.add_pipe("litcurate_induced_models_v1")
    nlp.add_pipe("litcurate_abbreviations_v1")
    nlp.add_pipe("litcurate_phospho_v1")
    nlp.add_pipe("litcurate_families_v1")
    nlp.add_pipe("litcurate_timing_v1")
    return nlp


_BUILDING = threading.Lock()
_PIPELINE: Language | None = None


def get_pipeline() -> Language:
    """Gives the process-wide pipeline, built on first use."""
    global _PIPELINE
    # A lock, because a warm-up thread may be building it (`warm_up`): a second caller waits
    # for that build instead of starting its own.
    with _BUILDING:
        if _PIPELINE is None:
            _PIPELINE = build_pipeline()
        return _PIPELINE


def warm_up() -> threading.Thread:
    """Starts building the process-wide pipeline in a background thread; gives the thread.

    The build (~6 s) is pure CPU in this process, so it overlaps whatever waits on another
    process meanwhile: Prefect's API server starting, a Dask worker registering.
    """
    thread = threading.Thread(target=get_pipeline, name="litcurate-pipeline-warm-up", daemon=True)
    thread.start()
    return thread
