"""Document -> spaCy Docs for its blocks and table cells, run through the pipeline once.

Every later extractor (entities, citations, studies) reads these Docs, so no text is parsed
twice. Abbreviations are found over the whole document first, so a `CIA` in a table cell gets
the long form defined three paragraphs earlier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from extractors.citations import find_citations
from extractors.document import Block, Cell, Document, Provenance
from extractors.entities.abbreviations import find_abbreviations
from extractors.entities.components import TEXT_KEY, span_text
from extractors.entities.pipeline import get_pipeline

CellKey = tuple[str, int, int]  # table_id, row (header rows first), col


@dataclass(slots=True)
class AnnotatedDocument:
    """A Document with a parsed spaCy Doc per block, per table cell and per caption."""

    document: Document
    blocks: list[Doc]
    cells: dict[CellKey, Doc]
    captions: dict[str, Doc]
    abbreviations: dict[str, str] = field(default_factory=dict)
    origins: dict[int, Block | Cell] = field(default_factory=dict, repr=False)
    _cited: list[tuple[Span, frozenset[int]]] | None = field(default=None, repr=False)
    # Views of the document that several extractors read, kept by the module computing them
    # (e.g. the primary extractors' sentences), so each is computed once per document.
    views: dict[str, Any] = field(default_factory=dict, repr=False)

    def cited_sentences(self) -> list[tuple[Span, frozenset[int]]]:
        """Gives every paragraph sentence that cites, with the numbers it cites (computed once)."""
        if self._cited is None:
            self._cited = []
            for block, doc in zip(self.document.blocks, self.blocks, strict=True):
                if block.kind not in ("paragraph", "list_item"):
                    continue
                for sent in doc.sents:
                    cited = frozenset(n for c in find_citations(span_text(sent)) for n in c.numbers)
                    if cited:
                        self._cited.append((sent, cited))
        return self._cited

    def provenance_of(self, doc: Doc, start: int, end: int) -> Provenance | None:
        """Gives the source provenance of characters start:end of a block's or cell's Doc."""
        origin = self.origins.get(id(doc))
        if origin is None:
            return None
        return origin.provenance.span(start, end, origin.offsets, origin.ends)


def annotate(document: Document) -> AnnotatedDocument:
    """Gives the Document with every block, cell and caption run through the pipeline."""
    nlp = get_pipeline()
    abbreviations = find_abbreviations("\n".join(b.text for b in document.blocks))
    texts: list[str] = [b.text for b in document.blocks]
    keys: list[CellKey] = []
    for table in document.tables:
        for r, row in enumerate(table.header + table.rows):
            for c, cell in enumerate(row):
                keys.append((table.table_id, r, c))
                texts.append(cell.text)
    captions = [t.caption for t in document.tables]
    texts.extend(captions)

    def make(text: str) -> Doc:
        doc = nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text  # spaCy's tokenizer keeps every character
        doc._.abbreviations = abbreviations
        return doc

    docs = list(nlp.pipe(make(t) for t in texts))
    for d in docs:  # read many times later; spaCy rebuilds doc.ents on every access
        d.user_data["litcurate_ents"] = list(d.ents)
    n_blocks = len(document.blocks)
    cell_docs = dict(zip(keys, docs[n_blocks : n_blocks + len(keys)], strict=True))
    caption_docs = {t.table_id: d for t, d in zip(document.tables, docs[n_blocks + len(keys) :], strict=True)}
    origins: dict[int, Block | Cell] = {id(d): b for d, b in zip(docs, document.blocks, strict=False)}
    cells = {
        (t.table_id, r, c): cell
        for t in document.tables
        for r, row in enumerate(t.header + t.rows)
        for c, cell in enumerate(row)
    }
    origins.update({id(d): cells[k] for k, d in cell_docs.items()})
    return AnnotatedDocument(document, docs[:n_blocks], cell_docs, caption_docs, abbreviations, origins)


def release(annotated: AnnotatedDocument) -> None:
    """Drops the entity lists `annotate` keeps on each Doc, once nothing reads them any more.

    A Doc holding its own Spans is a reference cycle: without this, every Doc with an entity
    (and its token memory) waits for Python's full garbage collection, which then walks all of
    them at once (measured: a few ms per guide).
    """
    for doc in [*annotated.blocks, *annotated.cells.values(), *annotated.captions.values()]:
        doc.user_data.pop("litcurate_ents", None)
