"""`litcurate review …` and `litcurate export`: thin commands over the review library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from litcurate.core.exits import guarded

review_app = typer.Typer(
    help="Review extracted records: a local web app, and command-line twins of its actions.",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)  # paths and records on one line, whatever the width
err = Console(stderr=True, soft_wrap=True)  # one line per error, paths unbroken

CuratedOpt = Annotated[
    Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: saved with the decision in the audit log.")]
ReviewerOpt = Annotated[
    str | None, typer.Option("--reviewer", help="Who decides (default: $LITCURATE_REVIEWER or your login).")
]


def _fail(exc: Exception) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(str(exc))}")  # a message may hold [brackets] rich would eat
    return typer.Exit(1)


def port_in_use(host: str, port: int) -> str:
    """Gives why the address cannot be listened on ('' when it can): bound once, then released,
    so a busy port is one clear line before the URL is printed, not uvicorn's Errno 98 after it."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"unknown address ({exc.strerror or exc})"
    family, _type, _proto, _name, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is not busy
        try:
            probe.bind(addr)
        except OSError as exc:
            return (
                "the port is already in use" if exc.errno in (98, 48, 10048) else (exc.strerror or str(exc))
            )
    return ""


def serve_cli(
    curated: CuratedOpt = Path("curated"),
    raw: Annotated[
        Path, typer.Option("--raw", help="Folder of the source documents.", file_okay=False)
    ] = Path("raw"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None, typer.Option("--token", help="Access token; required to listen beyond this machine.")
    ] = None,
    reviewer: ReviewerOpt = None,
) -> None:
    """Serve the review web app (on 127.0.0.1 unless --host and --token are given)."""
    from litcurate.review.app import LOCAL_HOSTS, create_app

    if host not in LOCAL_HOSTS and not token:
        err.print(
            f"[red]refused:[/] {host} is reachable from other machines; pass --token SECRET to serve there"
        )
        raise typer.Exit(2)
    if not (curated / "documents").is_dir():
        err.print(f"[red]error:[/] {curated}: no curated dataset here (run `litcurate ingest` first)")
        raise typer.Exit(1)
    import uvicorn

    busy = port_in_use(host, port)
    if busy:
        err.print(
            f"[red]error:[/] cannot serve on {escape(host)}:{port}: {escape(busy)} (pick another with --port)"
        )
        raise typer.Exit(1)
    local = host in LOCAL_HOSTS
    from litcurate.core.errors import LitcurateError

    try:
        app = create_app(
            curated, raw=raw, token=token, reviewer=reviewer, allowed_hosts=LOCAL_HOSTS if local else None
        )
    except LitcurateError as exc:  # a tampered audit log is not served
        raise _fail(exc) from exc
    console.print(f"review app: http://{host}:{port}/" + (f"?token={token}" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _doc_id(store: object, given: str) -> str:
    """Gives the one document id a --doc value names (an id, a path or a unique path fragment)."""
    from litcurate.core.errors import UsageError

    ids = store.resolve_doc(given)  # type: ignore[attr-defined]
    if len(ids) == 1:
        return str(ids[0])
    if not ids:
        raise UsageError(f"--doc {given!r}: no document has this id or source path (see `litcurate status`)")
    paths = ", ".join(sorted(str((store.document(i) or {}).get("source_path")) for i in ids))  # type: ignore[attr-defined]
    raise UsageError(f"--doc {given!r} names {len(ids)} documents ({paths}): give more of the path")


def list_cli(
    curated: CuratedOpt = Path("curated"),
    status: Annotated[
        str | None, typer.Option("--status", help="pending, accepted, rejected, edited, orphaned or changed.")
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table", help="Only this table (studies, outcomes, potency, references, entities...)."
        ),
    ] = None,
    doc: Annotated[
        str | None,
        typer.Option("--doc", help="Only this document: its id, source path or a unique part of the path."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only records whose text contains every one of these words."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many records.")] = 100,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (records and total) instead of a table.", metavar="")
    ] = False,
) -> None:
    """List records with their review status (edited records show their reviewed values)."""
    import json

    from litcurate.core.errors import UsageError
    from litcurate.review.store import STATUSES, Filters, open_store
    from schemas.catalog import REVIEWED

    if status and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    tables = [s.name for s in REVIEWED]
    if table and table not in tables:
        raise UsageError(f"unknown table {table!r}; use one of {', '.join(tables)}")
    store = open_store(curated, read_only=True)
    try:
        doc_id = _doc_id(store, doc) if doc else ""
        rows, total = store.queue(Filters(table or "", "", status or "", doc_id, search or ""), size=limit)
    finally:
        store.close()
    if as_json:
        keys = (
            "record_id",
            "tbl",
            "doc_id",
            "doc_path",
            "doc_title",
            "label",
            "status",
            "changed",
            "version",
            "summary",
        )
        out_rows = [
            {("table" if k == "tbl" else k): (bool(r.get(k)) if k == "changed" else r.get(k)) for k in keys}
            for r in rows
        ]
        typer.echo(
            json.dumps(
                {"total": total, "shown": len(rows), "records": out_rows}, ensure_ascii=False, indent=1
            )
        )
        return
    shown = f"{len(rows)} of {total}" if len(rows) < total else f"{total}"
    out = Table(title=f"{shown} record(s)" + (f" {status}" if status else ""), expand=False)
    out.add_column("record_id", no_wrap=True)  # an id is copied whole into the next command
    for col in ("table", "paper", "status", "summary"):
        out.add_column(col, overflow="fold")
    for r in rows:
        flag = " (changed)" if r.get("changed") else ""
        paper = r.get("doc_title") or Path(str(r.get("doc_path") or r.get("doc_id") or "")).name
        out.add_row(
            r["record_id"],
            r["tbl"],
            escape(paper[:60]),
            f"{r['status']}{flag}",
            escape(r.get("summary") or ""),
        )
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


