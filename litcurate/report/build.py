"""Gathers a curated folder's reviewed tables and renders the report page.

The report shows the dataset as a curator would cite it: decisions applied (edited fields
carry the curator's value, rejected records are left out unless asked for), each study and
potency row with the place in its source it came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from litcurate.core.values import plain
from litcurate.report.primary import COHORT_COLUMNS, VALUE_COLUMNS

TEMPLATES = Path(__file__).parent / "templates"
STUDY_COLUMNS = [
    "compound",
    "model",
    "species",
    "strain",
    "disease",
    "dose",
    "route",
    "frequency",
    "duration",
    "timing",
    "outcome_direction",
    "findings",
    "refs",
    "review_status",
    "source",
]
OUTCOME_COLUMNS = ["study", "measure", "direction", "hedged", "text", "review_status", "source"]
POTENCY_COLUMNS = [
    "compound",
    "target",
    "measure",
    "value",
    "unit",
    "value_nM",
    "refs",
    "review_status",
    "source",
]


@dataclass
class Report:
    """What the page shows; every frame already as the curator decided it."""

    curated: str
    generated_at: str
    documents: pd.DataFrame
    rows: dict[str, int]
    failures: pd.DataFrame
    review: dict[str, int]
    studies: pd.DataFrame
    outcomes: pd.DataFrame
    potency: pd.DataFrame
    entity_labels: pd.Series
    runs: list[dict[str, Any]]
    rejected: dict[str, int] = field(default_factory=dict)
    primary: Any = None  # litcurate.report.primary.PrimaryPart


def gather(curated: str | Path, *, include_rejected: bool = False) -> Report:
    """Gives the report's content for a curated folder."""
    from litcurate.ingest import table_counts
    from litcurate.review.store import open_store, store_counts
    from litcurate.review.view import reviewed_table
    from litcurate.runs import read_run_records
    from litcurate.storage import CuratedStore
    from schemas.validate import now_iso

    store = CuratedStore(curated)
    documents = store.read("documents").sort_values("source_path", kind="stable").reset_index(drop=True)
    review = open_store(curated, read_only=True)  # synced once: the tables and the counts read the same state
    try:
        counts = store_counts(review)
        tables, rejected = {}, {}
        for name in ("studies", "outcomes", "potency", "cohorts", "outcome_data", "risk_of_bias"):
            df = reviewed_table(review, name)
            is_rejected = df["review_status"] == "rejected" if not df.empty else pd.Series([], dtype=bool)
            rejected[name] = int(is_rejected.sum())
            tables[name] = df if include_rejected else df[~is_rejected]
    finally:
        review.close()
    paths = (
        dict(zip(documents["doc_id"], documents["source_path"], strict=True)) if not documents.empty else {}
    )
    from litcurate.report.primary import primary_part

    primary = primary_part(tables, paths, lambda doc_id, prov: _source(doc_id, prov, paths))
    return Report(
        curated=str(curated),
        generated_at=now_iso(),
        documents=documents,
        rows=table_counts(store),
        failures=store.read("failures"),
        review=counts,
        studies=_study_rows(tables["studies"], paths),
        potency=_potency_rows(tables["potency"], paths),
        outcomes=_outcome_rows(tables["outcomes"], tables["studies"], paths),
        entity_labels=store.read("entities")["label"],
        runs=list(reversed(read_run_records(curated, last=10))),
        rejected=rejected,
        primary=primary,
    )


def _source(doc_id: str, provenance: Any, paths: dict[str, str]) -> str:
    """Gives where a row is in its source, for every format: `path:line` (text), `path p.N`
    (PDF), `path element/path` (XML, HTML), `path chars a–b` (text without a line number)."""
    try:
        where = json.loads(provenance) if isinstance(provenance, str) else {}
    except ValueError:
        where = {}
    where = where if isinstance(where, dict) else {}
    path = paths.get(doc_id, doc_id)
    if where.get("line") is not None:
        return f"{path}:{where['line']}"
    if where.get("page") is not None:
        return f"{path} p.{where['page']}"
    if where.get("path"):
        return f"{path} {where['path']}"
    if where.get("start") is not None and where.get("end") is not None:
        return f"{path} chars {where['start']}–{where['end']}"
    return path


def _refs(value: Any) -> str:
    value = plain(value)
    return ", ".join(str(n) for n in value) if isinstance(value, list) else ""


def _number(value: Any) -> str:
    value = plain(value)  # NaN and NA are None by now
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def _text(value: Any) -> str:
    value = plain(value)
    return "" if value is None else str(value)


