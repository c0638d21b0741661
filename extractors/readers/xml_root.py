"""Generic XML: read by its root element, as a JATS `<article>`, a BMC `<art>` or XHTML."""

from __future__ import annotations

from dataclasses import replace

from extractors.document import Document
from extractors.errors import UnsupportedMediaTypeError
from extractors.readers.bmc import BMC_XML
from extractors.readers.html import HTML
from extractors.readers.jats import JATS
from extractors.readers.registry import Head, SourceMeta, Tier, reader_for, register, sniffer
from extractors.readers.safe_xml import bytes_to_xml_root
from extractors.readers.xml_text import local_name

XML = "application/xml"

_BY_ROOT = {"article": JATS, "art": BMC_XML, "html": HTML}


@register(XML)
def read_xml(data: bytes, meta: SourceMeta) -> Document:
    """Gives the Document of XML whose root names a format litcurate reads."""
    root = local_name(bytes_to_xml_root(data, meta.source_path))
    media_type = _BY_ROOT.get(root)
    reader = reader_for(media_type) if media_type else None
    if reader is None or media_type is None:
        raise UnsupportedMediaTypeError(
            meta.source_path, f"XML with root <{root}> is neither JATS, BMC article XML nor XHTML"
        )
    return reader(data, replace(meta, media_type=media_type))


@sniffer(XML, Tier.XML)
def declares_xml(head: Head) -> bool:
    """Gives whether markup no dialect claimed declares itself XML (`<?xml`, a doctype): the
    root element decides when it is read."""
    return head.lower.startswith(("<?xml", "<!doctype"))
