"""Curated vocabularies shipped in `extractors/vocab/`: loading and spelling variants.

Each TSV file has `# ` header lines saying where its ids came from, then the columns
`id norm label synonyms source [extra columns]`. The pipeline turns every synonym into
phrase patterns, adding the spellings authors use for the same name (`IL-6`, `IL6`, `IL 6`;
`IFN-γ`, `IFN-gamma`, `IFNγ`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from extractors.normalise import GREEK

VOCAB_PACKAGE = "extractors.vocab"
EXCLUSIONS = "exclusions.tsv"
# When two vocabularies claim one surface form, the more specific label wins.
LABEL_PRIORITY = [
    "KINASE",
    "CYTOKINE",
    "PROTEIN",
    "DRUG",
    "ANIMAL_MODEL",
    "STRAIN",
    "SPECIES",
    "CELL_TYPE",
    "ASSAY",
    "DISEASE",
]
_GREEK_TO_WORD = {v: k for k, v in GREEK.items() if k.islower() and k != "varepsilon"}
_VARIANT_LABELS = {"CYTOKINE", "KINASE", "PROTEIN"}
_GENE_SYMBOL = re.compile(r"[A-Z]{3,}\d{1,2}[A-Z]?")
_SPECIES_TAIL = re.compile(r"\s(?:mice|mouse|rats?)$", re.I)


@dataclass(frozen=True, slots=True)
class VocabEntry:
    """One concept: its public id, canonical name, label and the ways it is written."""

    id: str
    norm: str
    label: str
    synonyms: tuple[str, ...]
    source: str
    extra: dict[str, str] = field(default_factory=dict)


def _read_rows(text: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_exclusions() -> tuple[set[str], set[tuple[str, str]]]:
    """Gives the concepts to drop whole and the (form, id) pairs never to match."""
    text = resources.files(VOCAB_PACKAGE).joinpath(EXCLUSIONS).read_text(encoding="utf-8")
    concepts, forms = set(), set()
    for row in _read_rows(text):
        if row["form"] == "*":
            concepts.add(row["id"])
        else:
            forms.add((row["form"].lower(), row["id"]))
    return concepts, forms


@lru_cache(maxsize=1)
def load_vocabularies() -> tuple[VocabEntry, ...]:
    """Gives every entry of every shipped vocabulary file, less the exclusions."""
    entries = []
    dropped_concepts, dropped_forms = load_exclusions()
    folder = resources.files(VOCAB_PACKAGE)
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".tsv") or item.name == EXCLUSIONS:
            continue
        for row in _read_rows(item.read_text(encoding="utf-8")):
            if not row.get("id") or not row.get("label") or row["id"] in dropped_concepts:
                continue
            syns = tuple(
                s
                for s in (row.get("synonyms") or "").split("|")
                if s.strip() and (s.lower(), row["id"]) not in dropped_forms
            )
            if row["label"] == "STRAIN":
                # `BALB/c mice` is a strain and a species: match the strain alone, so the
                # species word is tagged in its own right.
                syns = tuple(s for s in syns if not _SPECIES_TAIL.search(s))
            known = {"id", "norm", "label", "synonyms", "source"}
            extra = {k: v for k, v in row.items() if k and k not in known and v}
            entries.append(
                VocabEntry(
                    row["id"], row.get("norm") or "", row["label"], syns, row.get("source") or "", extra
                )
            )
    return tuple(entries)


def spelling_variants(name: str) -> set[str]:
    """Gives the spellings of a protein name: hyphens, spaces and Greek letters varied."""
    out = {name}
    for g, word in _GREEK_TO_WORD.items():
        for s in list(out):
            if g in s:
                out.add(s.replace(g, word))
            if re.search(rf"(?<=[\s-]){word}\b", s, re.I):
                out.add(re.sub(rf"(?<=[\s-]){word}\b", g, s, flags=re.I))
    for s in list(out):
        # IL-6 <-> IL6 <-> IL 6; IFN-γ <-> IFNγ. Only between a letter run and a short tail.
        m = re.fullmatch(r"([A-Za-z]{2,})[- ]?([0-9]{1,3}[A-Za-z]?|[α-ω])", s)
        if m:
            out.update({f"{m[1]}-{m[2]}", f"{m[1]}{m[2]}", f"{m[1]} {m[2]}"})
        if "tumor" in s.lower():
            out.add(re.sub("tumor", "tumour", s, flags=re.I))
        if re.search(r"\w-\w", s) and " " not in s and not re.search(r"\d", s):
            out.add(s.replace("-", " "))
    return out


_SYMBOL_WORD = re.compile(r"[A-Za-z]*[A-Z][A-Za-z]*[A-Z]|[A-Za-z]\d|\d[A-Za-z]")


def is_case_sensitive(form: str) -> bool:
    """Tells whether a form must match by exact case: symbols (`TNF`, `JAK1`, `NC/Nga`).

    Short forms and words with two capitals or letters mixed with digits are symbols;
    Title Case names (`Rheumatoid Arthritis`) are not, and match in any case.
    """
    return len(form) <= 4 or any(_SYMBOL_WORD.search(w) for w in re.split(r"[\s/-]+", form))


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """One surface form to match, the concept it names, and whether case must match."""

    form: str
    entry: VocabEntry
    case_sensitive: bool


def vocab_phrases(entries: tuple[VocabEntry, ...]) -> list[PhraseEntry]:
    """Gives one phrase per distinct surface form; a clash goes to the stronger claim.

    Forms written in a vocabulary beat spellings generated from another entry's alias (so
    `IFN-α` names the IFNA family, as FamPlex writes it, not IFNA1 via its alias
    `IFN-ALPHA`); among equals, the more specific label wins.
    """
    rank = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    # Within a label, FamPlex first: its synonyms are curated for text mentions of families
    # (`NF-kappaB`, `CD8`), which gene aliases claim too.
    ordered = sorted(entries, key=lambda e: (rank.get(e.label, len(rank)), not e.id.startswith("FPLX:")))
    chosen: dict[str, PhraseEntry] = {}

    def claim(form: str, e: VocabEntry) -> None:
        form = form.strip()
        if len(form) < 2:
            return
        cs = is_case_sensitive(form)
        key = form if cs else form.lower()
        if key not in chosen:
            chosen[key] = PhraseEntry(form, e, cs)

    for e in ordered:
        for form in (e.norm, *e.synonyms):
            if form:
                claim(form, e)
    for e in ordered:
        if e.label in _VARIANT_LABELS:
            for form in (e.norm, *e.synonyms):
                for variant in sorted(spelling_variants(form)) if form else ():
                    claim(variant, e)
                if _GENE_SYMBOL.fullmatch(form or ""):  # yeast and mouse spell IRE1 Ire1, ire1
                    claim(form.capitalize(), e)
                    claim(form.lower(), e)
        if e.label == "ANIMAL_MODEL":
            for form in e.synonyms:
                # Headings write `MC903-Induced Atopic Dermatitis`; the symbol keeps the form exact-case.
                titled = re.sub(r"(?<!\w)([a-z])(?=[a-z]{2})", lambda m: m[1].upper(), form)
                if titled != form and is_case_sensitive(form):
                    claim(titled, e)
        for form in (e.norm, *e.synonyms):
            # `Rats` and `Mice` open a table cell or a sentence as often as they close one.
            if form and form.isalpha() and form.islower() and is_case_sensitive(form):
                claim(form.capitalize(), e)
    return list(chosen.values())


@lru_cache(maxsize=1)
def entries_by_id() -> dict[str, VocabEntry]:
    """Gives every vocabulary entry by its id."""
    from extractors.entities.vocab_cache import built_vocabulary  # built from this module

    return {e.id: e for e in built_vocabulary().entries}


@lru_cache(maxsize=1)
def entries_by_form() -> dict[str, VocabEntry]:
    """Gives entries by lower-cased surface form, for looking up a long form or a cell."""
    from extractors.entities.vocab_cache import built_vocabulary  # built from this module

    built = built_vocabulary()
    return {form: built.entries[i] for form, i in built.forms.items()}


def lookup(text: str, label: str | None = None) -> VocabEntry | None:
    """Gives the entry a whole string names (any case), optionally only of one label."""
    e = entries_by_form().get(text.strip().lower())
    if e is None or (label and e.label != label):
        return None
    return e
