"""The one exception hierarchy of litcurate.

Library code raises these with the path and the reason; only the CLI turns them into exit
codes and friendly text.
"""

from __future__ import annotations

from pathlib import Path


class LitcurateError(Exception):
    """Base class of every error litcurate raises on purpose."""


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


class StorageError(LitcurateError):
    """Reading or writing the curated dataset failed."""


class AuditLogTamperedError(LitcurateError):
    """The review audit log fails verification (a dropped trigger, a broken hash chain)."""


class CuratedValidationError(LitcurateError):
    """The curated dataset does not pass its schemas."""
