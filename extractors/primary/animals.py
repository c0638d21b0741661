"""Methods text -> the animals of a primary in-vivo paper: species (NCBI Taxonomy), strain,
sex, age or weight, the disease model and the sentence that says how it was induced.

Each field comes with the sentence it was read from; a field the methods leave out stays out.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.text import Sentence, sentences
from extractors.spans import ents_of, norm_of

_SEX = [
    (re.compile(r"\bboth\s+sexes\b|\bmale\s+and\s+female\b|\bfemale\s+and\s+male\b", re.I), "both"),
    (re.compile(r"\bfemale\b", re.I), "female"),
    (re.compile(r"\bmale\b", re.I), "male"),
]
_WEIGHT = re.compile(
    r"\b(?:weigh(?:ing|ed)?\s+(?:between\s+)?|\()(?P<w>\d+(?:\.\d+)?\s*(?:[-–]|to|and)\s*\d+(?:\.\d+)?\s*(?:g|kg)|\d+(?:\.\d+)?\s*±\s*\d+(?:\.\d+)?\s*(?:g|kg))\b"
)
# The stock a paper names between the animals' sex and their species (`male CD rats`, `female
# Swiss mice`), for strains no vocabulary entry tags; words that describe rather than name are not it.
_NAMED_STOCK = re.compile(
    r"\b(?i:male|female|adult|old|aged)\s+(?P<s>(?!(?:Albino|Adult|Young|Old|Healthy|Inbred|Outbred|Male|Female)\b)"
    r"[A-Z][A-Za-z0-9:/()-]{0,20}(?:\s+[A-Z][A-Za-z0-9-]{1,15})?)\s+(?:rats?|mice|mouse|hamsters?|rabbits?)\b"
)
_AGE = re.compile(r"\b(?P<a>\d+(?:\s*[-–]\s*\d+)?[-\s](?:weeks?|months?|days?)[-\s]old)\b", re.I)


def animals(annotated: AnnotatedDocument, near: Sentence | None) -> dict[str, Any]:
    """Gives species (+ NCBI id), strain, sex and age or weight, with the sentence of each."""
    out: dict[str, Any] = {}
    src: dict[str, str] = {}
    species: Counter[tuple[str, str]] = Counter()
    first_sent: dict[tuple[str, str], str] = {}
    sents = list(sentences(annotated))
    for s in sents:
        for e in ents_of(s.span.doc, "SPECIES"):
            if s.span.start_char <= e.start_char < s.span.end_char:
                norm, nid = norm_of(e)
                if nid and nid != "NCBITaxon:9606":
                    species[(norm or e.text, nid)] += 1
                    first_sent.setdefault((norm or e.text, nid), s.text)
    if species:
        (name, nid), _ = species.most_common(1)[0]
        out["species"], out["species_id"] = name, nid
        src["species"] = first_sent[(name, nid)]
    # The animals paragraph: the first sentence naming a weight or age with the species, or strain.
    for s in sents:
        strains = [
            e for e in ents_of(s.span.doc, "STRAIN") if s.span.start_char <= e.start_char < s.span.end_char
        ]
        if strains and "strain" not in out:
            out["strain"] = norm_of(strains[0])[0]
            src["strain"] = s.text
        # A sentence naming the strain is about the animals even when a PDF column break
        # has taken the species word away (`200-g female Wistar i.p.`).
        has_animals = strains or re.search(r"\b(?:rats?|mice|animals|rabbits?|hamsters?)\b", s.text, re.I)
        if has_animals and "sex" not in out:
            for rx, sex in _SEX:
                if rx.search(s.text):
                    out["sex"], src["sex"] = sex, s.text
                    break
        if has_animals and "age_or_weight" not in out:
            m = _WEIGHT.search(s.text) or _AGE.search(s.text)
            if m:
                out["age_or_weight"], src["age_or_weight"] = (
                    (m.groupdict().get("w") or m.groupdict().get("a")),
                    s.text,
                )
    if "strain" not in out:
        stock = next(((m, s) for s in sents if (m := _NAMED_STOCK.search(s.text))), None)
        if stock:
            out["strain"], src["strain"] = stock[0].group("s"), stock[1].text
    models = []
    for s in sents:
        models += [
            (e, s)
            for e in ents_of(s.span.doc, "ANIMAL_MODEL")
            if s.span.start_char <= e.start_char < s.span.end_char
        ]
    if models:
        e, s = models[0]
        out["model"], out["model_id"] = norm_of(e)
        src["model"] = s.text
    for s in sents:
        if re.search(
            r"\b(?:was|were)\s+induced\s+(?:by|with|using)|\binduced\s+by\s+(?:a\s+single\s+)?(?:intraperitoneal|subcutaneous|intravenous|oral)",
            s.text,
            re.I,
        ):
            out["induction"], src["induction"] = s.text, s.text
            break
    out["_sources"] = src
    return out
