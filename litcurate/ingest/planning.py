"""Planning a run: which sources are refused, duplicates, stale or unchanged, which were removed.

Planning knows the store, so it, not a reader, decides which stored document a file is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.dataset as pads

from extractors import versions
from litcurate.ingest.inputs import refusal
from litcurate.ingest.sources import Source, file_sha256
from litcurate.locking import read_pending
from litcurate.storage import CuratedStore

_INDEX_COLUMNS = ["doc_id", "source_path", "sha256", "extractor_version", "status"]


@dataclass(slots=True)
class Identity:
    """Which sources planning refuses (their id is another path's) and which duplicate another."""

    refused: list[tuple[Source, str]] = field(default_factory=list)
    accepted: list[Source] = field(default_factory=list)


def check_identity(sources: list[Source], docs: pd.DataFrame, *, replace: bool = False) -> Identity:
    """Gives the sources sorted into refused (with the reason) and accepted ones.

    A source whose id belongs to another document that still exists at its own path is
    refused, naming both paths, unless `replace`; an edited or moved file keeps its id. An
    accepted source with the same bytes as an earlier document (already stored, or earlier in
    this run) carries `duplicate_of`, so nothing downstream counts it twice.
    """
    live = docs[~docs["status"].isin(["removed", "failed", "duplicate"])]
    owner = dict(zip(live["doc_id"], live["source_path"], strict=True))
    by_sha = {s: d for d, s in zip(live["doc_id"], live["sha256"], strict=True)}
    out = Identity()
    for src in sources:
        other = owner.get(src.doc_id)
        if other and not replace and _other_file(Path(other), src.path):
            out.refused.append(
                (
                    src,
                    f"{src.path}: its id {src.doc_id} already belongs to {other}, which still "
                    "exists; ingest it from another folder layout, or pass --replace to let "
                    "this file take the id over (the other's rows and reviews go to it)",
                )
            )
            continue
        sha = file_sha256(src.path)
        first = by_sha.setdefault(sha, src.doc_id) if sha else src.doc_id
        out.accepted.append(
            dataclasses.replace(src, duplicate_of=None if first == src.doc_id else first, sha256=sha)
        )
    return out


def _other_file(stored: Path, given: Path) -> bool:
    try:
        return stored.is_file() and stored.resolve() != given.resolve()
    except OSError:
        return False


def documents_index(store: CuratedStore) -> pd.DataFrame:
    """Gives the columns of the `documents` table that planning needs, read in one pass.

    One Arrow dataset scan over the per-document files (threaded, five columns) costs
    ~0.2 s for 500 documents where reading them file by file costs ~1.6 s: the bulk of a
    re-extraction that finds nothing to do.
    """
    folder = store.table_dir("documents")
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return store.read("documents")[_INDEX_COLUMNS]
    # Files starting with "." (a killed writer's temporary files) are ignored by the scan.
    table = pads.dataset(folder, format="parquet").to_table(columns=_INDEX_COLUMNS)
    return table.to_pandas()


def plan(
    store: CuratedStore,
    sources: list[Source],
    *,
    force: bool = False,
    docs: pd.DataFrame | None = None,
    follow_symlinks: bool = False,
) -> tuple[list[Source], list[Source]]:
    """Gives (stale, unchanged): a source is unchanged when its hash and extractor match (and it
    is not refused: `follow_symlinks` as the run's settings say).

    Also stale: sources with no `documents` row (new, or a first write killed halfway),
    those a killed run left pending, and those marked removed that came back.
    """
    if force:
        return list(sources), []
    docs = documents_index(store) if docs is None else docs
    known = {
        d: (s, v)
        for d, s, v, st in zip(
            docs["doc_id"], docs["sha256"], docs["extractor_version"], docs["status"], strict=True
        )
        if st != "removed"
    }
    pending = read_pending(store.root)
    version = versions.extractor_version()
    stale, unchanged = [], []
    for src in sources:
        seen = known.get(src.doc_id)
        sha = src.sha256 if src.sha256 is not None else file_sha256(src.path)
        if (
            seen
            and src.doc_id not in pending
            and refusal(src.path, src.root, follow_symlinks=follow_symlinks) is None
            and seen == (sha, version)
        ):
            unchanged.append(src)
        else:
            stale.append(src)
    return stale, unchanged


def find_removed(
    store: CuratedStore, sources: list[Source], paths: list[Path], docs: pd.DataFrame | None = None
) -> list[str]:
    """Gives the ids of documents whose source under the scanned paths is gone.

    Only documents ingested from inside the scanned folders (or the scanned files) count, so
    re-extracting one folder never marks another folder's documents removed.
    """
    docs = documents_index(store) if docs is None else docs
    found = {s.doc_id for s in sources}
    roots = [Path(p).resolve() for p in paths]
    removed = []
    for doc_id, source_path, status in zip(docs["doc_id"], docs["source_path"], docs["status"], strict=True):
        if status == "removed" or doc_id in found:
            continue
        where = Path(source_path).resolve()
        if any(where == r or r in where.parents for r in roots):
            removed.append(doc_id)
    return sorted(removed)