def accept_cli(
    record_id: Annotated[str, typer.Argument(help="Id of the record.")],
    curated: CuratedOpt = Path("curated"),
    note: NoteOpt = None,
    reviewer: ReviewerOpt = None,
) -> None:
    """Accept a record as extracted."""
    _decide("accept", record_id, curated, note, reviewer)


def reject_cli(
    record_id: Annotated[str, typer.Argument(help="Id of the record.")],
    curated: CuratedOpt = Path("curated"),
    note: NoteOpt = None,
    reviewer: ReviewerOpt = None,
) -> None:
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
    console.print(f"{record_id}: {field} = {escape(repr(new))} (decision {seq})")


def export_cli(
    to: Annotated[
        Path | None,
        typer.Option(
            "--to", help="Folder to write the reviewed tables to (csv, parquet, jsonl).", file_okay=False
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="csv, parquet or jsonl (every reviewed table), or syrf (the CAMARADES/SyRF outcome-data sheet).",
        ),
    ] = "csv",
    curated: CuratedOpt = Path("curated"),
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File of the syrf sheet (default: DIR/syrf.csv).", dir_okay=False),
    ] = None,
) -> None:
    """Export the reviewed view: every record with its review_status, edits applied, rejected rows kept;
    or, with --format syrf, one row per cohort x outcome for SyRF's meta-analysis app or R's metafor."""
    from litcurate.review import ReviewError
    from litcurate.review.view import FORMATS, export

    if fmt == "syrf":
        from litcurate.meta.syrf import write_syrf
        from litcurate.storage import require_dataset

        target = out or require_dataset(curated) / "syrf.csv"
        console.print(f"{target}: {write_syrf(require_dataset(curated), target)} row(s)")
        return
    if to is None:
        err.print("[red]error:[/] --to FOLDER is needed for csv, parquet and jsonl")
        raise typer.Exit(2)
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
    from litcurate.review.chain import register, verify
    from litcurate.review.db import db_path, reading

    path = db_path(curated)
    if not path.is_file():
        err.print(f"[red]error:[/] {path}: no review database here")
        raise typer.Exit(1)
    with reading(path) as conn:  # verifying never writes, not even the -shm of a WAL
        register(conn)
        verdict = verify(conn)
    if not verdict.ok:
        err.print(f"[red]{verdict.message()}[/]")
        raise typer.Exit(1)
    console.print(verdict.message())


review_app.command("serve")(guarded(serve_cli))
review_app.command("verify")(guarded(verify_cli))
review_app.command("list")(guarded(list_cli))
review_app.command("accept")(guarded(accept_cli))
review_app.command("reject")(guarded(reject_cli))
review_app.command("edit")(guarded(edit_cli))
