"""Re-extraction costs: a no-change run against the first ingest, and 2 Dask workers against 1.

    .venv/bin/python benchmarks/bench_reextract.py [--docs 500] [--pdf-copies 2] [--skip-pdf]

1. `--docs` small distinct Markdown documents (the seed guide's title and first study table,
   a line changed in each): first ingest, then a re-extraction with nothing changed, both
   in this process and through the CLI (a fresh process, as a curator or cron runs it).
2. The corpus PDFs (../shared/corpus/pdf) repeated `--pdf-copies` times, through the CLI in
   fresh processes: `--workers 1` and `--workers 2` (a local Dask cluster). Both pay Prefect's
   start-up; every worker process builds the spaCy pipeline once (~10 s).
Figures are medians of one run each on a shared machine: read the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
    done = subprocess.run([sys.executable, "-m", "litcurate.cli", *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if done.returncode not in (0, 1):
        raise SystemExit(f"litcurate {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def bench_no_change(tmp: Path, n: int) -> None:
    from litcurate.ingest import ingest, reextract

    raw = tmp / "guides"
    small_documents(raw, n)
    t = time.perf_counter()
    _warm()
    build = time.perf_counter() - t
    t = time.perf_counter()
    first = ingest([raw], tmp / "c1")
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    again = reextract([raw], tmp / "c1")
    again_s = time.perf_counter() - t
    assert len(first.processed) == n and again.processed == [] and len(again.skipped) == n
    print(f"\n{n} small documents, in process (spaCy pipeline built before: {build:.1f} s)")
    print(f"  first ingest            {first_s:7.2f} s")
    print(f"  no-change reextract     {again_s:7.2f} s   = {100 * again_s / first_s:.1f} % of the first ingest")
    print(f"  first ingest incl. pipeline build: no-change = {100 * again_s / (first_s + build):.1f} %")

    cli_first = cli("ingest", str(raw), "--curated", str(tmp / "c2"))
    cli_again = cli("reextract", str(raw), "--curated", str(tmp / "c2"))
    print(f"{n} small documents, CLI in a fresh process (Prefect flow for the first ingest)")
    print(f"  litcurate ingest        {cli_first:7.2f} s")
    print(f"  litcurate reextract     {cli_again:7.2f} s   = {100 * cli_again / cli_first:.1f} % (no Prefect start: nothing stale)")


def _warm() -> None:
    from extractors.readers import read_document
    from extractors.records import document_to_records

    doc = read_document(b"# warm\n\nBaricitinib 3 mg/kg.\n", relative_path="w.md", source_path="w.md")
    document_to_records(doc)


def bench_pdf_workers(tmp: Path, copies: int) -> None:
    raw = tmp / "pdfs"
    raw.mkdir()
    pdfs = sorted(PDFS.glob("*.pdf"))
    for c in range(copies):
        for p in pdfs:
            shutil.copy(p, raw / f"{p.stem}.{c}.pdf")
    n = len(pdfs) * copies
    times = {w: cli("reextract", str(raw), "--curated", str(tmp / f"w{w}"), "--workers", str(w)) for w in (1, 2)}
    print(f"\n{n} PDFs ({len(pdfs)} corpus PDFs x {copies}), CLI in a fresh process each")
    for w, s in times.items():
        print(f"  --workers {w}             {s:7.2f} s")
    print(f"  speed-up 2 vs 1         {times[1] / times[2]:7.2f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--pdf-copies", type=int, default=2)
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_no_change(tmp, args.docs)
        if not args.skip_pdf:
            bench_pdf_workers(tmp, args.pdf_copies)


if __name__ == "__main__":
    main()
