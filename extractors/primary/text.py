"""Sentences of an annotated Document, with a repair for PDF text layers that double letters.

Some PDF producers draw a word's first letter twice, once alone (`t treated w with`,
`WiWistar`, `difffferent`); the text layer then reads that way. `repair` undoes the artefact
only when a document shows it often, so clean text is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extractors.annotate import AnnotatedDocument
from extractors.entities.components import doc_text

# Upper-case `A` and `I` stand alone as words and group names (`Groups A and F`); `a` is
# handled on its own, since the article is never followed by a word starting with `a`.
_SINGLE_DOUBLED = re.compile(r"(?<![\w.(])([B-HJ-Zb-z])\s+(?=(?i:\1)[a-z])")
_PAIR_DOUBLED = re.compile(r"\b([A-Z][a-z])(?=\1[a-z])")
_FF = re.compile(r"f{3,}")


_MATHEMATICAL = re.compile("[\U0001d400-\U0001d7ff]")


def plain(text: str) -> str:
    """Gives the text with mathematical letters and digits (`𝑛=6`, as PDFs set them) as ASCII."""
    if _MATHEMATICAL.search(text) is None:
        return text
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\U0001d400" <= ch <= "\U0001d7ff" else ch for ch in text
    )


def doubling_rate(text: str) -> float:
    """Gives the share of words that look like a doubled first letter (`t treated`)."""
    words = max(1, len(text.split()))
    hits = sum(1 for m in _SINGLE_DOUBLED.finditer(text) if m.group(1).lower() == text[m.end()].lower())
    return hits / words


def repair(text: str) -> str:
    """Gives the text with doubled first letters removed (`w with` -> `with`, `WiWistar` -> `Wistar`)."""
    text = _SINGLE_DOUBLED.sub("", text)
    text = re.sub(r"\(\s+\(", "(", text)
    text = _PAIR_DOUBLED.sub("", text)
    text = _FF.sub("ff", text)
    text = re.sub(r"\b([A-Z])\s+\1\b", r"\1", text)  # `Groups B B, C, D D`
    # `a and`, `a as`: the article `a` is never followed by a word starting with a vowel.
    return re.sub(r"(?<![\w.])a\s+(?=[aA][a-z])", "", text)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a block: its text (repaired when the document needs it) and its Span."""

    block: int
    span: Span
    text: str
    section: str


def sentences(annotated: AnnotatedDocument) -> Iterator[Sentence]:
    """Gives every sentence of the paragraph and list blocks, in reading order."""
    # Found once per document: most primary extractors read them all (Sentence is frozen).
    found = annotated.views.get("primary_sentences")
    if found is None:
        found = annotated.views["primary_sentences"] = tuple(_sentences(annotated))
    return iter(found)


def _sentences(annotated: AnnotatedDocument) -> Iterator[Sentence]:
    doc = annotated.document
    whole = " ".join(b.text for b in doc.blocks)
    fix = doubling_rate(whole) > 0.01
    for i, (block, sdoc) in enumerate(zip(doc.blocks, annotated.blocks, strict=True)):
        if block.kind not in ("paragraph", "list_item", "caption", "other"):
            continue
        sdoc_text = doc_text(sdoc)  # sliced: `Span.text` makes a Token per word
        for sent in sdoc.sents:
            text = plain(sdoc_text[sent.start_char : sent.end_char].strip())
            if text:
                yield Sentence(i, sent, repair(text) if fix else text, block.section)


def block_doc(annotated: AnnotatedDocument, index: int) -> Doc:
    """Gives the spaCy Doc of block `index`."""
    return annotated.blocks[index]


def _abstract_blocks(annotated: AnnotatedDocument) -> range:
    """Gives the blocks of an abstract a text layer left without headings: from the block
    holding the word `Abstract` to the one before `Introduction` (empty when either is missing)."""
    blocks = annotated.document.blocks
    start = next((i for i, b in enumerate(blocks) if re.search(r"\b(?:Abstract|ABSTRACT)\b", b.text)), None)
    if start is None:
        return range(0)
    end = next(
        (
            i
            for i in range(start, len(blocks))
            if re.search(r"\b(?:Introduction|INTRODUCTION|Background|BACKGROUND)\b", blocks[i].text)
        ),
        None,
    )
    return range(start, end) if end is not None and end - start < 40 else range(0)


def in_abstract(annotated: AnnotatedDocument, s: Sentence) -> bool:
    """Gives whether the sentence is in the abstract (which summarises what the methods state)."""
    block = annotated.document.blocks[s.block]
    if "abstract" in block.section.lower() or block.text.lstrip().lower().startswith("abstract"):
        return True
    return not block.section and s.block in _abstract_blocks(annotated)


def body_first(annotated: AnnotatedDocument) -> list[Sentence]:
    """Gives the sentences, those outside the abstract first, each part in reading order."""
    all_ = list(sentences(annotated))
    return [s for s in all_ if not in_abstract(annotated, s)] + [s for s in all_ if in_abstract(annotated, s)]
