"""The errors of the meta-analysis layer (the CLI turns them into exit codes and text)."""

from __future__ import annotations

from litcurate.core.errors import LitcurateError


class MetaError(LitcurateError):
    """A meta-analysis cannot be run as asked (unknown method, measure or subgroup column)."""
