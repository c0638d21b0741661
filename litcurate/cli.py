"""The `litcurate` command: a thin skin over the library.

Library errors become exit codes and friendly text here and only here. Exit codes: 0 all
fine, 1 some documents or checks failed (the rest is written), 2 usage errors.
"""

from __future__ import annotations

import errno
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


WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Worker processes for extraction: above 1, a local Dask cluster. Default: one per core for 30 PDFs or more, else 1 (fastest for a few or small documents). With --dask-address: how many workers that cluster has (default: asked of its scheduler).")]
DaskOpt = Annotated[str | None, typer.Option("--dask-address", help="Extract on an existing Dask cluster, e.g. tcp://HOST:8786.")]
BatchOpt = Annotated[int | None, typer.Option("--batch", min=1, help="Small text documents per Prefect task (PDFs get one each). Default: one task per document, or on a Dask cluster a few balanced batches per worker.")]
NoPrefectOpt = Annotated[bool, typer.Option("--no-prefect", help="Run in this process without Prefect (debugging).")]


FollowOpt = Annotated[bool, typer.Option("--follow-symlinks", help="Read symlinks that resolve outside the input folders (refused by default, each with a failures row).")]


def _set_follow(follow: bool) -> None:
    # An environment variable, so the extraction worker process and Prefect tasks see it too.
    from litcurate.inputs import FOLLOW_ENV

    if follow:
        os.environ[FOLLOW_ENV] = "1"


