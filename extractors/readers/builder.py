"""What every reader does alike, done once: the Document, its table ids, citation marks, title.

A reader walks its format and hands the pieces to a `DocumentBuilder`; the builder numbers the
tables (`t1`, `t2`... in reading order), turns citation links into CitationMarks the same way
for every markup format, and gives the Document a title when the format had none (its first
block), so no reader repeats these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractors.document import Block, Document, Table
from extractors.readers.citation_marks import links_to_marks

TITLE_MAX = 300


class DocumentBuilder:
    """Builds one Document: blocks, tables and citation marks as a reader finds them."""

    def __init__(self, ids: dict[str, Any], **extra: Any) -> None:
        self.doc = Document(**ids, title="", **extra)

    def next_table_id(self) -> str:
        """Gives the id the next table gets (`t<n>`, in reading order)."""
        return f"t{len(self.doc.tables) + 1}"

    def add_block(self, block: Block) -> int:
        """Adds a block; gives its index (what citation marks and entities point at)."""
        self.doc.blocks.append(block)
        return len(self.doc.blocks) - 1

    def add_table(self, make: Callable[[str], Table | None]) -> Table | None:
        """Adds the table `make(table_id)` gives (None: not a table after all)."""
        table = make(self.next_table_id())
        if table is not None:
            self.doc.tables.append(table)
        return table

    def add_marks(
        self,
        block_index: int,
        text: str,
        links: list[tuple[int, int, Any]],
        link_numbers: Callable[[Any], list[int]],
    ) -> None:
        """Adds the CitationMarks of a block's citation links (see `links_to_marks`)."""
        self.doc.citation_marks.extend(links_to_marks(block_index, text, links, link_numbers))

    def finish(self, *, title_from_first_block: bool = True) -> Document:
        """Gives the Document, titled by its first block when the format gave no title (not for
        a PDF, where a first block is as likely a running head or a form's field: no title
        then is better than a wrong one)."""
        if not self.doc.title and title_from_first_block:
            self.doc.title = next((b.text for b in self.doc.blocks if b.text), "")[:TITLE_MAX]
        return self.doc
