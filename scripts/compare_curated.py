"""Compares the rows of two curated folders, table by table: the check behind a refactor.

    python scripts/compare_curated.py BEFORE_DIR AFTER_DIR [--ignore COLUMN ...]

Every Parquet file of every table folder is read (whatever the catalog says today, so a
folder written by an older version reads too); timestamps (`ingested_at`, `at`) are left
out, since two runs never share them. Exit 0 when every table has the same rows, 1 otherwise,
with the first differing rows of each table printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq

VOLATILE = {"ingested_at", "at"}


def table_rows(folder: Path, ignore: set[str]) -> list[str]:
    """Gives a table's rows as sorted canonical JSON strings, without ignored columns."""
    rows = []
    for f in sorted(folder.glob("*.parquet")):
        for row in pq.read_table(f).to_pylist():
            rows.append(
                json.dumps({k: v for k, v in row.items() if k not in ignore}, sort_keys=True, default=str)
            )
    return sorted(rows)


def compare(before: Path, after: Path, ignore: set[str]) -> dict[str, tuple[int, int, list[str], list[str]]]:
    """Gives, per table that differs: row counts and the rows only before and only after."""
    names = {p.name for p in before.iterdir() if p.is_dir()} | {p.name for p in after.iterdir() if p.is_dir()}
    out = {}
    for name in sorted(names - {"runs"}):
        a, b = table_rows(before / name, ignore), table_rows(after / name, ignore)
        if a != b:
            only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            out[name] = (len(a), len(b), only_a, only_b)
    return out


def main() -> int:
    """Prints the tables whose rows differ; gives the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore", action="append", default=[], help="a column to leave out")
    args = parser.parse_args()
    diffs = compare(args.before, args.after, VOLATILE | set(args.ignore))
    for name, (n_a, n_b, only_a, only_b) in diffs.items():
        print(f"{name}: {n_a} rows before, {n_b} after; {len(only_a)} only before, {len(only_b)} only after")
        for r in only_a[:3]:
            print(f"  - {r[:300]}")
        for r in only_b[:3]:
            print(f"  + {r[:300]}")
    print("identical" if not diffs else f"{len(diffs)} table(s) differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
