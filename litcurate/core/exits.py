"""Exit codes of every command, decided in one place from the error raised.

0 all fine; 1 some documents or checks failed, or the library refused (the rest is kept);
2 a usage error (`UsageError`: a missing path, not a curated dataset, an unknown value);
130 interrupted by Ctrl-C, after saying what was kept.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from litcurate.core.errors import LitcurateError, UsageError

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
F = TypeVar("F", bound=Callable[..., Any])
_err = Console(stderr=True, soft_wrap=True)  # one line per error, paths unbroken

INTERRUPTED_MESSAGE = (
    "interrupted: every document whose rows were written is kept; the next run of the same "
    "command finishes the rest (documents a killed run was writing are redone)"
)


def exit_code(exc: BaseException) -> int:
    """Gives the exit code for an error a command raised."""
    if isinstance(exc, UsageError):
        return USAGE
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED
    return FAILED


def guarded(command: F) -> F:
    """Gives the command turning litcurate's errors into one clear line and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except LitcurateError as exc:
            _err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(exit_code(exc)) from None
        except KeyboardInterrupt:
            _err.print(f"[yellow]{INTERRUPTED_MESSAGE}[/]")
            raise typer.Exit(INTERRUPTED) from None
        except OSError as exc:
            # A read-only or full curated folder: one line, not hundreds of traceback lines.
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
                raise
            _err.print(f"[red]error:[/] cannot write {exc.filename or 'the curated folder'}: {exc.strerror}")
            raise typer.Exit(FAILED) from None

    return run  # type: ignore[return-value]
