"""Methods text -> the groups of a primary in-vivo paper (the animals are `animals.py`).

The group-allocation sentence (`randomly divided into four groups of eight`, `assigned to 3
groups (n=20 for each group) as follows: (1) ...`) anchors everything: without one there is
no animal experiment and no cohort. Its groups come from numbered items (`(1) ... (MCAO+PRO)`)
or from `Group 1 ... while groups 2, 3 and 4 received A, B and C, respectively`. Each group's
compound, dose, route and schedule are read from its own words only; what they leave out stays
None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractors.annotate import AnnotatedDocument
from extractors.primary.dosing import VEHICLE, dose_fields
from extractors.primary.flattened_tables import flattened_group_labels
from extractors.primary.group_forms import expand_doses, listed_groups, named_groups, table_group_labels
from extractors.primary.legend_groups import (
    alternative_groups,
    apply_panels,
    legend_n,
    panel_labels,
    parenthesised_groups,
)
from extractors.primary.roles import apply_model_roles, inducer_names
from extractors.primary.text import Sentence, doubling_rate, sentences
from extractors.quantities import NUMBER_WORDS
from extractors.scanning import lowered, may_hold, may_match

_K = r"(?P<k>\d+|" + "|".join(NUMBER_WORDS) + r")"
ALLOCATION = re.compile(
    r"(?:divided|assigned|allocated|randomi[sz]ed|distributed|separated|split|grouped|sorted)\b"
    r"[^.;]{0,40}?\b(?:into|to|in)\s+(?:the\s+following\s+)?"
    + _K
    + r"\s*(?:\(\d+\)\s*)?(?:[\w-]+\s+){0,2}?groups?\b"
    r"|(?:divided|assigned|allocated|randomi[sz]ed)\s+(?:in)?to\s+(?:the\s+)?(?:[\w+/-]+(?:\s*[+/]\s*[\w-]+)?(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)){1,7}[\w+/-]+(?:\s*[+/]\s*[\w-]+)?\s+groups\b"
    r"|\b"
    + _K.replace("k>", "k2>")
    + r"\s*(?:\(\d+\)\s*)?(?:[\w-]+\s+){0,2}?groups\s+(?:of\s+(?:\w+\s+)?(?:rats|mice|animals)\s+)?(?:\(n\s*=|of\s+\w+\b|were\s+(?:used|formed|studied))",
    re.I,
)
_PER_GROUP = [
    re.compile(
        r"\bn\s*=\s*(?P<lo>\d+)(?:\s*[-–]\s*(?P<hi>\d+))?(?:\s*/\s*group|\s*(?:per|for\s+each|in\s+each|each)\s+group|\s*\)|\s*(?:rats|mice|animals)\s+(?:per|in\s+each|each)\s+group)",
        re.I,
    ),
    re.compile(
        r"\bgroups\s+of\s+(?P<lo>\d+|"
        + "|".join(NUMBER_WORDS)
        + r")\b(?:\s*\(\d+\))?(?:\s+(?:rats|mice|animals|each))?",
        re.I,
    ),
    re.compile(
        r"\b(?P<lo>\d+|"
        + "|".join(NUMBER_WORDS)
        + r")\s*(?:\(\d+\)\s*)?(?:\w+\s+){0,2}?(?:rats|mice|animals)\s+(?:(?:were\s+)?used\s+)?(?:per|in\s+each|each|for\s+each)\s+group",
        re.I,
    ),
    re.compile(
        r"\beach\s+group\s+(?:comprised|consisted|contained|consisting|composed|had)\s+(?:of\s+)?(?P<lo>\d+|"
        + "|".join(NUMBER_WORDS)
        + r")\b",
        re.I,
    ),
    re.compile(
        r"\b(?:comprised|consisted|consisting|composed)\s+of\s+(?P<lo>\d+|"
        + "|".join(NUMBER_WORDS)
        + r")\s+(?:rats|mice|animals)\b",
        re.I,
    ),
]
_NUMBERED = re.compile(
    r"(?:(?<=\s)|^)\((?P<i>\d{1,2}|[ivx]{1,4}|[a-h])\)\s+|(?:(?<=\s)|^)(?P<j>\d)\)\s+", re.I
)
_GROUP_REF = re.compile(
    r"\b(?i:groups?)\s+(?P<ids>(?:[IVX]{1,4}|\d{1,2}|[A-H])\b(?:\s*(?:,|and|&|,\s*and)\s*(?:[IVX]{1,4}|\d{1,2}|[A-H])\b)*)"
)
_LABEL_PAREN = re.compile(r"\(([^()]{1,24})\)")


@dataclass
class Group:
    """One group of animals as the methods describe it; fields the text leaves out are None."""

    label: str
    description: str
    sentence: Sentence
    role: str = "other"
    fields: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # field -> the sentence it came from
    from_legends: bool = False  # named only by figure legends and a dosing sentence


def _int(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def per_group_n(text: str) -> tuple[int | None, int | None, int | None]:
    """Gives (n, n_min, n_max) per group from `n = 8 per group`, `groups of eight`, `n = 7-9`."""
    # Every pattern needs `=` or one of these words (in any case): most sentences hold none.
    if "=" not in text and not may_hold(text, ("group", "comprised", "consist", "compos")):
        return None, None, None
    for rx in _PER_GROUP:
        m = rx.search(text)
        if m:
            lo = _int(m.group("lo"))
            hi = m.groupdict().get("hi")
            if hi and int(hi) > lo:
                return None, lo, int(hi)
            return lo, lo, lo
    return None, None, None


def _split_top(text: str) -> list[str]:
    """Gives the text split on `,` / `and` outside parentheses."""
    parts, depth, cur = [], 0, ""
    tokens = re.split(r"(\(|\)|,\s*and\s+|,\s*|\s+and\s+)", text)
    for tok in tokens:
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        if depth == 0 and re.fullmatch(r",\s*and\s+|,\s*|\s+and\s+", tok or ""):
            parts.append(cur)
            cur = ""
        else:
            cur += tok or ""
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def role_of(text: str, *, has_compound: bool) -> str:
    """Gives the group's role from its own words (sham, naive, vehicle control, reference drug...)."""
    t = text.lower()
    if re.search(r"\bsham\b|sham-operated", t):
        return "sham"
    if re.search(r"positive\s+control|reference\s+(?:drug|standard)|standard\s+drug", t):
        return "positive_control"
    if re.search(r"\b(?:normal|healthy|non-?diabetic|intact)\b", t):
        return "drug_only" if has_compound and not VEHICLE.search(t) else "sham"
    if re.search(r"\bnaive\b|naïve", t):
        return "naive"
    if not has_compound or VEHICLE.search(t) or re.search(r"\bcontrol\b", t):
        return "model_control" if (has_compound is False or VEHICLE.search(t) or "control" in t) else "other"
    return "treatment"


