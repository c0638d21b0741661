"""Re-extraction costs: a no-change run against the first ingest, and 2 workers against 1.

    .venv/bin/python benchmarks/bench_reextract.py [--docs 500] [--pdf-copies 10] [--rounds 2] [--skip-pdf]

1. `--docs` small distinct Markdown documents (the seed guide's title and first study table,
   a line changed in each): first ingest, then a re-extraction with nothing changed, both
   in this process and through the CLI (a fresh process, as a curator or cron runs it).
2. 2 workers against 1, on the corpus PDFs (../shared/corpus/pdf) repeated `--pdf-copies`
   times, three ways: the machine's own ceiling (a pure-CPU loop in 1 and 2 processes: a
   shared virtual machine's 2 cores do not give 2x), litcurate's extraction on warm worker
   processes, and `litcurate reextract --workers 1|2` end to end in fresh processes (the
   worker processes' pipeline builds and the writes included).
The machine's speed drifts: read the ratios, each measured in this run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LITCURATE_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "baricitinib-preclinical-meta-analysis.md"
PDFS = SHARED / "corpus" / "pdf"


def small_documents(folder: Path, n: int) -> None:
    """Writes n distinct short guides: the seed's head with one line changed."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[:45]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"guide{i:04d}.md").write_text("\n".join(lines) + f"\n\nVariant {i}.\n", encoding="utf-8")


def cli(*args: str) -> float:
    """Gives the wall time of one litcurate command in a fresh process."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "litcurate.cli", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - t
    if done.returncode not in (0, 1):
        raise SystemExit(f"litcurate {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def bench_no_change(tmp: Path, n: int) -> None:
    from litcurate.ingest import ingest, reextract

    raw = tmp / "guides"
    small_documents(raw, n)
    t = time.perf_counter()
    _warm(tmp)
    build = time.perf_counter() - t
    t = time.perf_counter()
    first = ingest([raw], tmp / "c1")
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    again = reextract([raw], tmp / "c1")
    again_s = time.perf_counter() - t
    assert len(first.processed) == n and again.processed == [] and len(again.skipped) == n
    print(f"\n{n} small documents, in process (worker processes started before: {build:.1f} s)")
    print(f"  first ingest            {first_s:7.2f} s")
    print(
        f"  no-change reextract     {again_s:7.2f} s   = {100 * again_s / first_s:.1f} % of the first ingest"
    )
    print(f"  first ingest incl. pipeline build: no-change = {100 * again_s / (first_s + build):.1f} %")

    cli_first = cli("ingest", str(raw), "--curated", str(tmp / "c2"))
    cli_again = cli("reextract", str(raw), "--curated", str(tmp / "c2"))
    print(f"{n} small documents, CLI in a fresh process (worker processes started in it)")
    print(f"  litcurate ingest        {cli_first:7.2f} s")
    print(
        f"  litcurate reextract     {cli_again:7.2f} s   = {100 * cli_again / cli_first:.1f} % (no Prefect start: nothing stale)"
    )


def _warm(tmp: Path) -> None:
    """Starts this process's extraction worker processes, one per core, their pipelines built."""
    from litcurate.ingest import Source
    from litcurate.ingest.workers import extract_ordered

    n = os.cpu_count() or 1
    note = tmp / "warm.md"
    note.write_text("# warm\n\nBaricitinib 3 mg/kg.\n", encoding="utf-8")
    list(extract_ordered([Source(note, "warm.md")] * n, workers=n))


def _spin(n: int = 20_000_000) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_ceiling(rounds: int) -> float:
    """Gives what 2 processes get over 1 on this machine for pure CPU work: two loops one after
    the other in one process, then one each in 2 processes at once (median of rounds)."""
    import multiprocessing as mp

    ratios = []
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [1, 1])  # the processes are up before the clock starts
        for _ in range(rounds):
            t = time.perf_counter()
            _spin()
            _spin()
            serial = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(_spin, [20_000_000, 20_000_000])
            ratios.append(serial / (time.perf_counter() - t))
    return statistics.median(ratios)


def pool_extraction(raw: Path) -> dict[int, float]:
    """Gives the seconds litcurate's extraction of `raw` takes on 1 and 2 warm worker processes
    (`litcurate.ingest.workers`, the run's own loop), without Prefect or the writes."""
    from litcurate.ingest import discover
    from litcurate.ingest.workers import close_workers, extract_ordered

    sources = discover([raw])
    times = {}
    for w in (1, 2):
        list(extract_ordered(sources[:w], workers=w))  # the workers are up, pipelines built
        t = time.perf_counter()
        list(extract_ordered(sources, workers=w))
        times[w] = time.perf_counter() - t
        close_workers()
    return times


def bench_pdf_workers(tmp: Path, copies: int, rounds: int) -> None:
    raw = tmp / "pdfs"
    raw.mkdir()
    pdfs = sorted(PDFS.glob("*.pdf"))
    for c in range(copies):
        for p in pdfs:
            shutil.copy(p, raw / f"{p.stem}.{c}.pdf")
    n = len(pdfs) * copies
    ceiling = machine_ceiling(5)
    print(f"\n2 processes vs 1 on pure CPU work (the machine's ceiling): {ceiling:.2f} x")
    warm = pool_extraction(raw)
    print(f"{n} PDFs ({len(pdfs)} corpus PDFs x {copies}), extraction on warm worker processes, no writes")
    for w, s in warm.items():
        print(f"  {w} worker(s)             {s:7.2f} s")
    print(f"  speed-up 2 vs 1         {warm[1] / warm[2]:7.2f} x")
    # Alternating rounds: this machine's speed drifts by ±15 % over minutes.
    runs: dict[int, list[float]] = {1: [], 2: []}
    for r in range(rounds):
        for w in (1, 2):
            runs[w].append(
                cli("reextract", str(raw), "--curated", str(tmp / f"w{w}-{r}"), "--workers", str(w))
            )
    times = {w: statistics.median(v) for w, v in runs.items()}
    print(f"{n} PDFs, litcurate reextract end to end in a fresh process (median of {rounds})")
    for w, s in times.items():
        print(f"  --workers {w}             {s:7.2f} s   {' '.join(f'{x:.1f}' for x in runs[w])}")
    print(
        f"  speed-up 2 vs 1         {times[1] / times[2]:7.2f} x   "
        f"= {times[1] / times[2] / ceiling:.0%} of the machine's ceiling"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--pdf-copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--skip-no-change", action="store_true")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_no_change:
            bench_no_change(tmp, args.docs)
        if not args.skip_pdf:
            bench_pdf_workers(tmp, args.pdf_copies, args.rounds)


if __name__ == "__main__":
    main()
