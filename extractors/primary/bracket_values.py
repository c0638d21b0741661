"""Results that name each value's group in brackets: `22.3±2.3% [control] vs 17.0±2.1% [100 mg/kg X]`.

Some papers never list their groups in the methods (`Control animals received saline`), and
give their results as pairs of values, each followed by its group in square brackets. The
bracketed labels are then the cohorts:

- a label that says control, vehicle, saline or sham is the model control (sham: sham); a label
  with a dose is a treatment, its compound the label without the dose;
- labels alike but for a typo (`X-4`, `X4`, `X-5` at one dose) are one cohort: within an
  experiment a cohort is its role and dose;
- an experiment ends when a comparison already reported (same outcome, same group) is reported
  again: the paper is giving a second experiment. It is labelled by the study-design word its
  first paragraph uses (`prophylactic`, `therapeutic`, `acute`, ...), else `experiment N`;
- the outcome is the name before the pair (`Zea Longa score: 3.3±0.3 [control] vs ...`), else
  the subject of the sentence (`infarct areas ... were reduced ... (22.3±2.3% [control] vs ...`);
- n per group is the experiment's `n = 29-31/group` (a legend in the experiment's paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.text import Sentence, sentences

BRACKET_VALUE = re.compile(
    r"(?<![\w.])(?P<mean>\d+(?:\.\d+)?)\s*(?:±\s*(?P<error>\d+(?:\.\d+)?))?\s*"
    r"(?P<unit>%(?:\s+of\s+(?:the\s+)?\w+)?|[a-zµμ°]{1,4}(?:/[a-zµμ]{1,4})?)?\s*\[(?P<label>[^\[\]]{2,60})\]"
)
_CONTROL = re.compile(r"\b(?:controls?|vehicle|saline|placebo|untreated)\b", re.I)
_SHAM = re.compile(r"\bsham\b", re.I)
_DOSE = re.compile(
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>(?:mg|µg|μg|g|ng|ml|mL|IU|U|mmol|µmol)\s*/\s*kg)", re.I
)
_DESIGN = re.compile(
    r"\b(?P<w>prophylactic|therapeutic|preventive|curative|pre-?treatment|post-?treatment|acute|chronic|"
    r"single[-\s]dose|repeated[-\s]dose|dose[-\s]response|delayed|early|late)\b",
    re.I,
)
_PER_GROUP_N = re.compile(r"\bn\s*=\s*(?P<lo>\d+)(?:\s*[-–]\s*(?P<hi>\d+))?\s*/\s*group", re.I)
_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|whilst|while|whereas|but)\s+)(?:the\s+)?(?P<s>[A-Za-z][\w\s()-]{2,60}?)\s+(?:was|were|is|are)\b"
)
# Words around a measure's name that say how it moved, not what it is.
_TREND = re.compile(
    r"^(?:an?\s+)?(?:(?:trend|tendency)\s+(?:towards?|to)\s+(?:an?\s+)?)?(?:(?:decreased|increased|reduced|lower|higher|improved|impaired|significant)\s+)*",
    re.I,
)
_MOVED = re.compile(
    r"^\s*(?:(?:whilst|while|whereas|and|but)\s+)?(?:the\s+)?(?:corresponding\s+|respective\s+)?(?P<n>[A-Za-z][\w\s-]{1,40}?)\s+"
    r"(?:(?:was|were)\s+)?(?:\w+ly\s+)?(?:prolonged|shortened|increased|decreased|reduced|elevated|lowered|unchanged|improved|impaired)\s*$",
    re.I,
)
_VAGUE = re.compile(r"\b(?:results|effects?|findings|differences|data|values|changes)$", re.I)


@dataclass
class BracketCohort:
    """A cohort the results name in brackets."""

    experiment: str | None
    label: str
    role: str
    compound: str | None
    dose_value: float | None
    dose_unit: str | None
    sentence: Sentence
    n: int | None = None
    n_min: int | None = None
    n_max: int | None = None
    labels: list[str] = field(default_factory=list)


@dataclass
class BracketValue:
    """One bracketed value: its cohort (index), outcome, unit, mean, error and where it was read."""

    cohort: int
    outcome: str
    unit: str | None
    mean: float
    error: float | None
    sentence: Sentence
    start: int
    end: int


def _role(label: str) -> str:
    if _SHAM.search(label):
        return "sham"
    if _CONTROL.search(label) and not _DOSE.search(label):
        return "model_control"
    return "treatment" if _DOSE.search(label) else "other"


def _outcome(text: str, start: int) -> str:
    """Gives the outcome named before the value at `start` of a sentence."""
    head = text[:start]
    # `(Zea Longa score: 3.3±0.3 [control] vs ...`, `; grip strength: 71.4±6.4% ...`
    m = re.search(r"(?:^|[(;,]\s*)(?P<name>[A-Za-z][^():;,\[\]]{1,50}?)\s*:\s*$", head)
    if m:
        return m.group("name").strip()
    clause = re.split(r"\(\s*$", head)[0]
    # `..., the corresponding aPTT prolonged (`, `whilst the PT was unchanged (`
    last = _MOVED.search(re.split(r"[,;]", clause)[-1])
    if last:
        return last.group("n").strip()
    found = list(_SUBJECT.finditer(clause))
    if found:
        s = found[-1]
        subject = _TREND.sub("", re.split(r"\s+(?:of|in|after|following)\s+", s.group("s"))[0]).strip()
        if _VAGUE.search(subject):
            # `Comparable results were also observed for brain edema formation, ...`
            m2 = re.search(
                r"\b(?:for|on|in)\s+(?:the\s+)?(?P<n>[a-z][\w\s-]{2,40}?)(?=\s*[,.;(]|\s+(?:after|following|was|were)\b)",
                clause[s.end() :],
            )
            if m2:
                return m2.group("n").strip()
        # A plural subject (`infarct areas were reduced`) names the measure in the singular.
        return re.sub(r"(?<=[a-z]{3})(?<![su])s$", "", subject)
    return _TREND.sub("", re.split(r"[,;:(]", head.rstrip(" ("))[-1].strip()[-60:])


def _design_word(text: str) -> str | None:
    m = _DESIGN.search(text[:400])
    return m.group("w").lower() if m else None


def bracket_results(annotated: AnnotatedDocument) -> tuple[list[BracketCohort], list[BracketValue]]:
    """Gives the cohorts and values of a paper whose results name groups in brackets ([] , [] when
    fewer than two values do, or fewer than two cohorts come out)."""
    sents = list(sentences(annotated))
    found = [(s, m) for s in sents for m in BRACKET_VALUE.finditer(s.text)]
    if len(found) < 2:
        return [], []
    blocks = annotated.document.blocks
    cohorts: list[BracketCohort] = []
    values: list[BracketValue] = []
    experiment = 0
    starts = [found[0][0].block]  # the block where each experiment starts
    seen: dict[tuple[str, str, Any], int] = {}
    keys: dict[tuple[int, str, Any], int] = {}
    previous: tuple[Sentence, int, str] | None = None  # last value's sentence, end, outcome
    pending: list[tuple[int, str, Any, str, re.Match[str], Sentence, str]] = []
    for s, m in found:
        label = m.group("label").strip()
        role = _role(label)
        dose = _DOSE.search(label)
        dose_key = (
            (float(dose.group("value")), re.sub(r"\s", "", dose.group("unit")).lower()) if dose else None
        )
        # The second value of `A [x] vs B [y]` measures what the first did.
        between = s.text[previous[1] : m.start()] if previous and previous[0] is s else None
        if (
            previous
            and between is not None
            and re.fullmatch(r"[\s,;]*(?:vs\.?|versus|and|compared\s+(?:to|with))[\s,;]*", between, re.I)
        ):
            outcome = previous[2]
        elif (
            previous
            and between is None
            and m.start() < 3
            and re.search(r"\b(?:vs\.?|versus)\s*$", previous[0].text)
        ):
            outcome = previous[2]  # a pair a page break cut in two sentences
        else:
            outcome = _outcome(s.text, m.start())
        # Plurals folded: `infarct areas` in one paragraph is `infarct area` in the next.
        key = (re.sub(r"(?<=[a-z])s\b", "", outcome.lower()), role, dose_key)
        # A comparison reported again in another paragraph is another experiment's.
        if key in seen and seen[key] != s.block:
            experiment += 1
            starts.append(s.block)
            seen = {}
        seen.setdefault(key, s.block)
        pending.append((experiment, role, dose_key, label, m, s, outcome))
        previous = (s, m.end(), outcome)
    n_exp = experiment + 1
    names: list[str | None] = []
    for e in range(n_exp):
        first = next(sv for (ev, *_rest, sv, _o) in pending if ev == e)
        word = (_design_word(blocks[starts[e]].text) or _design_word(first.text)) if n_exp > 1 else None
        names.append(word if word and word not in names else (f"experiment {e + 1}" if n_exp > 1 else None))
    for e, role, dose_key, label, m, s, outcome in pending:
        ck = (e, role, dose_key)
        if ck not in keys:
            dose = _DOSE.search(label)
            compound = re.sub(r"\s+", " ", _DOSE.sub("", label)).strip(" ,;") if dose else None
            keys[ck] = len(cohorts)
            cohorts.append(
                BracketCohort(
                    names[e],
                    label,
                    role,
                    compound or None,
                    dose_key[0] if dose_key else None,
                    dose.group("unit") if dose else None,
                    s,
                )
            )
        c = cohorts[keys[ck]]
        c.labels.append(label)
        unit = (m.group("unit") or "").strip() or None
        values.append(
            BracketValue(
                keys[ck],
                outcome,
                unit,
                float(m.group("mean")),
                float(m.group("error")) if m.group("error") else None,
                s,
                m.start(),
                m.end(),
            )
        )
    if len(cohorts) < 2 or not any(c.role == "model_control" for c in cohorts):
        return [], []
    for c in cohorts:  # the label the paper prints most often for the cohort (not a typo's)
        c.label = max(c.labels, key=c.labels.count)
    # n per group: the experiment's own `n = a-b/group` (a legend among its paragraphs).
    bounds = [*starts[1:], len(blocks)]
    for c in cohorts:
        e = names.index(c.experiment) if c.experiment in names else 0
        text = " ".join(b.text for b in blocks[starts[e] : bounds[e]])
        nm = _PER_GROUP_N.search(text)
        if nm:
            lo, hi = int(nm.group("lo")), int(nm.group("hi") or nm.group("lo"))
            c.n, c.n_min, c.n_max = (lo if lo == hi else None), lo, hi
    return cohorts, values
