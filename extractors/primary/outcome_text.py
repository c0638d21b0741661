"""Outcome values printed in results sentences that name their group (`an infarct volume of
23 ± 2% in vehicle-treated rats`): the value's outcome is the noun before it, its unit the word
after it, its group the words after it that a methods group's label matches.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.outcome_tables import CAPTION, FIGURE, Matcher, OutcomeValue
from extractors.primary.text import Sentence, sentences
from extractors.primary.values import error_type_of, find_values
from extractors.quantities import find_quantities

_GROUP_WORDS = re.compile(
    r"\b(?:in|of|for)\s+(?:the\s+)?([\w+/-]+(?:[-\s](?:treated|operated))?)\s+(?:rats|mice|animals|group)",
    re.I,
)


def _sentence_value(
    group: int,
    outcome: str,
    unit: str | None,
    v: Any,
    error_type: str,
    s: Sentence,
    timepoint: str | None = None,
) -> OutcomeValue:
    """Gives the OutcomeValue of a value `v` (from `find_values`) read in the sentence `s`."""
    return OutcomeValue(
        group,
        outcome,
        unit,
        v.mean,
        v.error,
        error_type,
        None,
        "text",
        None,
        None,
        None,
        s.text,
        s.block,
        s.span.start_char + v.start,
        s.span.start_char + v.end,
        timepoint=timepoint,
    )


def text_to_values(
    annotated: AnnotatedDocument, match: Matcher, stats: tuple[str | None, int | None, str | None]
) -> list[OutcomeValue]:
    """Gives values printed in results sentences that name their group (`23 ± 2% in vehicle-treated rats`)."""
    out = []
    for s in sentences(annotated):
        if CAPTION.search(s.text[:30]) or FIGURE.match(s.text):
            continue
        values = find_values(s.text)
        if not values or re.search(r"\b(?:weigh|temperature|aged|anesthe|anaesthe)", s.text, re.I):
            continue
        for v in values:
            tail = s.text[v.end : v.end + 80]
            m = _GROUP_WORDS.search(tail)
            if not m:
                continue
            word = m.group(1)
            g = match(re.sub(r"[-\s](?:treated|operated)$", "", word))
            if g is None:
                continue
            unit_m = re.match(r"\s*([%‰]|[a-zA-Zµμ°][\w/³²µμ·^-]*)", s.text[v.end :])
            unit = (
                unit_m.group(1)
                if unit_m and unit_m.group(1).lower() not in ("in", "and", "vs", "for", "of", "at")
                else None
            )
            outcome = outcome_before(s.text[: v.start])
            et = error_type_of(s.text) or stats[0] or "unknown"
            out.append(_sentence_value(g, outcome, unit, v, et, s))
    return out


_NAMED_BEFORE = re.compile(
    r"\b(?:an?|the|mean|average|in|of)\s+(?P<name>(?:[\w()%/-]+\s+){0,4}?[\w()%/-]+)\s+(?:of|was|were|is|are|reached|to|at)\s*$",
    re.I,
)


def outcome_before(head: str) -> str:
    """Gives the outcome a sentence names before its value (`... induced an infarct volume of`
    -> `infarct volume`); else the clause before the value, at most 80 characters."""
    clause = re.split(r"[,;:]", head)[-1].strip()
    m = _NAMED_BEFORE.search(clause)
    if m and not re.search(r"\d", m.group("name")):
        return m.group("name")
    return clause[-80:]


# What an outcome's name ends with in `a decrease in the withdrawal threshold`.
_OUTCOME_HEAD = re.compile(
    r"\b(?:decrease|increase|reduction|change|rise|fall|loss|gain)s?\s+(?:in|of)\s+(?:the\s+)?"
    r"(?P<o>(?:[\w-]+\s+){0,3}?(?:threshold|latency|volume|score|levels?|area|time|weight|count|"
    r"activity|response|size|length|velocity|pressure|rate|concentration|content))\b",
    re.I,
)
_CONTROL_REF = re.compile(
    r"(?:\b[\w-]+\s+)?\b(?:control|vehicle|sham|naive|naïve)\s+(?:group|animals|rats|mice)\s*\(\s*$", re.I
)
_DAY = re.compile(r"\b(?:on|at)\s+(?:the\s+)?(?:day\s+\d+|\d+(?:st|nd|rd|th)\s+day)\b", re.I)


def _mentions(text: str, word: str) -> bool:
    return bool(word) and re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w])", text, re.I) is not None


def dose_group(text: str, start: int, end: int, groups: list[Any], context: str) -> int | None:
    """Gives the group a results value belongs to when the sentence names it by its dose or as
    a control (`(7.19 ± 0.44, 1 mg/kg)`, `at a dose of 50 mg/kg (10.5 ± 0.2)`, `versus the
    control group (8.6 ± 0.3)`), else None.

    A control is the model's vehicle control when the sentence (or else its paragraph,
    `context`) names a tested compound, else the sham.
    """
    tested = {str(g.fields.get("compound")) for g in groups if g.fields.get("compound")}
    named = {c for c in tested if _mentions(text, c)} or {c for c in tested if _mentions(context, c)}
    if _CONTROL_REF.search(text[max(0, start - 40) : start]):
        role = "model_control" if named else "sham"
        hits = [
            i
            for i, g in enumerate(groups)
            if g.role == role
            and not g.fields.get("compound")
            and (role == "sham" or re.search(r"saline|vehicle|placebo|water", g.description, re.I))
        ]
        return hits[0] if len(hits) == 1 else None
    inside = re.match(r"[^()]{0,30}\)", text[end:])
    after = find_quantities(inside.group(0)) if inside else []
    before = find_quantities(text[max(0, start - 120) : start])
    doses = [q for q in after if q.kind == "DOSE"] or [q for q in before if q.kind == "DOSE"][-1:]
    if not doses or len(doses[0].values) != 1:
        return None
    d, unit = doses[0].values[0], doses[0].unit
    if named:
        hits = [
            i
            for i, g in enumerate(groups)
            if str(g.fields.get("compound")) in named and g.fields.get("dose_value") == d
        ]
    else:
        here = re.compile(r"(?<![\d.])" + re.escape(f"{d:g}") + r"\s*" + re.escape(unit))
        hits = [i for i, g in enumerate(groups) if not g.fields.get("compound") and here.search(g.label)]
    return hits[0] if len(hits) == 1 else None


def dose_text_values(
    annotated: AnnotatedDocument, groups: list[Any], stats: tuple[str | None, int | None, str | None]
) -> list[OutcomeValue]:
    """Gives results values whose group the sentence names by dose or as a control (`dose_group`)."""
    out = []
    blocks = annotated.document.blocks
    sents = list(sentences(annotated))
    for at, s in enumerate(sents):
        if CAPTION.search(s.text[:30]) or FIGURE.match(s.text):
            continue
        values = find_values(s.text)
        last_outcome = None
        for v in values:
            g = dose_group(s.text, v.start, v.end, groups, blocks[s.block].text)
            m = _OUTCOME_HEAD.search(s.text[: v.start]) or _OUTCOME_HEAD.search(blocks[s.block].text)
            outcome = m.group("o") if m else (last_outcome or outcome_before(s.text[: v.start]))
            last_outcome = outcome
            if g is None:
                continue
            day = _DAY.search(s.text)
            et = error_type_of(s.text) or stats[0] or "unknown"
            unit = legend_unit(sents, at, v.end)
            out.append(_sentence_value(g, outcome, unit, v, et, s, day.group(0) if day else None))
    return out


_FIG_REF = re.compile(r"\bFig(?:ure)?s?\.?\s*(?P<n>\d+)\s*(?P<p>[A-H])?\b")
_UNIT_WORDS = {
    "grams": "g",
    "seconds": "s",
    "minutes": "min",
    "hours": "h",
    "millimetres": "mm",
    "millimeters": "mm",
}
_IN_UNIT = re.compile(
    r"\bin\s+(?P<w>" + "|".join(_UNIT_WORDS) + r")\b(?:\s*\((?P<sym>[^()\s]{1,5})\))?", re.I
)
_PANEL_UNIT = re.compile(r"\((?P<sym>[a-zµμ%]{1,4})\)\s+for\s+[^()]{0,60}?\(panel\s+(?P<p>[A-H])\)", re.I)


def legend_unit(sents: list[Sentence], at: int, end: int) -> str | None:
    """Gives the unit the legend of the figure a value cites states (`in grams (g)`, or per
    panel: `threshold (g) for ... (panel A)`): the figure named after the value, else in its
    sentence, else in the sentence before it in the paragraph; None when no legend says."""
    s = sents[at]
    prev = sents[at - 1] if at > 0 and sents[at - 1].block == s.block else None
    ref = (
        _FIG_REF.search(s.text[end : end + 40])
        or _FIG_REF.search(s.text)
        or (_FIG_REF.search(prev.text) if prev else None)
    )
    if not ref:
        return None
    title = re.compile(r"\bFigure\s+" + ref.group("n") + r"\s+[A-Z][a-z]")
    start = next((i for i, t in enumerate(sents) if title.search(t.text)), None)
    if start is None:
        return None
    for t in sents[start : start + 8]:
        if t is not sents[start] and re.search(r"\bFigure\s+\d+\s+[A-Z][a-z]", t.text):
            break
        for m in _PANEL_UNIT.finditer(t.text):
            if ref.group("p") and m.group("p").upper() == ref.group("p").upper():
                return m.group("sym")
        m2 = _IN_UNIT.search(t.text)
        if m2:
            return m2.group("sym") or _UNIT_WORDS[m2.group("w").lower()]
    return None
