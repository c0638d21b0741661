"""The files of a run: what is found under the paths given, each with its id-relative path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.document import make_doc_id, sha256_bytes
from litcurate.ingest.inputs import listable

_SKIP_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True, slots=True)
class Source:
    """A file to ingest and the folder its id is relative to."""

    path: Path
    relative_path: str
    duplicate_of: str | None = None  # set by planning: an earlier document with the same bytes
    sha256: str | None = None  # set by planning, so a file is hashed once per run
    root: Path | None = None  # the input folder it was found in (None: given as a file)

    @property
    def doc_id(self) -> str:
        """Gives the document's stable id."""
        return make_doc_id(self.relative_path)


def discover(paths: list[Path]) -> list[Source]:
    """Gives the files under the paths, each with its id-relative path, sorted."""
    sources: dict[str, Source] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                # Symlinks and special files are listed too: each is refused with a reason
                # at extraction (litcurate.ingest.inputs), never silently skipped or followed out.
                if listable(f) and f.name not in _SKIP_NAMES and not f.name.startswith("."):
                    rel = f.relative_to(p).as_posix()
                    sources[str(f)] = Source(f, rel, root=p)
        elif listable(p):
            sources[str(p)] = Source(p, p.name)
    return sorted(sources.values(), key=lambda s: s.relative_path)


def file_sha256(path: Path) -> str:
    """Gives the hex SHA-256 of a file's bytes, or "" when it cannot be read.

    Remembered per (path, size, mtime), so a run that plans before deciding how to run, and
    plans again under the lock, reads each unchanged file once.
    """
    if not path.is_file():  # a FIFO would block the read forever
        return ""
    try:
        st = path.stat()
        return _sha_of(str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        return ""


@lru_cache(maxsize=65536)
def _sha_of(path: str, size: int, mtime_ns: int) -> str:
    return sha256_bytes(Path(path).read_bytes())
