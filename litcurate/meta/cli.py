"""`litcurate meta`: a thin command over `run_meta` (the lead registers it in litcurate/cli.py).

`meta_cli` reads `<curated>/cohorts` and `<curated>/outcome_data` as Parquet; `make_meta_cli(read)`
builds the same command over another reader, e.g. the reviewed view, with
`read(curated, table) -> DataFrame`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from litcurate.meta.errors import MetaError

if TYPE_CHECKING:
    import pandas as pd

TableReader = Callable[[Path, str], "pd.DataFrame"]
err = Console(stderr=True)


def read_parquet_table(curated: Path, table: str) -> pd.DataFrame:
    """The whole curated table `<curated>/<table>/` (empty when it does not exist yet)."""
    import pandas as pd

    path = Path(curated) / table
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)


def _json_safe(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _json_safe(x) for k, x in v.items()}
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):  # numpy scalars
        return _json_safe(v.item())
    return v


def _fmt(v: Any, spec: str = ".2f") -> str:
    return "" if v is None else format(v, spec)


def _print_table(groups: list[dict[str, Any]]) -> None:
    out = Table(title=f"{len(groups)} group(s)", expand=False)
    for col in (
        "outcome",
        "compound",
        "subgroup",
        "k",
        "papers",
        "animals",
        "estimate [95% CI]",
        "PI",
        "tau2",
        "I2",
        "Q (p)",
    ):
        out.add_column(col, overflow="fold")
    for g in groups:
        est = f"{g['estimate']:.2f} [{g['ci_low']:.2f}, {g['ci_high']:.2f}]" + (
            "" if g["pooled"] else " not pooled"
        )
        pi = f"[{g['pi_low']:.2f}, {g['pi_high']:.2f}]" if g["pi_low"] is not None else ""
        q = f"{g['q']:.2f} ({g['p']:.3f})" if g["q"] is not None else ""
        i2 = f"{100 * g['i2']:.0f}%" if g["i2"] is not None else ""
        out.add_row(
            str(g["outcome"]),
            str(g["compound"] or ""),
            str(g["subgroup"] or ""),
            str(g["k"]),
            str(g["n_papers"]),
            str(g["n_animals"]),
            est,
            pi,
            _fmt(g["tau2"], ".3f"),
            i2,
            q,
        )
    Console().print(out)
    seen: set[tuple[Any, Any]] = set()
    for g in groups:
        key = (g["outcome"], g["compound"])
        if g.get("q_between") is not None and key not in seen:
            seen.add(key)
            Console().print(
                f"{key[0]} / {key[1] or '-'}: subgroup differences by {g['subgroup_by']}: "
                f"Q = {g['q_between']:.2f}, df = {g['df_between']}, p = {g['p_between']:.3f}"
            )


def make_meta_cli(read_table: TableReader = read_parquet_table) -> Callable[..., None]:
    """The `litcurate meta` command function over `read_table(curated, table)`."""

    def meta_cli(
        curated: Annotated[
            Path, typer.Option("--curated", help="Folder of the curated dataset.", file_okay=False)
        ] = Path("curated"),
        outcome: Annotated[
            str | None, typer.Option("--outcome", help="Only this outcome (case-insensitive).")
        ] = None,
        compound: Annotated[
            str | None, typer.Option("--compound", help="Only this compound (case-insensitive).")
        ] = None,
        measure: Annotated[
            str,
            typer.Option(
                "--measure", help="smd (Hedges' g, positive = benefit) or nmd (% of the way back to sham)."
            ),
        ] = "smd",
        method: Annotated[
            str,
            typer.Option(
                "--method", help="tau² estimator: dl (DerSimonian-Laird), pm (Paule-Mandel) or reml."
            ),
        ] = "dl",
        by: Annotated[
            str | None,
            typer.Option("--by", help="Subgroups: model, species, strain, sex, route, dose, duration, ..."),
        ] = None,
        json_out: Annotated[
            bool, typer.Option("--json", help="Print the groups as JSON.", metavar="")
        ] = False,
    ) -> None:
        """Pool the effect sizes of the reviewed cohorts and outcome data (random effects) per outcome and compound."""
        from litcurate.meta import run_meta

        try:
            groups = run_meta(
                read_table(curated, "cohorts"),
                read_table(curated, "outcome_data"),
                outcome=outcome,
                compound=compound,
                measure=measure,
                method=method,
                by=by,
            )
        except MetaError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        if json_out:
            typer.echo(json.dumps([_json_safe(g) for g in groups], indent=2, ensure_ascii=False))
        elif not groups:
            err.print(
                "no comparison to pool (no treatment cohort paired with a control that has mean, error and n)"
            )
        else:
            _print_table(groups)

    return meta_cli


meta_cli = make_meta_cli()
