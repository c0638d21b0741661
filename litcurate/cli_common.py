"""What every command shares: the consoles, -q/-v, progress, JSON and table output, options."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console(stderr=False)
err = Console(stderr=True, soft_wrap=True)  # one line per error, paths unbroken
VERBOSITY = {"level": 0}  # -q: -1, default 0, -v: 1 (Prefect's own INFO logs too)


CuratedOpt = Annotated[
    Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)
]


JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.", metavar="")
]


def quiet_prefect() -> None:
    # No telemetry and no chatter: litcurate runs offline and prints its own summary.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if VERBOSITY["level"] > 0 else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


@contextmanager
def progress(total: int) -> Iterator[Callable[[Any], None]]:
    """Gives a per-document callback: a progress bar on a terminal, a plain line per document
    otherwise (logs, CI), nothing with -q."""
    if VERBOSITY["level"] < 0 or not total:
        yield lambda ex: None
        return
    if not console.is_terminal:
        done = [0]

        def line(ex: Any) -> None:
            done[0] += 1
            state = (
                "failed"
                if ex.error
                else "duplicate"
                if ex.duplicate_of
                else f"{sum(map(len, ex.rows.values()))} rows"
            )
            # Plain text, written straight: a line through rich's renderer cost ~1 ms, about
            # a second of the run's own CPU for 1,000 small documents.
            out = console.file
            out.write(f"[{done[0]}/{total}] {ex.source_path}: {state}\n")
            out.flush()

        yield line
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)
        yield lambda ex: bar.update(task, advance=1, description=escape(Path(ex.source_path).name))


def print_json(data: object) -> None:
    # Plain print: rich would wrap long lines and colour the keys.
    print(json.dumps(data, indent=1, ensure_ascii=False, default=str))


def print_counts(counts: dict[str, int], title: str) -> None:
    table = Table(title=title)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)
