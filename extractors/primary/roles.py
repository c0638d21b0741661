"""Which compound induces the disease model, and what that says about each group's role.

A chemically induced model names its inducer with the model: `cisplatin-induced neuropathy`,
`neuropathy induced by X`, `diabetes was induced with X`, `the model was established by
injecting X`, `X was used to induce ...`. The inducer is then not the group's test compound:

- a group whose words name the inducer (or the disease: `diabetic`, `induced`, `lesioned`)
  has the disease: with a test compound it is a treatment, without one (or with its vehicle)
  the model control;
- when some groups name the inducer and others name no disease, those others have none: with
  a test compound they are `drug_only`, without one their control is the sham.

A compound counts as an inducer when the paper names it so at least twice (a drug the paper
tags, a short form, or an untagged chemical such as a toxin); `stress-induced` and the other
states no group is given or spared are no inducer. Nothing here names a compound; the paper's
own words decide.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from extractors.spans import ents_of, norm_of

if TYPE_CHECKING:
    from extractors.annotate import AnnotatedDocument
    from extractors.primary.groups import Group

_NAME = r"(?P<x>[A-Za-z][\w]*(?:-[A-Za-z0-9]+)*?)"
# What a drug does rather than a disease: `propofol-induced neuroprotection` names no model.
_EFFECT = (
    r"(?!\s+(?:reductions?|decreases?|increases?|improvements?|protection|neuroprotection|inhibition|"
    r"suppression|attenuation|changes?|recovery|analgesia|antinociception|effects?|release|"
    r"relaxation|vasodilation|sedation|an(?:a)?esthesia|hypnosis)\b)"
)
_INDUCED = [
    re.compile(_NAME + r"\s*-\s*induced\b" + _EFFECT),  # `cisplatin-induced`, `STZ-induced`
    re.compile(
        r"\binduced\s+(?:by|with|using)\s+(?:an?\s+|the\s+)?(?:(?:single|repeated|daily|weekly|"
        r"intraperitoneal|intravenous|subcutaneous|oral|i\.p\.|i\.v\.|s\.c\.)\s+)*"
        r"(?:(?:injections?|administrations?|doses?|infusions?)\s+of\s+)?" + _NAME + r"\b",
        re.I,
    ),
    re.compile(
        r"\b(?:established|produced|generated|elicited)\s+by\s+(?:injecting|administering|giving|"
        r"(?:an?\s+)?(?:\w+\s+)?(?:injections?|administrations?)\s+of)\s+" + _NAME + r"\b",
        re.I,
    ),
    re.compile(_NAME + r"\s+(?:was|were)\s+(?:\w+\s+)?(?:used|given|injected|administered)\s+to\s+induce\b"),
]
# What induces a state but is no compound a group could be given or not.
_GENERIC = re.compile(
    r"^(?:drugs?|stress|oxidative|injury|damage|chemotherapy|diet|exercise|surgery|trauma|ischemia|"
    r"hypoxia|light|noise|cold|heat|age|pain|inflammation|infection|virus|agonist|antagonist|"
    r"it|this|that|which|was|were|is|are|be|been|also|not|and|or)$",
    re.I,
)


_DISEASED = re.compile(
    r"\b(?:diabetic|induced|model|diseased|lesioned|injured|ischa?emic|arthritic|colitic|septic|"
    r"tumou?r-bearing|infected|neuropathic|hypertensive|obese)\b",
    re.I,
)


def inducer_names(annotated: AnnotatedDocument) -> set[str]:
    """Gives the lower-cased names (with their short and long forms, and every name the paper
    tags with the same id) of the compounds the paper names as inducing its model; empty when none."""
    drug_ids: dict[str, str | None] = {}
    for d in annotated.blocks:
        for e in ents_of(d, "DRUG"):
            drug_ids.setdefault(e.text.lower(), norm_of(e)[1])
    counts: Counter[str] = Counter()
    for block in annotated.document.blocks:
        for rx in _INDUCED:
            for m in rx.finditer(block.text):
                x = m.group("x")
                if _GENERIC.match(x) or x.lower().endswith("ly"):  # `experimentally induced`
                    continue
                counts[x.lower()] += 1
    found = {x for x, c in counts.items() if c >= 2}
    if not found:
        return set()
    ids = {drug_ids[x] for x in found if drug_ids.get(x)}
    names = set(found) | {t for t, i in drug_ids.items() if i and i in ids}
    for short, long in annotated.abbreviations.items():
        if short.lower() in names or long.lower() in names:
            names |= {short.lower(), long.lower()}
    return names


def names_inducer(text: str, names: set[str]) -> bool:
    """Gives whether the words name one of the inducers (as a whole word, any case)."""
    low = text.lower()
    return any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w])", low) for n in names)


def is_inducer(compound: str | None, names: set[str]) -> bool:
    """Gives whether a group's compound is an inducer of the model."""
    return bool(compound) and str(compound).lower() in names


def apply_model_roles(groups: list[Group], names: set[str], vehicle: re.Pattern[str]) -> None:
    """Sets each group's role from whether its words name the inducer (see the module's rules).

    Changes nothing unless some groups name the inducer and others do not, and never touches
    a role the group's own words state (sham, naive, positive control).
    """
    if not names:
        return
    words = [g.label + " " + g.description for g in groups]
    if not any(names_inducer(w, names) for w in words):
        return
    # A group that names its disease another way (`diabetic control`) has it too.
    diseased = [names_inducer(w, names) or bool(_DISEASED.search(w)) for w in words]
    if all(diseased):
        return
    for g, ill in zip(groups, diseased, strict=True):
        if g.role not in ("model_control", "treatment", "other"):
            continue
        compound = g.fields.get("compound")
        tested = bool(compound) and not vehicle.search(str(compound)) and not is_inducer(compound, names)
        new = ("treatment" if tested else "model_control") if ill else ("drug_only" if tested else "sham")
        if new != g.role:
            g.role = new
            g.sources["role"] = g.sentence.text
