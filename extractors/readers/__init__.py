"""Readers: one per format, each registered for its media types, all giving the same Document.

`read_document` sniffs the media type from the content (`extractors.detect` refuses what no
format is and asks the sniffers each reader module registers, in `registry.Tier` order) and
hands the bytes to the reader registered for it (`extractors.readers.registry`). Importing
this package registers every reader module below, readers and sniffers alike.
"""

from __future__ import annotations

from extractors.detect import sniff_media_type
from extractors.document import Document, sha256_bytes
from extractors.errors import EmptyDocumentError, UnsupportedMediaTypeError
from extractors.readers import bmc, html, jats, markdown, pdf, xml_root  # noqa: F401  (each registers itself)
from extractors.readers.registry import SourceMeta, reader_for


def read_document(data: bytes, *, source_path: str, doc_id: str = "") -> Document:
    """Gives the Document of the bytes, choosing the reader from their content.

    The Document's id is the caller's (`doc_id`): planning decides which stored document a
    file is, not the reader. Raises a DocumentError subclass naming the path and the reason
    when the bytes are not a document litcurate can read.
    """
    media_type = sniff_media_type(data, source_path)
    reader = reader_for(media_type)
    if reader is None:
        raise UnsupportedMediaTypeError(source_path, f"no reader for {media_type}")
    doc = reader(data, SourceMeta(source_path, sha256_bytes(data), media_type))
    doc.doc_id = doc_id
    if not doc.blocks and not doc.tables:
        raise EmptyDocumentError(source_path, "no text found in the document")
    return doc
