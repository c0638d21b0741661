"""The reader registry: every format is one function with one signature, found by media type.

A reader is `read(data: bytes, meta: SourceMeta) -> Document`, registered with
`@register(MEDIA_TYPE, ...)` in its own module; adding a format is one module that registers
itself (and a media type that `extractors.detect` sniffs). Readers do not decide which stored
document the bytes are: the Document they give has no id until planning, which knows the
store, assigns one (`litcurate.ingest.planning`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


Reader = Callable[[bytes, SourceMeta], Document]
_READERS: dict[str, Reader] = {}


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


def reader_for(media_type: str) -> Reader | None:
    """Gives the reader registered for a media type, or None."""
    return _READERS.get(media_type)


def media_types() -> list[str]:
    """Gives every media type a reader is registered for."""
    return sorted(_READERS)
