"""Element trees (XML and HTML, both as lxml) -> plain text with the places of marked children.

JATS and HTML readers both need the text of a paragraph as a curator reads it (whitespace
collapsed, Unicode NFC) and where in that text certain children sit (citation links), so that
citations can be placed in the sentence they belong to. Both readers parse with lxml, so one
walker serves both.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from extractors.normalise import MappedText

_SPACES = re.compile(r"[\s\u00a0\u2009\u200a\u2002\u2003]+")
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")
# Elements whose text sits on its own line when rendered: a space keeps words apart.
_BREAKS = frozenset(
    {
        "p",
        "br",
        "li",
        "div",
        "td",
        "th",
        "tr",
        "list-item",
        "title",
        "label",
        "sec",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dd",
        "dt",
        "table",
        "ul",
        "ol",
    }
)


def local_name(el: Any) -> str:
    """Gives the tag of an element without namespace, lower-cased; '' for comments and PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


@dataclass(slots=True)
class MarkedText:
    """Text of an element plus the (start, end, element) of each marked child in it."""

    text: str
    marks: list[tuple[int, int, Any]]


def _walk(
    el: Any,
    out: list[str],
    pos: list[int],
    marks: list[tuple[int, int, Any]],
    skip: Callable[[Any], bool],
    mark: Callable[[Any], bool],
) -> None:
    name = local_name(el)
    if name and skip(el):
        return
    start = pos[0]
    if name in _BREAKS:
        out.append(" ")
        pos[0] += 1
    if name and el.text:
        out.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, out, pos, marks, skip, mark)
        if child.tail:  # a skipped child's tail still belongs to the text
            out.append(child.tail)
            pos[0] += len(child.tail)
    if name in _BREAKS:
        out.append(" ")
        pos[0] += 1
    if name and mark(el):
        marks.append((start, pos[0], el))


def _never(el: Any) -> bool:
    return False


def element_to_marked_text(
    el: Any,
    *,
    skip: Callable[[Any], bool] = _never,
    mark: Callable[[Any], bool] = _never,
) -> MarkedText:
    """Gives the normalised text of an element and the spans of the children `mark` picks.

    Children `skip` picks are left out (their tail text is kept). Spans are character offsets
    into the returned text.
    """
    out: list[str] = []
    raw_marks: list[tuple[int, int, Any]] = []
    pos = [0]
    if el.text and local_name(el):
        out.append(el.text)
        pos[0] += len(el.text)
    for child in el:
        _walk(child, out, pos, raw_marks, skip, mark)
        if child.tail:
            out.append(child.tail)
            pos[0] += len(child.tail)
    mt = raw_text_to_mapped("".join(out))
    marks = []
    for start, end, child in sorted(raw_marks, key=lambda m: m[0]):
        s = bisect_left(mt.offsets, start, hi=len(mt.text))
        e = bisect_left(mt.offsets, end, hi=len(mt.text))
        while e > s and mt.text[e - 1] == " ":
            e -= 1
        marks.append((s, max(s, e), child))
    return MarkedText(mt.text, marks)


def raw_text_to_mapped(raw: str) -> MappedText:
    """Gives raw element text normalised (NFC, no soft hyphens, single spaces), offsets kept."""
    mt = MappedText.identity(raw)
    mt = mt.sub(_INVISIBLE, lambda m: "")
    if not unicodedata.is_normalized("NFC", mt.text):
        mt = mt.sub(re.compile(r"[^\x00-\x7f]+"), lambda m: unicodedata.normalize("NFC", m.group(0)))
    mt = mt.sub(_SPACES, lambda m: " ")
    return mt.strip()


def element_to_text(el: Any, *, skip: Callable[[Any], bool] = _never) -> str:
    """Gives the normalised text of an element, leaving out children `skip` picks."""
    return element_to_marked_text(el, skip=skip).text


def clean_text(text: str) -> str:
    """Gives a string with whitespace collapsed and Unicode NFC."""
    return raw_text_to_mapped(text).text


def element_path(el: Any) -> str:
    """Gives the XPath-like path of an element: /article/body/sec[2]/p[3]."""
    tree = el.getroottree()
    path: str = tree.getpath(el)
    return path


def children_named(el: Any, names: Iterable[str]) -> list[Any]:
    """Gives the direct children of an element whose local name is one of `names`."""
    wanted = set(names)
    return [c for c in el if local_name(c) in wanted]


def first_named(el: Any, name: str) -> Any | None:
    """Gives the first descendant of an element with the local name, or None."""
    for d in el.iter():
        if d is not el and local_name(d) == name:
            return d
    return None


def is_entity_or_comment(el: Any) -> bool:
    """Tells whether a node is not an element (entity reference, comment, PI)."""
    return not isinstance(el.tag, str) or isinstance(el, etree._Entity)
