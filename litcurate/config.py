"""Optional defaults for every command, from `litcurate.toml` in the working folder.

    # litcurate.toml
    raw = "papers"          # what ingest, reextract, schedule and review serve read
    curated = "dataset"     # where every command finds the curated dataset
    workers = 2             # ingest and reextract
    reviewer = "jdoe"       # review decisions

Command-line options always win. The file is read once, when the CLI starts; an unreadable or
invalid file is a usage error naming it, not a silent fallback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from litcurate.core.errors import UsageError

CONFIG_NAME = "litcurate.toml"
KEYS = {"raw": str, "curated": str, "workers": int, "reviewer": str}
# Which commands take which default: (command path, parameter name).
_TARGETS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "curated": [
        ((c,), "curated")
        for c in (
            "ingest",
            "reextract",
            "validate",
            "status",
            "purge",
            "schedule",
            "report",
            "export",
            "query",
            "meta",
        )
    ]
    + [(("review", c), "curated") for c in ("serve", "list", "accept", "reject", "edit", "verify")],
    "raw": [
        (("ingest",), "paths"),
        (("reextract",), "paths"),
        (("schedule",), "paths"),
        (("review", "serve"), "raw"),
    ],
    "workers": [(("ingest",), "workers"), (("reextract",), "workers")],
    "reviewer": [(("review", c), "reviewer") for c in ("serve", "accept", "reject", "edit")],
}


class ConfigError(UsageError):
    """litcurate.toml cannot be read or holds a key or value litcurate does not take."""


def load_config(folder: Path | None = None) -> dict[str, Any]:
    """Gives the settings of `litcurate.toml` in the folder (default: the working folder), or {}."""
    path = (folder or Path.cwd()) / CONFIG_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    for key, kind in KEYS.items():
        if key in data and not isinstance(data[key], kind):
            raise ConfigError(f"{path}: {key} must be a {kind.__name__}, not {data[key]!r}")
    return data


def default_map(settings: dict[str, Any]) -> dict[str, Any]:
    """Gives click's `default_map` (defaults per command and parameter) for the settings."""
    out: dict[str, Any] = {}
    for key, value in settings.items():
        for command, param in _TARGETS[key]:
            node = out
            for part in command:
                node = node.setdefault(part, {})
            node[param] = [value] if param == "paths" else value
    return out
