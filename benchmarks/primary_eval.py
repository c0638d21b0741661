"""Scores cohorts, outcome values and risk-of-bias items against the primary-paper gold.

    .venv/bin/python benchmarks/primary_eval.py [--corpus ../shared/corpus/primary]
                                                [--split tuned|held_out|all] [--json]

For every `*.gold.json` (format: the folder's README) the paper is read with
`extractors.readers.read_document`, annotated and run through
`extractors.primary.document_to_primary_records`; `score(gold, frames)` compares the three
tables with the gold. `score` is pure and takes DataFrames, so curated output (reviewed or
not) can be scored the same way.

- cohorts: a predicted cohort matches a gold one by label (case and spaces evened out; one
  label may extend the other, `Group 1` ~ `Group 1 (control)`; a cohort of a labelled
  experiment also as `experiment: label`, the gold's form) or else by compound + dose in the
  same experiment; one to one. Precision, recall, F1; n accuracy over matched cohorts (a gold `n_range` needs
  n_min/n_max).
- outcome values: a predicted value is right when its cohort matches the gold value's cohort
  and the mean is the printed one (figure rows, with no value, are not counted). Error and
  error-type accuracy over the right values.
- risk of bias: an item is answered yes when reported and not negated. Accuracy per item;
  F1 over the items gold reports, where a yes counts only with a sentence that holds the
  gold quote (or the quote holds it).
- role accuracy over matched cohorts (sham / model_control / treatment ...).
- what a right value measures: outcome agreement (share of right values whose outcome and
  timepoint share a word with the gold outcome, which names the time) and the mean Dice word
  overlap; unit accuracy where the gold gives a unit; `greater_is_worse` accuracy and coverage
  where the gold gives one (a None answer is not covered, not wrong).
- species (NCBI taxon), strain and sex of the cohorts against the paper's.

Papers are split into those the extractor was tuned on and those held out (never looked at
while building it); totals are given per split and over all.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.primary_matching import (  # noqa: E402
    labels_match,
    match_cohorts,
    mode,
    norm,
    num_eq,
    outcome_dice,
    quote_match,
    records,
    unit_norm,
)

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "primary"
TUNED = ("pone.0082729_", "wjbmr-2016-", "PMC4707348_")
HELD_OUT = ("pone.0146783_", "anticancres-2008-", "molpain-2013-", "jdr-2016-")
RATIOS = {
    "cohort_precision": ("cohort_tp", "cohort_pred"),
    "cohort_recall": ("cohort_tp", "cohort_gold"),
    "n_accuracy": ("n_right", "cohort_tp"),
    "value_precision": ("value_tp", "value_pred"),
    "value_recall": ("value_tp", "value_gold"),
    "error_accuracy": ("error_right", "value_tp"),
    "error_type_accuracy": ("error_type_right", "value_tp"),
    "rob_accuracy": ("rob_right", "rob_items"),
    "rob_precision": ("rob_tp", "rob_yes"),
    "rob_recall": ("rob_tp", "rob_gold_yes"),
    "role_accuracy": ("role_right", "cohort_tp"),
    "outcome_agreement": ("outcome_shared", "value_tp"),
    "outcome_dice": ("outcome_dice_x100", "value_tp_x100"),
    "unit_accuracy": ("unit_right", "unit_gold"),
    "direction_accuracy": ("direction_right", "direction_gold"),
    "direction_coverage": ("direction_known", "direction_gold"),
    "species_accuracy": ("species_right", "papers"),
    "strain_accuracy": ("strain_right", "papers"),
    "sex_accuracy": ("sex_right", "papers"),
}


def score(gold: dict[str, Any], frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Gives the counts (and ratios) of one paper's extraction against its gold."""
    cohorts = records(frames.get("cohorts"))
    values = [v for v in records(frames.get("outcome_data")) if v.get("mean") is not None]
    rob = {r["item"]: r for r in records(frames.get("risk_of_bias"))}
    counts: Counter[str] = Counter(papers=1)
    misses: list[str] = []
    pairs = match_cohorts(gold["cohorts"], cohorts)
    counts.update(cohort_tp=len(pairs), cohort_pred=len(cohorts), cohort_gold=len(gold["cohorts"]))
    for gi, g in enumerate(gold["cohorts"]):
        if gi not in pairs:
            misses.append(f"cohort missed: {g['label']}")
            continue
        p = cohorts[pairs[gi]]
        counts["role_right"] += int(g.get("role") == p.get("role"))
        if g.get("role") != p.get("role"):
            misses.append(f"role of {g['label']}: gold {g.get('role')}, got {p.get('role')}")
        rng = g.get("n_range")
        if g.get("n") is not None:
            right = num_eq(g.get("n"), p.get("n"))
        elif rng:
            right = num_eq(rng[0], p.get("n_min")) and num_eq(rng[1], p.get("n_max"))
        else:  # a size the paper does not state is right only when none is given
            right = p.get("n") is None and p.get("n_min") is None
        counts["n_right"] += int(bool(right))
        if not right:
            misses.append(
                f"n of {g['label']}: gold {g.get('n') or rng}, got {p.get('n')} ({p.get('n_min')}-{p.get('n_max')})"
            )
    for pi, p in enumerate(cohorts):
        if pi not in pairs.values():
            misses.append(f"cohort extra: {p['label']}")
    # Values: cohort record id -> gold label through the cohort pairs.
    label_of = {cohorts[pi]["record_id"]: gold["cohorts"][gi]["label"] for gi, pi in pairs.items()}
    remaining = list(gold["outcome_data"])
    counts.update(value_pred=len(values), value_gold=len(remaining))
    for v in values:
        glabel = label_of.get(v.get("cohort_record_id"))
        hit = next(
            (
                g
                for g in remaining
                if glabel is not None and labels_match(g["cohort"], glabel) and num_eq(g["mean"], v["mean"])
            ),
            None,
        )
        if hit is None:
            misses.append(
                f"value extra: {glabel or v.get('cohort_record_id')} {v['mean']} ± {v.get('error')}"
            )
            continue
        remaining.remove(hit)
        counts["value_tp"] += 1
        dice = outcome_dice(hit.get("outcome"), v.get("outcome"), v.get("timepoint"))
        counts["value_tp_x100"] += 100
        counts["outcome_dice_x100"] += round(100 * dice)
        counts["outcome_shared"] += int(dice > 0)
        if hit.get("unit"):
            counts["unit_gold"] += 1
            counts["unit_right"] += int(unit_norm(hit["unit"]) == unit_norm(v.get("unit")))
        gw, pw = hit.get("greater_is_worse"), v.get("greater_is_worse")
        if gw is not None:
            counts["direction_gold"] += 1
            counts["direction_known"] += int(pw is not None)
            counts["direction_right"] += int(pw is not None and bool(pw) == bool(gw))
            if pw is not None and bool(pw) != bool(gw):
                misses.append(f"greater_is_worse of {hit['outcome']}: gold {gw}, got {pw}")
        elif pw is not None:
            counts["direction_extra"] += 1
        counts["error_right"] += int(
            num_eq(hit.get("error"), v.get("error")) or (hit.get("error") is None and v.get("error") is None)
        )
        # A value printed without an error has no error type: gold None, schema `unknown`.
        et_right = hit.get("error_type") == v.get("error_type") or (
            hit.get("error_type") is None and hit.get("error") is None and v.get("error_type") == "unknown"
        )
        counts["error_type_right"] += int(et_right)
        if not et_right:
            misses.append(
                f"error type of {hit['cohort']} {hit['mean']}: gold {hit.get('error_type')}, got {v.get('error_type')}"
            )
    misses += [f"value missed: {g['cohort']} {g['outcome']} {g['mean']}" for g in remaining]
    for item, g in gold["risk_of_bias"].items():
        p = rob.get(item, {})
        yes = bool(p.get("reported")) and not bool(p.get("negated"))
        counts["rob_items"] += 1
        counts["rob_right"] += int(yes == bool(g["reported"]))
        counts[f"rob_right:{item}"] += int(yes == bool(g["reported"]))
        counts[f"rob_items:{item}"] += 1
        counts["rob_gold_yes"] += int(bool(g["reported"]))
        counts["rob_yes"] += int(yes)
        tp = yes and bool(g["reported"]) and quote_match(g.get("quote"), p.get("sentence"))
        counts["rob_tp"] += int(tp)
        if yes != bool(g["reported"]) or (yes and not tp):
            misses.append(f"rob {item}: gold {g['reported']}, got {yes} ({(p.get('sentence') or '')[:80]!r})")
    taxa = {s["ncbi_taxon"] for s in gold["species"]}
    sid = mode(c.get("species_id") for c in cohorts)
    counts["species_right"] += int(sid is not None and int(str(sid).split(":")[-1]) in taxa)
    strain = mode(c.get("strain") for c in cohorts)
    gold_strains = [s for s in gold.get("strains", []) if not re.search(r"not\s+(?:stated|reported)", s)]
    right = (
        (strain is None)
        if not gold_strains
        else strain is not None
        and any(norm(strain) in norm(s) or norm(s) in norm(strain) for s in gold_strains)
    )
    counts["strain_right"] += int(right)
    sex = mode(c.get("sex") for c in cohorts)
    gsex = None if gold.get("sex") in (None, "not reported") else gold["sex"]
    counts["sex_right"] += int(sex == gsex)
    for name, ok in (("species", counts["species_right"]), ("strain", right), ("sex", sex == gsex)):
        if not ok:
            misses.append(
                f"{name}: gold {gold.get(name if name != 'strain' else 'strains')}, got {sid if name == 'species' else strain if name == 'strain' else sex}"
            )
    return {"counts": dict(counts), "ratios": ratios(counts), "misses": misses}


