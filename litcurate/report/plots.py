"""The report's plots, each drawn by matplotlib as an inline SVG string (or None: no data).

Text stays text in the SVG (`svg.fonttype: none`), so the page is small and searchable;
matplotlib escapes it, so a compound named `<script>` is drawn, not run.
"""

from __future__ import annotations

import io
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: the plots are written, never shown

import matplotlib.pyplot as plt  # after the backend is chosen
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

OUTCOME_COLOURS = {
    "improved": "#1b7837",
    "mixed": "#e08214",
    "no_effect": "#762a83",
    "not_reported": "#999999",
}
# Any: matplotlib types rc keys as Literals. A fixed hash salt: the same data, the same SVG.
_STYLE: Any = {
    "svg.fonttype": "none",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "litcurate",
    "text.parse_math": False,
    "text.usetex": False,
}
# parse_math off: field text is data, never markup. `$\undefinedmacro{x}$` in a compound
# name made mathtext raise (a 330-line traceback, no report); `$x$` is now drawn as typed.


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]  # the XML prolog and doctype do not belong inside HTML


def _log_x(ax: plt.Axes) -> None:
    # Plain numbers (0.3, 3, 30) rather than 3x10^-1 on a log axis; minor ticks unlabelled.
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    # Whole decades on both sides, so that even a narrow range (1 to 3 mg/kg) has ticks.
    lo, hi = ax.dataLim.intervalx
    ax.set_xlim(10 ** math.floor(math.log10(lo * 0.7)), 10 ** math.ceil(math.log10(hi * 1.4)))


def _height(n: int) -> float:
    return 0.9 + 0.28 * n


def study_doses(studies: pd.DataFrame) -> str | None:
    """Dose in mg/kg of each study row (log scale), coloured by its outcome direction."""
    rows = studies.dropna(subset=["dose_mg_per_kg"])
    rows = rows[rows["dose_mg_per_kg"] > 0]
    if rows.empty:
        return None
    rows = rows.sort_values(["compound", "dose_mg_per_kg"], na_position="last")
    labels = [f"{c or '?'} · {m or '?'}" for c, m in zip(rows["compound"], rows["model"], strict=True)]
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, _height(len(rows))))
        colours = [OUTCOME_COLOURS.get(str(d), "#999999") for d in rows["outcome_direction"]]
        ax.scatter(rows["dose_mg_per_kg"], range(len(rows)), c=colours, s=36, zorder=3)
        ax.set_yticks(range(len(rows)), labels)
        _log_x(ax)
        ax.set_xlabel("dose (mg/kg)")
        ax.grid(axis="x", color="#dddddd", zorder=0)
        for direction, colour in OUTCOME_COLOURS.items():
            if direction in set(rows["outcome_direction"]):
                ax.scatter([], [], c=colour, s=36, label=direction.replace("_", " "))
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="outcome")
        return _svg(fig)


def potency_values(potency: pd.DataFrame) -> str | None:
    """Each potency value in nM (log scale) by compound and target; `>` values as ▶."""
    rows = potency.dropna(subset=["value_nM"])
    rows = rows[rows["value_nM"] > 0]
    if rows.empty:
        return None
    rows = rows.sort_values(["compound", "measure", "value_nM"])
    labels = [
        f"{c or '?'} · {t or '?'} ({m})"
        for c, t, m in zip(rows["compound"], rows["target"], rows["measure"], strict=True)
    ]
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.5, _height(len(rows))))
        for y, (value, qualifier) in enumerate(zip(rows["value_nM"], rows["qualifier"], strict=True)):
            marker = {">": ">", ">=": ">", "<": "<", "<=": "<"}.get(str(qualifier), "o")
            ax.scatter([value], [y], marker=marker, c="#2166ac", s=40, zorder=3)
        ax.set_yticks(range(len(rows)), labels)
        _log_x(ax)
        ax.set_xlabel("value (nM); ▶ more than, ◀ less than")
        ax.grid(axis="x", color="#dddddd", zorder=0)
        return _svg(fig)


def counts(values: pd.Series, xlabel: str) -> str | None:
    """A horizontal bar per distinct value, longest first."""
    tally = values.dropna().astype(str).value_counts()
    if tally.empty:
        return None
    tally = tally.sort_values()
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.0, _height(len(tally))))
        ax.barh(range(len(tally)), tally.to_numpy(), color="#4393c3", zorder=3)
        ax.set_yticks(range(len(tally)), [str(i) for i in tally.index])
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", color="#dddddd", zorder=0)
        for y, n in enumerate(tally.to_numpy()):
            ax.annotate(str(n), (n, y), xytext=(3, 0), textcoords="offset points", va="center")
        return _svg(fig)
