"""Readers: one per format, each turning bytes into the same Document."""

from __future__ import annotations

from extractors.detect import MARKDOWN, PLAIN, decode_text, sniff_media_type
from extractors.document import Document, make_doc_id, sha256_bytes
from extractors.readers.markdown import markdown_to_document
from litcurate.errors import EmptyDocumentError, UnsupportedMediaTypeError


def read_document(data: bytes, *, relative_path: str, source_path: str) -> Document:
    """Gives the Document of the bytes, choosing the reader from their content.

    Raises a DocumentError subclass naming the path and the reason when the bytes are not
    a document litcurate can read.
    """
    media_type = sniff_media_type(data, source_path)
    ids = {
        "doc_id": make_doc_id(relative_path),
        "source_path": source_path,
        "sha256": sha256_bytes(data),
        "media_type": media_type,
    }
    if media_type in (MARKDOWN, PLAIN):
        text = decode_text(data, source_path)
        doc = markdown_to_document(text, **ids)
    else:
        raise UnsupportedMediaTypeError(source_path, f"no reader for {media_type} yet")
    if not doc.blocks and not doc.tables:
        raise EmptyDocumentError(source_path, "no text found after decoding")
    return doc
