"""Scale: whole-table reads at 10,000 documents before and after compaction, and an ingest curve.

    .venv/bin/python benchmarks/bench_scale.py [--docs 10000] [--curve 100,1000,10000] [--lines 45] [--jobs 2]

1. Reads. The seed guide is ingested for real (`litcurate ingest`, a fresh process), and its
   extracted rows are written under `--docs` distinct document ids as `CuratedStore.write`
   writes them (its Arrow conversion, one file per document per table): the per-document
   layout a run leaves without compaction. Every table is then read
   whole with the documented one-liners, `pandas.read_parquet("curated/<table>")` and DuckDB
   `SELECT * FROM read_parquet('curated/<table>/*.parquet')`, before and after
   `CuratedStore.compact()` (what a run's writer calls after each chunk), each read's row
   count checked against the number expected (no duplicates, none missing). Also timed:
   rewriting one document of every table (the storage cost of re-extracting one document).
2. Curve. `litcurate ingest --no-prefect` (a fresh process each, end to end) of 100, 1,000
   and 10,000 small distinct Markdown documents (the seed guide's title and first lines, a
   line changed in each): wall time, time per document, the peak RSS of its largest process
   (`os.wait4`) and of the run's processes together (its own and its extraction workers',
   summed from /proc every 0.1 s). The largest run's own folder (a part per chunk and table,
   as runs leave it) is then read whole with the same one-liners, rows checked.
The machine is shared and its speed drifts: read the ratios, each measured in this run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITCURATE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed"
TABLES = [
    "documents",
    "tables",
    "cells",
    "studies",
    "outcomes",
    "potency",
    "references",
    "citations",
    "entities",
    "failures",
]
ENV = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _tree_rss_mb(pid: int) -> float:
    """Gives the RSS of a process and its children (one level: the run's worker processes)."""
    total = 0
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            pids += [int(c) for c in (task / "children").read_text().split()]
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def cli_ingest(raw: Path, curated: Path) -> tuple[float, float, float]:
    """Gives (wall seconds, peak RSS of its largest process in MB, peak RSS of the run's
    processes together in MB, sampled every 0.1 s) of `litcurate ingest` in a fresh process."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "litcurate.cli",
            "-q",
            "ingest",
            str(raw),
            "--curated",
            str(curated),
            "--no-prefect",
        ],
        env=ENV,
    )
    together = [0.0]

    def sample() -> None:
        while proc.returncode is None:
            together[0] = max(together[0], _tree_rss_mb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"litcurate ingest {raw} failed ({proc.returncode})")
    return elapsed, usage.ru_maxrss / 1024, together[0]


def _write_slice(args: tuple[str, str, int, int]) -> int:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from litcurate.storage import _to_arrow

    seed, root, start, stop = args
    # The files CuratedStore.write writes (its Arrow conversion, once per table, then the
    # doc_id column set per document): 100,000 conversions would triple the build's time.
    rows = {t: _to_arrow(t, pd.read_parquet(Path(seed) / t)) for t in TABLES if (Path(seed) / t).is_dir()}
    for table in rows:
        (Path(root) / table).mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        doc_id = f"{i:016x}"
        for table, data in rows.items():
            at = data.schema.get_field_index("doc_id")
            one = data.set_column(at, "doc_id", pa.array([doc_id] * len(data), pa.string()))
            pq.write_table(one, Path(root) / table / f"{doc_id}.parquet")
    return stop - start


def build(seed: Path, root: Path, n: int, jobs: int) -> float:
    """Writes the seed's rows under n document ids as CuratedStore does; gives the seconds."""
    step = -(-n // (jobs * 8))
    slices = [(str(seed), str(root), a, min(a + step, n)) for a in range(0, n, step)]
    t = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        assert sum(pool.map(_write_slice, slices)) == n
    return time.perf_counter() - t


def read_times(root: Path, expected: dict[str, int], repeat: int = 1) -> dict[str, tuple[float, float, int]]:
    """Gives per table (pandas seconds, DuckDB seconds, files), each the best of `repeat`
    reads (the machine is shared), every read's row count checked."""
    import duckdb
    import pandas as pd

    out = {}
    for table, n_rows in expected.items():
        folder = root / table
        t_pd = t_duck = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            df = pd.read_parquet(folder)
            t_pd = min(t_pd, time.perf_counter() - t)
            t = time.perf_counter()
            rel = duckdb.connect().sql(f"SELECT * FROM read_parquet('{folder}/*.parquet')")
            got = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()  # DuckDB 2.x, 1.x
            t_duck = min(t_duck, time.perf_counter() - t)
            if not len(df) == got.num_rows == n_rows:
                raise SystemExit(f"{table}: pandas {len(df)} rows, DuckDB {got.num_rows}, expected {n_rows}")
            del df, got
        out[table] = (t_pd, t_duck, sum(1 for f in folder.iterdir() if f.suffix == ".parquet"))
    return out


def rewrite_one(root: Path, seed: Path, doc_id: str) -> float:
    """Gives the seconds to rewrite one document's rows in every table (a re-extraction's writes)."""
    import pandas as pd

    from litcurate.storage import CuratedStore

    store = CuratedStore(root)
    rows = {t: pd.read_parquet(seed / t).assign(doc_id=doc_id) for t in TABLES if (seed / t).is_dir()}
    t = time.perf_counter()
    for table, df in rows.items():
        store.write(table, doc_id, df)
    return time.perf_counter() - t


def bench_reads(tmp: Path, n: int, jobs: int) -> None:
    from litcurate.storage import CuratedStore

    seed = tmp / "seed"
    wall, rss, _ = cli_ingest(SEED, seed)
    print(
        f"real ingest of the seed guide (litcurate ingest, fresh process): {wall:.1f} s, peak RSS {rss:.0f} MB"
    )
    expected = {t: CuratedStore(seed).read(t).shape[0] * n for t in TABLES if (seed / t).is_dir()}
    root = tmp / "scale"
    secs = build(seed, root, n, jobs)
    print(f"wrote {n} documents x {len(expected)} tables, one file each ({jobs} processes): {secs:.0f} s")
    before = read_times(root, expected)
    rw_before = rewrite_one(root, seed, f"{n // 2:016x}")
    t = time.perf_counter()
    parts = CuratedStore(root).compact()
    t_compact = time.perf_counter() - t
    after = read_times(root, expected, repeat=3)
    rw_after = rewrite_one(root, seed, f"{n // 2 + 1:016x}")
    print(f"compact(): {parts} parts written in {t_compact:.0f} s")
    print(f"\nwhole-table reads at {n} documents, seconds (before: one read of each, 90,000 files take")
    print("minutes; after: best of 3); every read's rows checked: none missing, none twice")
    print(
        f"{'table':12} {'rows':>9} | {'files':>6} {'pandas':>7} {'duckdb':>7} | {'files':>5} {'pandas':>7} {'duckdb':>7}"
    )
    for table in expected:
        (bp, bd, bf), (ap, ad, af) = before[table], after[table]
        print(
            f"{table:12} {expected[table]:>9} | {bf:>6} {bp:>7.2f} {bd:>7.2f} | {af:>5} {ap:>7.2f} {ad:>7.2f}"
        )
    worst = max(max(a[0], a[1]) for a in after.values())
    print(f"slowest read after compaction: {worst:.2f} s (target <= 2 s)")
    print(f"rewriting one document in every table: {rw_before:.2f} s loose, {rw_after:.2f} s inside parts")


def small_documents(folder: Path, n: int, n_lines: int = 45) -> None:
    """Writes n distinct short guides: the seed guide's first lines with one line changed."""
    guide = next(SEED.glob("*.md"))
    lines = guide.read_text(encoding="utf-8").splitlines()[:n_lines]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"guide{i:05d}.md").write_text("\n".join(lines) + f"\n\nVariant {i}.\n", encoding="utf-8")


def bench_curve(tmp: Path, sizes: list[int], n_lines: int) -> None:
    print(f"\ningest curve of documents of the seed's first {n_lines} lines")
    print("(litcurate ingest --no-prefect, fresh process each, its worker processes as it chooses;")
    print(" peak RSS of its largest process, and of the run's processes together)")
    print(f"{'docs':>6} {'seconds':>8} {'ms/doc':>7} {'largest MB':>11} {'together MB':>12}")
    first: tuple[float, float, float] | None = None
    for n in sizes:
        raw = tmp / f"guides{n}"
        small_documents(raw, n, n_lines)
        wall, rss, together = cli_ingest(raw, tmp / f"curated{n}")
        first = first or (wall / n, rss, together)
        print(f"{n:>6} {wall:>8.1f} {1000 * wall / n:>7.1f} {rss:>11.0f} {together:>12.0f}")
        shutil.rmtree(raw)
    if sizes:  # the layout a run itself leaves (a part a chunk), read whole with the one-liners
        from litcurate.ingest.commit import table_counts
        from litcurate.storage import CuratedStore

        root = tmp / f"curated{sizes[-1]}"
        counts = {t: c for t, c in table_counts(CuratedStore(root)).items() if c}
        reads = read_times(root, counts, repeat=3)
        table, (t_pd, t_duck, files) = max(reads.items(), key=lambda kv: max(kv[1][:2]))
        print(
            f"whole-table reads of the {sizes[-1]}-document run's own folder (best of 3, rows checked): "
            f"slowest {table} ({counts[table]} rows, {files} files): pandas {t_pd:.2f} s, "
            f"DuckDB {t_duck:.2f} s (target <= 2 s)"
        )
    if first and len(sizes) > 1:
        print(
            f"time per document at {sizes[-1]} / at {sizes[0]}: {(wall / sizes[-1]) / first[0]:.2f}; "
            f"peak RSS at {sizes[-1]} / at {sizes[0]}: largest process {rss / first[1]:.2f}, "
            f"processes together {together / first[2]:.2f} (target <= 1.2)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="documents of the read benchmark")
    ap.add_argument("--curve", default="100,1000,10000", help="ingest sizes, comma-separated ('' to skip)")
    ap.add_argument("--lines", type=int, default=45, help="lines of the seed guide in each curve document")
    ap.add_argument("--jobs", type=int, default=2, help="processes writing the read benchmark's dataset")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as d:
        tmp = Path(d)
        if args.docs:
            bench_reads(tmp, args.docs, args.jobs)
        if args.curve:
            bench_curve(tmp, [int(x) for x in args.curve.split(",")], args.lines)


if __name__ == "__main__":
    main()
