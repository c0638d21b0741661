"""The reader registry: every format is one module that registers a reader and its sniffers.

A reader is `read(data: bytes, meta: SourceMeta) -> Document`, registered with
`@register(MEDIA_TYPE)`; next to it the same module registers how its content is recognised,
`@sniffer(MEDIA_TYPE, Tier.X)` on a `(head: Head) -> bool`. Adding a format is one module that
does both (and is imported by `extractors.readers`). Readers do not decide which stored
document the bytes are: the Document they give has no id until planning, which knows the
store, assigns one (`litcurate.ingest.planning`).

Sniffing order (`Tier`, asked in this order; the first sniffer that claims the bytes wins):

1. MAGIC: a signature in the raw bytes (`%PDF-`), asked before any decoding or refusal;
2. (then `extractors.detect` refuses archives, images, binary and JSON, and decodes the text)
3. DECLARED: markup that declares its type (`<!doctype html>`, an `<html>` root);
4. XML_DIALECT: XML in an article vocabulary we read (JATS `<article>`, BMC `<art>`);
5. XML: any other XML (`<?xml`, a doctype): its reader dispatches on the root element;
6. MARKUP: undeclared HTML (`<body>`, `<div>`, `<p>` fragments);
7. TEXT: light markup in plain text (Markdown), or a file name extension that says so;
8. text nothing claims is plain text (`extractors.detect.PLAIN`).

Within a tier sniffers are asked in the order of their media type's name, so the result never
depends on which module was imported first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from extractors.document import Document


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What a reader is told of the bytes it reads."""

    source_path: str  # for messages and provenance
    sha256: str  # the bytes' version
    media_type: str  # as sniffed from the content

    def ids(self) -> dict[str, str]:
        """Gives the Document fields a reader copies from the source (an empty id: planning's)."""
        return {
            "doc_id": "",
            "source_path": self.source_path,
            "sha256": self.sha256,
            "media_type": self.media_type,
        }


class Tier(IntEnum):
    """When a sniffer is asked: lower tiers first (see the module docstring for the order)."""

    MAGIC = 1
    DECLARED = 2
    XML_DIALECT = 3
    XML = 4
    MARKUP = 5
    TEXT = 6


@dataclass(frozen=True, slots=True)
class Head:
    """What a sniffer sees of a file: its first bytes and, past the MAGIC tier, its first text."""

    data: bytes  # the first 8 KiB as they came
    text: str = ""  # the first 4 KiB decoded, leading BOM and whitespace stripped ("" in MAGIC)
    suffix: str = ""  # the file name's extension, lower case (".md"): a hint, never the rule

    @property
    def lower(self) -> str:
        """Gives the text in lower case (markup names are case-insensitive in HTML)."""
        return self.text.lower()


Reader = Callable[[bytes, SourceMeta], Document]
Sniff = Callable[[Head], bool]


@dataclass(frozen=True, slots=True)
class Sniffer:
    """One registered way to recognise a media type."""

    tier: Tier
    media_type: str
    claims: Sniff


_READERS: dict[str, Reader] = {}
_SNIFFERS: list[Sniffer] = []


def register(*media_types: str) -> Callable[[Reader], Reader]:
    """Gives a decorator that registers a reader for the media types."""

    def add(reader: Reader) -> Reader:
        for media_type in media_types:
            if media_type in _READERS and _READERS[media_type] is not reader:
                raise ValueError(
                    f"two readers for {media_type}: {_READERS[media_type].__name__}, {reader.__name__}"
                )
            _READERS[media_type] = reader
        return reader

    return add


def sniffer(media_type: str, tier: Tier) -> Callable[[Sniff], Sniff]:
    """Gives a decorator that registers a sniffer: content it claims is of the media type.

    A media type may have sniffers in several tiers (HTML: declared, and bare fragments), but
    one per tier.
    """

    def add(claims: Sniff) -> Sniff:
        for s in _SNIFFERS:
            if (s.tier, s.media_type) == (tier, media_type) and s.claims is not claims:
                raise ValueError(
                    f"two {tier.name} sniffers for {media_type}: {s.claims.__name__}, {claims.__name__}"
                )
        if not any(s.claims is claims and s.tier == tier for s in _SNIFFERS):
            _SNIFFERS.append(Sniffer(tier, media_type, claims))
            _SNIFFERS.sort(key=lambda s: (s.tier, s.media_type))
        return claims

    return add


def unregister(media_type: str) -> None:
    """Removes the reader and every sniffer of a media type (a plugin unloaded, a test's toy)."""
    _READERS.pop(media_type, None)
    _SNIFFERS[:] = [s for s in _SNIFFERS if s.media_type != media_type]


def sniffers() -> list[Sniffer]:
    """Gives every registered sniffer, in the order they are asked."""
    return list(_SNIFFERS)


def sniff(head: Head, *, magic: bool) -> str | None:
    """Gives the media type the first claiming sniffer names, or None when none claims the head.

    `magic`: ask only the MAGIC tier (raw bytes, before decoding), else only the tiers after it.
    """
    for s in _SNIFFERS:
        if (s.tier == Tier.MAGIC) == magic and s.claims(head):
            return s.media_type
    return None


def reader_for(media_type: str) -> Reader | None:
    """Gives the reader registered for a media type, or None."""
    return _READERS.get(media_type)


def media_types() -> list[str]:
    """Gives every media type a reader is registered for."""
    return sorted(_READERS)
