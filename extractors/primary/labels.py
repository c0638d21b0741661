"""Matching a table's group label (`MCAO+PRO`, `I/R + vehicle`, `DGL`, `Sham`) to a methods group.

No list of labels: a label is split into tokens, and each token is covered by pieces of the
group's own words: the whole word, its first three or more letters (`PRO` of `propofol`,
`VEH` of `vehicle`), an upper-case short form the words contain (`GL`), or the initial of a
content word (`D` of `diabetic`, `C` of `control`). The group whose words cover the label
best, with the fewest of its own short forms left over, is the match; a tie is no match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

_SPLIT = re.compile(r"[\s+/&,;:()\-–]+")
_STOP = {
    "the",
    "and",
    "with",
    "were",
    "was",
    "rats",
    "mice",
    "animals",
    "group",
    "groups",
    "treated",
    "received",
    "given",
    "used",
    "serve",
    "into",
    "from",
    "each",
    "body",
    "weight",
    "dose",
}


def norm_label(text: str) -> str:
    """Gives a label with case, spaces and joining signs evened out (`MCAO + Pro` -> `MCAO+PRO`)."""
    return re.sub(r"\s+", "", text.upper().replace("＋", "+"))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", text)]


def _cover(
    token: str, words: list[str], df: dict[str, int] | None = None, n_groups: int = 1
) -> tuple[int, set[str]] | None:
    """Gives (weight, short forms used) of the best cover of the token by pieces of words, or None.

    An initial of a word every group shares (`diabetic`) weighs less than one of a word
    only this group has (`insulin`).
    """
    caps = {w for w in words if re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", w)}
    lower = [w.lower() for w in words if w.lower() not in _STOP]
    t = token

    @cache
    def best(i: int) -> tuple[int, frozenset[str]] | None:
        if i == len(t):
            return 0, frozenset()
        options: list[tuple[int, frozenset[str]]] = []
        for j in range(len(t), i, -1):
            piece = t[i:j]
            rest = best(j)
            if rest is None:
                continue
            pl = piece.lower()
            if piece in caps:
                options.append((rest[0] + 3 * len(piece), rest[1] | {piece}))
            elif len(piece) >= 3 and any(w.startswith(pl) for w in lower):
                options.append((rest[0] + 2 * len(piece), rest[1]))
            elif len(piece) == 1 and any(w.startswith(pl) and len(w) >= 4 for w in lower):
                counts = [(df or {}).get(w, 1) for w in lower if w.startswith(pl) and len(w) >= 4]
                weight = 3 if min(counts) == 1 and n_groups > 1 else (1 if min(counts) >= n_groups else 2)
                options.append((rest[0] + weight, rest[1]))
        return max(options, key=lambda o: o[0]) if options else None

    got = best(0)
    return (got[0], set(got[1])) if got else None


def match_label(label: str, groups: Sequence[tuple[str, str]]) -> int | None:
    """Gives the index of the (label, words) group a table label names, or None.

    An exact label wins; else every token of the label must be covered by the group's words.
    """
    n = norm_label(label)
    if not n or len(n) > 40:
        return None
    exact = [i for i, (lab, _) in enumerate(groups) if norm_label(lab) == n]
    if len(exact) == 1:
        return exact[0]
    tokens = [t for t in _SPLIT.split(label.strip()) if t]
    if not tokens or len(tokens) > 5:
        return None
    scored: list[tuple[float, int]] = []
    bags = [{w.lower() for w in _words(lab + " " + words)} for lab, words in groups]
    df: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            df[w] = df.get(w, 0) + 1
    for i, (lab, words) in enumerate(groups):
        ws = _words(lab + " " + words)
        caps = {w for w in ws if re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", w)}
        total, used = 0, set()
        for tok in tokens:
            c = _cover(tok, ws, df, len(groups))
            if c is None:
                break
            total += c[0]
            used |= c[1]
        else:
            scored.append((total - 2 * len(caps - used - set(tokens)), i))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]