def _label_of(item: str) -> str | None:
    first = re.split(r"(?<=[a-z)\]])\.\s+(?=[A-Z])", item, maxsplit=1)[0]
    found = [m.group(1).strip() for m in _LABEL_PAREN.finditer(first)]
    # A label is a short name, not a dose, route, number or list (`50 mg/kg`, `i.p.`, `n = 6`).
    found = [
        f
        for f in found
        if not re.search(r"\d\s*(?:mg|µg|g|ml|%|h\b)|^\d+$|=|\bi\.\w\.|\bp\.o\.", f, re.I)
        and len(f.split()) <= 3
    ]
    return found[-1] if found else None


def _numbered_groups(sents: list[Sentence], start: int) -> list[tuple[str | None, str, Sentence]]:
    """Gives (label, words, sentence) of `(1) ... (2) ...` items from the allocation sentence on."""
    block = sents[start].block
    tail = [s for s in sents[start:] if s.block == block][:12]
    joined, owners = "", []
    for s in tail:
        owners.append((len(joined), s))
        joined += s.text + " "
    marks = list(_NUMBERED.finditer(joined))
    # Items are numbered in order from the first: `(1) ... (2) ...`, `(i) ... (ii)`, `(a) ... (b)`.
    firsts = [
        i for i, m in enumerate(marks) if (m.group("i") or m.group("j") or "").lower() in ("1", "i", "a")
    ]
    if not firsts:
        return []
    marks = marks[firsts[0] :]
    if len(marks) < 2:
        return []
    out = []
    for a, b in zip(marks, [*marks[1:], None], strict=True):
        end = b.start() if b else min(len(joined), a.end() + 400)
        item = joined[a.end() : end]
        if b is None:  # the last item: its own first two sentences only
            item = " ".join(re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", item)[:2])
        owner = [s for off, s in owners if off <= a.start()][-1]
        out.append((_label_of(item), item.strip(), owner))
    return out


def _referenced_groups(sents: list[Sentence], start: int) -> list[tuple[str | None, str, Sentence]]:
    """Gives items of `Group 1 was ... while groups 2, 3 and 4 received A, B and C, respectively`."""
    out: list[tuple[str | None, str, Sentence]] = []
    seen: set[str] = set()
    window = sents[start : start + 8]
    # Sentences re-split on `. Capital`: the sentencizer cuts `MET (25 mg/kg, p.o.), GLI ...`.
    joined = re.sub(r"\b([A-H])\s+\1\b", r"\1", " ".join(s.text for s in window))
    for text in re.split(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])", joined):
        s = next((w for w in window if text[:30] in w.text or w.text[:30] in text), window[0])
        for clause in re.split(r"\b(?:while|whereas)\b|;", text):
            refs = list(_GROUP_REF.finditer(clause))
            if not refs:
                continue
            ids = list(dict.fromkeys(re.findall(r"[IVX]{1,4}|\d{1,2}|[A-H]", refs[0].group("ids"))))
            rest = clause[refs[0].end() :]
            if len(ids) == 1:
                items = [rest]
            elif "respectively" in clause:
                items = _split_top(re.sub(r",?\s*respectively,?", " ", rest))
                while len(items) > len(ids):  # `combined extracts of A and B (...)`: merge numberless parts
                    k = next((i for i, p in enumerate(items[:-1]) if not re.search(r"\d", p)), None)
                    if k is None:
                        break
                    items[k : k + 2] = [items[k] + " and " + items[k + 1]]
                if len(items) != len(ids):
                    continue
            else:
                items = [rest] * len(ids)
            for gid, words in zip(ids, items, strict=True):
                if gid in seen:
                    continue
                seen.add(gid)
                # The clause's shared words (`diabetic-induced rats in Groups`, `to serve as ... controls`)
                # help roles and label matching.
                context = (
                    clause[: refs[0].start()]
                    + " "
                    + words
                    + (" controls" if re.search(r"controls\b", clause) else "")
                )
                out.append((f"Group {gid}", context.strip(), s))
    return out


