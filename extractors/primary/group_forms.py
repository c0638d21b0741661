"""More ways methods name their groups, beside numbered items and `Group 1 ... Group 2`.

- a list after the allocation: `divided into three groups: sham, vehicle and rutin (50 mg/kg)`,
  `into sham, MCAO and MCAO + X groups`;
- groups named in their own sentences: `The vehicle group received saline`, `In the sham group, ...`;
- one compound at several doses: `rutin (25, 50 or 100 mg/kg)` is one group per dose.
Each gives (label, words, sentence) items as `groups.py` reads them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.quantities import find_quantities

if TYPE_CHECKING:
    from extractors.document import Table
    from extractors.primary.text import Sentence

Item = tuple["str | None", str, "Sentence"]
_LIST_AFTER = re.compile(r"groups?\s*(?:\([^)]*\)\s*)?(?:as\s+follows)?\s*:\s*(?P<list>.+)$", re.I)
_LIST_BEFORE = re.compile(
    r"\b(?:in)?to\s+(?:the\s+)?(?P<list>[^.;:]+?(?:,|\s+and\s+|\s+or\s+)[^.;:]+?)\s+groups\b", re.I
)
_NAMED = re.compile(
    r"(?:\b[Ii]n\s+the\s+|\bThe\s+|\bthe\s+|\bA\s+|\ba\s+|^)(?P<name>[A-Za-z][\w+/-]*(?:\s*[+/]\s*[\w-]+)?(?:\s+[\w+/-]+){0,2}?)\s+group\s*"
    r"(?:\([^)]{1,20}\)\s*)?(?:,\s*|\s+)(?P<verb>received|was\s+(?:given|treated|injected|administered|dosed|fed)|were\s+(?:given|treated|injected|administered)|rats\s+(?:received|were)|mice\s+(?:received|were)|animals\s+(?:received|were))"
)
_SHORT = re.compile(r"^[^()]{1,40}$")
_NOT_GROUP = re.compile(
    r"^(?:each|every|all|one|two|three|four|five|six|seven|eight|nine|ten|this|that|each\s+treatment|other|same|following|control\s+and)$",
    re.I,
)


def _label(item: str) -> str:
    """Gives the leading words of a list item, without its parenthesis (`rutin (50 mg/kg)` -> `rutin`)."""
    return re.split(r"\s*\(", item, maxsplit=1)[0].strip(" ,;.")


def split_items(text: str) -> list[str]:
    """Gives the items of a list split on `,`, `;`, `and`, `or` outside parentheses."""
    parts, depth, cur = [], 0, ""
    for tok in re.split(r"(\(|\)|;|,\s*and\s+|,\s*or\s+|,\s*|\s+and\s+|\s+or\s+)", text):
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        if depth == 0 and tok and re.fullmatch(r";|,\s*and\s+|,\s*or\s+|,\s*|\s+and\s+|\s+or\s+", tok):
            parts.append(cur)
            cur = ""
        else:
            cur += tok or ""
    parts.append(cur)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def listed_groups(alloc: Sentence, k: int | None) -> list[Item]:
    """Gives the groups an allocation sentence lists (`groups: sham, vehicle and X`)."""
    m = _LIST_AFTER.search(alloc.text) or _LIST_BEFORE.search(alloc.text)
    if not m:
        return []
    items = [p for p in split_items(m.group("list")) if _SHORT.match(_label(p)) and _label(p)]
    if len(items) < 2 or (k is not None and len(items) != k):
        return []
    if any(len(_label(p).split()) > 5 for p in items):
        return []
    return [(_label(p), p, alloc) for p in items]


def named_groups(sents: list[Sentence], start: int) -> list[Item]:
    """Gives groups named in the sentences after the allocation (`The vehicle group received ...`)."""
    out: list[Item] = []
    seen: set[str] = set()
    for s in sents[start : start + 10]:
        for m in _NAMED.finditer(s.text):
            name = m.group("name").strip()
            if _NOT_GROUP.match(name) or name.lower() in seen:
                continue
            seen.add(name.lower())
            end = s.text.find(";", m.end())
            out.append((name, s.text[m.start("name") : end if end > 0 else len(s.text)], s))
    return out if len(out) >= 2 else []


def expand_doses(items: list[Item]) -> list[Item]:
    """Gives one item per dose of an item that lists several (`X (25, 50 or 100 mg/kg)`)."""
    out: list[Item] = []
    for label, words, sent in items:
        doses = [
            q for q in find_quantities(words) if q.kind == "DOSE" and len(q.values) > 1 and not q.is_range
        ]
        if len(doses) != 1:
            out.append((label, words, sent))
            continue
        q = doses[0]
        for v in q.values:
            one = words[: q.start] + f"{v:g} {q.unit}" + words[q.end :]
            out.append((f"{label} {v:g}" if label else None, one, sent))
    return out


_ROLE_WORD = re.compile(
    r"\b(?:control|sham|vehicle|saline|normal|naive|naïve|model|treated|untreated|group)\b|\d\s*(?:mg|µg|g|ml)\s*/",
    re.I,
)


def table_group_labels(tables: list[Table]) -> list[str]:
    """Gives group labels of a table whose rows (or columns) are groups, when the methods named none.

    Rows (or columns) count as groups when at least two of them carry `mean ± error` cells
    and at least one label says it is a group (`Control`, `Vehicle`, a dose).
    """
    from extractors.primary.values import parse_value

    for table in tables:
        rows = [r for r in table.rows if r and r[0].text.strip()]
        by_row = [r[0].text.strip() for r in rows if any(parse_value(c.text) for c in r[1:])]
        if len(by_row) >= 2 and any(_ROLE_WORD.search(x) for x in by_row) and len(set(by_row)) == len(by_row):
            return by_row
        headers = table.header_texts()
        by_col = [
            h.strip()
            for c, h in enumerate(headers)
            if h.strip() and any(len(r) > c and parse_value(r[c].text) for r in table.rows)
        ]
        if len(by_col) >= 2 and any(_ROLE_WORD.search(x) for x in by_col) and len(set(by_col)) == len(by_col):
            return by_col
    return []
