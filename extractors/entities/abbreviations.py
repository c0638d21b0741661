"""Abbreviations defined in the text: `collagen-induced arthritis (CIA)` -> CIA.

A simplified Schwartz & Hearst (2003) matcher: the short form in parentheses must be 2-10
characters with a capital letter, and its characters must be found, right to left, in the
words before the parenthesis, the first one starting a word.
"""

from __future__ import annotations

import re

_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9-]{1,9}s?)\)")


def _match_long_form(short: str, words: list[str]) -> str | None:
    """Gives the shortest run of trailing words whose letters spell the short form."""
    sf = [c.lower() for c in short.rstrip("s") if c.isalnum()]
    if not sf:
        return None
    max_words = min(len(words), len(sf) + 5)
    for n in range(1, max_words + 1):
        candidate = " ".join(words[-n:])
        if (
            _spells(sf, candidate.lower())
            and candidate[0].lower() == sf[0]
            and n >= len([c for c in sf if c.isalpha()]) // 2
        ):
            return candidate
    return None


def _spells(sf: list[str], lf: str) -> bool:
    """Tells whether the short form's characters occur in order in the long form (S&H)."""
    li = len(lf) - 1
    for si in range(len(sf) - 1, -1, -1):
        c = sf[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def find_abbreviations(text: str) -> dict[str, str]:
    """Gives short form -> long form for every definition found in the text."""
    found: dict[str, str] = {}
    for m in _DEFINITION.finditer(text):
        short = m.group(1)
        if not any(c.isupper() for c in short) or short.lower() in ("ie", "eg", "fig", "see"):
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        before = re.split(r"[.;:()\[\]]\s", before)[-1]
        words = re.findall(r"[\w/-]+", before)
        long = _match_long_form(short, words)
        if long and short not in found:
            found[short] = long
    return found
