"""Generic XML: read by its root element, as a JATS `<article>`, a BMC `<art>` or XHTML."""

from __future__ import annotations

from dataclasses import replace

from extractors.detect import BMC_XML, HTML, JATS, XML
from extractors.document import Document
from extractors.errors import UnsupportedMediaTypeError
from extractors.readers.registry import SourceMeta, reader_for, register
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import local_name

_BY_ROOT = {"article": JATS, "art": BMC_XML, "html": HTML}


@register(XML)
def read_xml(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of XML whose root names a format litcurate reads."""
    root = local_name(bytes_to_xml_root(data, meta.source_path))
    media_type = _BY_ROOT.get(root)
    reader = reader_for(media_type) if media_type else None
    if reader is None:
        raise UnsupportedMediaTypeError(
            meta.source_path, f"XML with root <{root}> is neither JATS, BMC article XML nor XHTML"
        )
    return reader(data, replace(meta, media_type=media_type))
