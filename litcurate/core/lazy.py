"""Package members imported from their modules on first use (PEP 562), not with the package."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_members(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """Gives a module `__getattr__` for `package` that imports each name of `where` (name ->
    module) when it is first asked for; any other name is an AttributeError."""

    def __getattr__(name: str) -> Any:
        if name in where:
            return getattr(importlib.import_module(where[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
