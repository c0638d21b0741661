"""The report's primary-study part: cohorts, outcome values, the risk-of-bias chart, pooled outcomes.

Everything comes from the reviewed view (edits applied; rejected rows left out unless asked
for). Each cohort row carries the id `cohort-<record_id>`, which the forest plots' rows link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup

from litcurate.core.values import plain
from schemas.risk_of_bias import ITEMS

COHORT_COLUMNS = [
    "paper",
    "label",
    "role",
    "species",
    "strain",
    "sex",
    "model",
    "compound",
    "dose",
    "route",
    "frequency",
    "n",
    "review_status",
    "source",
]
VALUE_COLUMNS = [
    "paper",
    "cohort",
    "outcome",
    "timepoint",
    "mean",
    "error",
    "error_type",
    "n",
    "unit",
    "source_kind",
    "review_status",
    "source",
]


@dataclass
class PrimaryPart:
    """What the page shows of primary studies."""

    cohorts: list[dict[str, Any]] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    rob_papers: list[dict[str, Any]] = field(default_factory=list)  # {paper, items: {item: yes/no/negated}}
    rob_share: dict[str, float] = field(default_factory=dict)  # item -> share of papers reporting it
    pooled: list[dict[str, Any]] = field(default_factory=list)  # {group, forest, funnel}
    items: list[str] = field(default_factory=lambda: list(ITEMS))


def _t(v: Any) -> str:
    v = plain(v)
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return f"{v:g}" if isinstance(v, float) else str(v)


def primary_part(tables: dict[str, pd.DataFrame], papers: dict[str, str], source: Any) -> PrimaryPart:
    """Gives the primary-study part of the report from the reviewed tables (cohorts,
    outcome_data, risk_of_bias), the paper names by doc_id and a `source(doc_id, provenance)`."""
    part = PrimaryPart()
    cohorts, values, rob = tables["cohorts"], tables["outcome_data"], tables["risk_of_bias"]
    labels = {}
    for r in cohorts.to_dict("records"):
        labels[str(r["record_id"])] = _t(r.get("label"))
        part.cohorts.append(
            {
                "id": f"cohort-{r['record_id']}",
                "paper": papers.get(str(r["doc_id"]), str(r["doc_id"])),
                **{
                    c: _t(r.get(c))
                    for c in (
                        "label",
                        "role",
                        "species",
                        "strain",
                        "sex",
                        "model",
                        "compound",
                        "route",
                        "frequency",
                        "review_status",
                    )
                },
                "dose": " ".join(x for x in (_t(r.get("dose_value")), _t(r.get("dose_unit"))) if x),
                "n": _t(r.get("n")) or "–".join(x for x in (_t(r.get("n_min")), _t(r.get("n_max"))) if x),
                "source": source(str(r["doc_id"]), r.get("provenance")),
            }
        )
    for r in values.to_dict("records"):
        part.values.append(
            {
                "paper": papers.get(str(r["doc_id"]), str(r["doc_id"])),
                "cohort": labels.get(str(r.get("cohort_record_id")), ""),
                **{
                    c: _t(r.get(c))
                    for c in (
                        "outcome",
                        "timepoint",
                        "mean",
                        "error",
                        "error_type",
                        "n",
                        "unit",
                        "review_status",
                    )
                },
                "source_kind": _t(r.get("source")),
                "source": source(str(r["doc_id"]), r.get("provenance")),
            }
        )
    if not rob.empty:
        for doc_id, rows in rob.groupby("doc_id", sort=False):
            marks = {}
            for r in rows.to_dict("records"):
                reported, negated = plain(r.get("reported")), plain(r.get("negated"))
                marks[str(r["item"])] = "negated" if reported and negated else "yes" if reported else "no"
            part.rob_papers.append({"paper": papers.get(str(doc_id), str(doc_id)), "items": marks})
        n = len(part.rob_papers)
        part.rob_share = {i: sum(p["items"].get(i) == "yes" for p in part.rob_papers) / n for i in ITEMS}
    if not cohorts.empty and not values.empty:
        from litcurate.meta import report_sections

        for measure in ("smd", "nmd"):
            names = {d: p.rsplit("/", 1)[-1] for d, p in papers.items()}
            for s in report_sections(cohorts, values, measure=measure, papers=names):
                part.pooled.append(
                    {
                        "group": s["group"],
                        "forest": Markup(s["forest"]),
                        "funnel": Markup(s["funnel"]),
                        "rows": len(s["comparisons"]),
                    }
                )
    return part
