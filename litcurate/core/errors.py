"""The root of litcurate's one exception hierarchy.

Each error is defined in the layer that raises it (documents in `extractors.errors`, storage
in `litcurate.storage`, locks in `litcurate.locking`, review in `litcurate.review`, schedules in
`flows.schedule`), every one a `LitcurateError`; `litcurate.errors` re-exports them all for the
CLI, the only place that turns them into exit codes and friendly text.
"""

from __future__ import annotations


class LitcurateError(Exception):
    """Base class of every error litcurate raises on purpose."""


class UsageError(LitcurateError):
    """The command was given something it cannot use: a missing path, a folder that is not a
    curated dataset, an unknown value. The CLI exits 2 for these, 1 for every other error."""
