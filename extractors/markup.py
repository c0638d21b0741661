"""Inline Markdown and stray HTML turned into plain text, offsets kept.

Vendor guides converted from web pages mix Markdown (`**bold**`, `[text](#)`, `\\[7\\]`) with
raw HTML (`<a href="#">[7]</a>`, `<sup>[2]</sup>`). A curator reads the text, not the markup,
so every extractor works on the plain text; the offsets still point into the original.
"""

from __future__ import annotations

import re

from extractors.normalise import MappedText, normalise

# Possessive, and nested brackets hold no `[`: the escaped-bracket and any-character
# alternatives both matched a backslash, so `\[\[\[...` backtracked quadratically (2,000: 5 s).
_IMAGE = re.compile(r"!\[((?:\\\]|[^\]])*+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[((?:\\\]|\\\[|[^\]\[]|\[[^\]\[]*\])*+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*+(?:\s[^<>]*+)?/?>")
# Whole elements whose content is never document text.
_DROP_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# Bold runs at most 2,000 characters: from each `**` the lazy scan ran to the end of the block.
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,2000}?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\n")


def markdown_inline_to_text(mt: MappedText) -> MappedText:
    """Gives the plain text of one Markdown block: links, emphasis, tags and escapes removed."""
    # Each pattern is scanned for only when the characters every match of it holds are in the
    # text (most blocks hold no tag, link or escape): a scan that finds nothing changes nothing.
    if "<" in mt.text:
        mt = mt.sub(_DROP_ELEMENT, lambda m: "")
    if "![" in mt.text:
        mt = mt.unwrap(_IMAGE, 1)
    # Links can hold links' text with brackets (`[\[7\]](#)`), so strip until stable.
    for _ in range(3 if "](" in mt.text else 0):
        new = mt.unwrap(_LINK, 1)
        if new.text == mt.text:
            break
        mt = new
    if "<" in mt.text:
        mt = mt.sub(_TAG, lambda m: "")
    if "**" in mt.text or "__" in mt.text:
        mt = mt.unwrap(_STRONG, 2)
    if "*" in mt.text:
        mt = mt.unwrap(_EM, 1)
    if "\\" in mt.text:
        mt = mt.unwrap(_ESCAPE, 1)
    mt = normalise(mt)
    mt = mt.sub(_SPACES, lambda m: " ")
    return mt.strip()
