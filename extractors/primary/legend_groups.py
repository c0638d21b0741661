"""Groups a paper names without an allocation sentence: in its dosing sentence and figure legends.

- alternatives: `the mice received an intraperitoneal injection of saline (10 mL/kg), X (25, 50
  and 100 mg/kg) or Y (25, 50 and 100 mg/kg) 30 min before every Z injection` is one group per
  item (and per dose); the words after the last item (`30 min before every Z injection`) are
  every item's;
- groups in parentheses with their n: `control (C, vehicle, n = 12) and treated (X 1 mg/kg,
  2 mg/kg and 4 mg/kg, n = 12) mice` is one group per parenthesis, and per dose;
- lettered panels: `(A) Naive animals; (B) Z plus saline; (C) Z plus X (50 mg/kg)` give the
  label of the group a panel names (same compound and dose, or the same vehicle), or a group
  of their own (`Naive animals`).
A legend's count of animals (`the mean ± SEM ... in six animals`) is the n of the groups whose
compound (or vehicle) that legend names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from extractors.primary.group_forms import split_items
from extractors.quantities import NUMBER_WORDS, find_quantities

if TYPE_CHECKING:
    from extractors.primary.groups import Group
    from extractors.primary.text import Sentence

Item = tuple["str | None", str, "Sentence", "int | None"]
_RECEIVED = re.compile(
    r"\b(?:rats|mice|animals)\s+(?:were\s+)?(?:received|given|treated\s+with|injected\s+with|pretreated\s+with)\s+"
    r"(?:(?:an?\s+|the\s+)?(?:[\w.-]+\s+){0,2}?(?:injections?|doses?|administrations?|gavage|infusions?)\s+"
    r"(?:of|with)\s+)?(?P<list>.+)$",
    re.I,
)
_PAREN_N = re.compile(r"(?P<word>[A-Za-z]+)\s+\((?P<inner>[^()]*?),?\s*\bn\s*=\s*(?P<n>\d+)\s*\)")
_PANEL = re.compile(r"^\s*\(?\s*(?P<k>[A-H])\)\s*(?P<t>[^()]+(?:\([^()]*\))?)\s*\.?\s*$")
_LEGEND_N = re.compile(
    r"\b(?:in|of|from)\s+(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?:animals|mice|rats)\b", re.I
)
_VEHICLE_WORD = re.compile(r"\b(?:saline|vehicle|placebo|water|dmso|cmc)\b", re.I)


def _int(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def alternative_groups(sents: list[Sentence]) -> list[Item]:
    """Gives one item per alternative of a dosing sentence (`received A, B (10 mg/kg) or C`)."""
    for s in sents:
        m = _RECEIVED.search(s.text)
        if not m or not re.search(r"\)\s*,?\s+or\s+|\w\s+or\s+\w", m.group("list")):
            continue
        text = m.group("list")
        # The list ends with its last item's parenthesis; what follows is every item's.
        last = text.rfind(" or ")
        close = text.find(")", last)
        body, tail = (text[: close + 1], text[close + 1 :]) if close > 0 else (text, "")
        parts = split_items(body)
        labels = [re.split(r"\s*\(", p, maxsplit=1)[0].strip() for p in parts]
        if len(parts) < 2 or any(not lab or len(lab.split()) > 3 for lab in labels):
            continue
        return [(lab, f"{p} {tail.strip()}".strip(), s, None) for lab, p in zip(labels, parts, strict=True)]
    return []


def parenthesised_groups(sents: list[Sentence]) -> list[Item]:
    """Gives the groups of a sentence that prints each in parentheses with its n."""
    for s in sents:
        found = list(_PAREN_N.finditer(s.text))
        if len(found) < 2:
            continue
        out: list[Item] = []
        for m in found:
            inner, n = m.group("inner").strip(" ,"), int(m.group("n"))
            doses = [q for q in find_quantities(inner) if q.kind == "DOSE" and "/" in q.unit]
            head = re.split(r"\s*\d", inner, maxsplit=1)[0].strip(" ,")
            if len(doses) > 1 and head:
                for q in doses:
                    for v in q.values:
                        out.append(
                            (f"{head} {v:g} {q.unit}", f"{m.group('word')} {head} {v:g} {q.unit}", s, n)
                        )
                continue
            first = inner.split(",")[0].strip()
            label = first if 0 < len(first) <= 3 else m.group("word")
            out.append((label, f"{m.group('word')} ({inner})", s, n))
        return out
    return []


def panel_labels(sents: list[Sentence]) -> list[str]:
    """Gives the panels of a legend that lists one group per letter (`(A) Naive animals; (B) ...`)."""
    for s in sents:
        parts = [p for p in s.text.split(";") if p.strip()]
        found = [_PANEL.match(p) for p in parts]
        if len(parts) >= 3 and all(found) and all(len(f.group("t").split()) <= 8 for f in found if f):
            return [f.group("t").strip() for f in found if f]
    return []


def legend_n(sents: list[Sentence], names: list[str]) -> int | None:
    """Gives the count of animals a figure legend gives (`in six animals`) when the legend's
    paragraph names one of `names`."""
    by_block: dict[int, str] = {}
    for s in sents:
        by_block[s.block] = by_block.get(s.block, "") + " " + s.text
    for s in sents:
        m = _LEGEND_N.search(s.text)
        if m and any(re.search(r"\b" + re.escape(n) + r"\b", by_block[s.block], re.I) for n in names if n):
            return _int(m.group("n"))
    return None


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def apply_panels(groups: list[Group], panels: list[str], make: Any) -> None:
    """Gives each group the label of the panel that names it; a panel naming no group, but a
    control (`Naive animals`), becomes a group of its own through `make(label)`."""
    taken: set[int] = set()
    for panel in panels:
        low = panel.lower()
        hits = []
        for i, g in enumerate(groups):
            compound = str(g.fields.get("compound") or "")
            dose = g.fields.get("dose_value")
            if compound and compound.lower() in low:
                if dose is None or f"{dose:g}" in _numbers(panel):
                    hits.append(i)
            elif not compound:
                vw = _VEHICLE_WORD.search(g.description)
                if vw and vw.group(0).lower() in low:
                    hits.append(i)
        if len(hits) == 1 and hits[0] not in taken:
            taken.add(hits[0])
            g = groups[hits[0]]
            g.sources["methods_label"] = g.label
            g.label = panel
        elif not hits and re.search(r"\b(?:naive|naïve|sham|normal|intact|untreated)\b", low):
            groups.append(make(panel))
