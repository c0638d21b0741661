"""The corpus the accuracy benchmark reads, its Documents (read once) and its Score lines."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.document import Document, make_doc_id
from extractors.readers import read_document

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

_DOCS: dict[str, Document] = {}


@dataclass(slots=True)
class Score:
    """One line of the figures table."""

    document: str
    measure: str
    value: float
    detail: str = ""


def read(rel: str) -> Document:
    """Gives the Document of a corpus file, read once per process."""
    if rel not in _DOCS:
        path = CORPUS / rel
        _DOCS[rel] = read_document(path.read_bytes(), doc_id=make_doc_id(rel), source_path=str(path))
    return _DOCS[rel]


def norm_cell(text: str) -> str:
    """Gives cell text compared whitespace-insensitively: runs of space to one, ends trimmed."""
    return re.sub(r"\s+", " ", text or "").strip()


def format_scores(scores: Iterable[Score]) -> str:
    """Gives the scores as one aligned text table."""
    rows = [("document", "measure", "value", "detail")] + [
        (s.document, s.measure, f"{s.value:.3f}", s.detail) for s in scores
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)
