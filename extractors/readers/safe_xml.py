"""Bytes -> an lxml element tree, without ever loading a DTD or expanding an entity.

Articles arrive from anywhere, so XML is read as hostile: no DTD is loaded, no external entity
is fetched or read from disk, no network is touched, and internal entities are left as entity
references instead of being expanded (a "billion laughs" document stays a few hundred bytes).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from extractors.errors import MalformedDocumentError

# Entity declarations that reference others, or point outside the file, are never legitimate in
# an article; say so rather than hand back a tree with holes where the text would be.
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+%?\s*[\w.-]+\s+(SYSTEM|PUBLIC|\"[^\"]*&|'[^']*&)", re.I)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def bytes_to_xml_root(data: bytes, path: str) -> Any:
    """Gives the root element of the XML bytes.

    Raises MalformedDocumentError naming the path when the bytes are not well-formed XML or
    declare external or nested entities (XXE, entity expansion bombs).
    """
    head = data[:65536]
    if b"<!ENTITY" in head and _ENTITY_DECL.search(head):
        raise MalformedDocumentError(
            path,
            "the XML declares external or nested entities (an XXE or entity-expansion attack "
            "shape); litcurate never expands them, so the document is refused",
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedDocumentError(path, f"not well-formed XML: {exc}") from exc
    if root is None:
        raise MalformedDocumentError(path, "the XML has no root element")
    return root