def _study_rows(df: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    out = []
    for r in df.to_dict("records"):
        dose = _text(r.get("dose_text")) or " ".join(
            x for x in (_number(r.get("dose_value")), _text(r.get("dose_unit"))) if x
        )
        duration = " ".join(x for x in (_number(r.get("duration_value")), _text(r.get("duration_unit"))) if x)
        out.append(
            {
                **{
                    c: _text(r.get(c))
                    for c in (
                        "compound",
                        "model",
                        "species",
                        "strain",
                        "disease",
                        "route",
                        "frequency",
                        "timing",
                        "outcome_direction",
                        "findings",
                        "review_status",
                    )
                },
                "dose": dose,
                "duration": duration,
                "refs": _refs(r.get("ref_numbers")),
                "source": _source(str(r.get("doc_id")), r.get("provenance"), paths),
                "dose_mg_per_kg": pd.to_numeric(plain(r.get("dose_mg_per_kg")), errors="coerce"),
            }
        )
    return pd.DataFrame(out, columns=[*STUDY_COLUMNS, "dose_mg_per_kg"])


def _outcome_rows(df: pd.DataFrame, studies: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    """Gives each outcome under the study row it belongs to (`compound · model`); outcomes of
    a rejected study go with it."""
    names = {
        str(r["record_id"]): f"{_text(r.get('compound')) or '?'} · {_text(r.get('model')) or '?'}"
        for r in studies.to_dict("records")
    }
    out = []
    for r in df.to_dict("records"):
        study = names.get(str(r.get("study_record_id")))
        if study is None:
            continue
        out.append(
            {
                "study": study,
                **{c: _text(r.get(c)) for c in ("measure", "direction", "text", "review_status")},
                "hedged": "hedged" if plain(r.get("hedged")) is True else "",
                "source": _source(str(r.get("doc_id")), r.get("provenance"), paths),
            }
        )
    return pd.DataFrame(out, columns=OUTCOME_COLUMNS)


def _potency_rows(df: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    out = []
    for r in df.to_dict("records"):
        qualifier = _text(r.get("qualifier"))
        out.append(
            {
                **{c: _text(r.get(c)) for c in ("compound", "target", "measure", "unit", "review_status")},
                "qualifier": qualifier,
                "value": ("" if qualifier in ("", "=") else qualifier) + _number(r.get("value")),
                "value_nM": pd.to_numeric(plain(r.get("value_nM")), errors="coerce"),
                "refs": _refs(r.get("ref_numbers")),
                "source": _source(str(r.get("doc_id")), r.get("provenance"), paths),
            }
        )
    return pd.DataFrame(out, columns=[*POTENCY_COLUMNS, "qualifier"])


def _cell(value: Any) -> Any:
    """Gives a cell as the page shows it: missing as None (the template tests `if x`, and NaN is
    true), a whole float as an integer (a nullable integer column reads back as float: `14`, not `14.0`)."""
    if _text(value) == "":
        return None
    value = plain(value)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Gives the rows ready for the page (see `_cell`)."""
    return [{k: _cell(v) for k, v in row.items()} for row in df.to_dict("records")]


def render(report: Report) -> str:
    """Gives the report as one HTML page (plots inline, nothing fetched)."""
    from litcurate.report import plots

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        finalize=lambda v: "" if v is None else v,
    )  # a missing value is an empty cell
    figures = {
        "Doses of the study rows": plots.study_doses(report.studies),
        "Potency values": plots.potency_values(report.potency),
        "Outcome of the study rows": plots.counts(
            report.studies["outcome_direction"].replace("", None), "study rows"
        ),
        "Entity mentions by label": plots.counts(report.entity_labels, "mentions"),
    }
    # matplotlib wrote the SVG and escaped every text in it: it is markup, not data.
    svgs = {title: Markup(svg) for title, svg in figures.items() if svg}
    return env.get_template("report.html").render(
        r=report,
        plots=svgs,
        study_columns=STUDY_COLUMNS,
        potency_columns=POTENCY_COLUMNS,
        documents=_records(report.documents),
        failures=_records(report.failures),
        studies=_records(report.studies),
        potency=_records(report.potency),
        outcomes=_records(report.outcomes),
        outcome_columns=OUTCOME_COLUMNS,
        p=report.primary,
        cohort_columns=COHORT_COLUMNS,
        value_columns=VALUE_COLUMNS,
        missing=[title for title, svg in figures.items() if not svg],
    )


def write_report(curated: str | Path, out: str | Path, *, include_rejected: bool = False) -> Path:
    """Writes the report of a curated folder to `out`; gives its path."""
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(gather(curated, include_rejected=include_rejected)), encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a page
    return path
