"""Every error litcurate raises on purpose, in one place for the CLI.

Each is defined in the layer that raises it and re-exported here; library code raises them
with the path and the reason, and only the CLI turns them into exit codes and friendly text.
Import this module only from the top layer (the CLI): it reaches into every layer.
"""

from __future__ import annotations

from extractors.errors import (
    DecodeError,
    DocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    ExtractionError,
    MalformedDocumentError,
    TooLargeError,
    UnsupportedMediaTypeError,
)
from litcurate.core.errors import LitcurateError, UsageError
from litcurate.locking import CuratedLockedError
from litcurate.review import (
    AuditLogTamperedError,
    ConcurrentEditError,
    InvalidEditError,
    ReviewError,
    SourceAccessError,
)
from litcurate.storage import NotADatasetError, StorageError

# ScheduleError too, lazily (see __getattr__).
__all__ = [
    "AuditLogTamperedError",
    "ConcurrentEditError",
    "CuratedLockedError",
    "DecodeError",
    "DocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "ExtractionError",
    "InvalidEditError",
    "LitcurateError",
    "MalformedDocumentError",
    "NotADatasetError",
    "ReviewError",
    "SourceAccessError",
    "StorageError",
    "TooLargeError",
    "UnsupportedMediaTypeError",
    "UsageError",
]


def __getattr__(name: str) -> type[LitcurateError]:
    # flows.schedule imports Prefect (~2 s): paid only by whoever asks for ScheduleError.
    if name == "ScheduleError":
        from flows.schedule import ScheduleError

        return ScheduleError
    raise AttributeError(name)
