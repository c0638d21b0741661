"""Where each document's rows live in a table folder, and the redo log that moves them safely.

A table folder holds two kinds of Parquet file, read together by `pandas.read_parquet` and
DuckDB's `read_parquet('<table>/*.parquet')`:

- loose files `<doc_id>.parquet`, one document each (a document written on its own);
- part files `part-<hex>.parquet`, many documents each (a run's chunk, or compaction), whose document
  ids are kept in the file's key-value metadata so the map is read from footers only.

A document is in at most one of them. Moves between files (compaction, a rewrite of a
document that lives in a part) take several renames, so they go through a redo log,
`.compacting.json` in the curated root: its steps are written first, then applied; every step
is idempotent, so a run killed anywhere is finished by replaying the log (the next writer does
that before anything else, `remove_temp_files` included).
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

PART_PREFIX = "part-"
JOURNAL_NAME = ".compacting.json"
DOC_IDS_KEY = b"litcurate.doc_ids"

# Part path -> ((inode, mtime_ns, size), its document ids): a part is rewritten by rename, so
# a new inode (or size, or mtime) means new contents, and an unchanged part is not reopened.
# A folder's scan drops the entries of its parts that are gone (merged, emptied), so the cache
# holds the parts that exist; ids are interned, one string for a document in every table
# (at 10,000 documents: 7.3 MB -> 3.6 MB).
Sig = tuple[int, int, int]
_PART_DOCS: dict[str, dict[str, tuple[Sig, frozenset[str]]]] = {}  # by folder, then part


def is_part(name: str) -> bool:
    """Tells whether a file name is a part file's (document ids are 16 hex characters)."""
    return name.startswith(PART_PREFIX) and name.endswith(".parquet")


def new_part_name() -> str:
    """Gives a fresh part file name."""
    return f"{PART_PREFIX}{uuid.uuid4().hex}.parquet"


def temp_path(folder: Path, stem: str) -> Path:
    """Gives a hidden temporary path in a folder: readers skip it, `remove_temp_files` clears it."""
    return folder / f".{stem}.{uuid.uuid4().hex}.tmp"


@dataclass(slots=True)
class Layout:
    """The files of one table folder: loose files by document, parts with their documents."""

    loose: dict[str, Path] = field(default_factory=dict)
    loose_stat: dict[str, tuple[int, int]] = field(default_factory=dict)  # (mtime_ns, size) if asked
    parts: dict[Path, frozenset[str]] = field(default_factory=dict)

    def part_of(self, doc_id: str) -> Path | None:
        """Gives the part holding a document, or None."""
        return next((p for p, ids in self.parts.items() if doc_id in ids), None)

    def doc_ids(self) -> set[str]:
        """Gives every document with rows in the table."""
        out = set(self.loose)
        for ids in self.parts.values():
            out |= ids
        return out

    def files(self) -> list[Path]:
        """Gives every visible file, parts first then loose files, each sorted by name."""
        return sorted(self.parts) + [self.loose[d] for d in sorted(self.loose)]


def part_doc_ids(path: Path, sig: Sig) -> frozenset[str]:
    """Gives the documents of a part, from its footer (cached while the file is unchanged)."""
    cached = _PART_DOCS.get(str(path.parent), {}).get(path.name)
    if cached is not None and cached[0] == sig:
        return cached[1]
    meta = pq.read_metadata(path).metadata or {}
    if DOC_IDS_KEY in meta:
        listed = json.loads(meta[DOC_IDS_KEY])
    else:  # a part written by hand: its doc_id column says
        listed = pq.read_table(path, columns=["doc_id"]).column(0).unique().to_pylist()
    ids = frozenset(map(sys.intern, listed))
    _PART_DOCS.setdefault(str(path.parent), {})[path.name] = (sig, ids)
    return ids


def layout(folder: Path, *, loose_stat: bool = False) -> Layout:
    """Gives the loose files and parts of a table folder (empty when it does not exist);
    with `loose_stat`, also each loose file's (mtime_ns, size), which costs a stat each."""
    out = Layout()
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return out
    seen: set[str] = set()
    for e in entries:
        name = e.name
        if name.startswith((".", "_")) or not name.endswith(".parquet"):
            continue
        if is_part(name):
            st = e.stat()
            path = Path(e.path)
            out.parts[path] = part_doc_ids(path, (st.st_ino, st.st_mtime_ns, st.st_size))
            seen.add(name)
        else:
            doc_id = name[: -len(".parquet")]
            out.loose[doc_id] = Path(e.path)
            if loose_stat:
                st = e.stat()
                out.loose_stat[doc_id] = (st.st_mtime_ns, st.st_size)
    key = str(Path(folder))  # as part_doc_ids keys it: a part's parent
    cached = _PART_DOCS.get(key)
    if cached is not None and len(cached) > len(seen):  # parts merged or emptied since
        _PART_DOCS[key] = {n: v for n, v in cached.items() if n in seen}
    return out


# A step is ("replace", temporary, final) or ("unlink", path, ""), paths relative to the root.
Step = tuple[str, str, str]


def _apply(root: Path, steps: list[Step]) -> None:
    for op, a, b in steps:
        if op == "replace":
            # Temporary names are unique, so a missing one was renamed by an earlier attempt.
            if (root / a).exists():
                os.replace(root / a, root / b)
        elif op == "unlink":
            (root / a).unlink(missing_ok=True)
        else:
            raise ValueError(f"unknown step {op!r} in {root / JOURNAL_NAME}")


def run_steps(root: Path, steps: list[Step]) -> None:
    """Records the steps in the redo log, applies them in order, then drops the log.

    Call it with every temporary file already written: from the moment the log exists the
    move is decided, and a kill anywhere after is completed by `replay`.
    """
    tmp = root / f"{JOURNAL_NAME}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps(steps))
    os.replace(tmp, root / JOURNAL_NAME)
    _apply(root, steps)
    (root / JOURNAL_NAME).unlink()


def replay(root: str | Path) -> bool:
    """Finishes a move a killed process left in the redo log; gives whether there was one."""
    path = Path(root) / JOURNAL_NAME
    try:
        steps = [tuple(s) for s in json.loads(path.read_text())]
    except FileNotFoundError:
        return False
    except ValueError:
        # A log is renamed into place whole, so an unreadable one was never decided: nothing
        # it names was touched yet (its temporary files are cleared with the others).
        path.unlink(missing_ok=True)
        return False
    _apply(Path(root), steps)  # type: ignore[arg-type]
    path.unlink(missing_ok=True)
    return True
