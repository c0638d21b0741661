"""Gold mentions and passages, and the public NER gold sets read into them: BC5CDR (PubTator)
and JNLPBA (brat standoff). Used by `entities_eval.py` to score the entity tagger on text
nobody here annotated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    label: str
    text: str = ""
    norm_id: str | None = None


@dataclass(slots=True)
class Passage:
    source: str
    where: str
    text: str
    gold: list[Mention]
    pred: list[Mention] = field(default_factory=list)


def _mesh(ids: str) -> set[str]:
    return {f"MESH:{i}" for i in re.split(r"[|;]", ids) if re.fullmatch(r"[CD]\d+", i)}


def load_bc5cdr(path: Path) -> list[Passage]:
    """Gives one passage per PubTator document (title + ' ' + abstract), gold DRUG/DISEASE."""
    passages = []
    for block in Path(path).read_text(encoding="utf-8").strip().split("\n\n"):
        title = abstract = ""
        pmid = ""
        gold = []
        for line in block.splitlines():
            if "|t|" in line[:20]:
                pmid, _, title = line.partition("|t|")
            elif "|a|" in line[:20]:
                _, _, abstract = line.partition("|a|")
            else:
                cols = line.split("\t")
                if len(cols) >= 6 and cols[4] in ("Chemical", "Disease"):
                    label = "DRUG" if cols[4] == "Chemical" else "DISEASE"
                    ids = sorted(_mesh(cols[5]))
                    norm = ids[0] if len(ids) == 1 and label == "DISEASE" else None
                    gold.append(Mention(int(cols[1]), int(cols[2]), label, cols[3], norm))
        text = f"{title} {abstract}"
        for g in gold:
            if text[g.start : g.end] != g.text:
                raise ValueError(f"BC5CDR {pmid}: offsets do not give {g.text!r}")
        passages.append(Passage(f"bc5cdr:{pmid}", f"PMID {pmid}", text, gold))
    return passages


JNLPBA_MAP = {"protein": "PROTEIN_ANY", "cell_type": "CELL_TYPE"}
JNLPBA_PRED_MAP = {
    "CYTOKINE": "PROTEIN_ANY",
    "KINASE": "PROTEIN_ANY",
    "PROTEIN": "PROTEIN_ANY",
    "CELL_TYPE": "CELL_TYPE",
}


def load_jnlpba(ner_dir: Path) -> list[Passage]:
    """Gives one passage per JNLPBA brat document; protein and cell_type mentions only."""
    passages = []
    for txt in sorted(Path(ner_dir).glob("jnlpba-test_*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, typed, surface = line.split("\t")
            etype, start, end = typed.split(" ")[:3]  # discontinuous spans: first fragment
            if etype in JNLPBA_MAP:
                gold.append(Mention(int(start), int(end.split(";")[0]), JNLPBA_MAP[etype], surface))
        passages.append(Passage(f"jnlpba:{txt.stem}", txt.name, text, gold))
    return passages


# ---------------------------------------------------------------- report
