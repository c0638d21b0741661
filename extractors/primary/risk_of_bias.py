"""Risk-of-bias reporting: the eight CAMARADES / SyRF items, each with the sentence that states it.

Each item has cue phrases (spaCy phrase and token patterns) and, for some, a second condition
on the sentence (`randomly` must be about putting animals into groups). Negation comes from
negspacy's NegEx over the cue: `the investigator was not blinded` is reported (the paper says
it) and negated (it was not done). Statements whose point is the statement itself (an ethics
approval, a conflict-of-interest declaration, an account of exclusions) are never negated:
`no competing interests` is the declaration, `no animal was excluded` the account.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import spacy
from negspacy.negation import Negex  # noqa: F401  (registers the `negex` factory)
from negspacy.termsets import termset
from spacy.language import Language

from extractors.annotate import AnnotatedDocument
from extractors.primary.text import Sentence, body_first
from extractors.scanning import lowered, may_match

ITEMS = [
    "random_allocation",
    "blinded_assessment",
    "blinded_induction",
    "allocation_concealment",
    "sample_size_calculation",
    "welfare_compliance",
    "conflict_of_interest",
    "animal_exclusions",
]
# Items whose negative is still the report: `no competing interests`, `no animal was excluded`.
STATEMENT_ITEMS = {"welfare_compliance", "conflict_of_interest", "animal_exclusions"}

_CUES: dict[str, list[str]] = {
    "random_allocation": [
        r"randomi[sz]ed",
        r"randomly",
        r"at random",
        r"random allocation",
        r"randomi[sz]ation",
    ],
    "blinded_assessment": [r"blind(?:ed|ly)?", r"masked", r"unaware of", r"without knowledge of"],
    "blinded_induction": [r"blind(?:ed|ly)?", r"masked", r"unaware of"],
    "allocation_concealment": [
        r"allocation concealment",
        r"concealed",
        r"sealed envelopes?",
        r"sealed opaque envelopes?",
        r"concealment",
    ],
    "sample_size_calculation": [
        r"sample sizes? (?:was|were) (?:calculated|determined|estimated|chosen|based)",
        r"power (?:analysis|calculation)",
        r"sample size calculation",
        r"a priori power",
    ],
    "welfare_compliance": [
        r"approved by",
        r"approval",
        r"in (?:accordance|compliance) with",
        r"conformed to",
        r"according to the (?:guide|guidelines)",
        r"ARRIVE",
        r"ethic(?:s|al) committee",
        r"animal care and use committee",
    ],
    "conflict_of_interest": [
        r"competing interests?",
        r"competing financial interests?",
        r"conflicts? of interests?",
        r"conflicting interests?",
        r"declaration of interest",
    ],
    "animal_exclusions": [
        r"excluded",
        r"exclusion criteria",
        r"removed from the (?:study|analysis)",
        r"withdrawn from the (?:study|analysis|experiment)",
        r"died",
        r"mortality",
    ],
}
# The sentence must also be about what the item is about.
_ABOUT: dict[str, re.Pattern[str]] = {
    "random_allocation": re.compile(r"\b(?:assign|allocat|divid|group|distribut|receiv|treat|split)", re.I),
    "blinded_assessment": re.compile(
        r"\b(?:assess|evaluat|scor|measur|analy[sz]|observ|investigat|examin|count|quantif|rat(?:ed|ing)|treatment|group)",
        re.I,
    ),
    "blinded_induction": re.compile(
        r"\b(?:surg(?:eon|ery)|operat|induc|occlusion|injection of|MCAO|ischemi|lesion)", re.I
    ),
    "allocation_concealment": re.compile(r"\b(?:allocat|assign|group|treatment)", re.I),
    "sample_size_calculation": re.compile(r".", re.I),
    "welfare_compliance": re.compile(
        r"\b(?:animal|committee|guide|guidelines|institutional|ethic|welfare|laboratory|IACUC|regulation|legislation|directive)",
        re.I,
    ),
    "conflict_of_interest": re.compile(r".", re.I),
    "animal_exclusions": re.compile(
        r"\b(?:animals?|rats?|mice|mouse)\b.*\b(?:excluded|removed|withdrawn|died)|\b(?:excluded|exclusion)\b.*\b(?:animals?|rats?|mice|analysis|study)",
        re.I,
    ),
}
_NOT_ABOUT: dict[str, re.Pattern[str]] = {
    "random_allocation": re.compile(
        r"randomly\s+(?:selected|chosen)\s+(?:fields?|sections?|areas?|slices?|images?)|random(?:ly)?\s+(?:primers?|hexamer|fields?)",
        re.I,
    ),
    "blinded_assessment": re.compile(
        r"double-blind(?:ed)?\s+(?:clinical|trial|study\s+in\s+patients)|patients", re.I
    ),
    "blinded_induction": re.compile(r"^$"),
    "animal_exclusions": re.compile(r"\bpatients\b|were excluded from (?:the )?(?:meta|review)", re.I),
}

_NLP: Language | None = None
_LOCK = threading.Lock()


def _pipeline() -> Language:
    """Gives the cue tagger with NegEx, built once per process (no model: a blank pipeline)."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
            patterns = []
            for item, cues in _CUES.items():
                for cue in cues:
                    tokens = [{"LOWER": {"REGEX": f"^(?:{w})$"}} for w in cue.split(" ")]
                    patterns.append({"label": "ROB", "pattern": tokens, "id": item})
            ruler.add_patterns(patterns)  # type: ignore[attr-defined]
            ts = termset("en_clinical").get_patterns()
            # `without` and `free of` negate findings in clinical notes; here `no` and `not` suffice
            # and `free access to food` must not negate.
            ts["preceding_negations"] = [*ts["preceding_negations"], "neither", "nor", "were not", "was not"]
            nlp.add_pipe("negex", config={"ent_types": ["ROB"], "neg_termset": ts, "chunk_prefix": []})
            _NLP = nlp
    return _NLP


