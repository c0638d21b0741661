"""The curated folder's lock: one writer at a time, stale locks of dead processes taken over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from litcurate.ingest import ingest
from litcurate.locking import (
    CuratedLockedError,
    curated_lock,
    lock_holder,
    read_pending,
    remove_temp_files,
    write_pending,
)


def test_second_lock_is_refused_with_the_holder(tmp_path: Path) -> None:
    with curated_lock(tmp_path):
        assert lock_holder(tmp_path) == os.getpid()
        with pytest.raises(CuratedLockedError, match=f"process {os.getpid()}"), curated_lock(tmp_path):
            pass
        with pytest.raises(CuratedLockedError):
            ingest([tmp_path], tmp_path)
    assert lock_holder(tmp_path) is None
    with curated_lock(tmp_path):  # released, so free again
        pass


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    (tmp_path / ".lock").write_text(dead.stdout)
    assert lock_holder(tmp_path) is None
    with curated_lock(tmp_path) as path:
        assert path.read_text().strip() == str(os.getpid())


def test_lock_held_by_another_live_process(tmp_path: Path) -> None:
    code = (
        "import sys, time; from litcurate.locking import curated_lock\n"
        f"with curated_lock({str(tmp_path)!r}):\n    print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert lock_holder(tmp_path) == holder.pid
        with pytest.raises(CuratedLockedError, match=str(holder.pid)), curated_lock(tmp_path):
            pass
        holder.kill()
        holder.wait(timeout=10)
        with curated_lock(tmp_path):  # the kernel dropped the dead holder's lock
            pass
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_pending_journal_and_temp_files(tmp_path: Path) -> None:
    write_pending(tmp_path, ["b", "a"])
    assert read_pending(tmp_path) == {"a", "b"}
    write_pending(tmp_path, [])
    assert read_pending(tmp_path) == set() and not (tmp_path / ".pending.json").exists()
    (tmp_path / "studies").mkdir()
    (tmp_path / "studies" / ".abc.123.tmp").write_bytes(b"half")
    assert remove_temp_files(tmp_path) == 1