def _run_documents(kind: str, paths: list[Path] | None, curated: Path, *, force: bool, workers: int | None,
                   dask_address: str | None, no_prefect: bool, batch: int | None = None) -> None:  # fmt: skip
    """Runs an ingest or a re-extraction and prints what it did; exits with its code."""
    from litcurate.ingest import default_workers, discover, ingest, plan, table_counts
    from litcurate.locking import CuratedLockedError, lock_holder
    from litcurate.storage import CuratedStore

    targets = paths or [Path("raw")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        err.print(f"[red]No such file or folder:[/] {', '.join(missing)}")
        raise typer.Exit(2)
    holder = lock_holder(curated)
    if holder:  # fail fast, before paying for Prefect; the run itself takes the lock
        err.print(f"[red]error:[/] {curated} is being written by process {holder} (another ingest or "
                  "reextract); wait for it to finish, then run again")  # fmt: skip
        raise typer.Exit(1)
    store = CuratedStore(curated)
    sources = discover(targets)
    stale, _ = plan(store, sources, force=force)
    try:
        if not stale or no_prefect:  # nothing to extract: no flow, no Prefect start-up
            summary = ingest(targets, curated, force=force, detect_removed=kind == "reextract", kind=kind)
        else:
            _quiet_prefect()
            from flows.ingest import run_ingest, run_reextract

            run = run_reextract if kind == "reextract" else run_ingest
            opts = {"everything" if kind == "reextract" else "force": force}
            if workers is None and dask_address:
                from flows.runners import cluster_size

                try:
                    workers = cluster_size(dask_address)
                except OSError as exc:
                    err.print(f"[red]error:[/] {exc}")
                    raise typer.Exit(1) from None
            elif workers is None:
                workers = default_workers(stale)
            with console.status(f"Extracting {len(stale)} document(s) through Prefect..."):
                summary = run([str(p) for p in targets], str(curated), workers=workers,
                              dask_address=dask_address, batch=batch, **opts)  # fmt: skip
    except CuratedLockedError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    console.print(
        f"processed {len(summary.processed)}, skipped {len(summary.skipped)} unchanged, "
        f"failed {len(summary.failed)}, partial {len(summary.partial)}"
        + (f", removed {len(summary.removed)}" if kind == "reextract" else "")
    )
    for f in summary.failures:
        if f["stage"] in ("read", "extract"):
            err.print(f"[red]failed[/] {f['message'].splitlines()[0]}")
    changes = {t: d for t, d in summary.tables.items() if d.added or d.removed or d.changed}
    if changes:
        table = Table(title="records changed by this run")
        for col in ("table", "added", "removed", "changed"):
            table.add_column(col, justify="left" if col == "table" else "right")
        for t, d in changes.items():
            table.add_row(t, str(len(d.added)), str(len(d.removed)), str(len(d.changed)))
        console.print(table)
    if summary.removed:
        console.print(f"marked removed (rows kept until `litcurate purge`): {', '.join(summary.removed)}")
    console.print(f"run record: {curated / 'runs' / f'{summary.run_id}.json'}")
    _print_counts(table_counts(store), f"curated dataset in {curated}")
    raise typer.Exit(summary.exit_code)


def ingest_cli(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest (default: raw/).")] = None,
    curated: CuratedOpt = Path("curated"),
    workers: WorkersOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract unchanged documents too.")] = False,
    dask_address: DaskOpt = None,
    batch: BatchOpt = None,
    no_prefect: NoPrefectOpt = False,
    follow_symlinks: FollowOpt = False,
) -> None:
    """Ingest documents into the curated dataset; unchanged documents are skipped."""
    _set_follow(follow_symlinks)
    _run_documents("ingest", paths, curated, force=force, workers=workers, dask_address=dask_address,
                   no_prefect=no_prefect, batch=batch)  # fmt: skip


def reextract_cli(
    paths: Annotated[list[Path] | None, typer.Argument(help="Folders (or files) to re-extract (default: raw/).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Re-extract every document, changed or not.")] = False,
    curated: CuratedOpt = Path("curated"),
    workers: WorkersOpt = None,
    dask_address: DaskOpt = None,
    batch: BatchOpt = None,
    no_prefect: NoPrefectOpt = False,
    follow_symlinks: FollowOpt = False,
) -> None:
    """Re-extract new documents, changed ones (bytes or extractor version) and mark removed ones.

    Writes a run record (curated/runs/) listing the records added, removed and changed.
    """
    _set_follow(follow_symlinks)
    _run_documents("reextract", paths, curated, force=everything, workers=workers,
                   dask_address=dask_address, no_prefect=no_prefect, batch=batch)  # fmt: skip


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


def status_cli(
    curated: CuratedOpt = Path("curated"),
    runs: Annotated[int, typer.Option("--runs", min=0, help="How many of the last runs to show.")] = 5,
) -> None:
    """Show documents by status, rows per table, failures, review coverage and the last runs."""
    from litcurate.ingest import table_counts
    from litcurate.locking import lock_holder
    from litcurate.runs import read_run_records
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
    from litcurate.review.db import db_path

    if not docs.empty and not db_path(curated).exists():  # status reads; it never creates the database
        console.print("review: no decisions yet (no review database)")
    elif not docs.empty:
        from litcurate.review.store import review_counts

        counts = review_counts(curated)
        decided = sum(counts.get(k, 0) for k in ("accepted", "rejected", "edited"))
        total = decided + counts.get("pending", 0)
        share = f" ({100 * decided / total:.0f}% of {total})" if total else ""
        console.print(
            f"review: {decided} decided{share}; "
            + " ".join(f"{k}={v}" for k, v in counts.items())
        )
    holder = lock_holder(curated)
    if holder:
        console.print(f"a run is in progress (process {holder})")
    records = read_run_records(curated, last=runs)
    if records:
        table = Table(title=f"last {len(records)} run(s), newest first (records: +added -removed ~changed)")
        from litcurate.run_marks import run_state

        for col in ("started (UTC)", "kind", "state", "processed", "skipped", "failed", "removed", "records"):
            table.add_column(col, justify="left" if col in ("started (UTC)", "kind") else "right")
        for r in reversed(records):
            n = r.get("n", {})
            recs = f"+{n.get('records_added', 0)} -{n.get('records_removed', 0)} ~{n.get('records_changed', 0)}"
            state = run_state(r, live=bool(holder) and r is records[-1])
            table.add_row(str(r["started"])[:19].replace("T", " "), r["kind"],
                          "[red]interrupted[/]" if state == "interrupted" else state,
                          *(str(n.get(k, 0)) for k in ("processed", "skipped", "failed", "removed")), recs)  # fmt: skip
        console.print(table)
        for r in records:
            if run_state(r, live=bool(holder) and r is records[-1]) == "interrupted":
                console.print(f"[red]interrupted run[/] {r['run_id']} ({r['kind']}): it never finished; "
                              "the next run redoes its documents")  # fmt: skip


def purge_cli(
    curated: CuratedOpt = Path("curated"),
    yes: Annotated[bool, typer.Option("--yes", help="Purge without asking.")] = False,
) -> None:
    """Delete the rows of documents marked removed (their source left raw/), for good."""
    from litcurate.ingest import purge
    from litcurate.locking import CuratedLockedError
    from litcurate.storage import CuratedStore

    docs = CuratedStore(curated).read("documents")
    removed = docs.loc[docs["status"] == "removed", "source_path"].tolist()
    if removed:
        console.print(f"{len(removed)} removed document(s): " + ", ".join(map(str, removed)))
    if not yes and removed and not typer.confirm("Delete their rows from every curated table?"):
        raise typer.Exit(1)
    try:
        purged = purge(curated)
    except CuratedLockedError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    console.print(f"purged {len(purged)} document(s)")


def schedule_cli(
    paths: Annotated[list[Path] | None, typer.Argument(help="Folders to re-extract (default: raw/).")] = None,
    cron: Annotated[str | None, typer.Option("--cron", help="Cron expression, e.g. '0 3 * * *' (03:00 daily).")] = None,
    every: Annotated[float | None, typer.Option("--every", min=1, help="Interval in seconds.")] = None,
    curated: CuratedOpt = Path("curated"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes for each run's extraction: above 1, a local Dask cluster per run. With --dask-address: how many workers that cluster has.")] = 1,
    dask_address: DaskOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="Show the scheduled re-extractions and exit.")] = False,
) -> None:
    """Re-extract on a schedule, served by this process until Ctrl-C.

    Without PREFECT_API_URL a private Prefect server runs alongside; set it to use yours.
    """
    _quiet_prefect()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    if list_:
        from flows.schedule import list_schedules

        table = Table(title="scheduled re-extractions")
        for col in ("deployment", "schedule", "state", "paths", "curated"):
            table.add_column(col)
        for d in list_schedules():
            table.add_row(d["name"], "; ".join(d["schedules"]), d["state"],
                          ", ".join(d["paths"] or []), str(d["curated"]))  # fmt: skip
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
        serve_reextract([str(p) for p in targets], str(curated), cron=cron, every=every,
                        workers=workers, dask_address=dask_address)  # fmt: skip
    except ScheduleError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2 if "invalid" in str(exc) else 1) from None
    except KeyboardInterrupt:
        pass
    console.print("schedule stopped")