@dataclass(frozen=True, slots=True)
class RobFinding:
    """One item: whether the paper reports it, whether negated, and the sentence."""

    item: str
    reported: bool
    negated: bool
    sentence: Sentence | None


# Any cue of any item, one pass over a sentence (not one search per cue).
_ANY_CUE = re.compile("|".join(f"(?:{c})" for cues in _CUES.values() for c in cues), re.I)
_ANY_CUE_LOWER = lowered(_ANY_CUE)  # most sentences hold no cue: said first over lower-cased text


def _cue_hits(text: str) -> dict[str, bool]:
    """Gives item -> negated for every item a cue of which is in the text."""
    doc = _pipeline()(text)
    hits: dict[str, bool] = {}
    for ent in doc.ents:
        for item in _CUES:
            if not any(re.fullmatch(c.replace(" ", r"\s+"), ent.text, re.I) for c in _CUES[item]):
                continue
            neg = bool(ent._.negex) or bool(
                re.search(r"\b(?:not|no|neither|nor|without)\b[^.]{0,30}" + re.escape(ent.text), text, re.I)
            )
            hits[item] = hits.get(item, True) and neg if item in hits else neg
    return hits


# How many animals were excluded, beside the criteria: `8 rats (6.4%) ... were withdrawn`.
_COUNTED = re.compile(
    r"\b\d+\s+(?:\w+\s+)?(?:animals?|rats?|mice)\b.{0,120}?\b(?:excluded|withdrawn|removed|died)"
    r"|\b(?:excluded|withdrawn|removed)\b.{0,120}?\b\d+\s+(?:\w+\s+)?(?:animals?|rats?|mice)\b",
    re.I,
)


def _says_more(item: str, s: Sentence, before: RobFinding) -> bool:
    """Gives whether a later sentence reports the item better than the one found: the number
    of animals excluded after a sentence that gave only the criteria."""
    return (
        item == "animal_exclusions"
        and before.sentence is not None
        and bool(_COUNTED.search(s.text))
        and not _COUNTED.search(before.sentence.text)
    )


def risk_of_bias(annotated: AnnotatedDocument) -> list[RobFinding]:
    """Gives one finding per item (all eight): the first sentence stating each, the methods'
    before the abstract's."""
    found: dict[str, RobFinding] = {}
    for s in body_first(annotated):
        if len(s.text) > 1500:
            continue
        if not may_match(_ANY_CUE_LOWER, s.text) or not _ANY_CUE.search(s.text):
            continue
        for item, negated in _cue_hits(s.text).items():
            if item in found and not found[item].negated and not _says_more(item, s, found[item]):
                continue
            if not _ABOUT[item].search(s.text) or (item in _NOT_ABOUT and _NOT_ABOUT[item].search(s.text)):
                continue
            if item == "blinded_induction" and not re.search(r"blind|mask|unaware", s.text, re.I):
                continue
            if (
                item == "blinded_assessment"
                and _ABOUT["blinded_induction"].search(s.text)
                and not re.search(r"assess|evaluat|scor|analy|observ|measur|count", s.text, re.I)
            ):
                continue
            if item == "conflict_of_interest" and not re.search(
                r"declare|exist|have\s+no|has\s+no|none|no\s+(?:competing|conflict)|interests?:", s.text, re.I
            ):
                continue
            neg = negated and item not in STATEMENT_ITEMS
            if item in found and found[item].negated and neg:
                continue
            found[item] = RobFinding(item, True, neg, s)
    return [found.get(item, RobFinding(item, False, False, None)) for item in ITEMS]
