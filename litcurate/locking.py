"""Crash and concurrency safety of a curated folder: one writer at a time, redo after a kill.

Two pieces, both plain files inside `curated/`:

- `.lock`: held with `fcntl.flock` for the whole run by the process that writes. The kernel
  drops a flock when its holder dies (even of SIGKILL), so a stale lock of a dead process is
  taken over without guessing from pids; the pid written inside is only for the message.
- `.pending.json`: the documents a run is about to rewrite, written before the first table
  file and cleared after the last `documents` row. A run killed in between leaves it behind,
  and the next run re-extracts exactly those documents, whatever their hashes say.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from litcurate.core.errors import LitcurateError
from litcurate.parts import replay

LOCK_NAME = ".lock"
PENDING_NAME = ".pending.json"


class CuratedLockedError(LitcurateError):
    """Another litcurate process is writing the same curated folder."""

    def __init__(self, curated: Path, holder: int | None) -> None:
        self.curated, self.holder = curated, holder
        who = f"process {holder}" if holder else "another process"
        super().__init__(
            f"{curated} is being written by {who} (another ingest or reextract); "
            "wait for it to finish, then run again"
        )


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip() or 0) or None
    except (OSError, ValueError):
        return None


@contextmanager
def curated_lock(curated: str | Path) -> Iterator[Path]:
    """Holds the curated folder's write lock for the block; gives the lock file's path.

    Raises `CuratedLockedError` at once (no waiting) when a live process holds it.
    """
    root = Path(curated)
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CuratedLockedError(root, _read_pid(path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield path
        finally:
            # Empty, not removed: unlinking a flocked file lets a third process lock a new
            # inode while a second still waits on the old one.
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def lock_holder(curated: str | Path) -> int | None:
    """Gives the pid of the live process writing the folder, or None when nobody is."""
    path = Path(curated) / LOCK_NAME
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(path)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def read_pending(curated: str | Path) -> set[str]:
    """Gives the ids of documents a killed run left half-written (empty when none)."""
    path = Path(curated) / PENDING_NAME
    try:
        return set(json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return set()


def write_pending(curated: str | Path, doc_ids: Iterable[str]) -> None:
    """Records (atomically) the documents being rewritten; an empty set clears the record."""
    root = Path(curated)
    path = root / PENDING_NAME
    ids = sorted(set(doc_ids))
    if not ids:
        path.unlink(missing_ok=True)
        return
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{PENDING_NAME}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(ids))
    os.replace(tmp, path)


def remove_temp_files(curated: str | Path) -> int:
    """Finishes a move between files a killed writer left (the redo log names temporary
    files), then deletes the temporary files left in the table folders; gives how many."""
    replay(curated)
    n = 0
    for tmp in [*Path(curated).glob("*/.*.tmp"), *Path(curated).glob(".compacting.json.*.tmp")]:
        tmp.unlink(missing_ok=True)
        n += 1
    return n
