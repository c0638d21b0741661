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
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}

# `IFN- $\gamma$ ,` as written by PDF-to-Markdown converters: the maths is a lone Greek
# letter, often with spaces around it that were not in the original typography.
_LATEX_GREEK = re.compile(r"\$\s*\\(?P<g>" + "|".join(GREEK) + r")\s*\$")
_GREEK_CHARS = "".join(GREEK.values())
# The spaces converters put around the maths: `IFN- γ ,` -> `IFN-γ,`.
_GREEK_SPACING = re.compile(rf"(?<=-)[ \t]+(?=[{_GREEK_CHARS}])|(?<=[{_GREEK_CHARS}])[ \t]+(?=[,.;:)\]])")
_SOFT_HYPHEN = re.compile("\u00ad")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(slots=True)
class MappedText:
    """Text plus, per character, the offset in the original it came from."""

    text: str
    offsets: list[int]  # start in the original of each character, plus one entry for the end
    ends: list[int]  # end in the original of each character (a replacement spans its source)

    @classmethod
    def identity(cls, text: str, base: int = 0) -> MappedText:
        """Gives text mapped onto itself, starting at original offset `base`."""
        return cls(text, list(range(base, base + len(text) + 1)), list(range(base + 1, base + len(text) + 1)))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Gives the original offsets of characters start:end."""
        return span_offsets(self.offsets, self.ends, start, end)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> MappedText:
        """Gives the text with every match replaced; replaced characters map to the match."""
        parts: list[str] = []
        offs: list[int] = []
        ends: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            parts.append(self.text[pos : m.start()])
            offs.extend(self.offsets[pos : m.start()])
            ends.extend(self.ends[pos : m.start()])
            new = repl(m)
            parts.append(new)
            # Every character of a replacement spans the whole original construct, so a
            # span that covers it covers `$\gamma$`, not half of it.
            src_start, src_end = self.original_span(m.start(), m.end())
            offs.extend([src_start] * len(new))
            ends.extend([src_end] * len(new))
            pos = m.end()
        if not parts:
            return self
        parts.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(parts), offs, ends)

    def unwrap(self, pattern: re.Pattern[str], group: int | str = 1) -> MappedText:
        """Gives the text with every match replaced by one of its groups, offsets kept exact.

        Unlike `sub`, the kept characters keep their own offsets: `**IL-6**` -> `IL-6`
        maps to the original `IL-6`, not to the asterisks around it.
        """
        pieces: list[MappedText] = []
        pos = 0
        for m in pattern.finditer(self.text):
            pieces.append(self.slice(pos, m.start()))
            if m.start(group) != -1:
                pieces.append(self.slice(m.start(group), m.end(group)))
            pos = m.end()
        if not pieces:
            return self
        pieces.append(self.slice(pos, len(self.text)))
        return MappedText(
            "".join(p.text for p in pieces),
            [o for p in pieces for o in p.offsets[:-1]] + [self.offsets[-1]],
            [e for p in pieces for e in p.ends],
        )

    def slice(self, start: int, end: int) -> MappedText:
        """Gives characters start:end with their offsets."""
        return MappedText(self.text[start:end], self.offsets[start : end + 1], self.ends[start:end])

    def strip(self) -> MappedText:
        """Gives the text without leading and trailing whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))


def span_offsets(offsets: list[int], ends: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Gives the original (start, end) of characters start:end of a mapped text."""
    if ends is not None and end > start:
        return offsets[start], ends[end - 1]
    return offsets[start], offsets[end]


def latex_greek_to_unicode(mt: MappedText) -> MappedText:
    """Gives `IFN- $\\gamma$ ,` as `IFN-γ,`, keeping the hyphen that joins it to its word."""
    if "$" not in mt.text:
        return mt
    mt = mt.sub(_LATEX_GREEK, lambda m: GREEK[m.group("g")])
    return mt.sub(_GREEK_SPACING, lambda m: "")


def decode_entities(mt: MappedText) -> MappedText:
    """Gives the text with HTML character references (`&amp;`, `&#947;`) decoded."""
    return mt.sub(_ENTITY, lambda m: html.unescape(m.group(0)))


def remove_soft_hyphens(mt: MappedText) -> MappedText:
    """Gives the text without soft hyphens, which only mark where a word may break."""
    return mt.sub(_SOFT_HYPHEN, lambda m: "")


_NON_NFC = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


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
