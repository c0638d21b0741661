"""Regex scans that try a pattern only where a match can start: `finditer`, found faster.

`re` scans for a pattern in C only up to a character that can start it when the pattern
opens with a character class; a pattern opening with an optional part or a lookbehind
(`QUANTITY`, `_DURATION`) is tried at every position of the text instead, which made those
scans most of the cost of tagging quantities. Here a small pattern that does open with a class
finds the positions a match can start at, and the full pattern is tried only there: the
matches are those of `pattern.finditer(text)`, one by one, since a match found at the
leftmost start is the one `finditer` finds and the scan goes on from its end as `finditer`
does.
"""

from __future__ import annotations

import re

# The characters other than their two ASCII cases that `re.IGNORECASE` matches to an ASCII
# letter (all of Unicode checked: tests/extractors/test_scanning.py).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # İ ı, the Kelvin sign, ſ


def any_case(letters: str) -> str:
    """Gives every character `re.IGNORECASE` matches to one of the ASCII letters, for a class."""
    out: set[str] = set()
    for c in letters.lower():
        out.update((c, c.upper(), *_FOLDS.get(c, "")))
    return "".join(sorted(out))


def scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str, lead: int = 0) -> list[re.Match[str]]:
    """Gives the matches of `pattern.finditer(text)` (none may be empty), trying it only at starts.

    `starts` must open with a character class and find every position the pattern can match
    at (but 0, always tried when `lead` is set) as the start of its group 1, `lead`
    characters after the start of its match (the character before a word, say); the next
    start is looked for from the end of its match.
    """
    out: list[re.Match[str]] = []
    pos = 0
    if lead and text:
        m = pattern.match(text, 0)
        if m is not None:
            out.append(m)
            pos = m.end()
    while True:
        s = starts.search(text, max(pos - lead, 0))
        if s is None:
            return out
        m = pattern.match(text, s.start(1))
        if m is not None:
            out.append(m)
            pos = m.end()
        else:
            pos = s.end()


_UNFOLDED = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ: lower() does not make them i, i, s
# In a lowered pattern: escapes of classes that lower() maps onto themselves (\s, \w, \d, \b)
# and of punctuation; named groups; any other ASCII but inline flags and backreferences.
_SOURCE_PART = re.compile(r"\\[swdb!-/:-@\[-`{-~]|\(\?P<\w+>|\(\?[:=!]|\(\?<[=!]|[^\\(]|\((?!\?)")


def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""Gives a case-insensitive ASCII pattern lower-cased and case-sensitive: searched in
    lower-cased text (`may_match`), it matches where the pattern matches in the text, and `re`
    scans for it many times faster than for an any-case alternation.

    Every character but İ, ı and ſ lower-cases to one character of the same classes (`\w`,
    `\s`, `\d`), and to an ASCII letter only from the characters `re.IGNORECASE` matches to
    it (tests/extractors/test_scanning.py checks all of Unicode), so each part of the pattern
    takes the same characters either way.
    """
    source = pattern.pattern
    parts = _SOURCE_PART.findall(source)
    if not pattern.flags & re.IGNORECASE or not source.isascii() or "".join(parts) != source:
        raise ValueError(f"not a case-insensitive ASCII pattern lowered() can read: {source!r}")
    return re.compile("".join(p if p.startswith(("\\", "(?P<")) else p.lower() for p in parts))


def may_match(low: re.Pattern[str], text: str) -> bool:
    """Tells whether the any-case pattern `low` was lowered from may match in the text: False
    only when it cannot (every letter `re.IGNORECASE` matches to a pattern letter lower-cases to
    it, but for İ, ı and ſ, which make this say True)."""
    return _UNFOLDED.search(text) is not None or low.search(text.lower()) is not None


def may_hold(text: str, needles: tuple[str, ...]) -> bool:
    """Tells whether the text may hold one of the lower-case needles in any case, as
    `re.IGNORECASE` reads case: False only when it holds none (İ, ı and ſ make it True)."""
    if _UNFOLDED.search(text) is not None:
        return True
    low = text.lower()
    return any(n in low for n in needles)


def any_case_finditer(pattern: re.Pattern[str], low: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Gives the matches of `pattern.finditer(text)` (`low` is `lowered(pattern)`), found in
    the lower-cased text unless the text holds İ, ı or ſ: the same spans and groups (each part
    of `low` takes the lower case of the characters the part of `pattern` takes), but the
    matches' string is then the lower-cased text: read positions from them, words from `text`.
    """
    if _UNFOLDED.search(text) is not None:
        return list(pattern.finditer(text))
    return list(low.finditer(text.lower()))


def any_case_search(pattern: re.Pattern[str], low: re.Pattern[str], text: str) -> bool:
    """Tells whether `pattern.search(text)` finds a match (`low` is `lowered(pattern)`),
    searching the lower-cased text unless the text holds İ, ı or ſ (`any_case_finditer`)."""
    if _UNFOLDED.search(text) is not None:
        return pattern.search(text) is not None
    return low.search(text.lower()) is not None
