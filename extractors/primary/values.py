"""Group-level values as papers print them: `12.3 ± 1.1a`, `12.3±1.1*`, `12.3 (1.1)`, `12.3 + 1.1`.

Pure functions over strings. A value is a mean and its error, exactly as printed (no unit
conversion); significance marks (`*`, `†`, `a`, `,b,c`) after either number are dropped. The
error's kind (SD, SEM...) is not in the cell: `error_type_of` reads it from the caption,
footnotes or statistics paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[-−]?\d+(?:[.·]\d+)?"
# Marks printed after a number: letters a-h (not a unit), asterisks, daggers, commas.
_MARKS = r"(?:[\s,]*(?:[*†‡§¶#]+|[a-h](?![a-z])))*"
_PM = r"(?:±|\+/-|\+/−|\+-|\+)"
# Between a mean and its error (and, after a line break, before the `±`) a PDF text layer
# may put marks, a line break, a group label
# of a linearised table (`6.50± DC c 0.01*`): at most a few non-digit characters.
_GAP = r"[^\d±()\[\]=<>%]{0,14}?"

VALUE = re.compile(
    rf"(?<![\w.])(?P<mean>{_NUM}){_MARKS}(?P<gap0>\s*\n[^\d±\n]{{0,8}}?)?\s*{_PM}(?P<gap>{_GAP})(?P<error>\d+(?:[.·]\d+)?)(?![\d.]*\d)"
    rf"(?P<marks>{_MARKS})"
)
_PAREN_VALUE = re.compile(
    rf"^\s*(?P<mean>{_NUM}){_MARKS}\s*\(\s*(?P<error>\d+(?:[.·]\d+)?)\s*\)(?P<marks>{_MARKS})\s*$"
)


@dataclass(frozen=True, slots=True)
class Value:
    """A mean and its error found at start:end of a text; `gap` is what was printed between."""

    start: int
    end: int
    mean: float
    error: float
    text: str
    gap: str = ""


def _num(s: str) -> float:
    return float(s.replace("−", "-").replace("·", "."))


def find_values(text: str, *, allow_plus: bool = False) -> list[Value]:
    """Gives every `mean ± error` in the text.

    A bare `+` counts as `±` only with `allow_plus` (table cells of a paper that prints it
    so), never in prose, where `5 + 3 rats` is a sum.
    """
    out = []
    for m in VALUE.finditer(text):
        sign = text[m.end("mean") : m.start("gap")]
        if m.group("gap0") and re.search(r"[a-z]{2}", m.group("gap0")):
            continue  # only marks or a group label may stand between a mean and its `±`
        if (
            "±" not in sign
            and "/" not in sign
            and not (allow_plus and not re.search(r"[A-Za-z]", m.group("gap")))
        ):
            continue
        start, mean = m.start(), _num(m.group("mean"))
        # A PDF text layer may split a number's last digits off (`6.1 1 ± 0.02` is 6.11).
        split = re.search(r"(?<![\w.])(\d+\.\d+) $", text[: m.start()])
        if split and re.fullmatch(r"\d{1,2}", m.group("mean")):
            start, mean = split.start(1), _num(split.group(1) + m.group("mean"))
        out.append(
            Value(start, m.end("error"), mean, _num(m.group("error")), text[start : m.end()], m.group("gap"))
        )
    return out


def parse_value(text: str) -> Value | None:
    """Gives the value of a table cell holding one `mean ± error` or `mean (error)`, else None."""
    m = _PAREN_VALUE.match(text)
    if m:
        return Value(m.start("mean"), m.end("error"), _num(m.group("mean")), _num(m.group("error")), text)
    found = find_values(text, allow_plus=True)
    if len(found) != 1:
        return None
    rest = (text[: found[0].start] + text[found[0].end :]).strip()
    # Whatever is left must be marks, not another number or words.
    if re.sub(rf"^{_MARKS}$", "", rest) and not re.fullmatch(r"[\s*†‡§¶#,a-h]*", rest):
        return None
    return found[0]


_ERROR_TYPES: list[tuple[str, str]] = [
    (r"s\.?\s?e\.?\s?m\.?|standard\s+errors?(?:\s+of\s+(?:the\s+)?means?)?|\bs\.?e\.?\b", "SEM"),
    (r"\bs\.?d\.?\b|standard\s+deviations?", "SD"),
    (r"95\s?%\s*(?:CI|confidence\s+intervals?)", "CI95"),
    (r"\bIQR\b|interquartile\s+range", "IQR"),
]
_ERROR_RES = [(re.compile(p, re.I), name) for p, name in _ERROR_TYPES]
_MEAN_CONTEXT = re.compile(r"mean|average|±|\+\s*/?\s*-|values|data|results", re.I)


def error_type_of(text: str) -> str | None:
    """Gives SD, SEM, CI95 or IQR when the text says what its `±` is (`mean ± SEM`), else None.

    Only a statement about means counts (`Values are mean ± SD`), not `SD rats`.
    """
    best: tuple[int, str] | None = None
    for rx, name in _ERROR_RES:
        for m in rx.finditer(text):
            window = text[max(0, m.start() - 40) : m.end() + 10]
            if name == "SD" and re.search(r"sprague|dawley", window, re.I):
                continue
            if _MEAN_CONTEXT.search(window) and (best is None or m.start() < best[0]):
                best = (m.start(), name)
    return best[1] if best else None


_N_RE = re.compile(
    r"\b[nN]\s*(?:=\s*)+(?P<lo>\d+)(?:\s*(?:[-–—]|to)\s*(?P<hi>\d+))?"
    r"|(?:of|from|in|using)\s+(?P<lo2>\d+)(?:\s*(?:[-–—]|to)\s*(?P<hi2>\d+))?\s+(?:animals|rats|mice|per\s+group)"
)


def n_of(text: str) -> tuple[int | None, int | None, int | None]:
    """Gives (n, n_min, n_max) of `n = 8`, `n = 6-10`, `of 6–10 animals`; Nones when absent.

    A single n gives n = n_min = n_max; a range gives n None.
    """
    m = _N_RE.search(text)
    if not m:
        return None, None, None
    lo = int(m.group("lo") or m.group("lo2"))
    hi_s = m.group("hi") or m.group("hi2")
    if hi_s and int(hi_s) > lo:
        return None, lo, int(hi_s)
    return lo, lo, lo
