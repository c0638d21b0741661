"""Readers: one per format, each turning bytes into the same Document."""

from __future__ import annotations

from collections.abc import Callable

from extractors.detect import BMC_XML, HTML, JATS, MARKDOWN, PDF, PLAIN, XML, decode_text, sniff_media_type
from extractors.document import Document, make_doc_id, sha256_bytes
from extractors.errors import EmptyDocumentError, UnsupportedMediaTypeError
from extractors.readers.markdown import markdown_to_document

Reader = Callable[..., Document]


def _markdown(data: bytes, **ids: str) -> Document:
    return markdown_to_document(decode_text(data, ids["source_path"]), **ids)


def _jats(data: bytes, **ids: str) -> Document:
    from extractors.readers.jats import jats_to_document

    return jats_to_document(data, **ids)


def _bmc(data: bytes, **ids: str) -> Document:
    from extractors.readers.bmc import bmc_to_document

    return bmc_to_document(data, **ids)


def _html(data: bytes, **ids: str) -> Document:
    from extractors.readers.html import html_to_document

    return html_to_document(data, **ids)


def _pdf(data: bytes, **ids: str) -> Document:
    from extractors.readers.pdf import pdf_to_document

    return pdf_to_document(data, **ids)


def _xml(data: bytes, **ids: str) -> Document:
    """Reads generic XML by its root element: a JATS `<article>`, BMC `<art>` or XHTML."""
    from extractors.readers.safe_xml import bytes_to_xml_root
    from extractors.readers.xml_text import local_name

    root = local_name(bytes_to_xml_root(data, ids["source_path"]))
    if root == "article":
        return _jats(data, **{**ids, "media_type": JATS})
    if root == "art":
        return _bmc(data, **{**ids, "media_type": BMC_XML})
    if root == "html":
        return _html(data, **{**ids, "media_type": HTML})
    raise UnsupportedMediaTypeError(
        ids["source_path"], f"XML with root <{root}> is neither JATS, BMC article XML nor XHTML"
    )


_READERS: dict[str, Reader] = {
    MARKDOWN: _markdown,
    PLAIN: _markdown,
    JATS: _jats,
    BMC_XML: _bmc,
    XML: _xml,
    HTML: _html,
    PDF: _pdf,
}


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
    reader = _READERS.get(media_type)
    if reader is None:
        raise UnsupportedMediaTypeError(source_path, f"no reader for {media_type}")
    doc = reader(data, **ids)
    if not doc.blocks and not doc.tables:
        raise EmptyDocumentError(source_path, "no text found in the document")
    return doc
