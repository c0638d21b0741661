"""Which inputs a run may read: regular files inside the folders it was given.

A symlink that resolves outside its input folder is refused (unless `--follow-symlinks`, passed
down as `RunSettings.follow_symlinks`): its target's text would otherwise end up in the dataset
and the review app, and a run as root could read any file on the machine. FIFOs, sockets
and devices are refused always: reading one blocks forever or never ends. Refused inputs
are still listed by discovery, so each becomes a failed document with its reason, never a
silent skip.
"""

from __future__ import annotations

import stat
from pathlib import Path


def listable(path: Path) -> bool:
    """Gives whether discovery lists the path: a file, a symlink (even broken) or a special
    file; not a folder."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode):
        return not path.is_dir()
    return not stat.S_ISDIR(st.st_mode)


def refusal(path: Path, root: Path | None, *, follow_symlinks: bool = False) -> str | None:
    """Gives why the input may not be read (a sentence), or None when it may; `follow_symlinks`
    lets a symlink lead outside `root`."""
    try:
        target = path.resolve(strict=True)
        st = target.stat()
    except (OSError, RuntimeError) as exc:
        return f"cannot be opened ({type(exc).__name__}: a broken or looping symlink, or gone)"
    if root is not None and not follow_symlinks:
        base = root.resolve()
        if target != base and base not in target.parents:
            return (
                f"resolves to {target}, outside the input folder {root}; refused "
                "(pass --follow-symlinks to read it)"
            )
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a FIFO, socket or device); refused"
    return None
