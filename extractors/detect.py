"""Media type detection from content, and decoding of text in whatever encoding it came in.

Only what holds for every format is here: the size limit, refusing archives, images, binary
and JSON data with a reason, and decoding. Which format the bytes are is asked of the sniffers
each reader module registers beside its reader, in the documented order of
`extractors.readers.registry.Tier`.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import charset_normalizer

from extractors.errors import (
    DecodeError,
    EmptyDocumentError,
    TooLargeError,
    UnsupportedMediaTypeError,
)

# Text that no reader's sniffer claims (extractors.readers.registry) is plain text.
PLAIN = "text/plain"

MAX_BYTES = 200 * 1024 * 1024  # a journal article is under 50 MB; past this it is not one

# Formats that are certainly not documents we read: say what they are.
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x7fELF": "an executable",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TIE_BREAK = ("utf_8", "cp1252", "latin_1")


def decode_text(data: bytes, path: str | Path) -> str:
    """Gives the bytes decoded: BOM first, then strict UTF-8, then charset-normalizer's guess."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(path, f"starts with a {enc} byte-order mark but is not {enc}") from exc
    if _looks_binary(data[:8192]):  # zero or control bytes: UTF-16 without its BOM?
        utf16 = bomless_utf16(data[:8192])
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError as exc:
                raise DecodeError(path, f"looks like {utf16} without a byte-order mark but is not") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise DecodeError(path, "not decodable as text in any encoding charset-normalizer knows")
    best = matches[0]
    # Short texts leave several single-byte code pages tied (cp1250 and cp1252 decode French
    # equally "well"); Western scientific text is overwhelmingly cp1252/latin-1, so a tie
    # goes to those.
    for preferred in _TIE_BREAK:
        for m in matches:
            if m.encoding == preferred and m.chaos <= best.chaos and m.coherence >= best.coherence - 1e-6:
                return str(m)
    return str(best)


def bomless_utf16(head: bytes) -> str | None:
    """Gives "utf-16-le" or "-be" when the bytes look like UTF-16 without a byte-order mark,
    else None.

    Text mostly in one script has one high byte in most code units (0x00 for Latin, 0x04 for
    Cyrillic, 0x4E-0x9F spread for CJK is not one script and is not claimed): that byte fills
    one parity of the positions and not the other, and the whole decodes to printable text.
    """
    n = len(head) - len(head) % 2
    if n < 16:
        return None
    even, odd = head[0:n:2], head[1:n:2]
    for enc, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        top = max(set(high), key=high.count)
        if high.count(top) < 0.7 * len(high) or low.count(top) > 0.3 * len(low):
            continue
        try:
            text = head[:n].decode(enc)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
        if printable >= 0.95 * len(text):
            return enc
    return None


_CONTROLS = bytes([*range(9), *range(14, 32)])


def _looks_binary(head: bytes) -> bool:
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # counted in C, not byte by byte
    return controls > max(8, len(head) // 100)


def sniff_media_type(data: bytes, path: str | Path) -> str:
    """Gives the media type of the bytes, from their content; the extension only breaks ties.

    The readers' sniffers decide, in tier order: MAGIC ones on the raw bytes, before anything
    is refused; the others on the decoded head of the text. Text none claims is PLAIN.
    Raises EmptyDocumentError, TooLargeError or UnsupportedMediaTypeError with the reason.
    """
    # The readers register their sniffers when `extractors.readers` is imported, and that
    # package imports this module: the registry is reached at call time, not import time.
    from extractors.readers.registry import Head, sniff

    if len(data) > MAX_BYTES:
        raise TooLargeError(path, f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    head = data[:8192]
    by_magic = sniff(Head(head), magic=True)
    if by_magic is not None:
        return by_magic
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedMediaTypeError(path, f"this is {what}, not a document litcurate reads")
    if _looks_binary(head):
        if bomless_utf16(head) is None:
            raise UnsupportedMediaTypeError(path, "binary content, not text, HTML, XML or PDF")
        text_head = decode_text(data, path)[:8192]
    else:
        text_head = decode_text(head, path) if not _is_utf16(head) else decode_text(data, path)[:8192]
        if text_head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") and _is_json(data):
            # Data, not prose: a sidecar file (metadata, annotations) read as text would give
            # entities and even risk-of-bias sentences out of its quoted strings.
            raise UnsupportedMediaTypeError(path, "JSON data, not a document litcurate reads")
    start = text_head.lstrip("\ufeff \t\r\n")[:4096]
    return sniff(Head(head, start, Path(path).suffix.lower()), magic=False) or PLAIN


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, RecursionError):  # decode errors are ValueErrors; `[[[[...` recurses
        return False
    return True


def _is_utf16(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
