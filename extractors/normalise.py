"""Text normalisation that keeps meaning and keeps the way back to the original.

Every rewrite goes through `MappedText`, which carries, for each character of the rewritten
text, the offset of the character it came from in the original. Offsets of an extracted span
therefore always point into the source as the curator sees it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip

# `IFN- $\gamma$ ,` as written by PDF-to-Markdown converters: the maths is a lone Greek
# letter, often with spaces around it that were not in the original typography.
_LATEX_GREEK = re.compile(
    r"(?P<hy>-)?[ \t]*\$\s*\\(?P<g>" + "|".join(GREEK) + r")\s*\$(?:[ \t](?=[,.;:)\]]))?"
)
_SOFT_HYPHEN = re.compile("\u00ad")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(slots=True)
class MappedText:
    """Text plus, per character, the offset in the original it came from."""

    text: str
    offsets: list[int]  # len(text) + 1 entries; the last is the end offset

    @classmethod
    def identity(cls, text: str, base: int = 0) -> MappedText:
        """Gives text mapped onto itself, starting at original offset `base`."""
        return cls(text, list(range(base, base + len(text) + 1)))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> MappedText:
        """Gives the text with every match replaced; replaced characters map to the match."""
        parts: list[str] = []
        offs: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            parts.append(self.text[pos : m.start()])
            offs.extend(self.offsets[pos : m.start()])
            new = repl(m)
            parts.append(new)
            # Every character of a replacement points at the start of what it replaced:
            # a span that covers it covers the whole original construct.
            offs.extend([self.offsets[m.start()]] * len(new))
            pos = m.end()
        if not parts:
            return self
        parts.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        return MappedText("".join(parts), offs)

    def slice(self, start: int, end: int) -> MappedText:
        """Gives characters start:end with their offsets."""
        return MappedText(self.text[start:end], self.offsets[start : end + 1])

    def strip(self) -> MappedText:
        """Gives the text without leading and trailing whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))


def latex_greek_to_unicode(mt: MappedText) -> MappedText:
    """Gives `IFN- $\\gamma$ ,` as `IFN-γ,`, keeping the hyphen that joins it to its word."""
    return mt.sub(_LATEX_GREEK, lambda m: (m.group("hy") or "") + GREEK[m.group("g")])


def decode_entities(mt: MappedText) -> MappedText:
    """Gives the text with HTML character references (`&amp;`, `&#947;`) decoded."""
    return mt.sub(_ENTITY, lambda m: html.unescape(m.group(0)))


def remove_soft_hyphens(mt: MappedText) -> MappedText:
    """Gives the text without soft hyphens, which only mark where a word may break."""
    return mt.sub(_SOFT_HYPHEN, lambda m: "")


_NON_NFC = re.compile(r"[^\x00-\x7f]+")


def to_nfc(mt: MappedText) -> MappedText:
    """Gives the text in Unicode NFC; only non-ASCII runs can change, so only they are mapped."""
    if unicodedata.is_normalized("NFC", mt.text):
        return mt
    return mt.sub(_NON_NFC, lambda m: unicodedata.normalize("NFC", m.group(0)))


_LINEBREAK_HYPHEN = re.compile(r"(?<=[a-z])-\n[ \t]*(?=[a-z])")


def undo_linebreak_hyphenation(mt: MappedText) -> MappedText:
    """Gives `inflam-\\nmation` as `inflammation` (lower-case both sides, so `IL-\\n6` stays)."""
    return mt.sub(_LINEBREAK_HYPHEN, lambda m: "")


def normalise(mt: MappedText) -> MappedText:
    """Gives the text with every meaning-keeping normalisation applied, offsets kept."""
    for step in (decode_entities, remove_soft_hyphens, latex_greek_to_unicode, to_nfc):
        mt = step(mt)
    return mt


def normalise_text(text: str) -> str:
    """Gives normalised text alone, for strings whose offsets nobody needs (table captions)."""
    return normalise(MappedText.identity(text)).text