_ANIMAL_WORD = re.compile(
    r"\b(?:rats?|mice|mouse|animals|rabbits?|dogs?|pigs?|hamsters?|guinea|monkeys?|zebrafish|strain)\b", re.I
)
# The same words without the word bounds, over the lower-cased text: most sentences name no
# animal, and this says so many times faster (`scanning.lowered`).
_ANIMAL_HINT = lowered(re.compile(_ANIMAL_WORD.pattern.replace(r"\b", ""), re.I))


def _names_animals(text: str) -> bool:
    return may_match(_ANIMAL_HINT, text) and _ANIMAL_WORD.search(text) is not None


def _in_abstract(annotated: AnnotatedDocument, s: Sentence) -> bool:
    block = annotated.document.blocks[s.block]
    return "abstract" in block.section.lower() or block.text.lstrip().lower().startswith("abstract")


def find_allocation(sents: list[Sentence], annotated: AnnotatedDocument) -> int | None:
    """Gives the index of the sentence that allocates animals to groups, or None.

    The methods' sentence wins over the abstract's summary of it.
    """
    found = [
        i
        for i, s in enumerate(sents)
        # Every ALLOCATION match holds `group` (in any case, which lower() makes `group`):
        # most sentences do not, and `in` says so far faster than the pattern.
        if "group" in s.text.lower()
        and ALLOCATION.search(s.text)
        and (_names_animals(s.text) or (i > 0 and _names_animals(sents[i - 1].text)))
    ]
    body = [i for i in found if not _in_abstract(annotated, sents[i])]
    if not found:
        # No allocation sentence: a per-group animal count (`Eight animals were used per group`)
        # in the methods still says the paper has groups of animals.
        found = [
            i
            for i, s in enumerate(sents)
            if _names_animals(s.text)
            and per_group_n(s.text)[1] is not None
            and not _in_abstract(annotated, s)
        ]
        return found[0] if found else None
    return (body or found)[0]


