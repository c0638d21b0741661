"""PDF text lines -> running text, with line-break hyphens undone only where a word was split.

A hyphen at the end of a line is either hyphenation (`perma-` + `nent`) or part of a compound
(`computer-` + `triggered`). The document itself is the dictionary: a form seen whole
elsewhere in it decides, and otherwise two halves that are each words of the document (or a
function word after the hyphen: `inter- and intraspecific`) keep their hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

# PDFium marks a hyphen it knows to be a line-break hyphen with \x02 (or U+FFFE).
HYPHEN_MARKS = "\x02\ufffe\u00ad"
_ENDS_HYPHEN = (*HYPHEN_MARKS, "-")
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_FUNCTION_WORDS = frozenset(
    {"and", "or", "nor", "to", "the", "of", "in", "on", "for", "with", "by", "at", "as", "an", "a"}
)


def lines_to_vocabulary(texts: Iterable[str]) -> set[str]:
    """Gives the lower-case words written whole in the lines (hyphenated compounds included).

    The half-words around a line-break hyphen are left out: `nent` of `perma-\\nnent` is no word.
    """
    vocabulary: set[str] = set()
    after_hyphen = False
    for text in texts:
        words = _WORD.findall(_unmark(text))
        if text.endswith(_ENDS_HYPHEN):
            words = words[:-1]
        if after_hyphen:
            words = words[1:]
        after_hyphen = text.endswith(_ENDS_HYPHEN)
        vocabulary.update(w.lower().strip("-") for w in words)
    return vocabulary


def keeps_hyphen(stem: str, tail: str, vocabulary: Collection[str]) -> bool:
    """Gives whether `stem-` at a line end and `tail` on the next line form a hyphenated compound.

    `stem` and `tail` are the word halves, lower case. The whole word seen in the document wins
    (`manage|ment`), then the hyphenated form seen (`self|care`), then a tail that is a word of
    the document or a function word (`meta|analysis`, `inter|and`), then two long halves that are
    both words (`computer|triggered`: `triggered` is a word even when the document never says it
    again, and `computer` is one it does say).
    """
    if stem + tail in vocabulary:
        return False
    if f"{stem}-{tail}" in vocabulary or tail in _FUNCTION_WORDS:
        return True
    if len(stem) < 2:
        return False
    if len(tail) >= 5 and tail in vocabulary:
        return True
    return len(stem) >= 5 and len(tail) >= 6 and stem in vocabulary


def _unmark(text: str) -> str:
    for mark in HYPHEN_MARKS:
        text = text.replace(mark, "-")
    return text


def join_lines(texts: list[str], *, vocabulary: Collection[str] | None = None) -> str:
    """Gives lines joined into running text, line-break hyphenation undone.

    Without a vocabulary, a hyphen between two lower-case halves is taken as hyphenation.
    """
    out = ""
    for text in texts:
        if not out:
            out = text
            continue
        end = out[-1]
        if end in HYPHEN_MARKS or (end == "-" and len(out) > 1 and out[-2].islower()):
            stem = out[:-1]
            # `IL-\n6` and `computer-\nTriggered` keep the hyphen whatever the vocabulary says.
            split_word = bool(stem) and stem[-1].islower() and text[:1].islower()
            if split_word and vocabulary is not None:
                head = re.search(r"[^\W\d_]+$", stem)
                first = re.match(r"[^\W\d_]+", text)
                if head and first and keeps_hyphen(head.group(0).lower(), first.group(0).lower(), vocabulary):
                    split_word = False
            out = stem + text if split_word else stem + "-" + text
        elif end == "-" and len(out) > 1 and out[-2].isdigit() and text[:1].isdigit():
            out += text  # a range broken after its dash (`pp. 111-` + `119`)
        else:
            out += " " + text
    return _unmark(out)
