"""Scores litcurate's entity pipeline against the hand-annotated gold set and public NER gold.

    .venv/bin/python benchmarks/entities_eval.py [--gold tests/gold/entities_gold.jsonl]
                                                [--corpus ../shared/corpus] [--errors] [--json]

Ours (`tests/gold/entities_gold.jsonl`, see tests/gold/README.md): each passage runs through
`get_pipeline()` as in the real pipeline (document-level abbreviations, found over all gold
passages of the same source, are set on `doc._.abbreviations` before the components run).
Predicted `doc.ents` are compared with gold per label:

- exact: same start, end and label -> precision, recall, F1 per label and micro overall;
- lenient: a gold mention is found if a prediction of the same label overlaps it, and a
  prediction is right if it overlaps a gold mention of the same label;
- normalisation accuracy: share of exact true positives whose predicted id (`kb_id_`, else
  `id_`) equals the gold `norm_id`, counted only where gold has an id.

Public gold in `<corpus>/ner/`, scored as separate rows with their own guidelines:
BC5CDR PubTator (Chemical -> DRUG, Disease -> DISEASE; Disease MeSH ids compared with our
`MESH:` ids) and JNLPBA brat standoff (protein -> CYTOKINE|KINASE|PROTEIN as one class,
cell_type -> CELL_TYPE).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # ner_gold beside this script, however it is loaded
from ner_gold import JNLPBA_PRED_MAP, Mention, Passage, load_bc5cdr, load_jnlpba

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "tests" / "gold" / "entities_gold.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

LABELS = (
    "DRUG",
    "DOSE",
    "CONCENTRATION",
    "POTENCY",
    "ROUTE",
    "FREQUENCY",
    "DURATION",
    "CYTOKINE",
    "KINASE",
    "PROTEIN",
    "DISEASE",
    "ANIMAL_MODEL",
    "SPECIES",
    "STRAIN",
    "CELL_TYPE",
    "ASSAY",
)
TARGET_LABELS = ("DOSE", "DURATION", "ROUTE", "CYTOKINE", "KINASE")
TARGET_F1 = 0.9
TARGET_NORM = 0.95

NOTES = (
    "Public gold follows its own guidelines, so lower scores there are expected: BC5CDR tags "
    "every chemical (endogenous substances, ions, drug classes) and every disease or symptom "
    "word ('hypertensive', 'psychiatric'), litcurate tags DrugBank drugs and MeSH C-tree names; "
    "JNLPBA 'protein' includes receptors, complexes, domains and descriptive phrases "
    "('TNF- alpha receptors I and II'), its 'cell_type' includes long descriptive spans "
    "('human peripheral blood-derived T lymphoblasts'), and JNLPBA DNA/RNA/cell_line "
    "mentions have no litcurate label (not scored). BC5CDR Chemical ids are MeSH, litcurate's "
    "DRUG ids DrugBank, so only Disease ids are compared."
)


@dataclass(slots=True)
class LabelScore:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_tp_gold: int = 0  # gold mentions overlapped by a same-label prediction
    lenient_tp_pred: int = 0  # predictions overlapping a same-label gold mention
    n_gold: int = 0
    n_pred: int = 0
    norm_total: int = 0  # exact TPs where gold has an id
    norm_correct: int = 0
    false_negatives: list[tuple[Passage, Mention]] = field(default_factory=list)
    false_positives: list[tuple[Passage, Mention]] = field(default_factory=list)
    wrong_ids: list[tuple[Passage, Mention, str | None]] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall, self.n_gold, self.n_pred)

    @property
    def lenient_f1(self) -> float | None:
        p = self.lenient_tp_pred / self.n_pred if self.n_pred else None
        r = self.lenient_tp_gold / self.n_gold if self.n_gold else None
        return _f1(p, r, self.n_gold, self.n_pred)

    @property
    def norm_accuracy(self) -> float | None:
        return self.norm_correct / self.norm_total if self.norm_total else None


def _f1(p: float | None, r: float | None, n_gold: int, n_pred: int) -> float | None:
    if not n_gold and not n_pred:
        return None
    p = p or 0.0
    r = r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- gold


def load_gold(path: Path | str = DEFAULT_GOLD) -> tuple[dict, list[Passage]]:
    """Gives the header and the passages of a gold JSONL file (offsets are checked)."""
    header: dict = {}
    passages: list[Passage] = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        if "about" in obj:
            header = obj
            continue
        gold = []
        for e in obj["entities"]:
            m = Mention(e["start"], e["end"], e["label"], e["text"], e.get("norm_id"))
            if obj["text"][m.start : m.end] != m.text:
                raise ValueError(f"{path}:{n}: offsets {m.start}-{m.end} do not give {m.text!r}")
            gold.append(m)
        passages.append(Passage(obj["source"], obj["where"], obj["text"], gold))
    return header, passages


# ---------------------------------------------------------------- prediction


def _ent_id(span) -> str | None:
    return span.kb_id_ or span.id_ or None


def predict(passages: Sequence[Passage], nlp=None) -> None:
    """Runs the pipeline over the passages, setting `passage.pred`.

    Abbreviations are found once per source, over all its passages joined, and set on every
    doc of that source, as the real pipeline does for a whole document.
    """
    from extractors.entities.abbreviations import find_abbreviations

    if nlp is None:
        from extractors.entities.pipeline import get_pipeline

        nlp = get_pipeline()
    by_source: dict[str, list[Passage]] = defaultdict(list)
    for p in passages:
        by_source[p.source].append(p)
    docs = []
    order: list[Passage] = []
    for source_passages in by_source.values():
        abbrevs = find_abbreviations("\n\n".join(p.text for p in source_passages))
        for p in source_passages:
            doc = nlp.make_doc(p.text)
            doc._.abbreviations = abbrevs
            docs.append(doc)
            order.append(p)
    for p, doc in zip(order, nlp.pipe(docs), strict=True):
        p.pred = [Mention(e.start_char, e.end_char, e.label_, e.text, _ent_id(e)) for e in doc.ents]


# ---------------------------------------------------------------- scoring


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def score(
    passages: Iterable[Passage],
    labels: Sequence[str] = LABELS,
    label_map: dict[str, str] | None = None,
    compare_ids: bool = True,
) -> dict[str, LabelScore]:
    """Scores predictions against gold per label, plus a micro-averaged `ALL` row.

    `label_map` maps predicted labels onto gold labels (for public gold); predictions whose
    label maps to no scored label are ignored.
    """
    scores = {lab: LabelScore(lab) for lab in labels}
    for p in passages:
        preds = []
        for m in p.pred:
            lab = label_map.get(m.label) if label_map is not None else m.label
            if lab in scores:
                preds.append(Mention(m.start, m.end, lab, m.text, m.norm_id))
        gold = [g for g in p.gold if g.label in scores]
        exact_pred = {(m.start, m.end, m.label): m for m in preds}
        exact_gold = {(g.start, g.end, g.label) for g in gold}
        for g in gold:
            s = scores[g.label]
            s.n_gold += 1
            hit = exact_pred.get((g.start, g.end, g.label))
            if hit is not None:
                s.tp += 1
                if compare_ids and g.norm_id:
                    s.norm_total += 1
                    if hit.norm_id == g.norm_id:
                        s.norm_correct += 1
                    else:
                        s.wrong_ids.append((p, g, hit.norm_id))
            else:
                s.fn += 1
                s.false_negatives.append((p, g))
            if any(m.label == g.label and _overlaps(m, g) for m in preds):
                s.lenient_tp_gold += 1
        for m in preds:
            s = scores[m.label]
            s.n_pred += 1
            if (m.start, m.end, m.label) not in exact_gold:
                s.fp += 1
                s.false_positives.append((p, m))
            if any(g.label == m.label and _overlaps(m, g) for g in gold):
                s.lenient_tp_pred += 1
    total = LabelScore("ALL")
    for s in scores.values():
        for attr in (
            "tp",
            "fp",
            "fn",
            "lenient_tp_gold",
            "lenient_tp_pred",
            "n_gold",
            "n_pred",
            "norm_total",
            "norm_correct",
        ):
            setattr(total, attr, getattr(total, attr) + getattr(s, attr))
    scores["ALL"] = total
    return scores


# ---------------------------------------------------------------- public gold


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:5.3f}"


def format_table(rows: list[tuple[str, LabelScore]]) -> str:
    head = (
        f"{'set / label':<28} {'gold':>5} {'pred':>5} {'TP':>5} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'lenF1':>6} {'norm':>6} {'n_norm':>6}"
    )
    lines = [head, "-" * len(head)]
    for name, s in rows:
        lines.append(
            f"{name:<28} {s.n_gold:>5} {s.n_pred:>5} {s.tp:>5} {_pct(s.precision):>6} "
            f"{_pct(s.recall):>6} {_pct(s.f1):>6} {_pct(s.lenient_f1):>6} "
            f"{_pct(s.norm_accuracy):>6} {s.norm_total:>6}"
        )
    return "\n".join(lines)


def _context(p: Passage, m: Mention, width: int = 40) -> str:
    left = p.text[max(0, m.start - width) : m.start].replace("\n", " ")
    right = p.text[m.end : m.end + width].replace("\n", " ")
    return f"…{left}[{p.text[m.start : m.end]}]{right}…"


def format_errors(scores: dict[str, LabelScore], labels: Sequence[str]) -> str:
    out = []
    for lab in labels:
        s = scores[lab]
        out.append(
            f"\n== {lab}: {s.fn} false negatives, {s.fp} false positives, {len(s.wrong_ids)} wrong ids"
        )
        for p, g in s.false_negatives:
            out.append(f"  FN  {g.text!r:<34} {p.source.split('/')[-1][:28]:<28} {_context(p, g)}")
        for p, m in s.false_positives:
            out.append(f"  FP  {m.text!r:<34} {p.source.split('/')[-1][:28]:<28} {_context(p, m)}")
        for p, g, got in s.wrong_ids:
            out.append(f"  ID  {g.text!r:<34} gold {g.norm_id} predicted {got}  {_context(p, g)}")
    return "\n".join(out)


@dataclass(slots=True)
class Results:
    ours: dict[str, LabelScore]
    bc5cdr: dict[str, LabelScore] | None
    jnlpba: dict[str, LabelScore] | None
    passages: list[Passage]


def evaluate(
    gold_path: Path | str = DEFAULT_GOLD, corpus: Path | str | None = DEFAULT_CORPUS, nlp=None
) -> Results:
    """Runs the pipeline on our gold (and the public gold when `corpus` has `ner/`)."""
    if nlp is None:
        from extractors.entities.pipeline import get_pipeline

        nlp = get_pipeline()
    _, passages = load_gold(gold_path)
    predict(passages, nlp)
    ours = score(passages)
    bc5 = jn = None
    ner = Path(corpus) / "ner" if corpus else None
    if ner is not None and (ner / "bc5cdr_CDR_sample.PubTator.txt").exists():
        bc = load_bc5cdr(ner / "bc5cdr_CDR_sample.PubTator.txt")
        predict(bc, nlp)
        bc5 = score(bc, labels=("DRUG", "DISEASE"))
    if ner is not None and list(ner.glob("jnlpba-test_*.ann")):
        jp = load_jnlpba(ner)
        predict(jp, nlp)
        jn = score(jp, labels=("PROTEIN_ANY", "CELL_TYPE"), label_map=JNLPBA_PRED_MAP, compare_ids=False)
    return Results(ours, bc5, jn, passages)


def report(res: Results, errors: bool = False) -> str:
    rows = [(f"ours {lab}", res.ours[lab]) for lab in LABELS if res.ours[lab].n_gold or res.ours[lab].n_pred]
    rows.append(("ours ALL (micro)", res.ours["ALL"]))
    if res.bc5cdr:
        rows += [(f"BC5CDR {lab}", res.bc5cdr[lab]) for lab in ("DRUG", "DISEASE")]
        rows.append(("BC5CDR ALL (micro)", res.bc5cdr["ALL"]))
    if res.jnlpba:
        rows.append(("JNLPBA protein (CYT|KIN|PROT)", res.jnlpba["PROTEIN_ANY"]))
        rows.append(("JNLPBA cell_type", res.jnlpba["CELL_TYPE"]))
        rows.append(("JNLPBA ALL (micro)", res.jnlpba["ALL"]))
    n_pass = len(res.passages)
    out = [
        f"Entity gold: {n_pass} passages, {res.ours['ALL'].n_gold} mentions. "
        f"Exact-span P/R/F1 per label; lenF1 = overlap match; norm = id accuracy on exact "
        f"TPs with a gold id (n_norm).",
        format_table(rows),
    ]
    failing = [lab for lab in TARGET_LABELS if (res.ours[lab].f1 or 0.0) < TARGET_F1]
    norm = res.ours["ALL"].norm_accuracy
    out.append(
        f"\nTargets: F1 >= {TARGET_F1} on {', '.join(TARGET_LABELS)}: "
        + ("all met" if not failing else "below target: " + ", ".join(failing))
        + f"; normalisation accuracy >= {TARGET_NORM}: {_pct(norm).strip()}"
        + (" (met)" if norm is not None and norm >= TARGET_NORM else " (not met)")
    )
    out.append("\nNotes: " + NOTES)
    if errors:
        out.append(format_errors(res.ours, TARGET_LABELS))
    return "\n".join(out)


def to_json(res: Results) -> dict:
    def rows(scores):
        return {
            lab: {
                "gold": s.n_gold,
                "pred": s.n_pred,
                "tp": s.tp,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "lenient_f1": s.lenient_f1,
                "norm_accuracy": s.norm_accuracy,
                "norm_n": s.norm_total,
            }
            for lab, s in scores.items()
        }

    return {
        "ours": rows(res.ours),
        "bc5cdr": rows(res.bc5cdr) if res.bc5cdr else None,
        "jnlpba": rows(res.jnlpba) if res.jnlpba else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder holding ner/")
    ap.add_argument("--errors", action="store_true", help="list FN/FP/wrong ids of targeted labels")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON instead")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    res = evaluate(args.gold, args.corpus)
    print(json.dumps(to_json(res), indent=1) if args.json else report(res, errors=args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
