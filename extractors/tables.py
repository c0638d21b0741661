"""Tables -> kind (study / potency / other), column roles, and the `tables` and `cells` rows.

A column's role comes from its header, through synonyms curators meet in the wild: "Animal
Model" or "Model", "Treatment and Dose" or "Dose", "Key Findings" or "Outcome", "IC50 (nM)"
or "Ki"...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from extractors.document import Document, Table

TableKind = Literal["study", "potency", "other"]
Role = Literal[
    "model",
    "species",
    "treatment",
    "dose",
    "route",
    "frequency",
    "duration",
    "findings",
    "references",
    "target",
    "potency",
    "compound",
    "disease",
]

_ROLE_PATTERNS: list[tuple[Role, re.Pattern[str]]] = [
    ("potency", re.compile(r"\b(p?ic50|ic₅₀|p?ki|ec50|ed50|kd|k_d|ki\b|ic90|inhibition constant)", re.I)),
    ("references", re.compile(r"^(ref(erence)?s?\.?|citations?|source|study|sources?)$", re.I)),
    ("model", re.compile(r"\b(animal )?models?\b|\bstrain\b|\banimals?\b", re.I)),
    ("species", re.compile(r"^species$", re.I)),
    ("treatment", re.compile(r"\b(treatment|regimen|intervention|drug|compound)s?\b", re.I)),
    ("dose", re.compile(r"\bdos(e|es|age|ing)\b", re.I)),
    ("route", re.compile(r"^(route|administration)\b", re.I)),
    ("frequency", re.compile(r"^frequency\b", re.I)),
    ("duration", re.compile(r"^(duration|length of treatment)\b", re.I)),
    ("findings", re.compile(r"\b(findings?|outcomes?|results?|effects?|efficacy)\b", re.I)),
    ("target", re.compile(r"^(kinase|target|enzyme|receptor|protein|isoform|isozyme)s?\b", re.I)),
    ("disease", re.compile(r"^(disease|indication|condition)s?\b", re.I)),
]

_UNIT_IN_HEADER = re.compile(r"\(\s*([pnµμu]?m|[pnµμu]?mol/l|mg/ml|µg/ml|%)\s*\)", re.I)
_MEASURE_IN_HEADER = re.compile(r"\b(p?IC50|Ki|EC50|Kd|ED50|IC90)\b", re.I)


@dataclass(frozen=True, slots=True)
class ColumnRoles:
    """Which column holds what, by role; a role may be missing."""

    roles: dict[Role, int]

    def get(self, role: Role) -> int | None:
        """Gives the column index of a role, or None."""
        return self.roles.get(role)


def header_to_roles(headers: list[str]) -> ColumnRoles:
    """Gives the role of each column from its header; the first column to claim a role wins."""
    roles: dict[Role, int] = {}
    for i, h in enumerate(headers):
        text = h.strip()
        for role, pattern in _ROLE_PATTERNS:
            if pattern.search(text) and role not in roles:
                roles[role] = i
                break
    return ColumnRoles(roles)


def classify_table(table: Table) -> TableKind:
    """Gives the kind of a table from its header: study, potency or other."""
    roles = header_to_roles(table.header_texts())
    if roles.get("potency") is not None and (
        roles.get("target") is not None or roles.get("compound") is not None or table.n_cols >= 2
    ):
        return "potency"
    has_model = roles.get("model") is not None or roles.get("species") is not None
    if has_model and any(roles.get(r) is not None for r in ("treatment", "dose", "findings")):
        return "study"
    return "other"


def potency_header_measure(header: str) -> tuple[str, str | None]:
    """Gives the measure and unit a potency column header states: `IC50 (nM)` -> (IC50, nM)."""
    m = _MEASURE_IN_HEADER.search(header)
    measure = m.group(1) if m else "IC50"
    canon = {
        "ic50": "IC50",
        "ki": "Ki",
        "ec50": "EC50",
        "kd": "Kd",
        "ed50": "ED50",
        "ic90": "IC90",
        "pic50": "pIC50",
    }[measure.lower()]
    u = _UNIT_IN_HEADER.search(header)
    unit = u.group(1).replace("u", "µ").replace("μ", "µ") if u else None
    if unit and unit.lower().endswith("mol/l"):
        unit = unit[0] + "M" if unit[0] != "m" else unit
    return canon, unit


def table_to_records(doc: Document, table: Table) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Gives the `tables` row and the `cells` rows of one table."""
    kind = classify_table(table)
    row = {
        "doc_id": doc.doc_id,
        "table_id": table.table_id,
        "caption": table.caption,
        "kind": kind,
        "n_rows": len(table.rows),
        "n_cols": table.n_cols,
        "header": table.header_texts(),
        "provenance": table.provenance.to_json(),
    }
    cells = []
    for r, cells_row in enumerate(table.header + table.rows):
        is_header = r < len(table.header)
        for c, cell in enumerate(cells_row):
            cells.append(
                {
                    "doc_id": doc.doc_id,
                    "table_id": table.table_id,
                    "row": r,
                    "col": c,
                    "text": cell.text,
                    "is_header": is_header,
                    "provenance": cell.provenance.to_json(),
                }
            )
    return row, cells