def report_cli(
    curated: CuratedOpt = Path("curated"),
    out: Annotated[Path | None, typer.Option("--out", help="HTML file to write (default: DIR/report.html).")] = None,
    include_rejected: Annotated[bool, typer.Option("--include-rejected", help="Keep rejected study and potency rows.")] = False,
) -> None:
    """Write an HTML report of the curated dataset: documents, studies, potency, failures, plots."""
    if not (curated / "documents").is_dir():
        err.print(f"[red]error:[/] {curated} holds no curated dataset (run `litcurate ingest` first)")
        raise typer.Exit(2)
    from litcurate.report.build import write_report

    path = write_report(curated, out or curated / "report.html", include_rejected=include_rejected)
    console.print(f"report: {path}")


app.command("ingest")(ingest_cli)
app.command("validate")(validate_cli)
app.command("status")(status_cli)
app.command("reextract")(reextract_cli)
app.command("schedule")(schedule_cli)
app.command("purge")(purge_cli)
app.command("report")(report_cli)


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
    except OSError as exc:
        # A read-only or full curated folder: one line, not hundreds of traceback lines.
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
            raise
        err.print(f"[red]error:[/] cannot write {exc.filename or 'the curated folder'}: {exc.strerror}")
        sys.exit(1)


if __name__ == "__main__":
    main()