def ratios(counts: Counter[str] | dict[str, int]) -> dict[str, float | None]:
    """Gives every ratio of RATIOS, plus F1s and per-item risk-of-bias accuracy."""
    out: dict[str, float | None] = {
        k: (counts.get(a, 0) / counts[b] if counts.get(b) else None) for k, (a, b) in RATIOS.items()
    }
    for name in ("cohort", "value", "rob"):
        p, r = out.get(f"{name}_precision"), out.get(f"{name}_recall")
        if name == "cohort" or name == "value" or name == "rob":
            out[f"{name}_f1"] = (
                (2 * p * r / (p + r)) if p and r else (0.0 if p is not None and r is not None else None)
            )
    for key in counts:
        if key.startswith("rob_items:"):
            item = key.split(":", 1)[1]
            out[f"rob_accuracy:{item}"] = counts.get(f"rob_right:{item}", 0) / counts[key]
    return out


def extract(path: Path) -> dict[str, pd.DataFrame]:
    """Gives the three tables of one paper as DataFrames."""
    from extractors.annotate import annotate
    from extractors.document import make_doc_id
    from extractors.primary import document_to_primary_records
    from extractors.readers import read_document

    doc = read_document(path.read_bytes(), doc_id=make_doc_id(path.name), source_path=str(path))
    rows = document_to_primary_records(annotate(doc))
    return {k: pd.DataFrame(v) for k, v in rows.items()}


