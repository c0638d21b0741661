"""Forest and funnel plots of one pooled group, each an inline SVG string (or None: nothing to draw).

House style of `litcurate.report.plots` (Agg, text kept as text, a fixed hash salt). Each forest
row is an SVG group with the id `es-<comparison record_id>` and a link (`href(row)`, by default
`#cohort-<treatment cohort record_id>`) on its square, line and label, so that the report can
send the reader to the cohort and the source of the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: the plots are written, never shown

import matplotlib.pyplot as plt  # after the backend is chosen
import numpy as np
import pandas as pd
from matplotlib.patches import Polygon

from litcurate.meta.pool import pool
from litcurate.report.plots import _STYLE, _svg

_STYLE_META: Any = {**_STYLE, "text.parse_math": False}  # a label with `$` is text, not TeX
_INK, _SOFT = "#2166ac", "#999999"


def _default_href(row: pd.Series) -> str:
    return f"#cohort-{row['treatment_cohort_id']}"


def _label(row: pd.Series) -> str:
    # The paper's name where the caller gave one (`paper`), else its id; then the experiment.
    parts = [str(row.get("paper") or row.get("doc_id") or "?")]
    if row.get("experiment"):
        parts.append(str(row["experiment"]))
    parts.append(str(row.get("treatment_label") or row.get("compound") or "?"))
    if row.get("timepoint"):
        parts.append(str(row["timepoint"]))
    return " · ".join(parts)


def _in_page_links(svg: str) -> str:
    # matplotlib opens every link in a new tab; links to the report's own anchors stay in the page.
    return re.sub(r'(<a xlink:href="#[^"]*") target="_blank"', r"\1", svg)


def forest(
    effects: pd.DataFrame,
    *,
    method: str = "dl",
    href: Callable[[pd.Series], str] | None = None,
    title: str | None = None,
) -> str | None:
    """Forest plot of one group's comparisons: value and 95 % CI per row, weight, and the diamond.

    With one comparison there is no diamond (nothing is pooled); the weights are the random-effects
    weights of the same fit as `pool_effects`.
    """
    rows = effects.dropna(subset=["value", "se"]).reset_index(drop=True)
    if rows.empty:
        return None
    href = href or _default_href
    fit = pool(rows["value"].to_numpy(), rows["se"].to_numpy(), method=method) if len(rows) > 1 else None
    weights = fit.weights if fit is not None else np.ones(1)
    n = len(rows)
    measure = str(rows["measure"].iloc[0])
    with plt.rc_context(_STYLE_META):
        fig, ax = plt.subplots(figsize=(8.0, 1.3 + 0.3 * (n + 2)))
        for i, (_, row) in enumerate(rows.iterrows()):
            y = n - i  # first comparison on top
            link = href(row)
            gid = f"es-{row['record_id']}"
            line = ax.plot([row["ci_low"], row["ci_high"]], [y, y], color=_INK, lw=1, gid=gid + "-ci")[0]
            # A Line2D marker, not a scatter: matplotlib writes a collection's link only via set_urls.
            square = ax.plot(
                [row["value"]],
                [y],
                marker="s",
                ls="none",
                ms=(20 + 180 * float(weights[i])) ** 0.5,
                color=_INK,
                zorder=3,
                gid=gid,
            )[0]
            text = ax.annotate(
                _label(row),
                (0, y),
                xycoords=("axes fraction", "data"),
                xytext=(-6, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                gid=gid + "-label",
            )
            stat = ax.annotate(
                f"{row['value']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]  {100 * weights[i]:.1f}%",
                (1, y),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
            )
            for artist in (line, square, text, stat):
                artist.set_url(link)
        if fit is not None:
            lo, hi = fit.ci
            ax.add_patch(
                Polygon(
                    [(lo, 0), (fit.estimate, 0.25), (hi, 0), (fit.estimate, -0.25)],
                    closed=True,
                    color="#b2182b",
                    gid="pooled",
                )
            )
            ax.annotate(
                f"RE ({method.upper()}), k={n}",
                (0, 0),
                xycoords=("axes fraction", "data"),
                xytext=(-6, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                weight="bold",
            )
            ax.annotate(
                f"{fit.estimate:.2f} [{lo:.2f}, {hi:.2f}]  I²={100 * fit.i2:.0f}%",
                (1, 0),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                weight="bold",
            )
        head = "g [95% CI]" if measure == "SMD" else "NMD % [95% CI]"
        ax.annotate(
            f"{head}  weight",
            (1, n + 0.7),
            xycoords=("axes fraction", "data"),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color="#555555",
        )
        ax.axvline(0, color=_SOFT, lw=0.8, zorder=0)
        ax.set_yticks([])
        ax.set_ylim(-0.8, n + 1.0)
        ax.spines["left"].set_visible(False)
        favours = "favours treatment →" if measure == "SMD" else "% of the way back to sham →"
        ax.set_xlabel(f"{'Hedges g' if measure == 'SMD' else 'NMD (%)'}   ({favours})")
        if title:
            ax.set_title(title, loc="left")
        return _in_page_links(_svg(fig))


def funnel(effects: pd.DataFrame, *, method: str = "dl", title: str | None = None) -> str | None:
    """Funnel plot: each comparison's value against its SE (axis inverted), pooled line and 95 % funnel."""
    rows = effects.dropna(subset=["value", "se"])
    if len(rows) < 2:
        return None
    fit = pool(rows["value"].to_numpy(), rows["se"].to_numpy(), method=method)
    se_max = float(rows["se"].max()) * 1.1
    with plt.rc_context(_STYLE_META):
        fig, ax = plt.subplots(figsize=(5.5, 4.0))
        ax.scatter(rows["value"], rows["se"], color=_INK, s=18, zorder=3)
        ys = np.array([0.0, se_max])
        ax.plot(fit.estimate - 1.96 * ys, ys, color=_SOFT, lw=0.8, ls="--")
        ax.plot(fit.estimate + 1.96 * ys, ys, color=_SOFT, lw=0.8, ls="--")
        ax.axvline(fit.estimate, color="#b2182b", lw=1)
        ax.set_ylim(se_max, 0)
        ax.set_ylabel("standard error")
        ax.set_xlabel("Hedges g" if str(rows["measure"].iloc[0]) == "SMD" else "NMD (%)")
        if title:
            ax.set_title(title, loc="left")
        return _svg(fig)
