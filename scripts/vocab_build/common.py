"""What every vocabulary module shares: the row shape, form clean-up and the TSV writer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ["id", "norm", "label", "synonyms", "source"]


@dataclass
class Vocab:
    """One vocabulary file: its rows, its `# ` header lines and its README line."""

    fname: str
    label: str
    rows: list[dict]
    header: list[str]
    extra: tuple[str, ...] = ("members",)
    # (source (package==version, resource), licence, selection rule) for the README table
    readme: tuple[str, str, str] = ("", "", "")
    notes: list[str] = field(default_factory=list)  # build-log lines (stderr)


def dedupe(forms) -> list[str]:
    """Gives the forms with whitespace collapsed, empties and repeats removed, order kept."""
    seen, out = set(), []
    for f in forms:
        f = re.sub(r"\s+", " ", (f or "").strip())
        if f and f not in seen:
            seen.add(f)
            out.append(f)
    return out


def natural_order(term: str) -> str | None:
    """'Arthritis, Rheumatoid' -> 'rheumatoid arthritis' (one comma only)."""
    parts = term.split(", ")
    if len(parts) != 2 or not parts[1] or " and " in term or "(" in term:
        return None

    def low(s):  # lower-case plain Title-case words, keep acronyms / mixed case
        return " ".join(
            w.lower() if re.fullmatch(r"[A-Z][a-z'-]+|[a-z][a-z'-]*", w) else w for w in s.split(" ")
        )

    return low(f"{parts[1]} {parts[0]}")


def write_tsv(path: Path, header: list[str], rows: list[dict], extra_cols=()):
    cols = COLUMNS + list(extra_cols)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for h in header:
            fh.write(f"# {h}\n")
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            vals = []
            for c in cols:
                v = r.get(c, "")
                if isinstance(v, list):
                    v = "|".join(v)
                vals.append(str(v).replace("\t", " ").replace("\n", " "))
            fh.write("\t".join(vals) + "\n")
