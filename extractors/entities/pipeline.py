"""The litcurate spaCy pipeline: blank English, sentences, quantities, vocabularies.

Built once per process (`get_pipeline`) in well under a second: the vocabularies are matched
from built token tables (`vocab_tables`), by exact case for symbols (`TNF`, `JAK1`) and in any
case for names (`baricitinib`), and those tables are cached on disk keyed by the vocabulary
files (`vocab_cache`). A PhraseMatcher or EntityRuler over the same ~78k patterns costs seconds
in every process, since both add every pattern again when loaded. Structure (doses, ranges)
lives in regexes of its own.
"""

from __future__ import annotations

import gc
import threading

from spacy.language import Language

import extractors.entities.components
import extractors.entities.timing  # noqa: F401  (registers the timing tagger)
from extractors.entities.tokenizer import blank_english
from extractors.versions import VERSIONS

PIPELINE_VERSION = VERSIONS["entities"]


def build_pipeline() -> Language:
    """Gives a new pipeline with every component and vocabulary loaded."""
    nlp = blank_english()
    nlp.max_length = 5_000_000
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
            # The vocabularies (~150k objects) live as long as the process: out of the
            # collector's generations, a full collection no longer walks them (~75 ms each,
            # every few dozen documents).
            gc.freeze()
        return _PIPELINE


def warm_up() -> threading.Thread:
    """Starts building the process-wide pipeline in a background thread; gives the thread.

    The build (a cache read; ~6 s when the vocabularies changed) is pure CPU in this process,
    so it overlaps whatever waits on another process meanwhile: Prefect's API server starting,
    a Dask worker registering.
    """
    thread = threading.Thread(target=get_pipeline, name="litcurate-pipeline-warm-up", daemon=True)
    thread.start()
    return thread
