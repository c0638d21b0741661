"""The litcurate tokenizer: spaCy's English rules, tuned for citations, Greek letters and units.

Registered as `litcurate_tokenizer_v1`, so a pipeline builds its tokenizer once with these
rules (setting them on a built tokenizer reloads its ~1,300 special cases per setting). A
module of its own because the built vocabulary tables (`vocab_tables`) depend on it: its
source is part of their cache key, so a change here rebuilds them.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_UNIT_LETTERS = {"h.", "s.", "d.", "g.", "m.", "l."}


@spacy.registry.tokenizers("litcurate_tokenizer_v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """Gives the factory of the English tokenizer with the litcurate rules."""
    return tuned_tokenizer


def tuned_tokenizer(nlp: Language) -> Tokenizer:
    """Gives spaCy's English tokenizer that splits citation brackets and a period after a Greek letter.

    English rules leave `IFN-α.[14]` as `IFN - α.[14 ]`: the period after a Greek letter is
    not a suffix to them, and `[` inside a token is no infix, so `IFN-α` would not match;
    likewise `5.9 nM.` keeps `nM.` together.
    """
    infixes = [*(nlp.Defaults.infixes or ()), r"[\[\]]", r"(?<=[α-ωΑ-Ω])\.(?=\S)", r"(?<=[^\s\d])\.(?=\[)"]
    # A sentence ending on a unit (`5.9 nM.`) keeps the period on the unit otherwise.
    units = [r"(?<=[pnµμum]M)\.", r"(?<=mol/[lL])\.", r"(?<=/kg)\.", r"(?<=/m[lL])\.", r"(?<=/day)\."]
    # `TNF- alpha` (a space after the hyphen, as GENIA-tokenised abstracts write it) must
    # tokenise like `TNF-alpha`: the hyphen ending a word is a token of its own.
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[α-ωΑ-Ω])\.", *units, r"(?<=[A-Za-z0-9])-"]
    # Lower-case letter abbreviations (`h.`, `s.`, `d.`) are units ending a sentence far more
    # often than abbreviations in this literature: `4 h.` is `4 h` and a period.
    rules = {k: v for k, v in (nlp.Defaults.tokenizer_exceptions or {}).items() if k not in _UNIT_LETTERS}
    prefixes = nlp.Defaults.prefixes
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=nlp.Defaults.token_match,
        url_match=nlp.Defaults.url_match,
    )


def blank_english() -> Language:
    """Gives a blank English pipeline with the litcurate tokenizer."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "litcurate_tokenizer_v1"}}})
