"""The Document: the one typed model every reader produces.

A reader turns bytes into a Document; every other extractor reads only Documents. Provenance
says where in the source a piece came from, in the terms of its format: line and character
offsets into the decoded text for Markdown/plain text, an element path for HTML/XML, a page
and bounding box for PDF.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

# json.dumps(..., separators=(",", ":")), its encoder built once rather than per call.
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))
_json_string = json.encoder.encode_basestring_ascii  # what that encoder writes a str with

BlockKind = Literal["heading", "paragraph", "list_item", "caption", "other"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a piece of a Document came from in its source file."""

    line: int | None = None
    start: int | None = None  # character offset into the decoded original text
    end: int | None = None
    path: str | None = None  # element path for HTML/XML, e.g. /article/body/sec[2]/p[3]
    page: int | None = None  # 1-based PDF page
    bbox: tuple[float, float, float, float] | None = None  # PDF x0, top, x1, bottom

    def to_json(self) -> str:
        """Gives the provenance as a compact JSON object without empty fields."""
        # Field by field, not `asdict`: it deep-copies, and this runs for every row of every table.
        values = {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]
        parts = []
        for k, v in values.items():
            # Integers and strings written as the encoder writes them (`int.__repr__`, its C
            # string escaper), without building an encoder's state per row; anything else
            # (a PDF's bbox floats) through the encoder.
            if type(v) is int:
                parts.append(f'"{k}":{v!r}')
            elif type(v) is str:
                parts.append(f'"{k}":{_json_string(v)}')
            elif v is not None:
                return _COMPACT_JSON.encode({k: v for k, v in values.items() if v is not None})
        return "{" + ",".join(parts) + "}"

    def span(
        self, start: int, end: int, offsets: list[int] | None, ends: list[int] | None = None
    ) -> Provenance:
        """Gives the provenance of characters start:end of a block with this provenance.

        `offsets` and `ends` map each character of the block's normalised text to where it
        starts and ends in the original text; without them the block's own provenance is
        the best we know.
        """
        if offsets is None:
            return self
        if ends is not None and end > start:
            o_start, o_end = offsets[start], ends[end - 1]
        else:
            o_start, o_end = offsets[start], offsets[end]
        return Provenance(
            line=self.line,
            start=o_start,
            end=o_end,
            path=self.path,
            page=self.page,
            bbox=self.bbox,
        )


@dataclass(slots=True)
class Block:
    """A heading, paragraph, list item or caption in reading order."""

    kind: BlockKind
    text: str
    provenance: Provenance
    level: int = 0  # heading level (1 = top); 0 for non-headings
    section: str = ""  # text of the nearest heading above the block
    # Normalised-text index -> original-text start (len(text) + 1 entries) and end
    # (len(text) entries), text formats only.
    offsets: list[int] | None = field(default=None, repr=False)
    ends: list[int] | None = field(default=None, repr=False)


@dataclass(slots=True)
class Cell:
    """One cell of a table after rowspan/colspan are resolved."""

    text: str
    provenance: Provenance
    offsets: list[int] | None = field(default=None, repr=False)
    ends: list[int] | None = field(default=None, repr=False)


@dataclass(slots=True)
class Table:
    """A table: caption, header rows and body rows, rectangular after span resolution."""

    table_id: str
    caption: str
    header: list[list[Cell]]
    rows: list[list[Cell]]
    provenance: Provenance
    section: str = ""
    label: str = ""
    footnotes: list[str] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        """Gives the width of the widest row."""
        return max((len(r) for r in self.header + self.rows), default=0)

    def header_texts(self) -> list[str]:
        """Gives one header string per column, joining stacked header rows with a space."""
        cols = self.n_cols
        out = []
        for c in range(cols):
            parts = [r[c].text for r in self.header if c < len(r) and r[c].text]
            out.append(" ".join(dict.fromkeys(parts)))
        return out


@dataclass(slots=True)
class Reference:
    """One item of the reference list, as written, with whatever structure the source gives."""

    number: int
    raw: str
    provenance: Provenance
    fields: dict[str, Any] = field(default_factory=dict)  # structured fields (JATS), if any


@dataclass(slots=True)
class CitationMark:
    """A citation the reader saw as markup (JATS xref, HTML link) rather than text."""

    block_index: int
    ref_numbers: list[int]
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A source document, read: blocks, tables and references with provenance."""

    doc_id: str
    source_path: str
    sha256: str
    media_type: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citation_marks: list[CitationMark] = field(default_factory=list)
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def make_doc_id(relative_path: str) -> str:
    """Gives the stable id of a document: 16 hex chars of SHA-256 of its relative path.

    The id depends on the path, not the bytes, so editing a file keeps its id and its reviews.
    """
    return hashlib.sha256(relative_path.replace("\\", "/").encode("utf-8")).hexdigest()[:16]


def sha256_bytes(data: bytes) -> str:
    """Gives the hex SHA-256 of the bytes: the document's version."""
    return hashlib.sha256(data).hexdigest()
