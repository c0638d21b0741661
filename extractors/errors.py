"""Errors of reading and extracting a document: each names the path and the reason."""

from __future__ import annotations

from pathlib import Path

from litcurate.core.errors import LitcurateError


class DocumentError(LitcurateError):
    """A source document could not be turned into a Document."""

    stage = "read"

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyDocumentError(DocumentError):
    """The file has no bytes, or no text after decoding."""


class UnsupportedMediaTypeError(DocumentError):
    """The bytes are not a format litcurate reads (binary, unknown)."""


class DecodeError(DocumentError):
    """The bytes could not be decoded as text in any detected encoding."""


class MalformedDocumentError(DocumentError):
    """The file claims a format but is broken (truncated, invalid, hostile)."""


class EncryptedDocumentError(DocumentError):
    """The PDF is encrypted and cannot be read without a password."""


class TooLargeError(DocumentError):
    """The file is larger than litcurate's configured limit."""


class ExtractionError(DocumentError):
    """A Document was read but an extractor failed on it."""

    stage = "extract"
