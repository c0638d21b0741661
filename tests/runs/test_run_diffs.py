"""A run's record keys are kept on disk as the run goes (`DiffLog`) and written into its run
record as they were given: tuples as lists, any text, every table, counts kept in memory."""

from __future__ import annotations

import json
from pathlib import Path

from litcurate.ingest import ingest
from litcurate.run_diffs import DiffLog
from litcurate.runs import TableDiff, read_run_records

KEYS = {
    "cells": TableDiff(added=["a1", "b2"], changed=["c\u2028d"]),
    "entities": TableDiff(added=[["doc", 3, "CHEMICAL"], ["doc", 4, 'quote " and \\ and \n']]),
    "studies": TableDiff(),
}
MORE = {"cells": TableDiff(added=["e5"], removed=["a1"]), "entities": TableDiff(), "studies": TableDiff()}


def test_a_log_on_disk_gives_back_what_it_was_given(tmp_path: Path) -> None:
    on_disk, in_memory = DiffLog(tmp_path / ".run.diff.tmp"), DiffLog()
    for log in (on_disk, in_memory):
        log.add(KEYS)
        log.add(MORE)
    assert on_disk.tables() == in_memory.tables()
    assert on_disk.tables()["cells"] == {
        "added": ["a1", "b2", "e5"],
        "removed": ["a1"],
        "changed": ["c\u2028d"],
    }
    assert on_disk.n["entities"] == {"added": 2, "removed": 0, "changed": 0}
    assert on_disk.counts() == {"added": 5, "removed": 1, "changed": 1}
    out = tmp_path / "tables.json"
    with out.open("w", encoding="utf-8") as fh:
        on_disk.write_tables(fh)
    assert json.loads(out.read_text(encoding="utf-8")) == in_memory.tables()


def test_a_run_record_lists_what_the_summary_saw_and_leaves_no_log(tmp_path: Path, seed_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / seed_path.name).write_bytes(seed_path.read_bytes())
    summary = ingest([raw], tmp_path / "curated")
    [record] = read_run_records(tmp_path / "curated")
    assert not list((tmp_path / "curated" / "runs").glob(".*"))  # the log went into the record
    assert {t: d.added for t, d in summary.tables.items()} == {
        t: d["added"] for t, d in record["tables"].items()
    }
    assert record["n"]["records_added"] == sum(len(d["added"]) for d in record["tables"].values()) > 300
