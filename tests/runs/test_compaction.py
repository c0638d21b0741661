"""Compaction: per-document files merged into parts, read the same by the store, pandas and DuckDB,
and every state a crash can leave (mid-compaction, mid-rewrite of a document in a part)
completed by the next run."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

import litcurate.compaction as compaction
import litcurate.parts as parts
from litcurate.locking import remove_temp_files, write_pending
from litcurate.storage import CuratedStore, arrow_schema
from schemas.catalog import RECORD_TABLES

TABLES = ["documents", *RECORD_TABLES]
N_DOCS = 12


class Crash(Exception):
    """Stands for a kill: raised between two steps, with nothing cleaned up after it."""


def _ids(n: int) -> list[str]:
    return [f"{i:016x}" for i in range(n)]


@pytest.fixture()
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Thresholds scaled to a dozen documents: more than 4 loose files compact, 5 per part,
    # a last group of fewer than 3 stays loose.
    monkeypatch.setattr(compaction, "LOOSE_MAX", 4)
    monkeypatch.setattr(compaction, "PART_DOCS", 5)
    monkeypatch.setattr(compaction, "SMALL_PART", 3)


@pytest.fixture()
def seed_rows(seed_curated: tuple) -> dict[str, pd.DataFrame]:
    """The seed guide's real extracted rows, per table."""
    store, _ = seed_curated
    rows = {t: store.read(t) for t in TABLES}
    # A guide has no primary-paper rows (cohorts...): the tables it fills are the test's.
    rows = {t: df for t, df in rows.items() if not df.empty}
    assert {"studies", "outcomes", "potency", "references", "citations", "entities", "cells"} <= set(rows)
    return rows


def _fill(root: Path, rows: dict[str, pd.DataFrame], n: int = N_DOCS) -> CuratedStore:
    store = CuratedStore(root)
    for doc_id in _ids(n):
        for table, df in rows.items():
            store.write(table, doc_id, df.assign(doc_id=doc_id))
    return store


