"""The `litcurate` command: a thin skin over the library.

Library errors become exit codes and friendly text here and only here. Exit codes: 0 all
fine, 1 some documents or checks failed (the rest is written), 2 usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.markup import escape
from rich.table import Table

from litcurate.cli_common import (
    VERBOSITY,
    CuratedOpt,
    console,
    err,
    print_counts,
    progress,
    quiet_prefect,
)
from litcurate.cli_dataset import purge_cli, report_cli, status_cli, validate_cli
from litcurate.core.errors import LitcurateError
from litcurate.core.exits import exit_code, guarded

if TYPE_CHECKING:
    import pandas as pd


app = typer.Typer(
    help="Extract and curate preclinical pharmacology from documents into a validated dataset.",
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        from litcurate import __version__

        console.print(f"litcurate {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say more: Prefect's own progress logs too.", metavar="")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors (and --json output).", metavar="")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit.", metavar=""
        ),
    ] = False,
) -> None:
    """Extract and curate preclinical pharmacology from documents into a validated dataset."""
    VERBOSITY["level"] = -1 if quiet else (1 if verbose else 0)
    console.quiet = quiet


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Extraction worker processes, each document under the run's time and memory limits. Default: one per core when the documents' expected work repays starting them (3 s or more: a PDF ~1 s, a text ~65 ms), else 1. With --dask-address: how many workers that cluster has (default: asked of its scheduler).",
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option("--dask-address", help="Extract on an existing Dask cluster, e.g. tcp://HOST:8786."),
]
BatchOpt = Annotated[
    int | None,
    typer.Option(
        "--batch",
        min=1,
        help="Small text documents per Prefect task (PDFs get one each). Default: 50, or on a Dask cluster a few balanced batches per worker.",
    ),
]
NoPrefectOpt = Annotated[
    bool | None,
    typer.Option(
        "--prefect/--no-prefect",
        help="Run through a Prefect flow, or in this process without Prefect (the same rows, limits and run record). Default: Prefect when a server is up (PREFECT_API_URL) or with --dask-address; in this process otherwise, since Prefect's local API takes 10-14 s to start.",
        metavar="",
    ),
]


FollowOpt = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        help="Read symlinks that resolve outside the input folders (refused by default, each with a failures row).",
        metavar="",
    ),
]


def _run_documents(
    kind: Literal["ingest", "reextract"],
    paths: list[Path] | None,
    curated: Path,
    *,
    force: bool,
    workers: int | None,
    dask_address: str | None,
    prefect: bool | None,
    batch: int | None = None,
    replace: bool = False,
    follow_symlinks: bool = False,
) -> None:
    """Runs an ingest or a re-extraction and prints what it did; exits with its code."""
    from litcurate.ingest.settings import RunSettings
    from litcurate.ingest.sources import discover
    from litcurate.ingest.workers import warm_for

    targets = paths or [Path("raw")]
    # Made once here (limits with their LITCURATE_DOC_* overrides, the symlink flag) and passed
    # down explicitly to planning, the flow's tasks and the extraction worker.
    settings = RunSettings.from_env(follow_symlinks=follow_symlinks)
    if not dask_address and all(p.exists() for p in targets):
        # The workers start before the rest of the run is imported (pandas, pyarrow, Pandera,
        # ~0.8 s) and planned; `plan_run` stops them when nothing is stale.
        warm_for(discover(targets), workers=workers, settings=settings)
    from flows.run import InputError, plan_run, run_documents
    from litcurate.ingest import table_counts
    from litcurate.locking import CuratedLockedError
    from litcurate.storage import CuratedStore

    try:
        if dask_address and workers is None:
            from flows.runners import cluster_size

            workers = cluster_size(dask_address)
        opts: dict[str, Any] = {
            "force": force,
            "replace": replace,
            "workers": workers,
            "dask_address": dask_address,
            "settings": settings,
        }
        chosen = plan_run(kind, targets, curated, prefect=prefect, **opts)
        if chosen.prefect:
            quiet_prefect()
            console.print(f"extracting {len(chosen.stale)} document(s) through Prefect: {chosen.reason}")
            with console.status("Prefect: starting its API, then one task per document or batch..."):
                summary = run_documents(kind, targets, curated, batch=batch, chosen=chosen, **opts)
        else:
            with progress(len(chosen.stale)) as on_document:
                summary = run_documents(
                    kind, targets, curated, batch=batch, chosen=chosen, progress=on_document, **opts
                )
    except InputError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    except (CuratedLockedError, OSError) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    store = CuratedStore(curated)
    console.print(
        f"processed {len(summary.processed)}, skipped {len(summary.skipped)} unchanged, "
        f"failed {len(summary.failed)}, partial {len(summary.partial)}"
        + (f", removed {len(summary.removed)}" if kind == "reextract" else "")
        + (f", duplicates {len(summary.duplicates)}" if summary.duplicates else "")
        + (f", refused {len(summary.refused)}" if summary.refused else "")
    )
    for why in summary.refused:
        err.print(f"[red]refused[/] {escape(why)}")
    for f in summary.failures:
        if f["stage"] in ("read", "extract"):
            err.print(f"[red]failed[/] {f['message'].splitlines()[0]}")
    changes = {t: n for t, n in summary.diffs.n.items() if any(n.values())}
    if changes:
        table = Table(title="records changed by this run")
        for col in ("table", "added", "removed", "changed"):
            table.add_column(col, justify="left" if col == "table" else "right")
        for t, n in changes.items():
            table.add_row(t, str(n["added"]), str(n["removed"]), str(n["changed"]))
        console.print(table)
    if summary.removed:
        console.print(f"marked removed (rows kept until `litcurate purge`): {', '.join(summary.removed)}")
    console.print(f"run record: {curated / 'runs' / f'{summary.run_id}.json'}")
    print_counts(table_counts(store), f"curated dataset in {curated}")
    raise typer.Exit(summary.exit_code)


def ingest_cli(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to ingest (default: raw/).")
    ] = None,
    curated: CuratedOpt = Path("curated"),
    workers: WorkersOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract unchanged documents too.", metavar="")
    ] = False,
    dask_address: DaskOpt = None,
    batch: BatchOpt = None,
    prefect: NoPrefectOpt = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Let a file take over the id of a document ingested from another path (its rows and reviews go to the new file).",
            metavar="",
        ),
    ] = False,
    follow_symlinks: FollowOpt = False,
) -> None:
    """Ingest documents into the curated dataset; unchanged documents are skipped."""
    _run_documents(
        "ingest",
        paths,
        curated,
        force=force,
        workers=workers,
        dask_address=dask_address,
        prefect=prefect,
        batch=batch,
        replace=replace,
        follow_symlinks=follow_symlinks,
    )


def reextract_cli(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Folders (or files) to re-extract (default: raw/).")
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-extract every document, changed or not.", metavar="")
    ] = False,
    curated: CuratedOpt = Path("curated"),
    workers: WorkersOpt = None,
    dask_address: DaskOpt = None,
    batch: BatchOpt = None,
    prefect: NoPrefectOpt = None,
    follow_symlinks: FollowOpt = False,
) -> None:
    """Re-extract new documents, changed ones (bytes or extractor version) and mark removed ones.

    Writes a run record (curated/runs/) listing the records added, removed and changed.
    """
    _run_documents(
        "reextract",
        paths,
        curated,
        force=everything,
        workers=workers,
        dask_address=dask_address,
        prefect=prefect,
        batch=batch,
        follow_symlinks=follow_symlinks,
    )


def schedule_cli(
    paths: Annotated[list[Path] | None, typer.Argument(help="Folders to re-extract (default: raw/).")] = None,
    cron: Annotated[
        str | None, typer.Option("--cron", help="Cron expression, e.g. '0 3 * * *' (03:00 daily).")
    ] = None,
    every: Annotated[float | None, typer.Option("--every", min=1, help="Interval in seconds.")] = None,
    curated: CuratedOpt = Path("curated"),
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Extraction worker processes for each run (a Prefect task thread and a worker process each). With --dask-address: how many workers that cluster has.",
        ),
    ] = 1,
    dask_address: DaskOpt = None,
    list_: Annotated[
        bool, typer.Option("--list", help="Show the scheduled re-extractions and exit.", metavar="")
    ] = False,
) -> None:
    """Re-extract on a schedule, served by this process until Ctrl-C.

    Without PREFECT_API_URL a private Prefect server runs alongside; set it to use yours.
    """
    quiet_prefect()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    if list_:
        from flows.schedule import list_schedules

        table = Table(title="scheduled re-extractions")
        for col in ("deployment", "schedule", "state", "paths", "curated"):
            table.add_column(col)
        for d in list_schedules():
            table.add_row(
                d["name"],
                "; ".join(d["schedules"]),
                d["state"],
                ", ".join(d["paths"] or []),
                str(d["curated"]),
            )
        console.print(table)
        return
    if (cron is None) == (every is None):
        err.print("[red]give exactly one of --cron EXPR or --every SECONDS[/]")
        raise typer.Exit(2)
    targets = paths or [Path("raw")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        err.print(f"[red]No such file or folder:[/] {', '.join(missing)}")
        raise typer.Exit(2)
    from flows.schedule import ScheduleError, serve_reextract

    what = f"cron '{cron}'" if cron else f"every {every:g} s"
    console.print(f"re-extracting {', '.join(map(str, targets))} into {curated} {what}; Ctrl-C stops")
    try:
        serve_reextract(
            [str(p) for p in targets],
            str(curated),
            cron=cron,
            every=every,
            workers=workers,
            dask_address=dask_address,
        )
    except ScheduleError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2 if "invalid" in str(exc) else 1) from None
    except KeyboardInterrupt:
        pass
    console.print("schedule stopped")


app.command("ingest")(guarded(ingest_cli))
app.command("validate")(guarded(validate_cli))
app.command("status")(guarded(status_cli))
app.command("reextract")(guarded(reextract_cli))
app.command("schedule")(guarded(schedule_cli))
app.command("purge")(guarded(purge_cli))
app.command("report")(guarded(report_cli))


# --- review and export commands (issue 5) ---
from litcurate.review.cli import export_cli, review_app  # noqa: E402 - light: FastAPI loads on `serve` only

app.add_typer(review_app, name="review")
app.command("export")(guarded(export_cli))


def _reviewed_table(curated: Path, table: str) -> pd.DataFrame:
    """Gives a table of the reviewed view (edits applied; rejected rows marked, the meta-analysis
    leaves them out)."""
    from litcurate.review.store import open_store
    from litcurate.review.view import reviewed_table
    from litcurate.storage import require_dataset

    store = open_store(require_dataset(curated), read_only=True)
    try:
        return reviewed_table(store, table)
    finally:
        store.close()


def _meta_cli() -> Any:
    from litcurate.meta.cli import make_meta_cli

    return make_meta_cli(_reviewed_table)


app.command("meta")(guarded(_meta_cli()))
# --- end of review and export commands (issue 5) ---

# --- query (issue 13) ---
from litcurate.query import query_cli  # noqa: E402 - light: DuckDB loads when a query runs

app.command("query")(guarded(query_cli))


def main() -> None:
    """Runs the CLI with the defaults of litcurate.toml, turning library errors into exit codes."""
    from litcurate.config import default_map, load_config

    try:
        app(default_map=default_map(load_config()))
    except LitcurateError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        sys.exit(exit_code(exc))


if __name__ == "__main__":
    main()
