"""What a run may read and what one document may cost: one frozen value, passed explicitly.

The CLI (or a library caller) makes one `RunSettings`; it goes through planning, the Prefect
flow and its tasks, to the extraction worker process (on its command line), so every step of a
run decides with the same values and nothing depends on the environment at the time a step
runs. Environment variables are read once, where the settings are made (`from_env`), and only
as documented overrides of the limits' defaults:

    LITCURATE_DOC_SECONDS         wall time per document, in s (default 60)
    LITCURATE_DOC_SECONDS_PER_MB  wall time added per MB of file (default 1)
    LITCURATE_DOC_MEMORY_MB       address space of the extraction worker (default 4096)
    LITCURATE_DOC_INFLATED_MB     what a PDF's streams may inflate to, together (default 512)
    LITCURATE_DOC_MAX_ROWS        rows over all tables of one document (default 2,000,000)

`0`, `none` or `off` switches a limit off. Following symlinks out of the input folders is
never read from the environment: only `--follow-symlinks` (or `follow_symlinks=True`) allows it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. `None` switches a limit off."""

    seconds: float | None = 60.0  # wall time per document, plus `seconds_per_mb` per MB of file
    seconds_per_mb: float = 1.0
    memory_mb: int | None = 4096  # address space of the worker process (RLIMIT_AS)
    max_rows: int | None = 2_000_000  # rows over all tables of one document
    inflated_mb: int | None = 512  # what a PDF's compressed streams may inflate to, together

    def deadline(self, size_bytes: int) -> float | None:
        """Gives the seconds a document of `size_bytes` may take, or None (no limit)."""
        return None if self.seconds is None else self.seconds + self.seconds_per_mb * size_bytes / MB

    @classmethod
    def from_env(cls) -> Limits:
        """Gives the default limits with the LITCURATE_DOC_* overrides of the environment applied."""
        d = cls()

        def num(name: str, default: Any, kind: type) -> Any:
            raw = os.environ.get(name)
            if raw is None or raw.strip() == "":
                return default
            return None if raw.strip().lower() in ("0", "none", "off") else kind(raw)

        return cls(
            seconds=num("LITCURATE_DOC_SECONDS", d.seconds, float),
            seconds_per_mb=num("LITCURATE_DOC_SECONDS_PER_MB", d.seconds_per_mb, float) or 0.0,
            memory_mb=num("LITCURATE_DOC_MEMORY_MB", d.memory_mb, int),
            inflated_mb=num("LITCURATE_DOC_INFLATED_MB", d.inflated_mb, int),
            max_rows=num("LITCURATE_DOC_MAX_ROWS", d.max_rows, int),
        )

    @property
    def isolated(self) -> bool:
        """Gives whether documents need the worker process (a time or memory limit is set)."""
        return self.seconds is not None or self.memory_mb is not None


@dataclass(frozen=True, slots=True)
class RunSettings:
    """The settings of one run: its per-document limits and whether symlinks out of the input
    folders are read."""

    limits: Limits = field(default_factory=Limits)
    follow_symlinks: bool = False

    @classmethod
    def from_env(cls, *, follow_symlinks: bool = False) -> RunSettings:
        """Gives the settings of a run: the limits with their environment overrides (see the
        module's doc) and `follow_symlinks` as given (never from the environment)."""
        return cls(Limits.from_env(), follow_symlinks)


def resolved(settings: RunSettings | None) -> RunSettings:
    """Gives `settings`, or, for a caller that gave none, the defaults with their overrides."""
    return settings if settings is not None else RunSettings.from_env()
