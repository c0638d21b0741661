"""Ingest of the seed guide replicated N times, as ratios against spaCy alone on the same text.

Run: `.venv/bin/python benchmarks/bench_ingest.py [--copies 200] [--no-prefect]`.

Measured in one process, in this order:
  baseline   read every file and tokenise it with spaCy blank English + sentencizer
  build      building the litcurate pipeline once (vocabularies -> phrase patterns)
  extract    read + annotate + records for every copy (plain functions, no writes)
  ingest     the whole plain ingest: extract + one batch validation + Parquet writes
  prefect    Prefect start-up (a flow run over an empty folder: the ephemeral API starts)
             and the ingest flow over the copies: one task per document, and 25 a task
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "raw" / "baricitinib-preclinical-meta-analysis.md"


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def replicate(folder: Path, copies: int) -> list[Path]:
    """Gives `copies` distinct files of the seed (a line differs, so hashes differ)."""
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for i in range(copies):
        p = folder / f"seed-{i:04d}.md"
        p.write_text(text + f"\n<!-- copy {i} -->\n", encoding="utf-8")
        paths.append(p)
    return paths


def baseline(paths: list[Path]) -> float:
    """Gives seconds to read and tokenise every file with spaCy blank en + sentencizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    start = time.perf_counter()
    n = sum(len(d) for d in nlp.pipe(p.read_text(encoding="utf-8") for p in paths))
    assert n > 0
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--no-prefect", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="litcurate-bench-"))
    raw = work / "raw"
    raw.mkdir()
    paths = replicate(raw, args.copies)
    words = len(SEED.read_text(encoding="utf-8").split()) * args.copies

    t_base = baseline(paths)

    from extractors.document import make_doc_id
    from extractors.entities.pipeline import get_pipeline
    from extractors.readers import read_document
    from extractors.records import document_to_records
    from litcurate.ingest import ingest

    t_build, _ = _timed(get_pipeline)
    t_extract, _ = _timed(
        lambda: [
            document_to_records(read_document(p.read_bytes(), doc_id=make_doc_id(p.name), source_path=str(p)))
            for p in paths
        ]
    )
    t_ingest, summary = _timed(lambda: ingest([raw], work / "curated-plain"))
    assert len(summary.processed) == args.copies and not summary.failed

    rows = [
        ("spaCy blank+sentencizer (baseline)", t_base),
        ("pipeline build (once per process)", t_build),
        ("extract (read+annotate+records)", t_extract),
        ("plain ingest (extract+validate+write)", t_ingest),
    ]
    if not args.no_prefect:
        import os

        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        from flows.ingest import run_ingest

        empty = work / "empty"
        empty.mkdir()
        t_start, _ = _timed(lambda: run_ingest([str(empty)], str(work / "curated-empty")))
        t_again, _ = _timed(lambda: run_ingest([str(empty)], str(work / "curated-empty")))
        t_flow, fsum = _timed(lambda: run_ingest([str(raw)], str(work / "curated-prefect")))
        assert len(fsum.processed) == args.copies
        t_batch, bsum = _timed(lambda: run_ingest([str(raw)], str(work / "curated-batch"), batch=25))
        assert len(bsum.processed) == args.copies
        rows += [
            ("Prefect first flow run, nothing to do (API start)", t_start),
            ("Prefect flow run, nothing to do (warm)", t_again),
            ("Prefect ingest flow (one task per document)", t_flow),
            ("Prefect ingest flow (--batch 25: 25 documents a task)", t_batch),
        ]

    print(f"\n{args.copies} copies of the seed, {words:,} words; ratios against the spaCy baseline\n")
    print(f"{'step':52} {'seconds':>9} {'x baseline':>11} {'ms/doc':>8}")
    for name, secs in rows:
        print(f"{name:52} {secs:9.2f} {secs / t_base:11.1f} {1000 * secs / args.copies:8.1f}")
    print(
        f"\nbaseline throughput: {words / t_base:,.0f} words/s; plain ingest: {words / t_ingest:,.0f} words/s"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
