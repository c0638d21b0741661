"""The `litcurate` command: a thin skin over the library.

Library errors become exit codes and friendly text here and only here. Exit codes: 0 all
fine, 1 some documents or checks failed (the rest is written), 2 usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from litcurate.errors import LitcurateError

app = typer.Typer(
    help="Extract and curate preclinical pharmacology from documents into a validated dataset.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=False)
err = Console(stderr=True)

CuratedOpt = Annotated[
    Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)
]


def _quiet_prefect() -> None:
    # No telemetry and no chatter: litcurate runs offline and prints its own summary.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


def _print_counts(counts: dict[str, int], title: str) -> None:
    table = Table(title=title)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    console.print(table)


def ingest_cli(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest (default: raw/).")] = None,
    curated: CuratedOpt = Path("curated"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes for extraction.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged documents too.")] = False,
    no_prefect: Annotated[bool, typer.Option("--no-prefect", help="Run in this process without Prefect (debugging).")] = False,
) -> None:
    """Ingest documents into the curated dataset; unchanged documents are skipped."""
    from litcurate.ingest import RunSummary, discover, ingest, plan, table_counts
    from litcurate.storage import CuratedStore

    targets = paths or [Path("raw")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        err.print(f"[red]No such file or folder:[/] {', '.join(missing)}")
        raise typer.Exit(2)
    store = CuratedStore(curated)
    stale, unchanged = plan(store, discover(targets), force=force)
    if not stale:
        summary = RunSummary(skipped=[str(s.path) for s in unchanged])
    elif no_prefect:
        summary = ingest(targets, curated, force=force)
    else:
        _quiet_prefect()
        from flows.ingest import run_ingest

        with console.status(f"Ingesting {len(stale)} document(s) through Prefect..."):
            summary = run_ingest([str(p) for p in targets], str(curated), force=force, workers=workers)
    console.print(
        f"processed {len(summary.processed)}, skipped {len(summary.skipped)} unchanged, "
        f"failed {len(summary.failed)}, partial {len(summary.partial)}"
    )
    for f in summary.failures:
        if f["stage"] in ("read", "extract"):
            err.print(f"[red]failed[/] {f['message'].splitlines()[0]}")
    _print_counts(table_counts(store), f"curated dataset in {curated}")
    raise typer.Exit(summary.exit_code)


def validate_cli(curated: CuratedOpt = Path("curated")) -> None:
    """Check every curated table against its schema and the cross-table rules."""
    from litcurate.storage import CuratedStore
    from schemas.registry import SCHEMAS
    from schemas.validate import validate_frames

    store = CuratedStore(curated)
    frames = {t: store.read(t) for t in SCHEMAS}
    result = validate_frames(frames)
    if result.ok:
        console.print(f"[green]valid[/]: {sum(len(f) for f in frames.values())} rows in {len(frames)} tables")
        return
    table = Table(title=f"{len(result.failures)} validation failure(s)")
    for col in ("table", "column", "check", "message"):
        table.add_column(col)
    for f in result.failures[:200]:
        table.add_row(str(f["table"]), str(f["column"]), str(f["check"]), f["message"])
    console.print(table)
    raise typer.Exit(1)


def status_cli(curated: CuratedOpt = Path("curated")) -> None:
    """Show documents by status, rows per table and failures."""
    from litcurate.ingest import table_counts
    from litcurate.storage import CuratedStore

    store = CuratedStore(curated)
    docs = store.read("documents")
    by_status = docs["status"].value_counts().to_dict() if not docs.empty else {}
    console.print(f"documents: {len(docs)} " + " ".join(f"{k}={v}" for k, v in sorted(by_status.items())))
    _print_counts(table_counts(store), f"curated dataset in {curated}")
    failures = store.read("failures")
    if not failures.empty:
        console.print(f"failures: {len(failures)}")
        for msg in failures["message"].head(10):
            console.print(f"  - {str(msg).splitlines()[0]}")


app.command("ingest")(ingest_cli)
app.command("validate")(validate_cli)
app.command("status")(status_cli)


# --- review and export commands (issue 5) ---
from litcurate.review.cli import export_cli, review_app  # noqa: E402 - light: FastAPI loads on `serve` only

app.add_typer(review_app, name="review")
app.command("export")(export_cli)
# --- end of review and export commands (issue 5) ---


def main() -> None:
    """Runs the CLI, turning library errors into exit code 1 with a message."""
    try:
        app()
    except LitcurateError as exc:
        err.print(f"[red]error:[/] {exc}")
        sys.exit(1)


if __name__ == "__main__":
    main()
