"""`litcurate query "SQL"`: DuckDB over a curated folder, read-only.

Every curated table is a view of the same name over its Parquet files (`studies` reads
`<curated>/studies/*.parquet`), and every reviewed table a view `reviewed_<table>`: the
reviewed view (`litcurate.review.view.reviewed_table`: edits applied, `review_status` added,
rejected rows kept with their status). Only statements that read are run: a COPY, INSERT,
CREATE, ATTACH or SET is refused, so a query can never change the dataset.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer

from litcurate.core.errors import UsageError
from litcurate.core.values import plain

READING = ("SELECT", "EXPLAIN")  # DuckDB statement types that only read


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def connect(curated: str | Path, sql: str = "") -> Any:
    """Gives an in-memory DuckDB connection with the curated tables as views; the reviewed
    views are built only for the `reviewed_<table>` names the SQL mentions (they read the review log)."""
    import duckdb

    # Imported here, as duckdb is: the `litcurate` command imports this module for every
    # command, and the storage and schemas (pandas, pyarrow, pandera) cost ~0.8 s to import.
    from litcurate.storage import arrow_schema, require_dataset
    from schemas.catalog import CATALOG, REVIEWED

    root = require_dataset(curated)
    con = duckdb.connect(":memory:")
    for name in CATALOG:
        folder = root / name
        if folder.is_dir() and any(folder.glob("*.parquet")):
            pattern = str((folder / "*.parquet").resolve()).replace("'", "''")
            con.execute(
                f"CREATE VIEW {_quoted(name)} AS SELECT * FROM read_parquet('{pattern}', union_by_name = true)"
            )
        else:  # an empty table still has its columns
            con.register(f"_empty_{name}", arrow_schema(name).empty_table())
            con.execute(f"CREATE VIEW {_quoted(name)} AS SELECT * FROM {_quoted('_empty_' + name)}")
    wanted = {m.lower() for m in re.findall(r"reviewed_(\w+)", sql, flags=re.IGNORECASE)}
    reviewed = [s.name for s in REVIEWED if s.name in wanted]
    if reviewed:
        from litcurate.review.store import open_store
        from litcurate.review.view import reviewed_table

        store = open_store(root, read_only=True)
        try:
            for name in reviewed:
                con.register(f"reviewed_{name}", reviewed_table(store, name))
        finally:
            store.close()
    return con


def run_query(curated: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Gives the column names and rows of one read-only SQL statement over a curated folder."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise UsageError(f"the SQL does not parse: {exc}") from None
    if len(statements) != 1:
        raise UsageError(f"give exactly one SQL statement (got {len(statements)})")
    kind = statements[0].type.name
    if kind not in READING:
        raise UsageError(
            f"only queries that read are run (SELECT, WITH ... SELECT, EXPLAIN); this is a {kind}"
        )
    con = connect(curated, sql)
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description or []]
        return names, cur.fetchall()
    except duckdb.Error as exc:
        from schemas.catalog import CATALOG, REVIEWED

        views = ", ".join([*CATALOG, *(f"reviewed_{s.name}" for s in REVIEWED)])
        raise UsageError(f"{exc}".splitlines()[0] + f" (tables: {views})") from None
    finally:
        con.close()


def _cell(value: Any) -> Any:
    value = plain(value)
    return (
        value
        if isinstance(value, str | int | float | bool) or value is None
        else json.loads(json.dumps(value, default=str))
    )


def query_cli(
    sql: Annotated[
        str,
        typer.Argument(
            help="One SELECT over the curated tables (`studies`...) and reviewed views (`reviewed_studies`...)."
        ),
    ],
    curated: Annotated[
        Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)
    ] = Path("curated"),
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of rows instead of CSV.", metavar="")
    ] = False,
) -> None:
    """Run read-only SQL (DuckDB) over the curated tables and the reviewed view; prints CSV (or JSON)."""
    names, rows = run_query(curated, sql)
    if as_json:
        typer.echo(
            json.dumps(
                [{n: _cell(v) for n, v in zip(names, row, strict=True)} for row in rows],
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(
            [
                json.dumps(c) if isinstance(c, list | dict) else ("" if c is None else c)
                for c in (_cell(v) for v in row)
            ]
        )
    typer.echo(buf.getvalue(), nl=False)