def split_of(name: str) -> str:
    """Gives `tuned` or `held_out` for a paper's file name."""
    return "tuned" if name.startswith(TUNED) else "held_out"


def evaluate(
    corpus: Path, split: str = "all", extract_frames: Callable[[Path], dict[str, pd.DataFrame]] = extract
) -> dict[str, Any]:
    """Gives per-paper scores and totals per split and over all (`extract_frames`: how a paper
    is extracted, `extract` unless a caller already holds the frames)."""
    papers: dict[str, Any] = {}
    totals: dict[str, Counter[str]] = {"tuned": Counter(), "held_out": Counter(), "all": Counter()}
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        which = split_of(gold["document"])
        if split != "all" and which != split:
            continue
        result = score(gold, extract_frames(corpus / gold["document"]))
        result["split"] = which
        papers[gold["document"]] = result
        totals[which].update(result["counts"])
        totals["all"].update(result["counts"])
    return {
        "papers": papers,
        "totals": {k: {"counts": dict(c), "ratios": ratios(c)} for k, c in totals.items() if c},
    }


def _fmt(r: dict[str, float | None]) -> str:
    keys = [
        "cohort_f1",
        "n_accuracy",
        "role_accuracy",
        "value_precision",
        "value_recall",
        "error_accuracy",
        "error_type_accuracy",
        "outcome_agreement",
        "outcome_dice",
        "unit_accuracy",
        "direction_accuracy",
        "direction_coverage",
        "rob_f1",
        "rob_accuracy",
        "species_accuracy",
        "strain_accuracy",
        "sex_accuracy",
    ]
    return "  ".join(f"{k}={r[k]:.2f}" if r.get(k) is not None else f"{k}=-" for k in keys)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", choices=["tuned", "held_out", "all"], default="all")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--misses", action="store_true", help="list every miss per paper")
    args = ap.parse_args(argv)
    result = evaluate(args.corpus, args.split)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for name, r in result["papers"].items():
        print(f"[{r['split']}] {name}\n    {_fmt(r['ratios'])}")
        if args.misses:
            for m in r["misses"]:
                print(f"      - {m}")
    for k, t in result["totals"].items():
        print(f"TOTAL {k}: {_fmt(t['ratios'])}")
        items = {key.split(":")[1]: v for key, v in t["ratios"].items() if key.startswith("rob_accuracy:")}
        print(
            "    rob accuracy per item: "
            + ", ".join(f"{i}={v:.2f}" for i, v in items.items() if v is not None)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