@pytest.fixture(scope="module")
def filled(seed_curated: tuple, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's rows under N_DOCS ids, each document's own loose files: written once, copied."""
    store, _ = seed_curated
    rows = {t: df for t in TABLES if not (df := store.read(t)).empty}
    root = tmp_path_factory.mktemp("filled")
    _fill(root, rows)
    return root


def _copy(filled: Path, root: Path) -> CuratedStore:
    """Gives a store of the filled documents at root (what `_fill` writes, byte for byte)."""
    shutil.copytree(filled, root, dirs_exist_ok=True)
    return CuratedStore(root)


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _as_rows(table: str, df: pd.DataFrame) -> Counter:
    data = pa.Table.from_pandas(
        df[arrow_schema(table).names], schema=arrow_schema(table), preserve_index=False
    )
    return Counter(_key(r) for r in data.to_pylist())


def one_liners(root: Path, table: str, db: duckdb.DuckDBPyConnection) -> tuple[Counter, Counter]:
    """Gives the rows of a table as `pandas.read_parquet` and DuckDB read it (as multisets)."""
    by_pandas = _as_rows(table, pd.read_parquet(root / table))
    rel = db.sql(f"SELECT * FROM read_parquet('{root / table}/*.parquet')")
    got = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()
    by_duckdb = Counter(_key(r) for r in got.select(arrow_schema(table).names).to_pylist())
    return by_pandas, by_duckdb


def assert_reads_agree(store: CuratedStore, expected: dict[str, Counter] | None = None) -> dict[str, Counter]:
    """Checks the one-liners give exactly the store's rows (and the expected ones); gives them."""
    out = {}
    with duckdb.connect() as db:  # one in-memory database for every table (~20 ms a connection)
        for table in _written(store.root):
            mine = _as_rows(table, store.read(table))
            by_pandas, by_duckdb = one_liners(store.root, table, db)
            assert by_pandas == mine, f"{table}: pandas differs from CuratedStore.read"
            assert by_duckdb == mine, f"{table}: DuckDB differs from CuratedStore.read"
            if expected is not None:
                assert mine == expected[table], f"{table}: rows differ from the expected state"
            out[table] = mine
    return out


def _written(root: Path) -> list[str]:
    # The tables the seed's rows were written to (a guide fills no primary-paper table).
    return [t for t in TABLES if (root / t).is_dir()]


def _files(root: Path, table: str) -> list[str]:
    return sorted(p.name for p in (root / table).iterdir())


def test_compaction_keeps_rows_and_the_one_liners_agree(
    tmp_path: Path, filled: Path, seed_rows, small_parts
) -> None:
    store = _copy(filled, tmp_path)
    before = assert_reads_agree(store)
    assert sum(before["entities"].values()) == N_DOCS * len(seed_rows["entities"])
    assert store.compact() > 0
    for table in _written(tmp_path):
        names = _files(tmp_path, table)
        assert sum(parts.is_part(n) for n in names) == 2, names  # 12 documents: 5 + 5, 2 left loose
        assert len(names) == 4
    assert_reads_agree(store, before)
    assert store.doc_ids("entities") == _ids(N_DOCS)
    assert store.read("entities")["doc_id"].is_monotonic_increasing, "document order, as before parts"
    # A document's rows keep their order, whether read alone or from the whole table.
    one = store.read("entities", [_ids(N_DOCS)[3]])
    assert one.drop(columns="doc_id").equals(seed_rows["entities"].drop(columns="doc_id"))


def test_reading_some_columns_gives_the_same_rows_from_parts_and_loose_files(
    tmp_path: Path, filled: Path, small_parts
) -> None:
    store = _copy(filled, tmp_path)
    store.compact()  # 12 documents: two parts and two loose files
    some = [_ids(N_DOCS)[i] for i in (0, 6, 11)]  # in the first part, the second, and loose
    for table in _written(tmp_path):
        whole = store.read(table, some)
        cols = [c for c in whole.columns if c != "doc_id"][:2]
        part = store.read(table, some, columns=cols)
        assert list(part.columns) == ["doc_id", *cols]
        pd.testing.assert_frame_equal(part, whole[["doc_id", *cols]])
    assert list(store.read("entities", ["0" * 16 + "x"], columns=["label"]).columns) == ["doc_id", "label"]


def test_rewrite_and_delete_inside_a_part(tmp_path: Path, filled: Path, seed_rows, small_parts) -> None:
    store = _copy(filled, tmp_path)
    store.compact()
    a, b = _ids(N_DOCS)[1], _ids(N_DOCS)[7]
    part_of_a = parts.layout(tmp_path / "entities").part_of(a)
    assert part_of_a is not None
    fewer = seed_rows["entities"].head(3).assign(doc_id=a)
    store.write("entities", a, fewer)  # re-extracted: three rows now
    store.delete("cells", b)
    store.write("studies", b, seed_rows["studies"].iloc[0:0])  # an empty frame deletes too
    lay = parts.layout(tmp_path / "entities")
    assert lay.part_of(a) is None and a in lay.loose, "the part was rewritten without it"
    assert len(lay.parts[part_of_a]) == 4, "its other documents stay in the same part"
    after = assert_reads_agree(store)
    assert sum(after["entities"].values()) == (N_DOCS - 1) * len(seed_rows["entities"]) + 3
    assert len(store.read("entities", [a])) == 3
    assert b not in store.doc_ids("cells") and b not in store.doc_ids("studies")
    assert sum(after["cells"].values()) == (N_DOCS - 1) * len(seed_rows["cells"])
    # Compacted again: the loose document joins a part, rows unchanged.
    store.compact(force=True)
    assert_reads_agree(store, after)
    assert store.read("cells")["doc_id"].is_monotonic_increasing


def test_pending_documents_leave_a_part_together(
    tmp_path: Path, filled: Path, seed_rows, small_parts
) -> None:
    """A chunk's documents (pending) leave their part with the first of them: one rewrite per part."""
    store = _copy(filled, tmp_path)
    store.compact()
    lay = parts.layout(tmp_path / "entities")
    part, members = next((p, sorted(ids)) for p, ids in lay.parts.items() if len(ids) == 5)
    chunk = members[:3]
    write_pending(tmp_path, chunk)
    store.write("entities", chunk[0], seed_rows["entities"].assign(doc_id=chunk[0]))
    left = parts.layout(tmp_path / "entities").parts[part]
    assert left == set(members[3:])
    inode = part.stat().st_ino
    for doc_id in chunk[1:]:
        store.write("entities", doc_id, seed_rows["entities"].assign(doc_id=doc_id))
    assert part.stat().st_ino == inode, "the part is not rewritten again for the chunk's others"
    write_pending(tmp_path, [])
    assert sum(assert_reads_agree(store)["entities"].values()) == N_DOCS * len(seed_rows["entities"])


def _crash_after(monkeypatch: pytest.MonkeyPatch, k: int | None) -> None:
    """Kills the next move after k of its steps (None: before its redo log is written)."""
    real = parts._apply

    def crashing(root: Path, steps: list) -> None:
        if k is None:
            raise Crash
        real(root, steps[:k])
        raise Crash

    if k is None:
        monkeypatch.setattr(parts, "run_steps", lambda root, steps: crashing(root, steps))
        monkeypatch.setattr(compaction, "run_steps", lambda root, steps: crashing(root, steps))
    else:
        monkeypatch.setattr(parts, "_apply", crashing)


def _next_run(root: Path) -> None:
    """What the next run does first, holding the lock (`lifecycle.begin`)."""
    remove_temp_files(root)
    leftovers = [p for p in root.rglob(".*") if p.is_file() and p.name != ".lock"]
    assert not leftovers, leftovers


# Compaction of a 5-document group is 5 unlinks then a rename; a rewrite inside a part is the
# part's replacement then the loose file's rename. Crash before the log, after each step, and
# after the last step with the log still there.
@pytest.mark.parametrize("k", [None, 0, 1, 3, 5, 6])
def test_crash_during_compaction_reads_the_same_after_the_next_run(
    tmp_path: Path, filled: Path, seed_rows, small_parts, monkeypatch: pytest.MonkeyPatch, k: int | None
) -> None:
    store = _copy(filled, tmp_path)
    before = assert_reads_agree(store)
    with monkeypatch.context() as m:
        _crash_after(m, k)
        with pytest.raises(Crash):
            store.compact()
    _next_run(tmp_path)
    assert_reads_agree(CuratedStore(tmp_path), before)
    if k is not None:  # the decided move was finished: its part is there, its files gone
        assert any(parts.is_part(n) for n in _files(tmp_path, "documents"))
    CuratedStore(tmp_path).compact()
    assert_reads_agree(CuratedStore(tmp_path), before)


@pytest.mark.parametrize("k", [None, 0, 1, 2])
@pytest.mark.parametrize("recovery", ["next run", "next write"])
def test_crash_during_a_rewrite_inside_a_part(
    tmp_path: Path,
    filled: Path,
    seed_rows,
    small_parts,
    monkeypatch: pytest.MonkeyPatch,
    k: int | None,
    recovery: str,
) -> None:
    store = _copy(filled, tmp_path)
    store.compact()
    old = assert_reads_agree(store)
    doc = _ids(N_DOCS)[2]
    assert parts.layout(tmp_path / "entities").part_of(doc) is not None
    with monkeypatch.context() as m:
        _crash_after(m, k)
        with pytest.raises(Crash):
            store.write("entities", doc, seed_rows["entities"].head(2).assign(doc_id=doc))
    if recovery == "next run":
        _next_run(tmp_path)
    else:  # another write replays the log before it touches anything
        other = _ids(N_DOCS)[0]
        CuratedStore(tmp_path).write("cells", other, seed_rows["cells"].assign(doc_id=other))
    got = assert_reads_agree(CuratedStore(tmp_path))
    n_entities = sum(got["entities"].values())
    if k is None:  # never decided: the old rows
        assert got["entities"] == old["entities"]
    else:  # decided: the new rows, completed
        assert n_entities == (N_DOCS - 1) * len(seed_rows["entities"]) + 2
    assert len(CuratedStore(tmp_path).read("entities", [doc])) == (
        len(seed_rows["entities"]) if k is None else 2
    )


_KILLER = """
import os, signal, sys
from pathlib import Path
import pandas as pd
import litcurate.compaction as compaction, litcurate.parts as parts
from litcurate.storage import CuratedStore
compaction.LOOSE_MAX, compaction.PART_DOCS, compaction.SMALL_PART = 4, 5, 3
k, what, root = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
real = parts._apply
def killed(r, steps):
    real(r, steps[:k])
    os.kill(os.getpid(), signal.SIGKILL)
parts._apply = killed
store = CuratedStore(root)
if what == "compact":
    store.compact()
else:
    doc = "0000000000000002"
    store.write("entities", doc, pd.read_parquet(root / "entities").head(2).assign(doc_id=doc))
"""


@pytest.mark.slow
@pytest.mark.parametrize(("what", "k"), [("compact", 2), ("rewrite", 1)])
def test_kill_9_mid_move_is_completed_by_the_next_run(
    tmp_path: Path, seed_rows, what: str, k: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compaction, "LOOSE_MAX", 4)
    monkeypatch.setattr(compaction, "PART_DOCS", 5)
    monkeypatch.setattr(compaction, "SMALL_PART", 3)
    store = _fill(tmp_path, seed_rows)
    if what == "rewrite":
        for doc_id in _ids(N_DOCS)[5:]:  # documents 0 to 4 in one part, 0 kept loose as a source
            store.write("entities", doc_id, seed_rows["entities"].assign(doc_id=doc_id))
        CuratedStore(tmp_path).write(
            "entities", "0000000000000000", seed_rows["entities"].assign(doc_id="0000000000000000")
        )
        compaction.compact_table(tmp_path, "entities", arrow_schema("entities"), force=True)
    before = assert_reads_agree(store)
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, str(k), what, str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (tmp_path / parts.JOURNAL_NAME).exists(), "killed with the move decided, not finished"
    _next_run(tmp_path)
    after = assert_reads_agree(CuratedStore(tmp_path))
    if what == "compact":
        assert after == before
    else:
        assert (
            sum(after["entities"].values())
            == sum(before["entities"].values()) - len(seed_rows["entities"]) + 2
        )
    assert not (tmp_path / parts.JOURNAL_NAME).exists()
