"""`litcurate review …` and `litcurate export`: thin commands over the review library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

review_app = typer.Typer(
    help="Review extracted records: a local web app, and command-line twins of its actions.",
    no_args_is_help=True,
)
console = Console()
err = Console(stderr=True)

CuratedOpt = Annotated[Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: saved with the decision in the audit log.")]
ReviewerOpt = Annotated[str | None, typer.Option("--reviewer", help="Who decides (default: $LITCURATE_REVIEWER or your login).")]


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/] {exc}")
    return typer.Exit(1)


def serve_cli(
    curated: CuratedOpt = Path("curated"),
    raw: Annotated[Path, typer.Option("--raw", help="Folder of the source documents.", file_okay=False)] = Path("raw"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    token: Annotated[str | None, typer.Option("--token", help="Access token; required to listen beyond this machine.")] = None,
    reviewer: ReviewerOpt = None,
) -> None:
    """Serve the review web app (on 127.0.0.1 unless --host and --token are given)."""
    from litcurate.review.app import LOCAL_HOSTS, create_app

    if host not in LOCAL_HOSTS and not token:
        err.print(f"[red]refused:[/] {host} is reachable from other machines; pass --token SECRET to serve there")
        raise typer.Exit(2)
    if not (curated / "documents").is_dir():
        err.print(f"[red]error:[/] {curated}: no curated dataset here (run `litcurate ingest` first)")
        raise typer.Exit(1)
    import uvicorn

    local = host in LOCAL_HOSTS
    from litcurate.errors import LitcurateError

    try:
        app = create_app(curated, raw=raw, token=token, reviewer=reviewer, allowed_hosts=LOCAL_HOSTS if local else None)
    except LitcurateError as exc:  # a tampered audit log is not served
        raise _fail(exc) from exc
    console.print(f"review app: http://{host}:{port}/" + (f"?token={token}" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def list_cli(
    curated: CuratedOpt = Path("curated"),
    status: Annotated[str | None, typer.Option("--status", help="pending, accepted, rejected, edited, orphaned or changed.")] = None,
    table: Annotated[str | None, typer.Option("--table", help="Only this table (studies, outcomes, potency, entities, references).")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many records.")] = 100,
) -> None:
    """List records with their review status."""
    from litcurate.review import ReviewError
    from litcurate.review.store import STATUSES, Filters, open_store

    if status and status not in STATUSES:
        err.print(f"[red]error:[/] unknown status {status!r}; use one of {', '.join(STATUSES)}")
        raise typer.Exit(2)
    try:
        store = open_store(curated)
    except ReviewError as exc:
        raise _fail(exc) from exc
    try:
        rows, total = store.queue(Filters(table or "", "", status or "", doc or ""), size=limit)
    finally:
        store.close()
    out = Table(title=f"{total} record(s)" + (f" {status}" if status else ""), expand=False)
    for col in ("record_id", "table", "status", "summary"):
        out.add_column(col, overflow="fold")
    for r in rows:
        flag = " (changed)" if r.get("changed") else ""
        out.add_row(r["record_id"], r["tbl"], f"{r['status']}{flag}", r.get("summary") or "")
    console.print(out)


def _decide(action: str, record_id: str, curated: Path, note: str | None, reviewer: str | None) -> None:
    from litcurate.review import ReviewError
    from litcurate.review.store import open_store

    try:
        store = open_store(curated)
        try:
            seq = store.decide(record_id, action, reviewer=reviewer, note=note)
            status = store.record(record_id).status
        finally:
            store.close()
    except ReviewError as exc:
        raise _fail(exc) from exc
    console.print(f"{record_id}: {status} (decision {seq})")


def accept_cli(record_id: Annotated[str, typer.Argument(help="Id of the record.")], curated: CuratedOpt = Path("curated"),
               note: NoteOpt = None, reviewer: ReviewerOpt = None) -> None:  # fmt: skip
    """Accept a record as extracted."""
    _decide("accept", record_id, curated, note, reviewer)


def reject_cli(record_id: Annotated[str, typer.Argument(help="Id of the record.")], curated: CuratedOpt = Path("curated"),
               note: NoteOpt = None, reviewer: ReviewerOpt = None) -> None:  # fmt: skip
    """Reject a record (it stays in the export, marked rejected)."""
    _decide("reject", record_id, curated, note, reviewer)


def edit_cli(
    record_id: Annotated[str, typer.Argument(help="Id of the record.")],
    field: Annotated[str, typer.Argument(help="Field to correct.")],
    value: Annotated[str, typer.Argument(help="Corrected value ('' for empty; lists as 1,2,3).")],
    curated: CuratedOpt = Path("curated"),
    note: NoteOpt = None,
    reviewer: ReviewerOpt = None,
) -> None:
    """Correct one field of a record; the value must pass the table's schema."""
    from litcurate.review import ReviewError
    from litcurate.review.store import open_store

    try:
        store = open_store(curated)
        try:
            seq = store.edit(record_id, field, value, reviewer=reviewer, note=note)
            new = store.record(record_id).reviewed.get(field)
        finally:
            store.close()
    except ReviewError as exc:
        raise _fail(exc) from exc
    console.print(f"{record_id}: {field} = {new!r} (decision {seq})")


def export_cli(
    to: Annotated[Path, typer.Option("--to", help="Folder to write the reviewed tables to.", file_okay=False)],
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")] = "csv",
    curated: CuratedOpt = Path("curated"),
) -> None:
    """Export the reviewed view: every record with its review_status, edits applied, rejected rows kept."""
    from litcurate.review import ReviewError
    from litcurate.review.view import FORMATS, export

    if fmt not in FORMATS:
        err.print(f"[red]error:[/] unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        counts = export(curated, to, fmt=fmt)
    except ReviewError as exc:
        raise _fail(exc) from exc
    for name, n in counts.items():
        console.print(f"{to / name}.{fmt}: {n} row(s)")


def verify_cli(curated: CuratedOpt = Path("curated")) -> None:
    """Check the audit log's hash chain; name the first bad decision (exit 1), or print the head hash."""
    import sqlite3

    from litcurate.review.chain import register, verify
    from litcurate.review.db import db_path

    path = db_path(curated)
    if not path.is_file():
        err.print(f"[red]error:[/] {path}: no review database here")
        raise typer.Exit(1)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # read only: verifying never writes
    try:
        register(conn)
        verdict = verify(conn)
    finally:
        conn.close()
    if not verdict.ok:
        err.print(f"[red]{verdict.message()}[/]")
        raise typer.Exit(1)
    console.print(verdict.message())


review_app.command("serve")(serve_cli)
review_app.command("verify")(verify_cli)
review_app.command("list")(list_cli)
review_app.command("accept")(accept_cli)
review_app.command("reject")(reject_cli)
review_app.command("edit")(edit_cli)
