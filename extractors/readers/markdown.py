"""Markdown and plain text -> Document.

Blocks, tab-separated and pipe tables, and the numbered reference list, each with the line
number and character offsets of its place in the decoded original text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from extractors.detect import PLAIN, decode_text
from extractors.document import Block, BlockKind, Cell, Document, Provenance, Reference, Table
from extractors.markup import markdown_inline_to_text
from extractors.normalise import MappedText
from extractors.readers.builder import DocumentBuilder
from extractors.readers.registry import Head, SourceMeta, Tier, register, sniffer

MARKDOWN = "text/markdown"

# Only the opening `#`s are read here (the text is sliced after them). The former
# `\s+(.*?)\s*#*\s*$` tail backtracked in cubic time on `# a` + 4,000 spaces + `b` (145 s).
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_PIPE_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(\|\s*+:?-{2,}+:?\s*+)*+\|?\s*$")
_REF_HEADING = re.compile(r"^(references?|bibliography|literature cited|works cited|reference list)\b", re.I)
# Plain text has no `#`: a line that is only the name of a reference section is its heading.
_BARE_REF_HEADING = re.compile(
    r"^\s*(references?|bibliography|literature cited|works cited|reference list)\s*:?\s*$", re.I
)
_REF_ITEM = re.compile(r"^\s*(?:[-*+]\s+)?\[?(\d{1,4})[.)\]]\s+")
# A paragraph broken by a blank line mid-sentence: it ends on a word that cannot end one.
_DANGLING = re.compile(
    r"\b(of|the|a|an|and|or|to|in|on|for|with|by|from|via|as|at|is|are|was|were|that)$", re.I
)


@dataclass(slots=True)
class _Line:
    number: int  # 1-based
    text: MappedText


@dataclass(slots=True)
class _Segment:
    kind: str  # heading, paragraph, list_item, tsv, pipe, rule
    lines: list[_Line] = field(default_factory=list)
    level: int = 0


def text_to_lines(text: str) -> list[_Line]:
    """Gives the lines of the text, each mapped to its offsets in the original."""
    lines = []
    pos = 0
    # Each line's offsets (`MappedText.identity`) sliced from one list of the text's offsets:
    # the same numbers, without making each integer again for every line.
    offsets = list(range(len(text) + 2))
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        end = pos + len(body)
        lines.append(_Line(number, MappedText(body, offsets[pos : end + 1], offsets[pos + 1 : end + 1])))
        pos += len(raw) + 1
    return lines


def _heading_marks(line: str) -> int:
    """Gives the number of `#` opening a Markdown heading (0 for a bare plain-text heading)."""
    m = _HEADING.match(line)
    return len(m.group(1)) if m else 0


def _line_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _HEADING.match(line) or _BARE_REF_HEADING.match(line):
        return "heading"
    if "\t" in line.strip("\n") and line.count("\t") >= 1 and line.strip():
        return "tsv"
    if line.lstrip().startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
        return "pipe"
    if _RULE.match(line):
        return "rule"
    if _LIST_ITEM.match(line):
        return "list_item"
    return "paragraph"


def lines_to_segments(lines: list[_Line]) -> list[_Segment]:
    """Gives runs of lines grouped into headings, paragraphs, list items and tables."""
    segments: list[_Segment] = []
    current: _Segment | None = None
    blank_before = False
    for line in lines:
        kind = _line_kind(line.text.text)
        if kind == "blank":
            if current and current.kind in ("tsv", "pipe"):
                current = None
            blank_before = True
            continue
        if kind == "heading":
            segments.append(_Segment("heading", [line], _heading_marks(line.text.text) or 2))
            current = None
        elif kind in ("tsv", "pipe"):
            if current and current.kind == kind:
                current.lines.append(line)
            else:
                current = _Segment(kind, [line])
                segments.append(current)
        elif kind == "rule":
            current = None
        elif kind == "list_item":
            current = _Segment("list_item", [line])
            segments.append(current)
        elif (
            current
            and current.kind in ("paragraph", "list_item")
            and (not blank_before or _continues(current, line))
        ):
            current.lines.append(line)
        else:
            current = _Segment("paragraph", [line])
            segments.append(current)
        blank_before = False
    return segments


def _continues(segment: _Segment, line: _Line) -> bool:
    """Tells whether a line after a blank line carries on the sentence of the segment."""
    before = segment.lines[-1].text.text.rstrip()
    after = line.text.text.lstrip()
    return bool(_DANGLING.search(before)) or (bool(after) and after[0].islower())


def _join(lines: list[_Line]) -> MappedText:
    texts: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    for i, line in enumerate(lines):
        if i:  # the line break becomes a space that spans the break
            texts.append(" ")
            offsets.append(lines[i - 1].text.offsets[-1])
            ends.append(line.text.offsets[0])
        texts.append(line.text.text)
        offsets.extend(line.text.offsets[:-1])
        ends.extend(line.text.ends)
    offsets.append(lines[-1].text.offsets[-1])
    return MappedText("".join(texts), offsets, ends)


def _provenance(lines: list[_Line], mt: MappedText) -> Provenance:
    start, end = mt.original_span(0, len(mt.text))
    return Provenance(line=lines[0].number, start=start, end=end)


def _clean(mt: MappedText) -> MappedText:
    return markdown_inline_to_text(mt)


def _row_cells(line: _Line, pipe: bool) -> list[Cell]:
    text = line.text
    if pipe:
        body = text.strip()
        inner_start = 1 if body.text.startswith("|") else 0
        inner_end = max(inner_start, len(body.text) - (1 if body.text.endswith("|") else 0))
        text = body.slice(inner_start, inner_end)
        splits = [m.start() for m in re.finditer(r"(?<!\\)\|", text.text)]
    else:
        splits = [m.start() for m in re.finditer("\t", text.text)]
    cells = []
    start = 0
    for end in [*splits, len(text.text)]:
        piece = _clean(text.slice(start, end))
        p_start, p_end = piece.original_span(0, len(piece.text))
        prov = Provenance(line=line.number, start=p_start, end=p_end)
        cells.append(Cell(piece.text, prov, piece.offsets, piece.ends))
        start = end + 1
    return cells


def segment_to_table(segment: _Segment, table_id: str, caption: str, section: str) -> Table:
    """Gives the Table of a run of TSV or pipe lines; the first row is the header."""
    pipe = segment.kind == "pipe"
    rows = [
        _row_cells(line, pipe)
        for line in segment.lines
        if not (pipe and _PIPE_SEPARATOR.match(line.text.text))
    ]
    width = max(len(r) for r in rows)
    for r in rows:  # ragged rows (a trailing empty column) become rectangular
        while len(r) < width:
            r.append(Cell("", Provenance(line=r[-1].provenance.line), None, None))
    first = segment.lines[0]
    last = segment.lines[-1]
    prov = Provenance(line=first.number, start=first.text.offsets[0], end=last.text.offsets[-1])
    return Table(table_id, caption, rows[:1], rows[1:], prov, section=section)


def parse_reference_items(segments: list[_Segment]) -> list[Reference]:
    """Gives the numbered items of a reference section, in order; unnumbered items end it."""
    refs: list[Reference] = []
    for seg in segments:
        if seg.kind not in ("list_item", "paragraph"):
            continue
        joined = _join(seg.lines)
        m = _REF_ITEM.match(joined.text)
        if not m:
            if refs and seg.kind == "list_item":
                break  # "To cite this document: ..." and other trailing bullets
            continue
        body = _clean(joined.slice(m.end(), len(joined.text)))
        refs.append(Reference(int(m.group(1)), body.text, _provenance(seg.lines, body)))
    return refs


def markdown_to_document(
    text: str, *, doc_id: str, source_path: str, sha256: str, media_type: str
) -> Document:
    """Gives the Document of a Markdown or plain-text source."""
    segments = lines_to_segments(text_to_lines(text))
    b = DocumentBuilder(
        {"doc_id": doc_id, "source_path": source_path, "sha256": sha256, "media_type": media_type}
    )
    doc = b.doc
    section = ""
    ref_segments: list[_Segment] | None = None
    pending_caption: Block | None = None
    for seg in segments:
        if seg.kind == "heading":
            mt = _clean(
                seg.lines[0].text.slice(_heading_marks(seg.lines[0].text.text), len(seg.lines[0].text.text))
            )
            if ref_segments is not None:  # any heading ends the reference list
                doc.references = parse_reference_items(ref_segments)
                ref_segments = None
            if _REF_HEADING.match(mt.text):
                ref_segments = []
            section = mt.text
            block = Block(
                "heading", mt.text, _provenance(seg.lines, mt), seg.level, section, mt.offsets, mt.ends
            )
            doc.blocks.append(block)
            pending_caption = block
            if not doc.title and seg.level == 1:
                doc.title = mt.text
            continue
        if ref_segments is not None:
            ref_segments.append(seg)
            continue
        if seg.kind in ("tsv", "pipe"):
            caption = ""
            if pending_caption is not None:
                caption = pending_caption.text
                if pending_caption.kind == "paragraph":
                    pending_caption.kind = "caption"
            b.add_table(functools.partial(segment_to_table, seg, caption=caption, section=section))
            pending_caption = None
            continue
        mt = _clean(_join(seg.lines))
        if not mt.text:
            continue
        kind: BlockKind = "list_item" if seg.kind == "list_item" else "paragraph"
        block = Block(kind, mt.text, _provenance(seg.lines, mt), 0, section, mt.offsets, mt.ends)
        doc.blocks.append(block)
        pending_caption = block
    if ref_segments is not None:
        doc.references = parse_reference_items(ref_segments)
    return b.finish()


@register(MARKDOWN, PLAIN)
def read_markdown(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of Markdown or plain-text bytes, in whatever encoding they come."""
    return markdown_to_document(decode_text(data, meta.source_path), **meta.ids())


_MD_HINT = re.compile(r"^(#{1,6} |\s*[-*] |\|.*\|\s*$|```)", re.M)


@sniffer(MARKDOWN, Tier.TEXT)
def looks_like_markdown(head: Head) -> bool:
    """Gives whether text is Markdown: named `.md`/`.markdown`, or a line opening with a heading
    `#`, a list bullet, a pipe-table row or a code fence. (Other text is PLAIN, read alike.)"""
    return head.suffix in {".md", ".markdown"} or _MD_HINT.search(head.text) is not None
