"""The commands that read a curated dataset: validate, status, purge, report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from litcurate.cli_common import CuratedOpt, JsonOpt, console, err, print_counts, print_json

if TYPE_CHECKING:
    from litcurate.storage import CuratedStore


def validate_cli(curated: CuratedOpt = Path("curated"), as_json: JsonOpt = False) -> None:
    """Check every curated table against its schema and the cross-table rules."""
    from litcurate.storage import CuratedStore, require_dataset
    from schemas.catalog import SCHEMAS
    from schemas.validate import validate_frames

    store = CuratedStore(require_dataset(curated))
    frames = {t: store.read(t) for t in SCHEMAS}
    result = validate_frames(frames)
    if as_json:
        print_json(
            {
                "valid": result.ok,
                "rows": {t: len(f) for t, f in frames.items()},
                "failures": result.failures,
                "warnings": result.warnings,
            }
        )
        raise typer.Exit(0 if result.ok else 1)
    if result.warnings:
        console.print(
            f"[yellow]{len(result.warnings)} warning(s)[/]: rows kept with a broken link, e.g. "
            + escape(result.warnings[0]["message"])
        )
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
    as_json: JsonOpt = False,
) -> None:
    """Show documents by status, rows per table, failures, review coverage and the last runs."""
    from litcurate.ingest import table_counts
    from litcurate.locking import lock_holder
    from litcurate.runs import read_run_records
    from litcurate.storage import CuratedStore, require_dataset

    store = CuratedStore(require_dataset(curated))
    docs = store.read("documents")
    from litcurate.review.db import db_path

    if as_json:
        from litcurate.review.store import review_counts

        print_json(
            {
                "documents": {str(k): int(v) for k, v in docs["status"].value_counts().items()},
                "rows": table_counts(store),
                "review": review_counts(curated) if not docs.empty and db_path(curated).exists() else {},
                "running": lock_holder(curated),
                "runs": read_run_records(curated, last=runs),
            }
        )
        return
    by_status = docs["status"].value_counts().to_dict() if not docs.empty else {}
    console.print(f"documents: {len(docs)} " + " ".join(f"{k}={v}" for k, v in sorted(by_status.items())))
    print_counts(table_counts(store), f"curated dataset in {curated}")
    failures = store.read("failures")
    if not failures.empty:
        console.print(f"failures: {len(failures)}")
        for msg in failures["message"].head(10):
            console.print(f"  - {str(msg).splitlines()[0]}")
    if not docs.empty and not db_path(curated).exists():  # status reads; it never creates the database
        console.print("review: no decisions yet (no review database)")
    elif not docs.empty:
        from litcurate.review.store import review_counts

        counts = review_counts(curated)
        decided = sum(counts.get(k, 0) for k in ("accepted", "rejected", "edited"))
        total = decided + counts.get("pending", 0)
        share = f" ({100 * decided / total:.0f}% of {total})" if total else ""
        console.print(f"review: {decided} decided{share}; " + " ".join(f"{k}={v}" for k, v in counts.items()))
    holder = lock_holder(curated)
    if holder:
        console.print(f"a run is in progress (process {holder})")
    records = read_run_records(curated, last=runs)
    _print_pooled(store, records)
    if records:
        table = Table(title=f"last {len(records)} run(s), newest first (records: +added -removed ~changed)")
        from litcurate.run_marks import run_state

        for col in ("started (UTC)", "kind", "state", "processed", "skipped", "failed", "removed", "records"):
            table.add_column(col, justify="left" if col in ("started (UTC)", "kind") else "right")
        for r in reversed(records):
            n = r.get("n", {})
            recs = (
                f"+{n.get('records_added', 0)} -{n.get('records_removed', 0)} ~{n.get('records_changed', 0)}"
            )
            state = run_state(r, live=bool(holder) and r is records[-1])
            table.add_row(
                str(r["started"])[:19].replace("T", " "),
                r["kind"],
                "[red]interrupted[/]" if state == "interrupted" else state,
                *(str(n.get(k, 0)) for k in ("processed", "skipped", "failed", "removed")),
                recs,
            )
        console.print(table)
        for r in records:
            if run_state(r, live=bool(holder) and r is records[-1]) == "interrupted":
                console.print(
                    f"[red]interrupted run[/] {r['run_id']} ({r['kind']}): it never finished; "
                    "the next run redoes its documents"
                )


def _print_pooled(store: CuratedStore, records: list[dict[str, Any]]) -> None:
    """Prints the pooled estimates as extracted, and how the last run that moved any moved them."""
    effects = store.read("effect_sizes")
    if effects.empty:
        return
    from litcurate.meta.living import pooled_figures

    table = Table(title="pooled estimates as extracted (DL; `litcurate meta` pools the reviewed view)")
    for col in ("measure · outcome · compound", "k", "estimate [95% CI]"):
        table.add_column(col, justify="right" if col == "k" else "left", overflow="fold")
    for key, f in pooled_figures(effects).items():
        note = "" if f["pooled"] else " (one comparison)"
        table.add_row(key, str(f["k"]), f"{f['estimate']:.2f} [{f['ci_low']:.2f}, {f['ci_high']:.2f}]{note}")
    console.print(table)
    moved = next((r for r in reversed(records) if r.get("meta")), None)
    if moved:
        for m in moved["meta"]:
            b, a = m["before"], m["after"]
            was = f"{b['estimate']:.2f} (k={b['k']})" if b else "none"
            now = f"{a['estimate']:.2f} (k={a['k']})" if a else "none"
            console.print(
                f"run {moved['run_id']}: {m['figure']}: {was} -> {now}, "
                f"+{len(m['added'])} -{len(m['removed'])} comparison(s)"
            )


def purge_cli(
    curated: CuratedOpt = Path("curated"),
    yes: Annotated[bool, typer.Option("--yes", help="Purge without asking.", metavar="")] = False,
) -> None:
    """Delete the rows of documents marked removed (their source left raw/), for good."""
    from litcurate.ingest import purge
    from litcurate.locking import CuratedLockedError
    from litcurate.storage import CuratedStore, require_dataset

    docs = CuratedStore(require_dataset(curated)).read("documents")
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


def report_cli(
    curated: CuratedOpt = Path("curated"),
    out: Annotated[
        Path | None, typer.Option("--out", help="HTML file to write (default: DIR/report.html).")
    ] = None,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Keep rejected study and potency rows.", metavar="")
    ] = False,
) -> None:
    """Write an HTML report of the curated dataset: documents, studies, potency, failures, plots."""
    from litcurate.report.build import write_report
    from litcurate.storage import require_dataset

    require_dataset(curated)

    path = write_report(curated, out or curated / "report.html", include_rejected=include_rejected)
    console.print(f"report: {path}")
