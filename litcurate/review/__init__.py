"""Review of curated records: an append-only audit log, a reviewed view, a web app and CLI twins.

A curator accepts, rejects or corrects each extracted record. Decisions are appended to a
SQLite log (`curated/review.sqlite`) keyed by the record's stable id, so they survive
re-extraction; the current state of every record is derived from the log, never stored.
"""

from __future__ import annotations

from litcurate.core.errors import LitcurateError


class ReviewError(LitcurateError):
    """A review action could not be done (unknown record, bad field or value...)."""


class InvalidEditError(ReviewError):
    """An edited value does not pass the table's schema."""


class ConcurrentEditError(ReviewError):
    """The record changed (another decision, or re-extraction) since the form was loaded."""


class SourceAccessError(ReviewError):
    """A source file is missing or lies outside the folders the app may read."""


class AuditLogTamperedError(ReviewError):
    """The review audit log fails verification (a dropped trigger, a broken hash chain)."""


__all__ = [
    "AuditLogTamperedError",
    "ConcurrentEditError",
    "InvalidEditError",
    "ReviewError",
    "SourceAccessError",
]
