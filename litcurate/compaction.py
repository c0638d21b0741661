"""Merging loose per-document files into parts, and taking documents out of parts.

Both are moves of rows between files of one table folder, done through the redo log of
`litcurate.parts`: every new file is written under a hidden temporary name first, then the
log's steps remove the old files and rename the new ones into place. Old files go before new
ones appear, so a reader racing a move may miss the moved documents for the instant between
two renames, but never sees a document twice; a kill anywhere is completed by the next writer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from litcurate.parts import DOC_IDS_KEY, Layout, Step, is_part, layout, new_part_name, run_steps, temp_path

# A table is compacted when it has more loose files than this (so at most this many small
# files are left to read), into parts of at most PART_DOCS documents and PART_BYTES of input:
# a part is read whole when one of its documents is rewritten, so its size is the price of a
# re-extraction, and the number of parts the price of a whole-table read.
LOOSE_MAX = 256
PART_DOCS = 256
PART_BYTES = 32 << 20
SMALL_PART = PART_DOCS // 4  # parts shrunk below this by rewrites are merged again


def write_part(folder: Path, data: pa.Table) -> tuple[Path, list[str]]:
    """Writes rows of many documents to a hidden temporary part; gives its path and documents."""
    ids = sorted(set(data.column("doc_id").to_pylist()) - {None})
    data = data.replace_schema_metadata({DOC_IDS_KEY: json.dumps(ids).encode()})
    tmp = temp_path(folder, "part")
    pq.write_table(data, tmp)
    return tmp, ids


def _rel(root: Path, path: Path) -> str:
    return str(path.relative_to(root))


def take_out(root: Path, lay: Layout, doc_ids: set[str], then: list[Step] | None = None) -> None:
    """Rewrites every part holding some of the documents without them, then runs `then`.

    `then` (a loose file's rename, say) joins the same redo log, so the document's old rows
    leave their part and its new ones arrive as one decided move.
    """
    steps: list[Step] = []
    for part, ids in sorted(lay.parts.items()):
        gone = ids & doc_ids
        if not gone:
            continue
        if gone == ids:
            steps.append(("unlink", _rel(root, part), ""))
            continue
        data = pq.read_table(part).replace_schema_metadata(None)
        keep = pc.invert(pc.is_in(data.column("doc_id"), value_set=pa.array(sorted(gone), pa.string())))
        tmp, _ = write_part(part.parent, data.filter(keep))
        # Same name, replaced in one rename: the part's other documents are never absent.
        steps.append(("replace", _rel(root, tmp), _rel(root, part)))
    run_steps(root, [*steps, *(then or [])])


def _groups(lay: Layout, force: bool) -> list[list[Path]]:
    small = [p for p, ids in lay.parts.items() if len(ids) < SMALL_PART]
    due = len(lay.loose) > LOOSE_MAX or len(small) > 1
    if not due and not (force and len(lay.loose) + len(small) > 1):
        return []
    # Loose files in the order they were written: a run writes documents in its plan's order,
    # so a later re-extraction in the same order takes documents out of few parts per chunk.
    loose = sorted(lay.loose, key=lambda d: (lay.loose_stat[d][0], d))
    items = [(p, len(lay.parts[p]), p.stat().st_size) for p in sorted(small)]
    items += [(lay.loose[d], 1, lay.loose_stat[d][1]) for d in loose]
    groups: list[list[Path]] = []
    cur: list[Path] = []
    n = size = 0
    for path, docs, nbytes in items:
        if cur and (n + docs > PART_DOCS or size + nbytes > PART_BYTES):
            groups.append(cur)
            cur, n, size = [], 0, 0
        cur.append(path)
        n, size = n + docs, size + nbytes
    # A short last group of loose files waits for the next compaction, unless forced.
    if cur and (force or n >= SMALL_PART or any(is_part(p.name) for p in cur)):
        groups.append(cur)
    return [g for g in groups if len(g) > 1 or not is_part(g[0].name)]


def merge(root: Path, files: list[Path], schema: pa.Schema) -> Path:
    """Merges the files (loose files or parts of one table) into one new part; gives its path."""
    folder = files[0].parent
    # One threaded scan with the table's schema (4x faster than a read per file): a file
    # written before a column existed reads as null; columns outside the schema, which
    # `CuratedStore.read` never gave, are not carried into the part.
    data = pads.dataset([str(f) for f in files], schema=schema, format="parquet").to_table()
    tmp, _ = write_part(folder, data)
    final = folder / new_part_name()
    steps: list[Step] = [("unlink", _rel(root, f), "") for f in files]
    run_steps(root, [*steps, ("replace", _rel(root, tmp), _rel(root, final))])
    return final


def compact_table(root: Path, table: str, schema: pa.Schema, *, force: bool = False) -> int:
    """Merges a table's loose files (and shrunken parts) into parts when it has more loose
    files than `LOOSE_MAX` (or whenever there are two to merge, with `force`); gives how many
    parts it wrote."""
    groups = _groups(layout(root / table, loose_stat=True), force)
    for files in groups:
        merge(root, files, schema)
    return len(groups)