def text_to_groups(annotated: AnnotatedDocument) -> tuple[list[Group], Sentence | None]:
    """Gives the groups of the paper's animal experiment and the allocation sentence (or [], None)."""
    sents = list(sentences(annotated))
    at = find_allocation(sents, annotated)
    if at is None:
        return [], None
    alloc = sents[at]
    k_match = ALLOCATION.search(alloc.text)
    if k_match is None:
        # Anchored on a per-group count: the groups are named around it, in that paragraph.
        at = next(i for i, s in enumerate(sents) if s.block == alloc.block)
    k_word = (k_match.group("k") or k_match.group("k2")) if k_match else None
    k = _int(k_word) if k_word else None
    legend: list[Any] = []
    n_text = " ".join(s.text for s in sents[at : at + 3])
    n, n_min, n_max = per_group_n(alloc.text)
    n_src = alloc.text
    if n is None and n_min is None:
        n, n_min, n_max = per_group_n(n_text)
        n_src = n_text
    items = (
        _numbered_groups(sents, at)
        or _referenced_groups(sents, at)
        or listed_groups(alloc, k)
        or named_groups(sents, at)
    )
    if not items:
        # The methods name no groups: the tables' group labels are the groups.
        first = next((s for s in sents if s.block == alloc.block), alloc)
        labels = table_group_labels(annotated.document.tables) or flattened_group_labels(
            annotated, doubling_rate(" ".join(b.text for b in annotated.document.blocks)) > 0.01
        )
        items = [(lab, lab, first) for lab in labels]
    own_n: dict[int, int] = {}
    if not items:
        # No table either: the groups of the figure legends and of the dosing sentence.
        body = [s for s in sents if not _in_abstract(annotated, s)]
        legend = parenthesised_groups(body) + _expand(alternative_groups(body))
        items = [(lab, words, sent) for lab, words, sent, _ in legend]
        own_n = {i: n for i, (*_, n) in enumerate(legend) if n is not None}
        n = n_min = n_max = None  # the anchor's n is one legend group's, not every group's
    else:
        items = expand_doses(items)
    inducers = inducer_names(annotated)
    dosing = [dose_fields(annotated, sent, words, inducers) for _, words, sent in items]
    if inducers and not any("compound" in f for f in dosing):
        # No group has any other compound: what the paper calls an inducer is what it tests.
        inducers = set()
        dosing = [dose_fields(annotated, sent, words) for _, words, sent in items]
    groups = []
    for i, (label, words, sent) in enumerate(items):
        fields = dosing[i]
        g = Group(label or f"Group {i + 1}", words, sent)
        # A dose or a route says something was given, even when the compound's name was not
        # recognised (`combined extracts of A and B (100 mg/kg each)`): such a group is treated.
        dosed = ("compound" in fields and not VEHICLE.search(fields.get("compound", ""))) or (
            ("dose_value" in fields or "route" in fields) and "compound" not in fields
        )
        g.role = role_of(words, has_compound=dosed)
        if g.role in ("sham", "naive"):
            # Sham and naive animals get no compound unless their own words dose one.
            fields = {
                k2: v
                for k2, v in fields.items()
                if "dose_value" in fields or k2 not in ("compound", "compound_id")
            }
        g.fields = fields
        g.sources = {f: sent.text for f in fields}
        g.sources["label"] = g.sources["role"] = sent.text
        if i in own_n:
            g.fields.update(n=own_n[i], n_min=own_n[i], n_max=own_n[i])
            g.sources["n"] = sent.text
        elif n is not None or n_min is not None:
            g.fields.update(n=n, n_min=n_min, n_max=n_max)
            g.sources["n"] = n_src
        groups.append(g)
    if k and len(groups) > k:
        groups = groups[:k]
    if legend:
        for g in groups:
            g.from_legends = True
        _legend_details(annotated, sents, groups, legend)
    apply_model_roles(groups, inducers, VEHICLE)
    return groups, alloc


def _expand(items: list[Any]) -> list[Any]:
    """Gives legend items one per dose (`X (25, 50 and 100 mg/kg)`), keeping each one's n."""
    return [(*item, n) for lab, words, sent, n in items for item in expand_doses([(lab, words, sent)])]


def _legend_details(
    annotated: AnnotatedDocument, sents: list[Sentence], groups: list[Group], legend: list[Any]
) -> None:
    """Gives legend groups without an n the n of the legend that names them, and each group the
    label of the lettered panel that names it (a control panel naming none is a group of its own)."""
    for g in groups:
        if g.fields.get("n") is None:
            vw = VEHICLE.search(g.description)
            found = legend_n(sents, [str(g.fields.get("compound") or ""), vw.group(0) if vw else ""])
            if found is not None:
                g.fields.update(n=found, n_min=found, n_max=found)
                g.sources["n"] = "figure legend"
    panels = panel_labels(sents)

    def make(label: str) -> Group:
        s = next(s for s in sents if label in s.text)
        g = Group(label, label, s, role_of(label, has_compound=False), from_legends=True)
        g.sources = {"label": s.text, "role": s.text}
        return g

    apply_panels(groups, panels, make)
