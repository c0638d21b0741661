"""The record keys a run added, removed and changed, kept on disk as the run goes.

A fresh ingest adds every record it writes, ~80-365 keys a document: held in memory until the
run record is written, they grew the run's process with the number of documents (~6 KB a
small document, ~60 MB at 10,000). A `DiffLog` given a file appends each chunk's keys to it
(a line per table and kind) and keeps only the counts; the run record's `tables` are then
written from the file, a table and kind at a time, without parsing it back. Without a file
(a `commit` called on its own, a purge) the keys stay in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

KINDS = ("added", "removed", "changed")


class DiffLog:
    """Per table, the keys of the records a run added, removed and changed, and their counts."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.n: dict[str, dict[str, int]] = {}  # table -> kind -> count, tables in first-seen order
        self._memory: dict[str, dict[str, list[Any]]] = {}
        self._record: Path | None = None  # where the keys went once the log was written out

    def add(self, diff: Mapping[str, Any]) -> None:
        """Adds the keys of one chunk's diff (table -> a TableDiff or {kind: keys})."""
        lines = []
        for table, d in diff.items():
            counts = self.n.setdefault(table, dict.fromkeys(KINDS, 0))
            for kind in KINDS:
                keys = d[kind] if isinstance(d, Mapping) else getattr(d, kind)
                counts[kind] += len(keys)
                if self.path is None:
                    self._memory.setdefault(table, {k: [] for k in KINDS})[kind] += keys
                elif keys:
                    # The prefix is what `_keys_json` looks for: one table and kind a line.
                    body = json.dumps(keys, ensure_ascii=False, default=str)
                    lines.append(f"{_prefix(table, kind)}{body}}}\n")
        if lines:
            assert self.path is not None
            with self.path.open("a", encoding="utf-8") as fh:
                fh.writelines(lines)

    def counts(self) -> dict[str, int]:
        """Gives the number of records added, removed and changed over all tables."""
        return {k: sum(c[k] for c in self.n.values()) for k in KINDS}

    def tables(self) -> dict[str, dict[str, list[Any]]]:
        """Gives every table's keys by kind (read back from the file or the run record when the
        log is on disk: for tests and small runs)."""
        if self.path is None:
            return {t: self._memory.get(t, {k: [] for k in KINDS}) for t in self.n}
        if self._record is not None:
            return dict(json.loads(self._record.read_text(encoding="utf-8"))["tables"])
        return {t: {k: json.loads(self._keys_json(t, k)) for k in KINDS} for t in self.n}

    def write_tables(self, out: IO[str]) -> None:
        """Writes the `tables` object of the run record to `out`, a table and kind at a time,
        each line's keys copied as they are (never all of them in memory at once)."""
        out.write("{")
        for i, table in enumerate(self.n):
            out.write(f"{', ' if i else ''}{json.dumps(table)}: {{")
            for j, kind in enumerate(KINDS):
                out.write(f'{", " if j else ""}"{kind}": [')
                for k, items in enumerate(self._items(table, kind)):
                    out.write((", " if k else "") + items)
                out.write("]")
            out.write("}")
        out.write("}")

    def written_to(self, record: Path) -> None:
        """Says the keys are in the run record at `record` now; removes the log's file."""
        if self.path is not None:
            self._record = record
            self.path.unlink(missing_ok=True)

    def _keys_json(self, table: str, kind: str) -> str:
        """Gives one table's keys of one kind as a JSON array."""
        return "[" + ", ".join(self._items(table, kind)) + "]"

    def _items(self, table: str, kind: str) -> Iterator[str]:
        """Gives one table's keys of one kind as JSON texts of comma-separated items, a line's
        (a chunk's) at a time."""
        if self.path is None:
            keys = self._memory.get(table, {}).get(kind, [])
            if keys:
                yield json.dumps(keys, ensure_ascii=False, default=str)[1:-1]
            return
        if not self.path.exists():
            return
        prefix = _prefix(table, kind)
        with self.path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith(prefix):
                    body = line[len(prefix) + 1 : -3]  # the array's items, without `[` and `]}\n`
                    if body:
                        yield body


def _prefix(table: str, kind: str) -> str:
    return f'{{"t": {json.dumps(table)}, "k": "{kind}", "v": '
